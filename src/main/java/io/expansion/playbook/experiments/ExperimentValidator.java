package io.expansion.playbook.experiments;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a new experiment must follow; {@link #problems} names every one it breaks. */
final class ExperimentValidator {

  static final int MAX_WINDOW_DAYS = 365;
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{2,59}");
  private static final Pattern ARM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private ExperimentValidator() {}

  /**
   * Problems with the request, in words; empty when it may be stored.
   *
   * @param offerCodes active catalog offers (for the offer step)
   * @param others stored experiments (for overlap on the same step)
   */
  static List<String> problems(
      NewExperiment e, OffsetDateTime startsAt, Set<String> offerCodes, List<Experiment> others) {
    List<String> problems = new ArrayList<>();
    if (e.key() == null || !KEY.matcher(e.key()).matches()) {
      problems.add("key '" + e.key() + "' must be 3 to 60 lower-case letters, digits and dashes");
    }
    if (e.hypothesis() == null || e.hypothesis().isBlank()) {
      problems.add("hypothesis is required");
    } else if (e.hypothesis().length() > 2000) {
      problems.add("hypothesis is longer than 2000 characters");
    }
    Optional<ExperimentStep> step = step(e, problems);
    arms(e, step, offerCodes, problems);
    if (e.primaryMetric() != null && Metric.primary(e.primaryMetric()).isEmpty()) {
      problems.add(
          "unknown primary metric '"
              + e.primaryMetric()
              + "', expected one of "
              + Metric.primaryCodes());
    }
    if (e.windowDays() != null && (e.windowDays() < 1 || e.windowDays() > MAX_WINDOW_DAYS)) {
      problems.add("windowDays " + e.windowDays() + " must be 1 to " + MAX_WINDOW_DAYS);
    }
    for (String g : e.guardrails() == null ? List.<String>of() : e.guardrails()) {
      if (Metric.guardrail(g).isEmpty()) {
        problems.add(
            "unknown guardrail metric '" + g + "', expected one of " + Metric.guardrailCodes());
      }
    }
    if (e.endsAt() != null && !e.endsAt().isAfter(startsAt)) {
      problems.add("endsAt " + e.endsAt() + " must be after startsAt " + startsAt);
    } else if (step.isPresent()) {
      overlap(e, startsAt, others).ifPresent(problems::add);
    }
    return problems;
  }

  private static Optional<ExperimentStep> step(NewExperiment e, List<String> problems) {
    if (e.play() == null || !ExperimentStep.plays().contains(e.play())) {
      problems.add("unknown play '" + e.play() + "', experiments vary " + ExperimentStep.plays());
      return Optional.empty();
    }
    Optional<ExperimentStep> step = ExperimentStep.of(e.play(), e.step());
    if (step.isEmpty()) {
      problems.add(
          "unknown step '"
              + e.step()
              + "' of play "
              + e.play()
              + ", expected one of "
              + ExperimentStep.codes(e.play()));
    }
    return step;
  }

  private static void arms(
      NewExperiment e,
      Optional<ExperimentStep> step,
      Set<String> offerCodes,
      List<String> problems) {
    List<Arm> arms = e.arms() == null ? List.of() : e.arms();
    if (arms.size() < 2) {
      problems.add("arms: at least two (one control and a variant), got " + arms.size());
      return;
    }
    long controls = arms.stream().filter(Arm::control).count();
    if (controls != 1) {
      problems.add("arms: exactly one must be the control, got " + controls);
    }
    Set<String> names = new HashSet<>();
    BigDecimal sum = BigDecimal.ZERO;
    for (Arm arm : arms) {
      String label = "arm '" + arm.name() + "'";
      if (arm.name() == null || !ARM.matcher(arm.name()).matches()) {
        problems.add(label + ": name must be 1 to 40 lower-case letters, digits, - or _");
      } else if (!names.add(arm.name())) {
        problems.add(label + " is named twice");
      }
      if (arm.weight() == null || arm.weight().signum() <= 0 || arm.weight().scale() > 2) {
        problems.add(label + ": weight must be a positive per cent with at most two decimals");
      } else {
        sum = sum.add(arm.weight());
      }
      if (arm.control() && arm.value() != null) {
        problems.add(label + " is the control: it keeps the current behaviour and has no value");
      }
      if (!arm.control() && step.isPresent()) {
        step.get().refuse(arm.value(), offerCodes).ifPresent(p -> problems.add(label + ": " + p));
      }
    }
    if (sum.compareTo(HUNDRED) != 0) {
      problems.add(
          "arms: weights must sum to 100 %, got "
              + sum.stripTrailingZeros().toPlainString()
              + " %");
    }
  }

  private static Optional<String> overlap(
      NewExperiment e, OffsetDateTime startsAt, List<Experiment> others) {
    for (Experiment other : others) {
      if (!other.play().equals(e.play()) || !other.step().equals(e.step())) {
        continue;
      }
      OffsetDateTime otherEnd = other.effectiveEnd();
      boolean startsBeforeOtherEnds = otherEnd == null || startsAt.isBefore(otherEnd);
      boolean endsAfterOtherStarts = e.endsAt() == null || e.endsAt().isAfter(other.startsAt());
      if (startsBeforeOtherEnds && endsAfterOtherStarts && !other.key().equals(e.key())) {
        return Optional.of(
            "overlaps experiment '"
                + other.key()
                + "' on step "
                + e.play()
                + "/"
                + e.step()
                + " ("
                + other.startsAt()
                + " to "
                + (otherEnd == null ? "open end" : otherEnd)
                + ")");
      }
    }
    return Optional.empty();
  }
}
