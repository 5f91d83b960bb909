package io.expansion.playbook.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.TestConstructor;

/**
 * The workspace end to end in headless Chromium: {@code src/main/frontend/e2e/workspace.e2e.mjs}
 * (playwright-core, Debian's {@code chromium} package) against this app on the embedded engine — a
 * CSM works an account's tasks from the queue, the manager approves the discount, the account's
 * plan and timeline change, leadership reads the dashboard and the heatmap; screenshots land in
 * {@code target/e2e-screenshots}. Skipped with {@code -Dfrontend.skip=true}, on the PostgreSQL run,
 * and — outside CI — when the browser is missing (with CI=true a missing browser fails).
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class WorkspaceBrowserTest extends JourneyTestBase {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceBrowserTest.class);
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path FRONTEND = Path.of("src/main/frontend");
  private static final String CSM = "csm-08";

  private final int port;

  WorkspaceBrowserTest(ApplicationContext context, @LocalServerPort int port) {
    super(context);
    this.port = port;
  }

  @Test
  void aCsmAManagerAndLeadershipDoTheWalkThroughInTheBrowser() throws Exception {
    assumeTrue(!Boolean.getBoolean("frontend.skip"), "front end not built (-Dfrontend.skip=true)");
    assumeTrue(
        !"postgres".equals(System.getProperty("expansion.test.database")),
        "the browser walk-through runs once, on H2");
    assumeTrue(
        new ClassPathResource("static/index.html").exists()
            && Files.isDirectory(FRONTEND.resolve("node_modules/playwright-core")),
        "front end not built: run the Maven build without -Dfrontend.skip");
    if (!Files.isExecutable(CHROMIUM)) {
      String message =
          "No browser at "
              + CHROMIUM
              + ": install Debian's chromium package (apt-get install -y chromium)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(message + " (CI=true: failing)");
      }
      assumeTrue(false, message);
    }

    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    fixtures.inDaytime(account, Instant.now());
    jdbc.sql("UPDATE accounts SET owner_csm = ? WHERE id = ?").params(CSM, account).update();
    String journey = signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();
    assertThat(journey).isNotNull();

    Path shots = Path.of("target/e2e-screenshots").toAbsolutePath();
    if (Files.isDirectory(shots)) {
      try (var old = Files.list(shots)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    }
    Path log = Path.of("target/e2e-browser.log").toAbsolutePath();
    ProcessBuilder node =
        new ProcessBuilder(List.of("node", "e2e/workspace.e2e.mjs"))
            .directory(FRONTEND.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    node.environment()
        .putAll(
            Map.of(
                "BASE_URL",
                "http://localhost:" + port,
                "ACCOUNT_ID",
                account,
                "CSM_USER",
                CSM,
                "SHOTS",
                shots.toString(),
                "CHROMIUM",
                CHROMIUM.toString()));
    Process run = node.start();
    boolean finished = run.waitFor(4, TimeUnit.MINUTES);
    if (!finished) {
      run.destroyForcibly();
    }
    String output = read(log);
    LOG.info("Browser walk-through:\n{}", output);
    assertThat(finished).as("the walk-through finished within 4 minutes").isTrue();
    assertThat(run.exitValue()).as(output).isZero();

    assertThat(accounts.findById(account).orElseThrow().planTier()).isEqualTo("fiber");
    assertThat(completed(journey))
        .containsSubsequence(
            ExpansionJourney.CSM_OUTREACH,
            ExpansionJourney.PROVE_VALUE,
            ExpansionJourney.APPROVE_DISCOUNT,
            "Task_Provision");
    assertThat(decision(account, "outcome").outcome()).isEqualTo("accepted");
    for (String page :
        List.of("login", "queue", "task-form", "inbox", "approvals", "task-form-error", "account"))
      assertThat(shots.resolve(page + ".png")).isNotEmptyFile();
    assertThat(shots.resolve("dashboard.png")).isNotEmptyFile();
    assertThat(shots.resolve("heatmap.png")).isNotEmptyFile();
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }
}
