package io.expansion.playbook.signals;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Validates (against the {@link SignalType} catalog), stores (once per idempotency key) and routes
 * signals to journeys. A {@code renewal_date_changed} signal also moves the account's renewal date,
 * in the transaction that stores the signal.
 */
@Service
public class SignalService {

  private static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  /** An incoming signal, as posted. */
  public record SignalRequest(
      String accountId,
      String type,
      OffsetDateTime occurredAt,
      Map<String, Object> attributes,
      String idempotencyKey) {}

  /** What happened to a posted signal. */
  public record Accepted(
      long id,
      String accountId,
      String type,
      String routing,
      String journeyId,
      boolean duplicate) {}

  private final Signals signals;
  private final Accounts accounts;
  private final JourneyService journeys;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final List<SignalRouter> routers;

  public SignalService(
      Signals signals,
      Accounts accounts,
      JourneyService journeys,
      TransactionTemplate transactions,
      Clock clock,
      ApplicationEventPublisher events,
      List<SignalRouter> routers) {
    this.events = events;
    this.routers = List.copyOf(routers);
    this.signals = signals;
    this.accounts = accounts;
    this.journeys = journeys;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Validates, stores and routes one signal; a resent idempotency key returns the stored signal.
   *
   * @throws ApiException 400 for an invalid signal, 404 for an unknown account, 503 when the engine
   *     does not take it (nothing is stored then)
   */
  public Accepted accept(SignalRequest request) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    SignalType type = validateEnvelope(request, now);
    Map<String, Object> attributes;
    try {
      attributes = type.validate(request.attributes());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (request.idempotencyKey() != null) {
      var existing = signals.byIdempotencyKey(request.idempotencyKey());
      if (existing.isPresent()) {
        return duplicate(existing.get());
      }
    }
    Account account =
        accounts
            .findById(request.accountId())
            .orElseThrow(
                () -> ApiException.notFound("Unknown account '" + request.accountId() + "'"));
    SignalRouter router = routers.stream().filter(r -> r.routes(type)).findFirst().orElse(null);
    if (router != null) {
      router.check(account.id(), type, attributes);
    }
    OffsetDateTime occurredAt = request.occurredAt() == null ? now : request.occurredAt();
    Stored stored;
    try {
      stored =
          transactions.execute(
              tx -> store(account, type, occurredAt, now, attributes, request.idempotencyKey()));
    } catch (DuplicateKeyException concurrentResend) {
      return duplicate(signals.byIdempotencyKey(request.idempotencyKey()).orElseThrow());
    }
    Map<String, Object> signal = new LinkedHashMap<>();
    signal.put("id", stored.id());
    signal.put("type", type.code());
    signal.put("occurredAt", occurredAt.toString());
    signal.put("attributes", attributes);
    JourneyService.Routing routing;
    try {
      events.publishEvent(
          new SignalStored(stored.id(), account.id(), type.code(), occurredAt, attributes));
      routing =
          router != null
              ? router.route(account.id(), stored.id(), type, attributes, occurredAt)
              : journeys.route(account.id(), account.ownerCsm(), stored.id(), signal);
    } catch (ApiException refused) {
      transactions.executeWithoutResult(tx -> undo(account, type, stored));
      throw refused;
    } catch (RuntimeException e) {
      transactions.executeWithoutResult(tx -> undo(account, type, stored));
      throw ApiException.unavailable(
          "The process engine did not take the signal, nothing was stored: " + e.getMessage());
    }
    signals.routed(stored.id(), routing.route(), routing.journeyId());
    return new Accepted(
        stored.id(), account.id(), type.code(), routing.route(), routing.journeyId(), false);
  }

  private record Stored(long id, LocalDate previousRenewalDate) {}

  private Stored store(
      Account account,
      SignalType type,
      OffsetDateTime occurredAt,
      OffsetDateTime now,
      Map<String, Object> attributes,
      String idempotencyKey) {
    long id =
        signals.insert(account.id(), type.code(), occurredAt, now, attributes, idempotencyKey);
    LocalDate previous = account.renewalDate();
    if (type == SignalType.RENEWAL_DATE_CHANGED) {
      accounts.updateRenewalDate(
          account.id(), LocalDate.parse(attributes.get("renewalDate").toString()));
    }
    return new Stored(id, previous);
  }

  private void undo(Account account, SignalType type, Stored stored) {
    signals.delete(stored.id());
    if (type == SignalType.RENEWAL_DATE_CHANGED) {
      accounts.updateRenewalDate(account.id(), stored.previousRenewalDate());
    }
  }

  private static Accepted duplicate(Signal signal) {
    return new Accepted(
        signal.id(), signal.accountId(), signal.type(), signal.routing(), signal.journeyId(), true);
  }

  private static SignalType validateEnvelope(SignalRequest request, OffsetDateTime now) {
    if (request.accountId() == null || request.accountId().isBlank()) {
      throw ApiException.badRequest("Field 'accountId' is required");
    }
    if (request.type() == null || request.type().isBlank()) {
      throw ApiException.badRequest(
          "Field 'type' is required; known types: " + String.join(", ", SignalType.codes()));
    }
    SignalType type =
        SignalType.of(request.type())
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "Unknown signal type '"
                            + request.type()
                            + "'; known types: "
                            + String.join(", ", SignalType.codes())));
    if (request.occurredAt() != null && request.occurredAt().isAfter(now.plus(MAX_FUTURE_SKEW))) {
      throw ApiException.badRequest("Field 'occurredAt' is in the future: " + request.occurredAt());
    }
    if (request.idempotencyKey() != null
        && (request.idempotencyKey().isBlank() || request.idempotencyKey().length() > 200)) {
      throw ApiException.badRequest("Field 'idempotencyKey' must be 1 to 200 characters");
    }
    return type;
  }
}
