package io.expansion.playbook.offers;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.web.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place quotes are created. Every path — the create-quote worker, the API, an approver's
 * adjusted discount — comes through {@link #create}, which checks every guardrail against the
 * effective limits and refuses with a {@link QuoteRefusedException} naming the guardrail, its limit
 * and the requested value. Each refusal is a decision row (rule {@code guardrail}).
 */
@Service
public class QuoteService {

  public static final String RULE = "guardrail";

  private final Offers offers;
  private final Catalog catalog;
  private final Accounts accounts;
  private final Guardrails guardrails;
  private final SegmentGuardrails segments;
  private final OfferExclusions exclusions;
  private final Quotes quotes;
  private final OfferStatusChanges offerStatus;
  private final DecisionLog decisions;
  private final Clock clock;

  QuoteService(
      Offers offers,
      Catalog catalog,
      Accounts accounts,
      Guardrails guardrails,
      SegmentGuardrails segments,
      OfferExclusions exclusions,
      Quotes quotes,
      OfferStatusChanges offerStatus,
      DecisionLog decisions,
      Clock clock) {
    this.offers = offers;
    this.catalog = catalog;
    this.accounts = accounts;
    this.guardrails = guardrails;
    this.segments = segments;
    this.exclusions = exclusions;
    this.quotes = quotes;
    this.offerStatus = offerStatus;
    this.decisions = decisions;
    this.clock = clock;
  }

  /**
   * A quote to create.
   *
   * @param businessKey unique key: the same key returns the quote already made
   * @param discount requested discount, a fraction of the list price
   * @param capToLimits true: propose compliant terms by capping the discount (the worker); false:
   *     refuse a discount beyond the limits (API, approver)
   * @param origin who asked: {@code journey}, {@code api}, {@code approval}
   * @param segment the account's segment; {@code null}: the one stored on the account
   */
  public record NewQuote(
      String businessKey,
      long offerId,
      BigDecimal discount,
      boolean capToLimits,
      String origin,
      String segment,
      String journeyId) {}

  /** A quote's context: the offer made, its catalog entry, the account's segment and limits. */
  public record Context(OfferMade offer, CatalogOffer catalogOffer, EffectiveLimits limits) {}

  public Context context(long offerId, String segmentOrNull) {
    OfferMade offer =
        offers
            .find(offerId)
            .orElseThrow(() -> ApiException.notFound("No offer with id " + offerId));
    CatalogOffer catalogOffer =
        catalog
            .find(offer.offerCode())
            .orElseThrow(
                () ->
                    new IllegalStateException("Offer " + offer.offerCode() + " left the catalog"));
    String segment =
        segmentOrNull != null
            ? segmentOrNull
            : accounts.findById(offer.accountId()).map(Account::segment).orElse(null);
    EffectiveLimits limits =
        EffectiveLimits.of(
            catalogOffer, guardrails.active(), segment, segments.find(segment).orElse(null));
    return new Context(offer, catalogOffer, limits);
  }

  /** The guardrails a quote at {@code discount} would break; nothing is stored. */
  public List<GuardrailViolation> check(Context context, BigDecimal discount) {
    OfferMade offer = context.offer();
    return QuotePolicy.check(
        new QuoteCheck(
            offer.id(),
            context.catalogOffer(),
            context.limits(),
            discount,
            accounts.ownedProducts(offer.accountId()),
            offers.forAccount(offer.accountId()),
            exclusions.conflictingWith(offer.offerCode())));
  }

  /**
   * Checks and, when no guardrail is broken, stores the quote and moves the offer to QUOTED, in one
   * transaction with its decision row. A refusal stores only its decision row.
   */
  @Transactional(noRollbackFor = QuoteRefusedException.class)
  public QuoteTerms create(NewQuote request) {
    var existing = quotes.byBusinessKey(request.businessKey());
    if (existing.isPresent()) {
      return existing.get();
    }
    Context context = context(request.offerId(), request.segment());
    OfferMade offer = context.offer();
    if (!offer.inFlight()) {
      throw ApiException.conflict(
          "Offer " + offer.id() + " is " + offer.status() + "; only open offers can be quoted");
    }
    BigDecimal requested = request.discount() == null ? BigDecimal.ZERO : request.discount();
    BigDecimal discount =
        request.capToLimits()
            ? requested
                .max(BigDecimal.ZERO)
                .min(context.limits().allowedDiscount(context.catalogOffer()))
            : requested;
    List<GuardrailViolation> violations = check(context, discount);
    if (!violations.isEmpty()) {
      refuse(request.businessKey() + ":guardrail", context, request, requested, violations);
    }
    QuoteTerms terms =
        QuotePolicy.terms(
            context.catalogOffer(), context.limits(), discount, requested.max(discount));
    long quoteId =
        quotes.insert(
            request.businessKey(),
            offer.id(),
            offer.accountId(),
            terms,
            context.limits(),
            request.origin(),
            OffsetDateTime.now(clock));
    offerStatus.quoted(offer.id(), terms.discount());
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("offer", offer.offerCode());
    inputs.put("origin", request.origin());
    inputs.put("requestedDiscount", requested);
    inputs.put("discount", terms.discount());
    inputs.put("allowedDiscount", context.limits().allowedDiscount(context.catalogOffer()));
    inputs.put("limits", context.limits().describe());
    decisions.record(
        request.businessKey(),
        offer.accountId(),
        request.journeyId() != null ? request.journeyId() : offer.journeyId(),
        "quote:guardrails-v" + context.limits().policyVersion(),
        terms.needsApproval() ? "needs-approval" : "self-approved",
        terms.rationale(),
        inputs);
    return terms.withId(quoteId);
  }

  /**
   * Checks a discount an approver wants to set, recording a guardrail decision when it is refused.
   */
  @Transactional(noRollbackFor = QuoteRefusedException.class)
  public void checkAdjustment(long offerId, BigDecimal discount, String segment, String journeyId) {
    Context context = context(offerId, segment);
    List<GuardrailViolation> violations = check(context, discount);
    if (!violations.isEmpty()) {
      refuse(
          null,
          context,
          new NewQuote(null, offerId, discount, false, "approval", segment, journeyId),
          discount,
          violations);
    }
  }

  private void refuse(
      String decisionKey,
      Context context,
      NewQuote request,
      BigDecimal requested,
      List<GuardrailViolation> violations) {
    OfferMade offer = context.offer();
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("offer", offer.offerCode());
    inputs.put("offerId", offer.id());
    inputs.put("origin", request.origin());
    inputs.put("requestedDiscount", requested);
    inputs.put("guardrails", violations.stream().map(v -> v.guardrail().id()).toList());
    inputs.put("limits", context.limits().describe());
    decisions.record(
        decisionKey,
        offer.accountId(),
        request.journeyId() != null ? request.journeyId() : offer.journeyId(),
        RULE,
        "blocked " + violations.getFirst().guardrail().id(),
        "Quote for "
            + offer.offerCode()
            + " ("
            + request.origin()
            + ") refused: "
            + violations.stream()
                .map(GuardrailViolation::describe)
                .collect(Collectors.joining("; ")),
        inputs);
    throw new QuoteRefusedException(violations);
  }
}
