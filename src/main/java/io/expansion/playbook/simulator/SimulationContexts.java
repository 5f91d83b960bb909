package io.expansion.playbook.simulator;

import io.expansion.playbook.ExpansionPlaybookApplication;
import io.expansion.playbook.engine.EmbeddedEngineConfiguration;
import io.expansion.playbook.engine.EngineClock;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a simulation's own application context: the whole app with its own in-memory H2 database,
 * its own embedded engine on a free port with the clock pinned at the first simulated day, the app
 * clock following the engine's ({@link EngineClock}), the simulated book as the demo book, emails
 * kept in the local mailbox (no SMTP host, no webhook), no nightly schedules, and the HTTP port on
 * loopback, free. The setting's overrides come last.
 */
final class SimulationContexts {

  /** Set in a simulation's own context only. */
  static final String CHILD = "expansion.simulator.child";

  private SimulationContexts() {}

  static ConfigurableApplicationContext open(
      String runId, SimulationProperties properties, Map<String, String> overrides, Path book) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(CHILD, "true");
    p.put("spring.datasource.url", "jdbc:h2:mem:simulation-" + runId + ";DB_CLOSE_DELAY=-1");
    p.put("spring.datasource.username", "sa");
    p.put("spring.datasource.password", "");
    p.put("expansion.engine.runtime", "embedded");
    p.put("expansion.engine.embedded-port", "0");
    p.put(
        EmbeddedEngineConfiguration.PINNED_CLOCK,
        properties.startDate().minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC).toString());
    p.put("expansion.clock", EngineClock.SOURCE);
    p.put("expansion.experiments.global-holdout.share", String.valueOf(properties.holdoutShare()));
    p.put("expansion.demo.load-book", "true");
    p.put("expansion.demo.book-path", book.toUri().toString());
    p.put("expansion.demo.mapping", properties.mapping());
    p.put("expansion.book.rescore-cron", "-");
    p.put("expansion.plays.renewal.plan-cron", "-");
    p.put("expansion.scoring.calibrate", "false");
    p.put("expansion.delivery.relay.poll-interval", "PT0.05S");
    p.put("expansion.delivery.webhook.url", "");
    p.put("spring.mail.host", "");
    p.put("server.port", "0");
    p.put("server.address", "127.0.0.1");
    p.put("spring.main.banner-mode", "off");
    p.put("spring.jmx.enabled", "false");
    p.putAll(overrides);
    List<String> args = new ArrayList<>();
    p.forEach((key, value) -> args.add("--" + key + "=" + value));
    return new SpringApplicationBuilder(ExpansionPlaybookApplication.class)
        .profiles()
        .run(args.toArray(String[]::new));
  }
}
