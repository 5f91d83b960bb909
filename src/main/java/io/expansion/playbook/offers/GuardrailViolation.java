package io.expansion.playbook.offers;

/**
 * Why a quote may not be created: the guardrail, its limit and the value that was asked for.
 *
 * @param limit the limit as text (e.g. {@code 20.0% (segment high-potential)}), or the rule
 * @param requested what the quote asked for (e.g. {@code 25.0%})
 */
public record GuardrailViolation(
    Guardrail guardrail, String limit, String requested, String message) {

  /** One line naming the guardrail, the limit and the requested value. */
  public String describe() {
    return guardrail.id() + ": " + message + " (limit " + limit + ", requested " + requested + ")";
  }
}
