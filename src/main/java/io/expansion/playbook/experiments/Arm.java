package io.expansion.playbook.experiments;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An arm of an experiment.
 *
 * @param name unique within the experiment
 * @param weight share of the exposed accounts, in per cent (up to two decimals)
 * @param control the one arm that keeps the current behaviour
 * @param value what the arm changes at the step (null for the control): a channel, a discount cap
 *     in per cent, {@code before-price}/{@code skip}, or an offer code
 */
public record Arm(String name, BigDecimal weight, boolean control, String value) {

  /** The weight in hundredths of a per cent: the arm's number of buckets. */
  public int basisPoints() {
    return weight.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP).intValue();
  }
}
