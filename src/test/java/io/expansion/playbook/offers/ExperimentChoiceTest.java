package io.expansion.playbook.offers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an experiment arm changes in the offer choice (the offer and channel steps). */
class ExperimentChoiceTest {

  private static final List<RankedOffer> RANKED =
      List.of(offer("ADDON_STREAMING_MOVIES", 120), offer("ADDON_ONLINE_BACKUP", 60));
  private static final List<String> ALLOWED = List.of("in_app", "email");

  private static RankedOffer offer(String code, int ev) {
    return new RankedOffer(
        0,
        code,
        code,
        "addon",
        "",
        BigDecimal.TEN,
        0.5,
        BigDecimal.ONE,
        BigDecimal.valueOf(ev),
        null);
  }

  @Test
  void withoutAnArmTheBestOfferAndTheRankingsChannelStand() {
    ExperimentChoice choice = ExperimentChoice.of(Map.of(), RANKED, ALLOWED);
    assertThat(choice.offer().code()).isEqualTo("ADDON_STREAMING_MOVIES");
    assertThat(choice.channel()).isNull();
    assertThat(choice.rationale()).isEmpty();
  }

  @Test
  void theOfferArmPicksItsOfferWhenEligibleAndTheBestOneOtherwise() {
    assertThat(
            ExperimentChoice.of(Map.of("offerCode", "ADDON_ONLINE_BACKUP"), RANKED, ALLOWED)
                .offer()
                .code())
        .isEqualTo("ADDON_ONLINE_BACKUP");
    ExperimentChoice notEligible =
        ExperimentChoice.of(Map.of("offerCode", "CONTRACT_TWO_YEAR"), RANKED, ALLOWED);
    assertThat(notEligible.offer().code()).isEqualTo("ADDON_STREAMING_MOVIES");
    assertThat(notEligible.rationale()).contains("CONTRACT_TWO_YEAR is not eligible");
  }

  @Test
  void theChannelArmIsUsedOnlyWhenTheContactPolicyAllowsIt() {
    assertThat(ExperimentChoice.of(Map.of("touchChannel", "email"), RANKED, ALLOWED).channel())
        .isEqualTo("email");
    ExperimentChoice refused = ExperimentChoice.of(Map.of("touchChannel", "csm"), RANKED, ALLOWED);
    assertThat(refused.channel()).isNull();
    assertThat(refused.rationale()).contains("channel csm is not allowed by the contact policy");
  }
}
