package io.expansion.playbook.scoring;

import io.expansion.playbook.signals.SignalStored;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every stored signal rescores its account at once, so health history, alerts and the plays that
 * react to health see the signal even while the account's journeys are busy elsewhere.
 */
@Component
class RescoreOnSignal {

  private final HealthScores scores;

  RescoreOnSignal(HealthScores scores) {
    this.scores = scores;
  }

  @EventListener
  void onSignal(SignalStored signal) {
    scores.rescore(
        signal.accountId(), "signal:" + signal.type(), null, "signal-" + signal.id() + ":scoring");
  }
}
