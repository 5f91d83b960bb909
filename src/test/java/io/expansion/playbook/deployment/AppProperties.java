package io.expansion.playbook.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the app reads from its environment: the properties Spring Boot binds (from every
 * configuration-metadata file on the classpath and the app's own YAML keys), under the environment
 * names relaxed binding accepts, and the variables the Camunda Java client reads itself.
 */
final class AppProperties {

  private AppProperties() {}

  /** The name Spring Boot's relaxed binding accepts from the environment for a property. */
  static String envForm(String property) {
    return property
        .replace("[", "_")
        .replace("]", "")
        .replace(".", "_")
        .replace("-", "")
        .toUpperCase();
  }

  static Set<String> metadataProperties() throws IOException {
    Set<String> names = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String file :
        List.of(
            "META-INF/spring-configuration-metadata.json",
            "META-INF/additional-spring-configuration-metadata.json")) {
      for (URL url : Collections.list(AppProperties.class.getClassLoader().getResources(file))) {
        try (InputStream in = url.openStream()) {
          json.readTree(in).path("properties").forEach(p -> names.add(p.path("name").asText()));
        }
      }
    }
    return names;
  }

  static Set<String> camundaClientEnvironmentVariables() {
    Set<String> names = new TreeSet<>();
    try {
      Class<?> variables =
          Class.forName("io.camunda.client.impl.CamundaClientEnvironmentVariables");
      for (var field : variables.getFields()) {
        if (field.getType() == String.class) {
          names.add((String) field.get(null));
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("The Camunda client's environment variables", e);
    }
    return names;
  }

  static void flatten(String prefix, JsonNode node, Set<String> into) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e ->
                  flatten(
                      prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                      e.getValue(),
                      into));
    } else {
      into.add(prefix);
    }
  }
}
