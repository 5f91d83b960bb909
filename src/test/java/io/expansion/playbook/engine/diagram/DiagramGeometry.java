package io.expansion.playbook.engine.diagram;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Group;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnLabel;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The geometry of a model's diagram interchange (BPMNDI): shapes, edges with their waypoints, and
 * labels, read with the Zeebe BPMN model API. {@link DiagramRules} checks the layout rules on it.
 */
record DiagramGeometry(
    Map<String, Rect> shapes,
    Map<String, Rect> groups,
    Map<String, Edge> edges,
    Map<String, Rect> labels,
    List<String> flowNodes,
    Map<String, SequenceFlow> flows,
    List<String> namedWithExternalLabel) {

  record Point(double x, double y) {}

  record Rect(double x, double y, double w, double h) {
    boolean intersects(Rect o) {
      return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }

    /**
     * True if the segment runs through the inside of this rectangle (touching the border is not).
     */
    boolean crossedBy(Point a, Point b) {
      double loX = Math.min(a.x, b.x), hiX = Math.max(a.x, b.x);
      double loY = Math.min(a.y, b.y), hiY = Math.max(a.y, b.y);
      return loX < x + w - 1 && hiX > x + 1 && loY < y + h - 1 && hiY > y + 1;
    }

    double centerX() {
      return x + w / 2;
    }

    double centerY() {
      return y + h / 2;
    }
  }

  record Edge(String id, String source, String target, List<Point> points) {
    List<Point[]> segments() {
      List<Point[]> segments = new ArrayList<>();
      for (int i = 1; i < points.size(); i++) {
        segments.add(new Point[] {points.get(i - 1), points.get(i)});
      }
      return segments;
    }

    Point first() {
      return points.getFirst();
    }

    Point last() {
      return points.getLast();
    }
  }

  static DiagramGeometry of(BpmnModelInstance model) {
    Map<String, Rect> shapes = new LinkedHashMap<>();
    Map<String, Rect> groups = new LinkedHashMap<>();
    Map<String, Rect> labels = new LinkedHashMap<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      BaseElement element = shape.getBpmnElement();
      Rect bounds = rect(shape.getBounds());
      if (element instanceof Group) {
        groups.put(element.getId(), bounds);
      } else {
        shapes.put(element.getId(), bounds);
      }
      label(shape.getBpmnLabel()).ifPresent(r -> labels.put(element.getId(), r));
    }
    Map<String, Edge> edges = new LinkedHashMap<>();
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      if (edge.getBpmnElement() instanceof SequenceFlow flow) {
        List<Point> points =
            edge.getWaypoints().stream().map(w -> new Point(w.getX(), w.getY())).toList();
        edges.put(
            flow.getId(),
            new Edge(flow.getId(), flow.getSource().getId(), flow.getTarget().getId(), points));
        label(edge.getBpmnLabel()).ifPresent(r -> labels.put(flow.getId(), r));
      }
    }
    List<String> nodes = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      nodes.add(node.getId());
      boolean internalLabel = node instanceof Activity;
      if (!internalLabel && node.getName() != null && !node.getName().isBlank()) {
        named.add(node.getId());
      }
    }
    Map<String, SequenceFlow> flows = new LinkedHashMap<>();
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      flows.put(flow.getId(), flow);
      if (flow.getName() != null && !flow.getName().isBlank()) {
        named.add(flow.getId());
      }
    }
    return new DiagramGeometry(shapes, groups, edges, labels, nodes, flows, named);
  }

  private static Optional<Rect> label(BpmnLabel label) {
    if (label == null || label.getBounds() == null) {
      return Optional.empty();
    }
    return Optional.of(rect(label.getBounds()));
  }

  private static Rect rect(Bounds b) {
    return new Rect(b.getX(), b.getY(), b.getWidth(), b.getHeight());
  }
}
