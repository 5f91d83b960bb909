package io.expansion.playbook.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The soak against time, in four panels: heap after GC, RSS and the engine log's retained bytes;
 * the signal backlog; signal-to-first-action p50 / p99 per sample interval (target line); journeys
 * started and signals sent. Plain Java2D, headless, drawn like {@link ResultChart}.
 */
final class SoakChart {

  private static final int W = 1200;
  private static final int H = 900;
  private static final int PW = W / 2;
  private static final int PH = H / 2;
  private static final int LEFT = 80;
  private static final int TOP = 50;
  private static final int BOTTOM = 70;

  private record Series(String name, Color color, ToDoubleFunction<SoakDriver.Sample> value) {}

  private SoakChart() {}

  static void write(String title, SoakDriver.Result soak, double targetP99Ms, Path file)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(Color.BLACK);
    g.drawString(title, 20, 20);
    List<SoakDriver.Sample> s = soak.samples();
    panel(
        g,
        0,
        0,
        "Memory, MiB",
        s,
        Double.NaN,
        List.of(
            new Series("heap after GC", new Color(0x1f77b4), SoakDriver.Sample::heapAfterGcMib),
            new Series("RSS", new Color(0x7f7f7f), SoakDriver.Sample::rssMib),
            new Series("engine log", new Color(0x9467bd), SoakDriver.Sample::logRetainedMib)));
    panel(
        g,
        PW,
        0,
        "Signal backlog (accepted, not yet routed)",
        s,
        Double.NaN,
        List.of(new Series("backlog", new Color(0xff7f0e), x -> x.backlog())));
    panel(
        g,
        0,
        PH,
        "Signal → first action, ms (per sample)",
        s,
        targetP99Ms,
        List.of(
            new Series("p50", new Color(0x2ca02c), SoakDriver.Sample::p50Ms),
            new Series("p99", new Color(0xd62728), SoakDriver.Sample::p99Ms)));
    panel(
        g,
        PW,
        PH,
        "Signals sent, journeys (cumulative)",
        s,
        Double.NaN,
        List.of(
            new Series("sent", new Color(0x7f7f7f), x -> x.sent()),
            new Series("journeys started", new Color(0x1f77b4), x -> x.journeysStarted()),
            new Series("journeys in app", new Color(0x2ca02c), x -> x.journeysInApp()),
            new Series("throttled (429)", new Color(0xd62728), x -> x.throttled())));
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static void panel(
      Graphics2D g,
      int x0,
      int y0,
      String title,
      List<SoakDriver.Sample> samples,
      double target,
      List<Series> series) {
    int left = x0 + LEFT;
    int right = x0 + PW - 30;
    int top = y0 + TOP;
    int bottom = y0 + PH - BOTTOM;
    double maxT = samples.isEmpty() ? 1 : Math.max(1, samples.getLast().seconds());
    double max = Double.isNaN(target) ? 1 : target * 1.2;
    for (SoakDriver.Sample sample : samples) {
      for (Series s : series) {
        double v = s.value().applyAsDouble(sample);
        if (!Double.isNaN(v)) {
          max = Math.max(max, v * 1.1);
        }
      }
    }
    g.setColor(Color.BLACK);
    g.drawString(title, left, top - 20);
    g.drawLine(left, top, left, bottom);
    g.drawLine(left, bottom, right, bottom);
    for (int i = 0; i <= 5; i++) {
      double v = max * i / 5;
      int y = y(v, max, top, bottom);
      g.setColor(new Color(0xdddddd));
      g.drawLine(left + 1, y, right, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.0f", v), x0 + 15, y + 4);
      int x = left + (int) Math.round((right - left) * i / 5.0);
      g.drawString(String.format(Locale.ROOT, "%.0f s", maxT * i / 5), x - 12, bottom + 16);
    }
    if (!Double.isNaN(target)) {
      g.setColor(Color.RED);
      g.setStroke(
          new BasicStroke(
              1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
      int ty = y(target, max, top, bottom);
      g.drawLine(left, ty, right, ty);
      g.drawString(String.format(Locale.ROOT, "target %.0f", target), right - 90, ty - 4);
    }
    g.setStroke(new BasicStroke(2));
    int legend = 0;
    for (Series s : series) {
      g.setColor(s.color());
      int prevX = -1;
      int prevY = -1;
      for (SoakDriver.Sample sample : samples) {
        double v = s.value().applyAsDouble(sample);
        if (Double.isNaN(v)) {
          prevX = -1;
          continue;
        }
        int x = left + (int) Math.round((right - left) * sample.seconds() / maxT);
        int y = y(v, max, top, bottom);
        if (prevX >= 0) {
          g.drawLine(prevX, prevY, x, y);
        }
        prevX = x;
        prevY = y;
      }
      g.fillRect(left + 10 + legend, bottom + 32, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(s.name(), left + 26 + legend, bottom + 43);
      legend += 130;
    }
  }

  private static int y(double v, double max, int top, int bottom) {
    return bottom - (int) Math.round(Math.max(0, v) / max * (bottom - top));
  }
}
