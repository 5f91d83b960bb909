package io.expansion.playbook.offers;

import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.web.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A CSM proposes a quote for an open offer; the guardrails decide whether it may exist. */
@RestController
class QuoteController {

  private final QuoteService service;
  private final Quotes quotes;
  private final Accounts accounts;

  QuoteController(QuoteService service, Quotes quotes, Accounts accounts) {
    this.service = service;
    this.quotes = quotes;
    this.accounts = accounts;
  }

  /**
   * A proposed quote.
   *
   * @param discountPct requested discount in percent of the list price (0–100)
   * @param idempotencyKey optional: the same key returns the quote already made
   */
  record QuoteRequest(BigDecimal discountPct, String idempotencyKey) {}

  @PostMapping("/api/offers/{offerId}/quotes")
  ResponseEntity<Quotes.StoredQuote> propose(
      @PathVariable long offerId, @RequestBody(required = false) QuoteRequest request) {
    if (request == null || request.discountPct() == null) {
      throw ApiException.badRequest("Field 'discountPct' is required (percent of the list price)");
    }
    if (request.discountPct().signum() < 0
        || request.discountPct().compareTo(BigDecimal.valueOf(100)) > 0) {
      throw ApiException.badRequest(
          "Field 'discountPct' must be between 0 and 100, not " + request.discountPct());
    }
    String key = request.idempotencyKey();
    if (key != null && (key.isBlank() || key.length() > 120)) {
      throw ApiException.badRequest("Field 'idempotencyKey' must have 1 to 120 characters");
    }
    String businessKey =
        "api:" + offerId + ":" + (key == null ? UUID.randomUUID().toString() : key);
    boolean replay = quotes.byBusinessKey(businessKey).isPresent();
    QuoteTerms terms;
    try {
      terms =
          service.create(
              new QuoteService.NewQuote(
                  businessKey,
                  offerId,
                  request.discountPct().divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP),
                  false,
                  "api",
                  null,
                  null));
    } catch (QuoteRefusedException refused) {
      throw ApiException.unprocessable(refused.getMessage());
    }
    Quotes.StoredQuote stored = quotes.find(terms.quoteId()).orElseThrow();
    return ResponseEntity.status(replay ? HttpStatus.OK : HttpStatus.CREATED).body(stored);
  }

  @GetMapping("/api/accounts/{accountId}/quotes")
  List<Quotes.StoredQuote> forAccount(@PathVariable String accountId) {
    if (accounts.findById(accountId).isEmpty()) {
      throw ApiException.notFound("No account with id " + accountId);
    }
    return quotes.forAccount(accountId);
  }
}
