package io.expansion.playbook.segmentation;

import io.camunda.zeebe.dmn.DecisionEngine;
import io.camunda.zeebe.dmn.DecisionEngineFactory;
import io.camunda.zeebe.dmn.DecisionEvaluationResult;
import io.camunda.zeebe.dmn.ParsedDecisionRequirementsGraph;
import io.camunda.zeebe.dmn.impl.VariablesContext;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.expansion.playbook.engine.ModelResources;
import io.expansion.playbook.engine.ModelResources.ModelFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The deployed {@code segmentation.dmn}, evaluated in-process by Zeebe's own DMN engine (the
 * library the broker evaluates {@code Rule_Segment} with), for scoring the whole book without a
 * round trip per account. {@link #reload()} reads the file the engine was given again. Each thread
 * evaluates with an engine of its own; as the decision reads nothing but the four scores (0..100
 * each), every result is kept per combination until the file changes.
 */
@Component
public class SegmentationDecision {

  /** The file and decision id the journeys call. */
  public static final String FILE = "segmentation.dmn";

  public static final String DECISION_ID = "segmentation";

  private static final int MAX_REMEMBERED = 1 << 20;

  private final ModelResources resources;
  private volatile Loaded loaded;

  public SegmentationDecision(ModelResources resources) {
    this.resources = resources;
    this.loaded = load();
  }

  /** A segment and the rule's rationale. */
  public record Segment(String segment, String rationale) {}

  /** One version of the file: an engine per thread and the results so far. */
  private record Loaded(
      String hash,
      List<String> segments,
      ThreadLocal<Evaluator> evaluators,
      Map<Integer, Segment> results) {}

  private record Evaluator(DecisionEngine engine, ParsedDecisionRequirementsGraph graph) {}

  /** Reads the deployed file again; returns whether its content changed. */
  public synchronized boolean reload() {
    Loaded fresh = load();
    boolean changed = !fresh.hash().equals(loaded.hash());
    loaded = fresh;
    return changed;
  }

  /** SHA-256 (hex, first 16 bytes) of the decision file in use. */
  public String hash() {
    return loaded.hash();
  }

  /** The segments the decision can return (its output values), in the file's order. */
  public List<String> segments() {
    return loaded.segments();
  }

  /** Evaluates the decision for the four scores, exactly as the journey's business rule task. */
  public Segment evaluate(int health, int valueScore, int usageScore, int intentScore) {
    Loaded current = loaded;
    boolean inRange =
        within(health) && within(valueScore) && within(usageScore) && within(intentScore);
    if (!inRange) {
      return evaluate(current, health, valueScore, usageScore, intentScore);
    }
    int key = ((health * 101 + valueScore) * 101 + usageScore) * 101 + intentScore;
    Segment known = current.results().get(key);
    if (known != null) {
      return known;
    }
    Segment segment = evaluate(current, health, valueScore, usageScore, intentScore);
    if (current.results().size() < MAX_REMEMBERED) {
      current.results().put(key, segment);
    }
    return segment;
  }

  private static Segment evaluate(
      Loaded loaded, int health, int valueScore, int usageScore, int intentScore) {
    Map<String, Object> scores = new HashMap<>();
    scores.put("health", health);
    scores.put("valueScore", valueScore);
    scores.put("usageScore", usageScore);
    scores.put("intentScore", intentScore);
    Evaluator evaluator = loaded.evaluators().get();
    DecisionEvaluationResult result =
        evaluator
            .engine()
            .evaluateDecisionById(
                evaluator.graph(), DECISION_ID, new VariablesContext(Map.of("scores", scores)));
    if (result.isFailure()) {
      throw new IllegalStateException(FILE + " failed: " + result.getFailureMessage());
    }
    Map<String, Object> output = MsgPackConverter.convertToMap(result.getOutput());
    Object segment = output.get("segment");
    if (segment == null) {
      throw new IllegalStateException(FILE + " returned no segment for " + scores);
    }
    Object rationale = output.get("rationale");
    return new Segment(
        segment.toString(), rationale == null ? "segment " + segment : rationale.toString());
  }

  private static boolean within(int score) {
    return score >= 0 && score <= 100;
  }

  private Loaded load() {
    ModelFile file =
        resources.models().stream()
            .filter(f -> FILE.equals(f.name()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No " + FILE + " among the models"));
    byte[] content = file.content();
    parse(content);
    return new Loaded(
        hash(content),
        outputValues(content),
        ThreadLocal.withInitial(() -> parse(content)),
        new ConcurrentHashMap<>());
  }

  private static Evaluator parse(byte[] content) {
    DecisionEngine engine = DecisionEngineFactory.createDecisionEngine();
    ParsedDecisionRequirementsGraph graph = engine.parse(new ByteArrayInputStream(content));
    if (!graph.isValid()) {
      throw new IllegalStateException(FILE + " is invalid: " + graph.getFailureMessage());
    }
    return new Evaluator(engine, graph);
  }

  /** The {@code outputValues} of the output named {@code segment} (a list of FEEL strings). */
  private static List<String> outputValues(byte[] dmn) {
    List<String> values = new ArrayList<>();
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      NodeList outputs =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(dmn))
              .getElementsByTagNameNS("*", "output");
      for (int i = 0; i < outputs.getLength(); i++) {
        Element output = (Element) outputs.item(i);
        NodeList allowed = output.getElementsByTagNameNS("*", "outputValues");
        if ("segment".equals(output.getAttribute("name")) && allowed.getLength() > 0) {
          for (String value : allowed.item(0).getTextContent().split(",")) {
            String v = value.trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
              values.add(v.substring(1, v.length() - 1));
            }
          }
        }
      }
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException(FILE + " is not readable XML: " + e.getMessage(), e);
    }
    if (values.isEmpty()) {
      throw new IllegalStateException(FILE + " lists no output values for 'segment'");
    }
    return List.copyOf(values);
  }

  private static String hash(byte[] content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
