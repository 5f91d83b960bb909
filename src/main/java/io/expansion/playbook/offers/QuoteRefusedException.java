package io.expansion.playbook.offers;

import java.util.List;
import java.util.stream.Collectors;

/** A quote that would break at least one guardrail; nothing was stored but the decision row. */
public class QuoteRefusedException extends RuntimeException {

  private final transient List<GuardrailViolation> violations;

  public QuoteRefusedException(List<GuardrailViolation> violations) {
    super(
        "Quote refused by guardrail "
            + violations.stream()
                .map(GuardrailViolation::describe)
                .collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<GuardrailViolation> violations() {
    return violations;
  }

  /** The first guardrail broken. */
  public Guardrail guardrail() {
    return violations.getFirst().guardrail();
  }
}
