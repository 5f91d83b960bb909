package io.expansion.playbook.models;

import java.time.OffsetDateTime;

/**
 * One stored version of a model or form.
 *
 * @param kind {@code BPMN}, {@code DMN} or {@code FORM}
 * @param resourceId the process id, the decision requirements (definitions) id or the form id
 * @param engineKey the definition key the running engine gave this version, or null when the
 *     running engine does not hold it
 */
public record ModelVersion(
    String kind,
    String resourceId,
    int version,
    String resourceName,
    String content,
    String hash,
    OffsetDateTime deployedAt,
    String deployedBy,
    Long engineKey) {

  public static final String BPMN = "BPMN";
  public static final String DMN = "DMN";
  public static final String FORM = "FORM";

  /** The kind of a file, by its name. */
  public static String kindOf(String fileName) {
    if (fileName.endsWith(".bpmn")) {
      return BPMN;
    }
    if (fileName.endsWith(".dmn")) {
      return DMN;
    }
    if (fileName.endsWith(".form")) {
      return FORM;
    }
    return null;
  }

  /** The ids of a BPMN version's flow elements. */
  public java.util.Set<String> elementIds() {
    if (!BPMN.equals(kind)) {
      return java.util.Set.of();
    }
    return ModelDiff.bpmn(
            ModelFacts.bpmn(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .keySet();
  }

  /** The media type a version's content is served as. */
  public String mediaType() {
    return FORM.equals(kind) ? "application/json" : "application/xml";
  }
}
