package io.expansion.playbook.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import io.expansion.playbook.tasks.UserTask;
import io.expansion.playbook.tasks.UserTaskCommands;
import io.expansion.playbook.web.ApiException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/**
 * No quote below the margin floor or above the maximum discount — per offer and per segment — and
 * none that breaks a prerequisite or an exclusion, through any path: the API, the create-quote
 * worker, the approver's task form, and the database itself.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class OfferGuardrailsTest extends JourneyTestBase {

  private final TestRestTemplate http;
  private final UserTaskCommands userTaskCommands;
  private final ObjectMapper json = new ObjectMapper();

  OfferGuardrailsTest(
      ApplicationContext context, TestRestTemplate http, UserTaskCommands userTaskCommands) {
    super(context);
    // csm-01 owns the test accounts
    this.http = http.withBasicAuth("csm-01", "demo");
    this.userTaskCommands = userTaskCommands;
  }

  // --- API: POST /api/offers/{offerId}/quotes ---------------------------------------------------

  @Test
  void apiCreatesACompliantQuoteAndAReplayedKeyReturnsTheSameQuote() throws Exception {
    String account = account("high-potential");
    long offer = offer(account, "UPGRADE_FIBER", OfferMade.PRESENTED);

    ResponseEntity<String> created =
        propose(offer, "{\"discountPct\":10,\"idempotencyKey\":\"k1\"}");
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode quote = json.readTree(created.getBody());
    assertThat(quote.path("discount").decimalValue()).isEqualByComparingTo("0.10");
    assertThat(quote.path("netPrice").decimalValue()).isEqualByComparingTo("22.50");
    assertThat(quote.path("maxDiscountLimit").decimalValue()).isEqualByComparingTo("0.20");
    assertThat(quote.path("marginFloorLimit").decimalValue()).isEqualByComparingTo("0.40");
    assertThat(quote.path("origin").asText()).isEqualTo("api");
    assertThat(offerStatus(offer)).isEqualTo(OfferMade.QUOTED);

    ResponseEntity<String> replayed =
        propose(offer, "{\"discountPct\":10,\"idempotencyKey\":\"k1\"}");
    assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(replayed.getBody()).path("id").asLong())
        .isEqualTo(quote.path("id").asLong());
    JsonNode listed =
        json.readTree(
            http.getForEntity("/api/accounts/" + account + "/quotes", String.class).getBody());
    assertThat(listed).hasSize(1);
    assertThat(decision(account, "quote:guardrails-v1").outcome()).isEqualTo("self-approved");
    assertThat(decision(account, "quote:guardrails-v1").actor()).isEqualTo("csm-01");
  }

  @Test
  void apiRefusesADiscountAboveTheSegmentMaximumNamingGuardrailLimitAndRequest() {
    String account = account("stable-adopter");
    long offer = offer(account, "UPGRADE_FIBER", OfferMade.PRESENTED);

    ResponseEntity<String> refused = propose(offer, "{\"discountPct\":15}");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody())
        .contains("max-discount", "10.0% (segment stable-adopter)", "requested 15.0%");
    assertThat(count("quotes", account)).isZero();
    assertThat(offerStatus(offer)).isEqualTo(OfferMade.PRESENTED);
    assertThat(decision(account, QuoteService.RULE).outcome()).isEqualTo("blocked max-discount");
    assertThat(decision(account, QuoteService.RULE).rationale()).contains("(api) refused");
    assertThat(decision(account, QuoteService.RULE).actor()).isEqualTo("csm-01");
  }

  @Test
  void apiRefusesADiscountAboveTheOfferMaximum() {
    String account = account("high-potential");
    long offer = offer(account, "BUNDLE_STREAMING", OfferMade.PRESENTED);

    ResponseEntity<String> refused = propose(offer, "{\"discountPct\":16}");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody()).contains("max-discount", "15.0% (offer BUNDLE_STREAMING)");
    assertThat(count("quotes", account)).isZero();
  }

  @Test
  void apiRefusesADiscountBelowTheMarginFloorEvenWithinTheMaximum() {
    String account = account("high-potential");
    long offer = offer(account, "BUNDLE_STREAMING", OfferMade.PRESENTED);

    // list 17.00, cost 10.00, floor 40 %: 5 % off leaves 16.15, a margin of 38.1 %
    ResponseEntity<String> refused = propose(offer, "{\"discountPct\":5}");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody())
        .contains("margin-floor", "margin of 38.1%", "limit 40.0% (policy v1)")
        .doesNotContain("max-discount");
    assertThat(propose(offer, "{\"discountPct\":1.5}").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void apiRefusesAnOfferExcludedByAnotherOpenOffer() {
    String account = account("high-potential");
    offer(account, "ADDON_STREAMING_TV", OfferMade.PROPOSED);
    long bundle = offer(account, "BUNDLE_STREAMING", OfferMade.PRESENTED);

    ResponseEntity<String> refused = propose(bundle, "{\"discountPct\":0}");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody())
        .contains("offer-exclusion", "ADDON_STREAMING_TV", "already contains Streaming TV");
  }

  @Test
  void apiRefusesAnyQuoteForASegmentWithoutQuotes() {
    String account = account("low-fit");
    long offer = offer(account, "UPGRADE_FIBER", OfferMade.PRESENTED);

    ResponseEntity<String> refused = propose(offer, "{\"discountPct\":0}");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody()).contains("segment-quotes", "segment-target");
  }

  @Test
  void apiNamesBadInput() {
    String account = account("high-potential");
    long declined = offer(account, "UPGRADE_FIBER", OfferMade.DECLINED);
    assertThat(propose(999_999_999L, "{\"discountPct\":5}").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(propose(declined, "{}").getBody()).contains("discountPct");
    assertThat(propose(declined, "{\"discountPct\":101}").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(propose(declined, "{\"discountPct\":5}").getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(http.getForEntity("/api/accounts/NOPE-9/quotes", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void randomApiRequestsCreateExactlyTheCompliantQuotes() throws Exception {
    String account = account("high-potential");
    long offer = offer(account, "UPGRADE_FIBER", OfferMade.PRESENTED);
    Random random = new Random(42);
    int created = 0;
    for (int i = 0; i < 40; i++) {
      BigDecimal pct = BigDecimal.valueOf(random.nextInt(0, 400), 1); // 0.0 … 39.9 %
      ResponseEntity<String> response = propose(offer, "{\"discountPct\":" + pct + "}");
      boolean compliant = pct.compareTo(BigDecimal.valueOf(20)) <= 0;
      assertThat(response.getStatusCode())
          .as(pct + "%")
          .isEqualTo(compliant ? HttpStatus.CREATED : HttpStatus.UNPROCESSABLE_ENTITY);
      created += compliant ? 1 : 0;
    }
    assertThat(count("quotes", account)).isEqualTo(created);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM quotes WHERE account_id = ? AND (discount > 0.20 OR"
                        + " margin < 0.40)")
                .param(account)
                .query(Integer.class)
                .single())
        .isZero();
  }

  // --- the database --------------------------------------------------------------------------

  @Test
  void theDatabaseRefusesAQuoteAboveItsLimitOrBelowItsFloor() {
    String account = account("high-potential");
    long offer = offer(account, "UPGRADE_FIBER", OfferMade.PRESENTED);
    String insert =
        "INSERT INTO quotes (business_key, offer_id, account_id, list_price, discount, net_price,"
            + " margin, needs_approval, status, guardrail_version, max_discount_limit,"
            + " margin_floor_limit, origin, created_at) VALUES (?, ?, ?, 25.00, ?, ?, ?, TRUE,"
            + " 'OPEN', 1, 0.2000, 0.4000, 'sql', ?)";
    OffsetDateTime now = OffsetDateTime.now();
    // Each row breaks one constraint only: which of several a database reports first differs
    // (PostgreSQL checks them by name), and so does the case of the name (H2 upper-cases it).
    assertThatThrownBy(
            () ->
                jdbc.sql(insert)
                    .params("sql-1-" + account, offer, account, 0.25, 18.75, 0.45, now)
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class)
        .message()
        .containsIgnoringCase("ck_quote_max_discount");
    assertThatThrownBy(
            () ->
                jdbc.sql(insert)
                    .params("sql-2-" + account, offer, account, 0.10, 22.50, 0.30, now)
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class)
        .message()
        .containsIgnoringCase("ck_quote_margin_floor");
    assertThat(count("quotes", account)).isZero();
  }

  // --- the create-quote worker ----------------------------------------------------------------

  @Test
  void workerCapsTheRequestAtTheSegmentMaximumAndTheSegmentThresholdAsksForApproval() {
    String account = lowValueAccount();
    fixtures.inDaytime(account, java.time.Instant.now());
    String journey =
        signal(account, "license_utilization", Map.of("utilizationPct", 85)).journeyId();
    answerInApp(account, "clicked");
    complete(
        account,
        ExpansionJourney.PROVE_VALUE,
        Map.of("customerResponse", "interested", "requestedDiscountPct", 15));

    UserTask approval = awaitTask(account, ExpansionJourney.APPROVE_DISCOUNT);
    assertThat(decision(account, "segmentation.dmn").outcome()).isEqualTo("stable-adopter");
    Map<?, ?> quote = (Map<?, ?>) approval.variables().get("quote");
    assertThat(new BigDecimal(quote.get("discount").toString())).isEqualByComparingTo("0.10");
    assertThat(decision(account, "quote:guardrails-v1").rationale())
        .contains(
            "capped to 10.0%", "segment stable-adopter", "above the approval threshold of 5.0%");
    assertThat(maxStoredDiscount(account)).isEqualByComparingTo("0.10");
    assertThat(completed(journey)).contains("Task_CreateQuote");
  }

  @Test
  void workerEndsTheCommitPathWithAReasonWhenNoCompliantQuoteExists() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();
    complete(account, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
    UserTask review = awaitTask(account, ExpansionJourney.PROVE_VALUE);
    // The DSL line the fibre upgrade needs is cancelled while the customer reviews the offer.
    jdbc.sql("DELETE FROM account_products WHERE account_id = ? AND product_code = 'INTERNET_DSL'")
        .param(account)
        .update();
    tasks.complete(
        review.id(), Map.of("customerResponse", "interested", "requestedDiscountPct", 10));

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey))
        .containsSubsequence(
            "Task_CreateQuote", "Gateway_NeedsApproval", "Event_QuoteBlocked", "Task_RecordOutcome")
        .doesNotContain("Task_Provision", "UserTask_ApproveDiscount");
    assertThat(count("quotes", account)).isZero();
    assertThat(decision(account, QuoteService.RULE).outcome()).isEqualTo("blocked prerequisite");
    assertThat(decision(account, "outcome").outcome()).isEqualTo("guardrail-blocked");
    assertThat(decision(account, "outcome").rationale()).contains("prerequisite");
    assertThat(
            jdbc.sql("SELECT status FROM offers WHERE account_id = ?")
                .param(account)
                .query(String.class)
                .single())
        .isEqualTo(OfferMade.BLOCKED);
  }

  @Test
  void workerNeverStoresMoreThanTheAllowedDiscount() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();
    complete(account, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
    complete(
        account,
        ExpansionJourney.PROVE_VALUE,
        Map.of("customerResponse", "interested", "requestedDiscountPct", 90));
    complete(account, ExpansionJourney.APPROVE_DISCOUNT, Map.of("approvalDecision", "approve"));

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    // high-potential 20 %, margin floor 40 % on cost 12.00: at most 20 % off 25.00
    assertThat(maxStoredDiscount(account)).isEqualByComparingTo("0.20");
    assertThat(accounts.findById(account).orElseThrow().mrr()).isEqualByComparingTo("110.00");
  }

  // --- the approver's task form ---------------------------------------------------------------

  @Test
  void approverCannotSetADiscountBeyondTheGuardrailsAndTheTaskStaysOpen() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();
    complete(account, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
    complete(
        account,
        ExpansionJourney.PROVE_VALUE,
        Map.of("customerResponse", "interested", "requestedDiscountPct", 25));
    UserTask approval = awaitTask(account, ExpansionJourney.APPROVE_DISCOUNT);

    assertThatThrownBy(
            () ->
                tasks.complete(
                    approval.id(),
                    Map.of("approvalDecision", "approve", "adjustedDiscountPct", 25)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY))
        .hasMessageContaining("max-discount")
        .hasMessageContaining("20.0% (segment high-potential)")
        .hasMessageContaining("requested 25.0%");
    assertThat(tasks.task(approval.id()).status()).isEqualTo(UserTask.OPEN);
    assertThat(decision(account, QuoteService.RULE).rationale()).contains("(approval) refused");
    assertThatThrownBy(
            () ->
                tasks.complete(
                    approval.id(),
                    Map.of("approvalDecision", "approve", "adjustedDiscountPct", "lots")))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
    assertThatThrownBy(
            () ->
                tasks.complete(
                    approval.id(), Map.of("approvalDecision", "reject", "adjustedDiscountPct", 12)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
    assertThat(tasks.task(approval.id()).status()).isEqualTo(UserTask.OPEN);

    tasks.complete(approval.id(), Map.of("approvalDecision", "approve", "adjustedDiscountPct", 12));

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    List<String> quotes =
        jdbc.sql(
                "SELECT CAST(discount AS VARCHAR(20)) || ' ' || status || ' ' || origin FROM quotes"
                    + " WHERE account_id = ? ORDER BY id")
            .param(account)
            .query(String.class)
            .list();
    assertThat(quotes).containsExactly("0.2000 SUPERSEDED journey", "0.1200 ACCEPTED approval");
    assertThat(accounts.findById(account).orElseThrow().mrr()).isEqualByComparingTo("112.00");
    assertThat(
            jdbc.sql("SELECT discount FROM offers WHERE account_id = ?")
                .param(account)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("0.12");
  }

  @Test
  void anAdjustedDiscountThatBypassedTheInboxIsRefusedAtProvisioningAndTheApprovedQuoteStands() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();
    complete(account, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
    complete(
        account,
        ExpansionJourney.PROVE_VALUE,
        Map.of("customerResponse", "interested", "requestedDiscountPct", 25));
    UserTask approval = awaitTask(account, ExpansionJourney.APPROVE_DISCOUNT);
    long engineKey =
        jdbc.sql("SELECT engine_key FROM user_tasks WHERE id = ?")
            .param(approval.id())
            .query(Long.class)
            .single();

    // As Tasklist on a real cluster would: straight to the engine, past the inbox's guard.
    userTaskCommands.complete(
        engineKey, Map.of("approvalDecision", "approve", "adjustedDiscountPct", 35));

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(decision(account, QuoteService.RULE).outcome()).isEqualTo("blocked max-discount");
    assertThat(decision(account, QuoteService.RULE).rationale()).contains("(approval) refused");
    assertThat(maxStoredDiscount(account)).isEqualByComparingTo("0.20");
    assertThat(count("quotes", account)).isEqualTo(1);
    assertThat(accounts.findById(account).orElseThrow().mrr()).isEqualByComparingTo("110.00");
  }

  // --- helpers --------------------------------------------------------------------------------

  private String account(String segment) {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    accounts.updateSegment(account, segment);
    return account;
  }

  private String lowValueAccount() {
    return fixtures.account(
        "one-year",
        new BigDecimal("60.00"),
        20,
        "Mailed check",
        List.of("PHONE", "INTERNET_DSL", "STREAMING_TV", "CONTRACT_ONE_YEAR"),
        Fixtures.allChannels(true));
  }

  /** An offer made to the account outside any journey, as another play would. */
  private long offer(String account, String code, String status) {
    OffsetDateTime now = OffsetDateTime.now();
    jdbc.sql(
            "INSERT INTO offers (business_key, account_id, journey_id, offer_code, channel, status,"
                + " expected_value, created_at, updated_at) VALUES (?, ?, 'test', ?, 'csm', ?, 100,"
                + " ?, ?)")
        .params("test:" + account + ":" + code, account, code, status, now, now)
        .update();
    return jdbc.sql("SELECT id FROM offers WHERE business_key = ?")
        .param("test:" + account + ":" + code)
        .query(Long.class)
        .single();
  }

  private String offerStatus(long offer) {
    return jdbc.sql("SELECT status FROM offers WHERE id = ?")
        .param(offer)
        .query(String.class)
        .single();
  }

  private BigDecimal maxStoredDiscount(String account) {
    return jdbc.sql("SELECT MAX(discount) FROM quotes WHERE account_id = ?")
        .param(account)
        .query(BigDecimal.class)
        .single();
  }

  private ResponseEntity<String> propose(long offerId, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity(
        "/api/offers/" + offerId + "/quotes", new HttpEntity<>(body, headers), String.class);
  }
}
