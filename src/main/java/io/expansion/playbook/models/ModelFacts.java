package io.expansion.playbook.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.expansion.playbook.engine.ModelResources.ModelFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads what the versions need from a model file: its resource id and decision ids. */
final class ModelFacts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelFacts() {}

  /** The process id, decision requirements id or form id; empty when the file is unreadable. */
  static Optional<String> resourceId(ModelFile file) {
    try {
      return switch (String.valueOf(ModelVersion.kindOf(file.name()))) {
        case ModelVersion.BPMN ->
            bpmn(file.content()).getModelElementsByType(Process.class).stream()
                .map(Process::getId)
                .findFirst();
        case ModelVersion.DMN ->
            Optional.of(xml(file.content()).getDocumentElement().getAttribute("id"));
        case ModelVersion.FORM -> Optional.ofNullable(form(file.content()).path("id").textValue());
        default -> Optional.empty();
      };
    } catch (RuntimeException | IOException e) {
      return Optional.empty();
    }
  }

  static BpmnModelInstance bpmn(byte[] content) {
    return Bpmn.readModelFromStream(new ByteArrayInputStream(content));
  }

  static JsonNode form(byte[] content) throws IOException {
    return JSON.readTree(content);
  }

  /** A namespace-aware DOM of an XML file (DMN, or BPMN for checks the model API hides). */
  static Document xml(byte[] content) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(content));
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The ids of the decisions a DMN file defines. */
  static List<String> decisionIds(Document dmn) {
    List<String> ids = new ArrayList<>();
    NodeList decisions = dmn.getElementsByTagNameNS("*", "decision");
    for (int i = 0; i < decisions.getLength(); i++) {
      ids.add(((Element) decisions.item(i)).getAttribute("id"));
    }
    return ids;
  }
}
