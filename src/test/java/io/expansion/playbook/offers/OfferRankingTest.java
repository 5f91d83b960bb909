package io.expansion.playbook.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfferRankingTest {

  private final OfferRanking.AccountView highPotential =
      new OfferRanking.AccountView(
          "high-potential",
          60,
          50,
          new BigDecimal("90"),
          36,
          "two-year",
          Set.of("INTERNET_DSL", "ONLINE_BACKUP"));

  @Test
  void ranksByExpectedValueWithAffinity() {
    List<RankedOffer> ranked =
        OfferRanking.rank(
            List.of(
                PolicyFixtures.addon("ADDON_SECURITY", "ONLINE_SECURITY", "6.00", "1.20"),
                PolicyFixtures.addon("ADDON_FIBER", "INTERNET_FIBER", "25.00", "12.00")),
            highPotential);
    assertThat(ranked)
        .extracting(RankedOffer::code)
        .containsExactly("ADDON_FIBER", "ADDON_SECURITY");
    RankedOffer security = ranked.get(1);
    // 0.30 segment + 0.12 intent + 0.10 protection affinity
    assertThat(security.propensity()).isEqualTo(0.52);
    assertThat(security.annualValue()).isEqualByComparingTo("57.60");
    assertThat(security.expectedValue()).isEqualByComparingTo("29.95");
  }

  @Test
  void highValueGoesToTheCsmLowValueToDigitalChannels() {
    assertThat(OfferRanking.channel(new BigDecimal("80"), List.of("in_app", "email", "csm")))
        .isEqualTo("csm");
    assertThat(OfferRanking.channel(new BigDecimal("20"), List.of("in_app", "email", "csm")))
        .isEqualTo("in_app");
    assertThat(OfferRanking.channel(new BigDecimal("80"), List.of("email"))).isEqualTo("email");
    assertThatThrownBy(() -> OfferRanking.channel(BigDecimal.ONE, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
