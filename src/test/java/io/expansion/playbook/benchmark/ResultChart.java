package io.expansion.playbook.benchmark;

import io.expansion.playbook.benchmark.BenchmarkResults.Book;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * A PNG with two panels against book size: automated journeys per second (app, with the run spread,
 * and the bare engine) and signal-to-first-action latency p50 / p95 / p99, each with its target
 * line. Plain Java2D, headless.
 */
final class ResultChart {

  private static final int W = 1200;
  private static final int H = 520;
  private static final int PANEL = W / 2;
  private static final int LEFT = 70;
  private static final int TOP = 50;
  private static final int BOTTOM = 80;

  private ResultChart() {}

  static void write(BenchmarkResults results, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Book> books =
        results.books().stream().sorted(Comparator.comparingInt(Book::accounts)).toList();
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    double bare = results.bare().settledJourneysPerSecond().mean();
    double bareSd = results.bare().settledJourneysPerSecond().stddev();
    panel(
        g,
        0,
        "Journeys / s (mean ± sd), same mix",
        books,
        100,
        "target 100/s",
        List.of(
            new Series(
                "app",
                new Color(0x1f77b4),
                b -> b.settledJourneysPerSecond().mean(),
                b -> b.settledJourneysPerSecond().stddev()),
            new Series(
                "app, automated",
                new Color(0xaec7e8),
                b -> b.automatedJourneysPerSecond().mean(),
                b -> b.automatedJourneysPerSecond().stddev()),
            new Series("bare engine", new Color(0x7f7f7f), b -> bare, b -> bareSd)));
    panel(
        g,
        PANEL,
        "Signal → first action latency, ms",
        books,
        250,
        "target p99 250 ms",
        List.of(
            new Series("p50", new Color(0x2ca02c), b -> b.latencyP50Ms().mean(), b -> 0),
            new Series("p95", new Color(0xff7f0e), b -> b.latencyP95Ms().mean(), b -> 0),
            new Series(
                "p99",
                new Color(0xd62728),
                b -> b.latencyP99Ms().mean(),
                b -> b.latencyP99Ms().stddev())));
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private record Series(
      String name, Color color, ToDoubleFunction<Book> value, ToDoubleFunction<Book> spread) {}

  private static void panel(
      Graphics2D g,
      int x0,
      String title,
      List<Book> books,
      double target,
      String targetLabel,
      List<Series> series) {
    int left = x0 + LEFT;
    int right = x0 + PANEL - 30;
    int bottom = H - BOTTOM;
    double max = target * 1.2;
    for (Book b : books) {
      for (Series s : series) {
        double v = s.value().applyAsDouble(b) + s.spread().applyAsDouble(b);
        if (!Double.isNaN(v)) {
          max = Math.max(max, v * 1.1);
        }
      }
    }
    g.setColor(Color.BLACK);
    g.drawString(title, left, TOP - 20);
    g.drawLine(left, TOP, left, bottom);
    g.drawLine(left, bottom, right, bottom);
    for (int i = 0; i <= 5; i++) {
      double v = max * i / 5;
      int y = y(v, max, bottom);
      g.setColor(new Color(0xdddddd));
      g.drawLine(left + 1, y, right, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.0f", v), x0 + 20, y + 4);
    }
    int n = books.size();
    int[] xs = new int[n];
    for (int i = 0; i < n; i++) {
      xs[i] = n == 1 ? (left + right) / 2 : left + 40 + i * (right - left - 80) / (n - 1);
      Book b = books.get(i);
      g.drawString(b.book() + " (" + b.accounts() + ")", xs[i] - 30, bottom + 18);
    }
    g.setColor(Color.RED);
    g.setStroke(
        new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
    int ty = y(target, max, bottom);
    g.drawLine(left, ty, right, ty);
    g.drawString(targetLabel, right - 120, ty - 4);
    g.setStroke(new BasicStroke(2));
    int legend = 0;
    for (Series s : series) {
      g.setColor(s.color());
      int prevX = -1;
      int prevY = -1;
      for (int i = 0; i < n; i++) {
        double v = s.value().applyAsDouble(books.get(i));
        if (Double.isNaN(v)) {
          prevX = -1;
          continue;
        }
        int y = y(v, max, bottom);
        g.fillOval(xs[i] - 4, y - 4, 8, 8);
        double sd = s.spread().applyAsDouble(books.get(i));
        if (sd > 0 && !Double.isNaN(sd)) {
          g.drawLine(xs[i], y(v - sd, max, bottom), xs[i], y(v + sd, max, bottom));
        }
        if (prevX >= 0) {
          g.drawLine(prevX, prevY, xs[i], y);
        }
        prevX = xs[i];
        prevY = y;
      }
      g.fillRect(left + 10 + legend, bottom + 40, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(s.name(), left + 26 + legend, bottom + 51);
      legend += 110;
    }
  }

  private static int y(double v, double max, int bottom) {
    return bottom - (int) Math.round(Math.max(0, v) / max * (bottom - TOP));
  }
}
