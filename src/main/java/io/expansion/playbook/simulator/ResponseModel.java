package io.expansion.playbook.simulator;

import java.util.SplittableRandom;

/**
 * How a simulated customer answers a touch: a propensity from health, value (seats in use), the
 * offer and the channel, times the arm's planted effect. An offer is accepted with that propensity,
 * else declined now and then, else left unanswered; a touch without an offer is clicked with a
 * propensity of its own.
 */
final class ResponseModel {

  /** The customer's answer, or null for no answer. */
  enum Answer {
    ACCEPTED("offer_accepted"),
    DECLINED("offer_declined"),
    CLICKED("touch_clicked");

    final String signalType;

    Answer(String signalType) {
      this.signalType = signalType;
    }
  }

  private final double plantedEffect;

  ResponseModel(double plantedEffect) {
    this.plantedEffect = plantedEffect;
  }

  /** The propensity to accept an offer (before the arm's effect), 0..0.6. */
  static double acceptPropensity(SimulatedAccount a, String channel, double offerPrice) {
    double base = 0.08 + 0.22 * a.h() + 0.1 * a.utilisation();
    double channelFactor = "in_app".equals(channel) ? 1.15 : "email".equals(channel) ? 1.0 : 0.9;
    double priceFactor =
        offerPrice > 0 && a.mrr() > 0 ? Math.max(0.6, 1 - offerPrice / (4 * a.mrr())) : 1;
    return Math.min(0.6, base * channelFactor * priceFactor);
  }

  /**
   * The customer's answer to a CSM: 0 positive (interested), 1 negative, 2 no answer; positive with
   * the offer propensity (CSM channel) times the arm's effect.
   */
  int toCsm(SimulatedAccount a, boolean variant, SplittableRandom rng) {
    double p = acceptPropensity(a, "csm", 0) * (variant ? 1 + plantedEffect : 1);
    double draw = rng.nextDouble();
    return draw < p ? 0 : draw < p + 0.3 ? 1 : 2;
  }

  Answer answer(
      SimulatedAccount a,
      String channel,
      boolean offer,
      double offerPrice,
      boolean variant,
      SplittableRandom rng) {
    if (offer) {
      double p = acceptPropensity(a, channel, offerPrice) * (variant ? 1 + plantedEffect : 1);
      double draw = rng.nextDouble();
      if (draw < p) {
        return Answer.ACCEPTED;
      }
      return draw < p + 0.2 ? Answer.DECLINED : null;
    }
    return rng.nextDouble() < 0.1 + 0.3 * a.h() ? Answer.CLICKED : null;
  }
}
