package io.expansion.playbook.simulator;

import io.expansion.playbook.tasks.FormCatalog;
import io.expansion.playbook.tasks.TaskService;
import io.expansion.playbook.tasks.UserTask;
import io.expansion.playbook.web.ApiException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated CSMs and managers: each open task is done 0 to 2 days after it was created (manager
 * tasks a day later than CSM tasks), with the form's answers filled by a policy: a choice field
 * takes its first value (approve, go ahead) three times in four, another value otherwise; required
 * text says it was simulated. A field that records the customer's answer to the CSM (outreach,
 * value proof) is the customer's: the {@link ResponseModel} with the arm's planted effect. A
 * completion a guardrail refuses leaves the task for the next day.
 */
final class Staff {

  private static final Logger LOG = LoggerFactory.getLogger(Staff.class);

  /** The fields holding the customer's answer: positive, negative and silent values. */
  private static final Map<String, List<String>> CUSTOMER_FIELDS =
      Map.of(
          "outreachResult", List.of("interested", "declined", "not-reached"),
          "customerResponse", List.of("interested", "declined", "not-now"));

  private final TaskService tasks;
  private final FormCatalog forms;
  private final ResponseModel responses;
  private final ExperimentSeam experiments;
  private final String experimentKey;
  private final long seed;
  private long completed;
  private long refused;

  Staff(
      TaskService tasks,
      FormCatalog forms,
      ResponseModel responses,
      ExperimentSeam experiments,
      String experimentKey,
      long seed) {
    this.tasks = tasks;
    this.forms = forms;
    this.responses = responses;
    this.experiments = experiments;
    this.experimentKey = experimentKey;
    this.seed = seed;
  }

  /** Completes the tasks due by {@code today}; returns how many. */
  int work(LocalDate today, int day, Map<String, SimulatedAccount> accounts) {
    List<UserTask> open =
        tasks.open(null, null, null).stream()
            .filter(UserTask::ready)
            .sorted(
                Comparator.comparing(UserTask::accountId)
                    .thenComparing(UserTask::elementId)
                    .thenComparing(UserTask::createdAt))
            .toList();
    int done = 0;
    for (UserTask task : open) {
      LocalDate created = task.createdAt().atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
      SplittableRandom rng =
          new SplittableRandom(
              Buckets.seed(seed, task.accountId(), "task", task.elementId(), created.toString()));
      boolean manager = task.candidateGroups().stream().anyMatch(g -> g.contains("manager"));
      int delay = rng.nextInt(3) + (manager ? 1 : 0);
      if (created.plusDays(delay).isAfter(today)) {
        continue;
      }
      try {
        tasks.complete(task.id(), answers(task, accounts.get(task.accountId()), rng));
        completed++;
        done++;
      } catch (ApiException e) {
        refused++;
        LOG.debug("Task {} not completed on day {}: {}", task.id(), day, e.getMessage());
      }
    }
    return done;
  }

  private Map<String, Object> answers(
      UserTask task, SimulatedAccount account, SplittableRandom rng) {
    Map<String, Object> answers = new LinkedHashMap<>();
    if (task.formId() == null) {
      return answers;
    }
    for (FormCatalog.Field field : forms.fields(task.formId())) {
      List<String> values = field.allowedValues();
      List<String> customer = CUSTOMER_FIELDS.get(field.key());
      if (customer != null && account != null && values.containsAll(customer)) {
        boolean variant =
            ExperimentSeam.VARIANT.equals(experiments.arm(experimentKey, account.id()));
        answers.put(field.key(), customer.get(responses.toCsm(account, variant, rng)));
      } else if (!values.isEmpty()) {
        int pick =
            values.size() == 1 || rng.nextDouble() < 0.75 ? 0 : 1 + rng.nextInt(values.size() - 1);
        answers.put(field.key(), values.get(pick));
      } else if (field.required()) {
        answers.put(field.key(), "simulated");
      }
    }
    return answers;
  }

  long completed() {
    return completed;
  }

  long refused() {
    return refused;
  }
}
