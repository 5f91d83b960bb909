package io.expansion.playbook.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends every outbox message whose time has come (after quiet hours when deferred, after the
 * backoff when retried), in order per contact, exactly once. One run: take over what stopped relays
 * left (expired leases), claim a batch (PENDING → CLAIMED with a lease, one transaction), then
 * deliver the claimed messages one by one ({@link MessageDelivery}). Runs every {@code
 * expansion.delivery.relay.poll-interval}; any number of relays may run at once.
 */
@Component
public class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  /** A batch one run claimed: the token its moves carry, and the messages in delivery order. */
  record Claimed(String token, List<Long> ids) {}

  /** What one run did, by outcome. */
  public record Run(int claimed, int recovered, Map<MessageDelivery.Outcome, Integer> outcomes) {
    public int sent() {
      return outcomes.getOrDefault(MessageDelivery.Outcome.SENT, 0);
    }
  }

  private final DeliveryStates states;
  private final MessageDelivery delivery;
  private final DeliveryProperties.Relay settings;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final String relayId = "relay-" + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong runs = new AtomicLong();

  OutboxRelay(
      DeliveryStates states,
      MessageDelivery delivery,
      DeliveryProperties properties,
      TransactionTemplate transaction,
      Clock clock) {
    this.states = states;
    this.delivery = delivery;
    this.settings = properties.relay();
    this.transaction = transaction;
    this.clock = clock;
  }

  /** One run: recover, claim a batch, deliver it. */
  public Run runOnce() {
    int recovered = recover();
    Claimed claimed = claim();
    Map<MessageDelivery.Outcome, Integer> outcomes = deliver(claimed);
    return new Run(claimed.ids().size(), recovered, outcomes);
  }

  /** Frees claims of stopped relays and resolves their interrupted hand-overs. */
  int recover() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    int recovered = states.releaseExpiredClaims(now);
    for (DeliveryStates.Interrupted interrupted : states.interrupted(now)) {
      if (delivery.resolveInterrupted(interrupted) != MessageDelivery.Outcome.SKIPPED) {
        recovered++;
      }
    }
    return recovered;
  }

  /** Claims up to a batch of due messages in one transaction. */
  Claimed claim() {
    String token = relayId + ":" + runs.incrementAndGet();
    List<Long> ids =
        transaction.execute(
            status -> {
              OffsetDateTime now = OffsetDateTime.now(clock);
              OffsetDateTime leaseUntil = now.plus(settings.lease());
              List<Long> claimed = new ArrayList<>();
              for (long id : states.due(now, settings.batchSize())) {
                if (states.claim(id, token, leaseUntil)) {
                  claimed.add(id);
                }
              }
              return claimed;
            });
    return new Claimed(token, ids == null ? List.of() : ids);
  }

  Map<MessageDelivery.Outcome, Integer> deliver(Claimed claimed) {
    Map<MessageDelivery.Outcome, Integer> outcomes = new EnumMap<>(MessageDelivery.Outcome.class);
    for (long id : claimed.ids()) {
      outcomes.merge(delivery.deliver(id, claimed.token()), 1, Integer::sum);
    }
    return outcomes;
  }

  @Scheduled(
      fixedDelayString = "${expansion.delivery.relay.poll-interval:PT5S}",
      initialDelayString = "${expansion.delivery.relay.poll-interval:PT5S}")
  void poll() {
    if (!settings.enabled()) {
      return;
    }
    try {
      Run run;
      do {
        run = runOnce();
        if (run.claimed() + run.recovered() > 0) {
          log.debug(
              "Relay {}: {} claimed, {} recovered, {}",
              relayId,
              run.claimed(),
              run.recovered(),
              run.outcomes());
        }
      } while (run.claimed() >= settings.batchSize());
    } catch (RuntimeException e) {
      log.warn(
          "Outbox relay run failed, next run in {}: {}", settings.pollInterval(), e.toString());
    }
  }
}
