package io.expansion.playbook.simulator;

import io.expansion.playbook.web.ApiException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The simulator's command line ({@code ./mvnw -Psimulate}, README "Simulator"): {@code --days},
 * {@code --seed}, {@code --share}, {@code --settings=a,b}. Runs the plan as POST /api/simulations
 * would, logs the report and exits (1 when the run failed, 2 for bad input).
 */
public final class SimulationMain {

  private static final Logger LOG = LoggerFactory.getLogger(SimulationMain.class);

  private SimulationMain() {}

  /** Only binds {@code expansion.simulator.*} from application.yml; no app, no engine. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SimulationProperties.class)
  static class Settings {}

  public static void main(String[] args) {
    int status;
    try (ConfigurableApplicationContext settings =
        new SpringApplicationBuilder(Settings.class)
            .web(WebApplicationType.NONE)
            .logStartupInfo(false)
            .run(args)) {
      SimulationProperties properties = settings.getBean(SimulationProperties.class);
      status = run(new DefaultApplicationArguments(args), properties);
    }
    System.exit(status);
  }

  private static int run(ApplicationArguments args, SimulationProperties properties) {
    SimulationPlan plan;
    try {
      plan =
          SimulationPlan.of(
              new SimulationRequest(
                  value(args, "days") == null ? null : Integer.valueOf(value(args, "days")),
                  value(args, "seed") == null ? null : Long.valueOf(value(args, "seed")),
                  value(args, "share") == null ? null : Double.valueOf(value(args, "share")),
                  value(args, "settings") == null
                      ? null
                      : Arrays.asList(value(args, "settings").split(","))),
              properties);
    } catch (ApiException | NumberFormatException e) {
      LOG.error("Bad simulation input: {}", e.getMessage());
      return 2;
    }
    try {
      long started = System.nanoTime();
      List<SimulationResult> results =
          Simulations.run(
              "cli",
              plan,
              properties,
              (setting, day) -> {
                if (day % 10 == 0) {
                  LOG.info(
                      "simulated {} of {} days ({})",
                      day,
                      plan.days(),
                      plan.settings().get(setting));
                }
              });
      String report = SimulationReport.format(plan, results);
      LOG.info(
          "{}\nTotal wall time {} s",
          report,
          "%.1f".formatted((System.nanoTime() - started) / 1e9));
      return 0;
    } catch (RuntimeException e) {
      LOG.error("Simulation failed: {}", e.getMessage(), e);
      return 1;
    }
  }

  private static String value(ApplicationArguments args, String name) {
    List<String> values = args.getOptionValues(name);
    return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
  }
}
