package io.expansion.playbook.experiments;

import io.expansion.playbook.support.JourneyTestBase;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Experiments run on a database of their own (a running experiment changes every expansion journey,
 * which other suites must not see), with a global holdout of 20 %. Each test stops the experiments
 * it started.
 */
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:experiments;DB_CLOSE_DELAY=-1",
      "expansion.experiments.global-holdout.share=0.2"
    })
abstract class ExperimentsTestBase extends JourneyTestBase {

  protected final ExperimentService experiments;
  protected final GlobalHoldout holdout;

  ExperimentsTestBase(ApplicationContext context) {
    super(context);
    this.experiments = context.getBean(ExperimentService.class);
    this.holdout = context.getBean(GlobalHoldout.class);
  }

  @AfterEach
  void stopRunningExperiments() {
    experiments.list().stream()
        .filter(e -> Experiment.RUNNING.equals(e.status()))
        .forEach(e -> experiments.stop(e.key()));
  }

  /** A 50/50 experiment on the expansion step, running from now. */
  protected Experiment fiftyFifty(String key, String step, String value) {
    return experiments.create(
        new NewExperiment(
            key,
            "The variant earns more expansion MRR per account",
            "expansion",
            step,
            List.of(
                new Arm("control", new BigDecimal("50"), true, null),
                new Arm("variant", new BigDecimal("50"), false, value)),
            null,
            30,
            null,
            null,
            null));
  }

  /** A new healthy account the predicate accepts (e.g. in the variant arm, held out or not). */
  protected String healthyAccountWhere(Predicate<String> wanted) {
    for (int i = 0; i < 200; i++) {
      String account =
          fixtures.healthyAccount(io.expansion.playbook.support.Fixtures.allChannels(true));
      if (wanted.test(account)) {
        return account;
      }
    }
    throw new AssertionError("No account in 200 matched");
  }

  /** Whether the hash puts the account in the holdout (20 % here) — before anything is stored. */
  protected static boolean hashedIntoHoldout(String account) {
    return Bucketing.bucket("global-holdout", account) < 2000;
  }

  /** Whether the hash puts the account into the experiment's non-control arm. */
  protected static boolean inVariant(Experiment e, String account) {
    return !Bucketing.arm(e.arms(), Bucketing.bucket(e.salt(), account)).control();
  }
}
