package io.expansion.playbook.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentPolicyTest {

  @Test
  void onlyOptedInChannelsAreAllowed() {
    ConsentDecision d =
        ConsentPolicy.evaluate("C1", Map.of("email", true, "in_app", false), 0, 2, 7);
    assertThat(d.allowedChannels()).containsExactly("email");
    assertThat(d.blocked())
        .containsEntry("in_app", "opted out")
        .containsEntry("csm", "no consent recorded");
  }

  @Test
  void capBlocksEveryChannel() {
    ConsentDecision d =
        ConsentPolicy.evaluate("C1", Map.of("email", true, "in_app", true, "csm", true), 2, 2, 7);
    assertThat(d.allowedChannels()).isEmpty();
    assertThat(d.reason()).contains("frequency cap", "2 touches in the last 7 days");
  }

  @Test
  void noContactMeansNoTouch() {
    ConsentDecision d = ConsentPolicy.evaluate(null, Map.of(), 0, 2, 7);
    assertThat(d.allowedChannels()).isEmpty();
    assertThat(d.reason()).contains("No contact");
  }
}
