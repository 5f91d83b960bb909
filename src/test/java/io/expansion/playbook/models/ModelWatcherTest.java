package io.expansion.playbook.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.expansion.playbook.ExpansionPlaybookApplication;
import io.expansion.playbook.journeys.ExpansionJourney;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dev mode: a model saved in the models folder is deployed as a new version; a saved file that
 * fails validation is not.
 */
class ModelWatcherTest {

  @TempDir Path models;

  @Test
  void aSavedModelIsDeployedThroughTheValidation() throws IOException {
    try (var files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.toList()) {
        Files.copy(file, models.resolve(file.getFileName()));
      }
    }
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(ExpansionPlaybookApplication.class)
            .run(
                "--spring.datasource.url=jdbc:h2:mem:watch-"
                    + UUID.randomUUID()
                    + ";DB_CLOSE_DELAY=-1",
                "--expansion.engine.models-dir=" + models,
                "--expansion.models.watch=true",
                "--expansion.engine.embedded-port=0",
                "--expansion.demo.load-book=false",
                "--expansion.plays.renewal.plan-on-startup=false",
                "--server.port=0")) {
      ModelVersions versions = app.getBean(ModelVersions.class);
      Path journey = models.resolve(ExpansionJourney.PROCESS_ID + ".bpmn");
      String xml = Files.readString(journey, StandardCharsets.UTF_8);

      Files.writeString(
          journey,
          xml.replace("type=\"journey-checkpoint\"", "type=\"no-such-worker\""),
          StandardCharsets.UTF_8);
      Path renewal = models.resolve("renewal.bpmn");
      Files.writeString(
          renewal,
          Files.readString(renewal)
              .replace("90 days before renewal", "Ninety days before renewal"));
      // the valid save after the invalid one shows the watcher has handled both
      await().atMost(Duration.ofSeconds(20)).until(() -> versions.versions("renewal").size() == 2);
      assertThat(versions.versions(ExpansionJourney.PROCESS_ID)).hasSize(1);

      Files.writeString(
          journey, xml.replace("Wait for signal", "Wait for a signal"), StandardCharsets.UTF_8);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> versions.versions(ExpansionJourney.PROCESS_ID).size() == 2);
      assertThat(versions.latest(ModelVersion.BPMN, ExpansionJourney.PROCESS_ID).orElseThrow())
          .extracting(ModelVersion::deployedBy)
          .isEqualTo("watch");
    }
  }
}
