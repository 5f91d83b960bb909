package io.expansion.playbook.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The response model: the variant's customers accept offers (1 + planted effect) times as often.
 */
class ResponseModelTest {

  private static final SimulatedAccount ACCOUNT =
      new SimulatedAccount("A", null, 80, 8, 4, 12, "one-year", null, 70, false);

  @Test
  void theVariantAcceptsOffersOneAndAHalfTimesAsOften() {
    ResponseModel model = new ResponseModel(0.5);
    double control = acceptRate(model, false);
    double variant = acceptRate(model, true);
    double p = ResponseModel.acceptPropensity(ACCOUNT, "in_app", 0);
    assertThat(control).isCloseTo(p, within(0.01));
    assertThat(variant / control).isCloseTo(1.5, within(0.05));
  }

  @Test
  void healthierCustomersAcceptMoreAndInAppBeatsEmail() {
    SimulatedAccount unhealthy =
        new SimulatedAccount("B", null, 80, 8, 4, 12, "one-year", null, 20, false);
    assertThat(ResponseModel.acceptPropensity(ACCOUNT, "in_app", 0))
        .isGreaterThan(ResponseModel.acceptPropensity(ACCOUNT, "email", 0))
        .isGreaterThan(ResponseModel.acceptPropensity(unhealthy, "in_app", 0));
  }

  private static double acceptRate(ResponseModel model, boolean variant) {
    SplittableRandom rng = new SplittableRandom(11);
    int accepted = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      if (model.answer(ACCOUNT, "in_app", true, 0, variant, rng) == ResponseModel.Answer.ACCEPTED) {
        accepted++;
      }
    }
    return (double) accepted / n;
  }
}
