package io.expansion.playbook.experiments;

import io.expansion.playbook.consent.ContactPolicy;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The steps an experiment can vary, each with the play it belongs to, the key of the journey's
 * {@code variant} variable that carries an arm's value, and the values an arm may take.
 */
public enum ExperimentStep {
  /** The offer touch's channel: chosen by the arm when the contact policy allows it. */
  TOUCH_CHANNEL("expansion", "touch-channel", "touchChannel"),
  /** The largest discount the quote step may give, in per cent (below the guardrails' own cap). */
  DISCOUNT_CAP("expansion", "discount-cap", "discountCapPct"),
  /**
   * Value proof before the price ({@code before-price}) or straight to the quote ({@code skip}).
   */
  VALUE_PROOF("expansion", "value-proof", "valueProof"),
  /** Which offer: the arm's offer when the account is eligible for it, else the best one. */
  OFFER("expansion", "offer", "offerCode");

  public static final String BEFORE_PRICE = "before-price";
  public static final String SKIP = "skip";

  private final String play;
  private final String code;
  private final String variable;

  ExperimentStep(String play, String code, String variable) {
    this.play = play;
    this.code = code;
    this.variable = variable;
  }

  public String play() {
    return play;
  }

  public String code() {
    return code;
  }

  /** The key of the journey's {@code variant} context that carries the arm's value. */
  public String variable() {
    return variable;
  }

  public static Optional<ExperimentStep> of(String play, String code) {
    return Arrays.stream(values())
        .filter(s -> s.play.equals(play) && s.code.equals(code))
        .findFirst();
  }

  public static List<String> codes(String play) {
    return Arrays.stream(values()).filter(s -> s.play.equals(play)).map(s -> s.code).toList();
  }

  public static Set<String> plays() {
    return Set.of("expansion");
  }

  /** Why the value is not one this step takes, or empty when it is. */
  public Optional<String> refuse(String value, Set<String> offerCodes) {
    if (value == null || value.isBlank()) {
      return Optional.of("needs a value for step " + code);
    }
    return switch (this) {
      case TOUCH_CHANNEL ->
          ContactPolicy.OFFER_CHANNELS.contains(value)
              ? Optional.empty()
              : Optional.of(
                  "value '" + value + "' is not a channel: one of " + ContactPolicy.OFFER_CHANNELS);
      case DISCOUNT_CAP -> refuseDiscount(value);
      case VALUE_PROOF ->
          BEFORE_PRICE.equals(value) || SKIP.equals(value)
              ? Optional.empty()
              : Optional.of(
                  "value '" + value + "' must be '" + BEFORE_PRICE + "' or '" + SKIP + "'");
      case OFFER ->
          offerCodes.contains(value)
              ? Optional.empty()
              : Optional.of("value '" + value + "' is not an active offer of the catalog");
    };
  }

  /** The value as the {@code variant} variable carries it (a number for the discount cap). */
  public Object variableValue(String value) {
    return this == DISCOUNT_CAP ? new BigDecimal(value) : value;
  }

  private static Optional<String> refuseDiscount(String value) {
    try {
      BigDecimal pct = new BigDecimal(value);
      return pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0
          ? Optional.of("discount cap " + value + " must be 0 to 100 (per cent)")
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.of("discount cap '" + value + "' is not a number (per cent)");
    }
  }
}
