package io.expansion.playbook.signals;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.revenue.BillingEvents;
import io.expansion.playbook.web.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Validates (against the {@link SignalType} catalog), stores (once per idempotency key) and queues
 * signals for the {@link SignalQueue}, which routes them to journeys. A {@code
 * renewal_date_changed} signal also moves the account's renewal date, and the billing signals
 * ({@code subscription_changed}, {@code account_churned}, {@code renewal_closed}) change its MRR
 * and churn flag and write the revenue ledger row ({@link BillingEvents}), in the transaction that
 * stores the signal.
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
  private final SignalQueue queue;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final BillingEvents billing;
  private final List<SignalRouter> routers;

  public SignalService(
      Signals signals,
      Accounts accounts,
      SignalQueue queue,
      TransactionTemplate transactions,
      Clock clock,
      BillingEvents billing,
      List<SignalRouter> routers) {
    this.billing = billing;
    this.routers = List.copyOf(routers);
    this.signals = signals;
    this.accounts = accounts;
    this.queue = queue;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Routing of a signal stored and waiting in the {@link SignalQueue}. */
  public static final String QUEUED = "QUEUED";

  /**
   * Validates, stores and queues one signal for routing; a resent idempotency key returns the
   * stored signal (with its routing so far). The signal reaches its journey shortly after, in order
   * with the account's other signals; {@link #find} shows where it went.
   *
   * @throws ApiException 400 for an invalid signal, 404 for an unknown account
   * @throws SignalBacklogFullException 429 when the backlog is at its bound (nothing is stored)
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
    queue.reserve();
    Stored stored;
    try {
      stored =
          transactions.execute(
              tx -> store(account, type, occurredAt, now, attributes, request.idempotencyKey()));
      queue.enqueue(stored.id(), account.id());
    } catch (DuplicateKeyException concurrentResend) {
      return duplicate(signals.byIdempotencyKey(request.idempotencyKey()).orElseThrow());
    } finally {
      queue.unreserve();
    }
    return new Accepted(stored.id(), account.id(), type.code(), QUEUED, null, false);
  }

  /** A stored signal and its routing so far ({@link #QUEUED} until its journey has it). */
  public Optional<Accepted> find(long id) {
    return signals
        .byId(id)
        .map(
            s ->
                new Accepted(
                    s.id(),
                    s.accountId(),
                    s.type(),
                    Signals.UNROUTED.contains(s.routing()) ? QUEUED : s.routing(),
                    s.journeyId(),
                    false));
  }

  private record Stored(long id) {}

  private Stored store(
      Account account,
      SignalType type,
      OffsetDateTime occurredAt,
      OffsetDateTime now,
      Map<String, Object> attributes,
      String idempotencyKey) {
    long id =
        signals.insert(account.id(), type.code(), occurredAt, now, attributes, idempotencyKey);
    if (type == SignalType.RENEWAL_DATE_CHANGED) {
      accounts.updateRenewalDate(
          account.id(), LocalDate.parse(attributes.get("renewalDate").toString()));
    }
    applyBilling(account.id(), type, id, occurredAt, attributes);
    return new Stored(id);
  }

  /** Billing and CRM signals change what the account pays (and the ledger), else nothing. */
  private void applyBilling(
      String accountId,
      SignalType type,
      long signalId,
      OffsetDateTime occurredAt,
      Map<String, Object> attributes) {
    LocalDate effective = occurredAt.atZoneSameInstant(clock.getZone()).toLocalDate();
    Object reason = attributes.get("reason");
    String why = reason == null ? null : reason.toString();
    switch (type) {
      case SUBSCRIPTION_CHANGED ->
          billing.subscriptionChanged(
              signalId, accountId, effective, decimal(attributes.get("mrr")), why);
      case ACCOUNT_CHURNED -> billing.accountChurned(signalId, accountId, effective, why);
      case RENEWAL_CLOSED ->
          billing.renewalClosed(
              signalId,
              accountId,
              effective,
              "renewed".equals(attributes.get("outcome")),
              decimal(attributes.get("mrr")));
      default -> {}
    }
  }

  private static BigDecimal decimal(Object number) {
    return number == null ? null : new BigDecimal(number.toString());
  }

  private static Accepted duplicate(Signal signal) {
    String routing = Signals.UNROUTED.contains(signal.routing()) ? QUEUED : signal.routing();
    return new Accepted(
        signal.id(), signal.accountId(), signal.type(), routing, signal.journeyId(), true);
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
