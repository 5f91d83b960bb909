package io.expansion.playbook.engine.diagram;

import io.expansion.playbook.engine.diagram.DiagramGeometry.Edge;
import io.expansion.playbook.engine.diagram.DiagramGeometry.Point;
import io.expansion.playbook.engine.diagram.DiagramGeometry.Rect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The layout rules of README "Diagrams": each method returns the violations it finds, one readable
 * line each, so a failing test names the element to move.
 */
final class DiagramRules {

  /** Two flows may share a line up to this length (a corner or an arrow head), no longer. */
  static final double MAX_SHARED_LINE = 15;

  /**
   * The figures the issue quotes: pairs of flows sharing a line longer than 15 px (all of them, and
   * those of them that only merge into one target point or fan out of one source point), and flows
   * drawn through a shape.
   */
  record Figures(int overlappingPairs, int mergeOrFanOutPairs, int flowsThroughShapes) {}

  private DiagramRules() {}

  static List<String> missingDi(DiagramGeometry g) {
    List<String> missing = new ArrayList<>();
    g.flowNodes().stream().filter(id -> !g.shapes().containsKey(id)).forEach(missing::add);
    g.flows().keySet().stream().filter(id -> !g.edges().containsKey(id)).forEach(missing::add);
    g.namedWithExternalLabel().stream()
        .filter(id -> !g.labels().containsKey(id))
        .map(id -> id + " (label bounds)")
        .forEach(missing::add);
    return missing;
  }

  static List<String> notOrthogonal(DiagramGeometry g) {
    List<String> found = new ArrayList<>();
    for (Edge e : g.edges().values()) {
      for (Point[] s : e.segments()) {
        if (s[0].x() != s[1].x() && s[0].y() != s[1].y()) {
          found.add(e.id() + " " + s[0] + " -> " + s[1]);
        }
      }
    }
    return found;
  }

  static List<String> flowsThroughShapes(DiagramGeometry g) {
    List<String> found = new ArrayList<>();
    for (Edge e : g.edges().values()) {
      for (Map.Entry<String, Rect> shape : g.shapes().entrySet()) {
        String id = shape.getKey();
        if (id.equals(e.source()) || id.equals(e.target())) {
          continue;
        }
        if (e.segments().stream().anyMatch(s -> shape.getValue().crossedBy(s[0], s[1]))) {
          found.add(e.id() + " runs through " + id);
        }
      }
    }
    return found;
  }

  /**
   * Pairs of flows drawn on one line for more than 15 px. A pair is excused only if both flows end
   * at the same point of the same target (a merge into one arrow) or leave the same point of the
   * same source (a fan-out of a gateway with more outgoing flows than free corners).
   */
  static List<String> sharedLines(DiagramGeometry g, boolean includeExcused) {
    List<String> found = new ArrayList<>();
    List<Edge> edges = List.copyOf(g.edges().values());
    for (int i = 0; i < edges.size(); i++) {
      for (int j = i + 1; j < edges.size(); j++) {
        Edge a = edges.get(i), b = edges.get(j);
        double shared = sharedLength(a, b);
        if (shared > MAX_SHARED_LINE && (includeExcused || !mergeOrFanOut(a, b))) {
          found.add("%s and %s share %.0f px".formatted(a.id(), b.id(), shared));
        }
      }
    }
    return found;
  }

  static boolean mergeOrFanOut(Edge a, Edge b) {
    return (a.target().equals(b.target()) && a.last().equals(b.last()))
        || (a.source().equals(b.source()) && a.first().equals(b.first()));
  }

  static double sharedLength(Edge a, Edge b) {
    double longest = 0;
    for (Point[] s : a.segments()) {
      for (Point[] t : b.segments()) {
        longest = Math.max(longest, collinearOverlap(s, t));
      }
    }
    return longest;
  }

  private static double collinearOverlap(Point[] s, Point[] t) {
    if (s[0].y() == s[1].y() && t[0].y() == t[1].y() && s[0].y() == t[0].y()) {
      return overlap(s[0].x(), s[1].x(), t[0].x(), t[1].x());
    }
    if (s[0].x() == s[1].x() && t[0].x() == t[1].x() && s[0].x() == t[0].x()) {
      return overlap(s[0].y(), s[1].y(), t[0].y(), t[1].y());
    }
    return 0;
  }

  private static double overlap(double a1, double a2, double b1, double b2) {
    return Math.min(Math.max(a1, a2), Math.max(b1, b2))
        - Math.max(Math.min(a1, a2), Math.min(b1, b2));
  }

  static List<String> labelsOverShapesOrLabels(DiagramGeometry g) {
    List<String> found = new ArrayList<>();
    List<Map.Entry<String, Rect>> labels = List.copyOf(g.labels().entrySet());
    for (Map.Entry<String, Rect> label : labels) {
      g.shapes().entrySet().stream()
          .filter(shape -> shape.getValue().intersects(label.getValue()))
          .forEach(shape -> found.add("label of " + label.getKey() + " over " + shape.getKey()));
    }
    for (int i = 0; i < labels.size(); i++) {
      for (int j = i + 1; j < labels.size(); j++) {
        if (labels.get(i).getValue().intersects(labels.get(j).getValue())) {
          found.add(
              "label of " + labels.get(i).getKey() + " over label of " + labels.get(j).getKey());
        }
      }
    }
    return found;
  }

  /**
   * The happy path: its elements share one centre line and follow each other left to right, each
   * joined to the next by a straight horizontal flow.
   */
  static List<String> happyPath(DiagramGeometry g, List<String> path) {
    List<String> found = new ArrayList<>();
    double y = g.shapes().get(path.getFirst()).centerY();
    for (int i = 0; i < path.size(); i++) {
      Rect r = g.shapes().get(path.get(i));
      if (Math.abs(r.centerY() - y) > 0.5) {
        found.add(path.get(i) + " is off the happy path's line y=" + y);
      }
      if (i == 0) {
        continue;
      }
      String from = path.get(i - 1), to = path.get(i);
      Edge flow =
          g.edges().values().stream()
              .filter(e -> e.source().equals(from) && e.target().equals(to))
              .findFirst()
              .orElse(null);
      if (flow == null) {
        found.add("no flow from " + from + " to " + to);
      } else if (flow.points().size() != 2
          || flow.first().y() != flow.last().y()
          || flow.first().x() >= flow.last().x()) {
        found.add(flow.id() + " is not a straight line left to right");
      }
    }
    return found;
  }

  static Figures figures(DiagramGeometry g) {
    List<String> all = sharedLines(g, true);
    int unexcused = sharedLines(g, false).size();
    return new Figures(all.size(), all.size() - unexcused, flowsThroughShapes(g).size());
  }
}
