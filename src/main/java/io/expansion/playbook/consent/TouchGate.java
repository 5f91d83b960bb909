package io.expansion.playbook.consent;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.consent.ContactPolicySettings.Cap;
import io.expansion.playbook.consent.Touches.NewTouch;
import io.expansion.playbook.consent.Touches.Touch;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.experiments.GlobalHoldout;
import io.expansion.playbook.experiments.GlobalHoldout.WithheldTouch;
import io.expansion.playbook.offers.GuardrailPolicy;
import io.expansion.playbook.offers.Guardrails;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only way a touch is stored. {@link #check} evaluates the contact policy; {@link #send}
 * evaluates it again and inserts the touch in one transaction that holds the account row locked
 * ({@code SELECT ... FOR UPDATE}), so competing plays for one account are serialised and no cap,
 * consent or quiet-hours rule can be overtaken between check and insert.
 */
@Service
public class TouchGate {

  private static final Logger log = LoggerFactory.getLogger(TouchGate.class);
  private static final int LOCK_ATTEMPTS = 8;

  private final ContactPolicySettings settings;
  private final Guardrails guardrails;
  private final ContactFactsReader facts;
  private final Touches touches;
  private final Contacts contacts;
  private final DecisionLog decisions;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final GlobalHoldout holdout;

  TouchGate(
      ContactPolicySettings settings,
      Guardrails guardrails,
      ContactFactsReader facts,
      Touches touches,
      Contacts contacts,
      DecisionLog decisions,
      JdbcClient jdbc,
      TransactionTemplate transaction,
      Clock clock,
      GlobalHoldout holdout) {
    this.settings = settings;
    this.guardrails = guardrails;
    this.facts = facts;
    this.touches = touches;
    this.contacts = contacts;
    this.decisions = decisions;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.clock = clock;
    this.holdout = holdout;
  }

  /**
   * A touch to send.
   *
   * @param businessKey unique per touch: a redelivered job finds the touch already made
   * @param offerId the offer touched, or null
   */
  public record SendCommand(
      String businessKey,
      String accountId,
      String journeyId,
      String play,
      TouchIntent intent,
      Long offerId,
      String subject,
      String body) {}

  /**
   * What became of a send.
   *
   * @param touch the stored touch, or null when the policy blocked it
   * @param decision the contact policy's decision at insert time (null for an earlier touch)
   */
  public record Sent(Touch touch, ConsentDecision decision, String blockedReason) {
    public boolean blocked() {
      return touch == null;
    }
  }

  /** The contact policy's decision for a touch due now (no lock, nothing stored). */
  public ConsentDecision check(String accountId, TouchIntent intent) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    ContactPolicy policy = policy();
    return policy.evaluate(intent, facts.read(accountId, now, policy.settings()), now);
  }

  /**
   * {@link #check} for every account of a page (ordered by id) at once: the same policy on the same
   * facts, read with one query per kind of fact (no lock, nothing stored).
   */
  public Map<String, ConsentDecision> checkAll(List<Account> page, TouchIntent intent) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    ContactPolicy policy = policy();
    Map<String, ConsentDecision> decisions = new HashMap<>();
    facts
        .readAll(page, now, policy.settings())
        .forEach((id, f) -> decisions.put(id, policy.evaluate(intent, f, now)));
    return decisions;
  }

  /** Makes the touch exactly once, or records why the policy blocks it. */
  public Sent send(SendCommand command) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> sendLocked(command));
      } catch (DuplicateKeyException concurrentRedelivery) {
        return new Sent(touches.byBusinessKey(command.businessKey()).orElseThrow(), null, null);
      } catch (PessimisticLockingFailureException busy) {
        if (attempt >= LOCK_ATTEMPTS) {
          throw busy;
        }
        log.debug("Account {} busy, touch {} retried", command.accountId(), command.businessKey());
      }
    }
  }

  private Sent sendLocked(SendCommand c) {
    lockAccount(c.accountId());
    var existing = touches.byBusinessKey(c.businessKey());
    if (existing.isPresent()) {
      return new Sent(existing.get(), null, null);
    }
    String blockedKey = c.businessKey() + ":blocked";
    if (decisions.exists(blockedKey)) {
      return new Sent(null, null, "blocked earlier by the contact policy");
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    ContactPolicy policy = policy();
    ConsentDecision decision =
        policy.evaluate(c.intent(), facts.read(c.accountId(), now, policy.settings()), now);
    if (!decision.allowed()) {
      decisions.record(
          blockedKey,
          c.accountId(),
          c.journeyId(),
          "contact-policy",
          "blocked-" + decision.blockedBy(),
          "Touch " + c.businessKey() + " blocked at send time. " + decision.reason(),
          inputs(c, decision));
      return new Sent(null, decision, decision.reason());
    }
    String channel = decision.allowedChannels().getFirst();
    if (holdout.heldOut(c.accountId())) {
      holdout.withhold(
          new WithheldTouch(
              c.businessKey(),
              c.accountId(),
              c.journeyId(),
              c.play(),
              c.intent().purpose(),
              channel,
              c.offerId(),
              c.intent().offerCode(),
              c.subject(),
              decision.deferredUntil()));
      return new Sent(null, decision, "held-out: the account is in the global holdout");
    }
    OffsetDateTime deliverAfter =
        decision.deferredUntil() == null
            ? null
            : OffsetDateTime.parse(decision.deferredUntil()).withOffsetSameInstant(now.getOffset());
    long id =
        touches.insert(
            new NewTouch(
                c.businessKey(),
                c.accountId(),
                decision.contactId(),
                c.journeyId(),
                c.offerId(),
                c.play(),
                c.intent().purpose(),
                channel,
                now,
                deliverAfter));
    if (!ContactPolicy.CSM.equals(channel)) {
      touches.enqueue(
          id,
          decision.contactId(),
          channel,
          recipient(decision.contactId()),
          c.subject(),
          c.body(),
          now,
          deliverAfter);
    }
    if (deliverAfter != null) {
      decisions.record(
          c.businessKey() + ":deferred",
          c.accountId(),
          c.journeyId(),
          "contact-policy",
          "deferred",
          "Touch via "
              + channel
              + " deferred until "
              + decision.reason().replaceFirst(".*deferred until ", ""),
          inputs(c, decision));
    }
    return new Sent(touches.byBusinessKey(c.businessKey()).orElseThrow(), decision, null);
  }

  /**
   * The configured policy plus the active guardrail policy's touch cap ({@code max_touches}
   * marketing and offer touches in {@code touch_window_days}), so both limits hold.
   */
  private ContactPolicy policy() {
    GuardrailPolicy g = guardrails.active();
    return new ContactPolicy(
        settings.withCap(
            "guardrail",
            new Cap(
                List.of(ContactPolicy.MARKETING, ContactPolicy.OFFER),
                g.maxTouches(),
                g.maxTouches(),
                Duration.ofDays(g.touchWindowDays()))));
  }

  private void lockAccount(String accountId) {
    jdbc.sql("SELECT id FROM accounts WHERE id = ? FOR UPDATE")
        .param(accountId)
        .query(String.class)
        .optional()
        .orElseThrow(() -> new IllegalArgumentException("Unknown account " + accountId));
  }

  private String recipient(String contactId) {
    return contacts
        .byId(contactId)
        .map(c -> c.email() == null ? c.id() : c.email())
        .orElse(contactId);
  }

  private static Map<String, Object> inputs(SendCommand c, ConsentDecision d) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("play", c.play());
    inputs.put("purpose", c.intent().purpose());
    inputs.put("channels", c.intent().channels());
    inputs.put("contactId", d.contactId());
    inputs.put("blockedBy", d.blockedBy());
    inputs.put("blocked", d.blocked());
    inputs.put("deferredUntil", d.deferredUntil());
    return inputs;
  }
}
