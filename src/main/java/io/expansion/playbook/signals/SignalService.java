package io.expansion.playbook.signals;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Validates, stores (once per idempotency key) and routes signals to journeys. */
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
  private final Clock clock;
  private final ApplicationEventPublisher events;

  public SignalService(
      Signals signals,
      Accounts accounts,
      JourneyService journeys,
      Clock clock,
      ApplicationEventPublisher events) {
    this.events = events;
    this.signals = signals;
    this.accounts = accounts;
    this.journeys = journeys;
    this.clock = clock;
  }

  public Accepted accept(SignalRequest request) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    validate(request, now);
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
    OffsetDateTime occurredAt = request.occurredAt() == null ? now : request.occurredAt();
    Map<String, Object> attributes = request.attributes() == null ? Map.of() : request.attributes();
    long id;
    try {
      id =
          signals.insert(
              account.id(), request.type(), occurredAt, now, attributes, request.idempotencyKey());
    } catch (DuplicateKeyException concurrentResend) {
      return duplicate(signals.byIdempotencyKey(request.idempotencyKey()).orElseThrow());
    }
    Map<String, Object> signal = new LinkedHashMap<>();
    signal.put("id", id);
    signal.put("type", request.type());
    signal.put("occurredAt", occurredAt.toString());
    signal.put("attributes", attributes);
    JourneyService.Routing routing;
    try {
      events.publishEvent(
          new SignalStored(id, account.id(), request.type(), occurredAt, attributes));
      routing = journeys.route(account.id(), account.ownerCsm(), id, signal);
    } catch (RuntimeException e) {
      signals.delete(id);
      throw ApiException.unavailable(
          "The process engine did not take the signal, nothing was stored: " + e.getMessage());
    }
    signals.routed(id, routing.route(), routing.journeyId());
    return new Accepted(
        id, account.id(), request.type(), routing.route(), routing.journeyId(), false);
  }

  private static Accepted duplicate(Signal signal) {
    return new Accepted(
        signal.id(), signal.accountId(), signal.type(), signal.routing(), signal.journeyId(), true);
  }

  private static void validate(SignalRequest request, OffsetDateTime now) {
    if (request.accountId() == null || request.accountId().isBlank()) {
      throw ApiException.badRequest("Field 'accountId' is required");
    }
    if (request.type() == null || request.type().isBlank()) {
      throw ApiException.badRequest(
          "Field 'type' is required; known types: " + String.join(", ", SignalType.codes()));
    }
    if (SignalType.of(request.type()).isEmpty()) {
      throw ApiException.badRequest(
          "Unknown signal type '"
              + request.type()
              + "'; known types: "
              + String.join(", ", SignalType.codes()));
    }
    if (request.occurredAt() != null && request.occurredAt().isAfter(now.plus(MAX_FUTURE_SKEW))) {
      throw ApiException.badRequest("Field 'occurredAt' is in the future: " + request.occurredAt());
    }
    if (request.idempotencyKey() != null
        && (request.idempotencyKey().isBlank() || request.idempotencyKey().length() > 200)) {
      throw ApiException.badRequest("Field 'idempotencyKey' must be 1 to 200 characters");
    }
  }
}
