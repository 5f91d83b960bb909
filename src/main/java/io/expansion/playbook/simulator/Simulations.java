package io.expansion.playbook.simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * Runs a plan: for each setting, a context of its own ({@link SimulationContexts}) on the same
 * sampled book and seed, driven day by day, then closed. Used by the API and the command line.
 */
final class Simulations {

  private Simulations() {}

  /**
   * @param progress hears (setting index, days done) as the run goes
   */
  static List<SimulationResult> run(
      String runId,
      SimulationPlan plan,
      SimulationProperties properties,
      BiConsumer<Integer, Integer> progress) {
    Resource book = new DefaultResourceLoader().getResource(properties.bookPath());
    Path sample = SampledBook.write(book, plan.accountShare(), plan.seed());
    List<SimulationResult> results = new ArrayList<>();
    try {
      for (int i = 0; i < plan.settings().size(); i++) {
        String setting = plan.settings().get(i);
        int index = i;
        ConfigurableApplicationContext context =
            SimulationContexts.open(
                runId + "-" + i, properties, properties.overrides(setting), sample);
        try {
          results.add(
              context
                  .getBean(SimulationDriver.class)
                  .run(setting, plan.days(), plan.seed(), day -> progress.accept(index, day)));
        } finally {
          SpringApplication.exit(context);
        }
      }
    } finally {
      sample.toFile().delete();
    }
    return results;
  }
}
