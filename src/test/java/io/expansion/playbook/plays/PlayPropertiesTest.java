package io.expansion.playbook.plays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayPropertiesTest {

  private static PlayProperties withPriority(List<String> priority) {
    return new PlayProperties(
        priority,
        new PlayProperties.Remediation(
            15, Duration.ofDays(30), 40, 60, Duration.ofDays(2), Duration.ofDays(30), 3),
        new PlayProperties.WinBack(20, 90, Duration.ofDays(30)),
        new PlayProperties.Onboarding(
            Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(7), 3),
        new PlayProperties.Renewal(9, 100, false, 100));
  }

  @Test
  void theOrderRanksPlaysByCategory() {
    PlayProperties defaults =
        withPriority(List.of("retention", "renewal", "onboarding", "expansion"));
    assertThat(defaults.rank(Play.HEALTH_REMEDIATION)).isZero();
    assertThat(defaults.rank(Play.WIN_BACK)).isZero();
    assertThat(defaults.rank(Play.RENEWAL)).isEqualTo(1);
    assertThat(defaults.rank(Play.EXPANSION)).isEqualTo(3);

    PlayProperties renewalFirst =
        withPriority(List.of("renewal", "retention", "expansion", "onboarding"));
    assertThat(renewalFirst.rank(Play.RENEWAL)).isLessThan(renewalFirst.rank(Play.WIN_BACK));
    assertThat(renewalFirst.rank(Play.EXPANSION)).isLessThan(renewalFirst.rank(Play.ONBOARDING));
  }

  @Test
  void anOrderThatMissesOrRepeatsACategoryIsRejectedAtStartUp() {
    assertThatThrownBy(() -> withPriority(List.of("retention", "renewal", "expansion")))
        .hasMessageContaining("must list each play category exactly once");
    assertThatThrownBy(
            () -> withPriority(List.of("retention", "retention", "onboarding", "expansion")))
        .hasMessageContaining("onboarding");
  }
}
