package io.expansion.playbook.consent;

import io.expansion.playbook.consent.ConsentRecords.ConsentChange;
import io.expansion.playbook.consent.ConsentRecords.ConsentState;
import io.expansion.playbook.consent.ConsentRecords.ContactRow;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consent registry: opt-in / opt-out per contact and channel, with source, time and full
 * history. Each change carries an idempotency key (unique in {@code consent_changes}): replaying a
 * change returns the recorded one; a change without a key that would not alter the state writes
 * nothing.
 */
@Service
public class ConsentRegistry {

  private final ConsentRecords records;
  private final DecisionLog decisions;
  private final TransactionTemplate transaction;
  private final Clock clock;

  ConsentRegistry(
      ConsentRecords records, DecisionLog decisions, TransactionTemplate transaction, Clock clock) {
    this.records = records;
    this.decisions = decisions;
    this.transaction = transaction;
    this.clock = clock;
  }

  /**
   * A requested change.
   *
   * @param source who or what reported it (e.g. {@code preference-center}, {@code csm:jane})
   * @param idempotencyKey optional; the same key always means the same change
   */
  public record ChangeRequest(
      String channel, Boolean optedIn, String source, String idempotencyKey) {}

  /** A change as applied: {@code applied} is false for a replay or a change to the same state. */
  public record ChangeResult(ConsentChange change, ConsentState current, boolean applied) {}

  public List<ConsentState> current(String contactId) {
    contact(contactId);
    return records.current(contactId);
  }

  public List<ConsentChange> history(String contactId) {
    contact(contactId);
    return records.history(contactId);
  }

  public ChangeResult change(String contactId, ChangeRequest request) {
    validate(request);
    return transaction.execute(status -> changeLocked(contactId, request));
  }

  /** Several channels at once, all or nothing. */
  public List<ChangeResult> changeAll(
      String contactId, Map<String, Boolean> consents, String source, String idempotencyKey) {
    if (consents == null || consents.isEmpty()) {
      throw ApiException.badRequest("'consents' must map at least one channel to true or false");
    }
    List<ChangeRequest> requests = new ArrayList<>();
    consents.forEach(
        (channel, optedIn) ->
            requests.add(
                new ChangeRequest(
                    channel,
                    optedIn,
                    source,
                    idempotencyKey == null ? null : idempotencyKey + ":" + channel)));
    requests.forEach(ConsentRegistry::validate);
    return transaction.execute(
        status -> requests.stream().map(r -> changeLocked(contactId, r)).toList());
  }

  private ChangeResult changeLocked(String contactId, ChangeRequest r) {
    ContactRow contact =
        records
            .lockContact(contactId)
            .orElseThrow(() -> ApiException.notFound("Unknown contact '" + contactId + "'"));
    if (r.idempotencyKey() != null) {
      var earlier = records.byKey(r.idempotencyKey());
      if (earlier.isPresent()) {
        ConsentChange c = earlier.get();
        if (!c.contactId().equals(contactId)
            || !c.channel().equals(r.channel())
            || c.optedIn() != r.optedIn()) {
          throw ApiException.conflict(
              "Idempotency key '" + r.idempotencyKey() + "' was used for a different change");
        }
        return new ChangeResult(c, records.current(contactId, r.channel()).orElseThrow(), false);
      }
    }
    if (contact.erased() && r.optedIn()) {
      throw ApiException.conflict(
          "Contact '" + contactId + "' was erased on request; it cannot opt in again");
    }
    var before = records.current(contactId, r.channel());
    Boolean previous = before.map(ConsentState::optedIn).orElse(null);
    if (r.idempotencyKey() == null && Objects.equals(previous, r.optedIn())) {
      return new ChangeResult(null, before.get(), false);
    }
    String key = r.idempotencyKey() != null ? r.idempotencyKey() : "api:" + UUID.randomUUID();
    String source = r.source() == null || r.source().isBlank() ? "api" : r.source();
    OffsetDateTime now = OffsetDateTime.now(clock);
    records.apply(key, contactId, r.channel(), r.optedIn(), before, source, now);
    decisions.record(
        "consent:" + key,
        contact.accountId(),
        null,
        "consent-change",
        (r.optedIn() ? "opt-in " : "opt-out ") + r.channel(),
        "Contact "
            + contactId
            + (r.optedIn() ? " opted in to " : " opted out of ")
            + r.channel()
            + " (source "
            + source
            + ", was "
            + (previous == null ? "not recorded" : previous ? "opted in" : "opted out")
            + ")",
        Map.of("contactId", contactId, "channel", r.channel(), "source", source));
    return new ChangeResult(
        records.byKey(key).orElseThrow(),
        records.current(contactId, r.channel()).orElseThrow(),
        true);
  }

  ContactRow contact(String contactId) {
    return records
        .contact(contactId)
        .orElseThrow(() -> ApiException.notFound("Unknown contact '" + contactId + "'"));
  }

  private static void validate(ChangeRequest r) {
    if (r == null) {
      throw ApiException.badRequest("Request body is required");
    }
    if (r.channel() == null || !ContactPolicy.CHANNELS.contains(r.channel())) {
      throw ApiException.badRequest(
          "Unknown channel '" + r.channel() + "': expected one of " + ContactPolicy.CHANNELS);
    }
    if (r.optedIn() == null) {
      throw ApiException.badRequest("'optedIn' is required (true or false)");
    }
    if (r.source() != null && r.source().length() > 80) {
      throw ApiException.badRequest("'source' is longer than 80 characters");
    }
    if (r.idempotencyKey() != null && r.idempotencyKey().length() > 180) {
      throw ApiException.badRequest("'idempotencyKey' is longer than 180 characters");
    }
  }
}
