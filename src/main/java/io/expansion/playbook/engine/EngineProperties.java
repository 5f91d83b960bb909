package io.expansion.playbook.engine;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which runtime runs the processes and where the models come from.
 *
 * @param runtime {@code embedded} (in-process Zeebe engine, the default) or {@code camunda} (a real
 *     cluster configured through the {@code camunda.client.*} properties)
 * @param embeddedPort gRPC port of the embedded engine; 0 picks a free port
 * @param modelsDir folder with the BPMN and DMN files; when absent, the copies packaged in the jar
 * @param formsDir folder with the Camunda Forms; when absent, the copies packaged in the jar
 * @param embeddedStateStore where the embedded engine keeps its state: {@code rocksdb} (default;
 *     Zeebe's own store, off the heap in a temporary folder) or {@code in-memory} (the test
 *     engine's maps, slower the more journeys wait)
 * @param embeddedRecordStream whether the embedded engine's record stream can be read from the
 *     start (tests asserting on records); off in the app, whose engine log then releases what the
 *     engine has processed, so the heap stays flat
 */
@ConfigurationProperties("expansion.engine")
public record EngineProperties(
    @DefaultValue("embedded") String runtime,
    @DefaultValue("26500") int embeddedPort,
    @DefaultValue("bpmn") Path modelsDir,
    @DefaultValue("forms") Path formsDir,
    @DefaultValue("rocksdb") EmbeddedZeebeEngine.StateStore embeddedStateStore,
    @DefaultValue("false") boolean embeddedRecordStream) {

  public static final String EMBEDDED = "embedded";
  public static final String CAMUNDA = "camunda";

  public boolean embedded() {
    return EMBEDDED.equals(runtime);
  }
}
