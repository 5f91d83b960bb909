package io.expansion.playbook.plays;

import io.expansion.playbook.scoring.HealthScored;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Hands every committed health score to the play triggers (remediation, recovery). */
@Component
class HealthScoredTrigger {

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final PlayTriggers triggers;

  HealthScoredTrigger(PlayTriggers triggers) {
    this.triggers = triggers;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void onHealthScored(HealthScored scored) {
    triggers.healthScored(
        scored.accountId(),
        scored.previousHealth(),
        scored.health(),
        scored.modelVersion(),
        "health-" + System.currentTimeMillis() + "-" + SEQUENCE.incrementAndGet());
  }
}
