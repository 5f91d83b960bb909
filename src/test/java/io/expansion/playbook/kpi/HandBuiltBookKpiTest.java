package io.expansion.playbook.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.accounts.BookImporter;
import io.expansion.playbook.accounts.BookMappings;
import io.expansion.playbook.accounts.PlanChanges;
import io.expansion.playbook.revenue.BillingEvents;
import io.expansion.playbook.revenue.CrmBook;
import io.expansion.playbook.revenue.LedgerSlice;
import io.expansion.playbook.revenue.RevenueLedger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * KPIs of the first quarter of 2026 on a book of six accounts whose ledger, offers, touches,
 * signals, plays and decisions are laid down by hand; every expected figure is worked out here.
 *
 * <pre>
 * imported 2025-12-15   A 100 (12 months)  B 200 (6)  C 300 (24, churned)  D 400 (3)  E 50 (1)
 * 2026-01-05  A buys Device Protection (offer O6, presented in December): +4.00 (provisioning)
 * 2026-01-20  E buys Online Security (O1): +5.40 (provisioning)
 * 2026-02-01  re-import: A 104 -> 150 (+46), B 200 -> 180 (-20), F new at 80 (0 months)
 * 2026-02-10  C billed again at 250: reactivation (C had churned before the quarter)
 * 2026-03-01  D churns (-400)
 * 2026-04-02  A down to 90: after the quarter, not counted
 * </pre>
 */
@LedgerSlice
class HandBuiltBookKpiTest {

  private static final Period Q1 =
      Period.of(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-31"));

  private final BookImporter importer;
  private final BookMappings mappings;
  private final Accounts accounts;
  private final PlanChanges planChanges;
  private final RevenueLedger ledger;
  private final BillingEvents billing;
  private final KpiService kpis;
  private final LedgerSlice.MovableClock clock;
  private final JdbcClient jdbc;

  HandBuiltBookKpiTest(
      BookImporter importer,
      BookMappings mappings,
      Accounts accounts,
      PlanChanges planChanges,
      RevenueLedger ledger,
      BillingEvents billing,
      KpiService kpis,
      LedgerSlice.MovableClock clock,
      JdbcClient jdbc) {
    this.importer = importer;
    this.mappings = mappings;
    this.accounts = accounts;
    this.planChanges = planChanges;
    this.ledger = ledger;
    this.billing = billing;
    this.kpis = kpis;
    this.clock = clock;
    this.jdbc = jdbc;
  }

  @BeforeEach
  void layDownTheBook() {
    clock.set("2025-12-15T10:00:00Z");
    new CrmBook()
        .account("A", "100.00", 12, "Active", "csm-a")
        .account("B", "200.00", 6, "Active", "csm-b")
        .account("C", "300.00", 24, "Churned", "csm-b")
        .account("D", "400.00", 3, "Active", "csm-a")
        .account("E", "50.00", 1, "Active", "csm-b")
        .importWith(importer, mappings, "book");
    Map.of("A", "high-potential", "B", "stable-adopter", "D", "at-risk", "E", "high-potential")
        .forEach((id, segment) -> accounts.updateSegment(id, segment));

    journey(
        "J0",
        "A",
        "expansion-journey",
        "2025-12-20T09:00:00Z",
        "2025-12-30T09:00:00Z",
        "End_Dormant");
    journey("J1", "E", "expansion-journey", "2026-01-15T09:00:00Z", null, null);
    journey("J2", "A", "expansion-journey", "2026-01-10T09:00:00Z", null, null);
    journey(
        "J3", "B", "onboarding", "2026-02-05T09:00:00Z", "2026-02-17T09:00:00Z", "End_Onboarded");
    journey("J4", "B", "expansion-journey", "2026-02-05T10:00:00Z", null, null);
    journey(
        "J5",
        "D",
        "health-remediation",
        "2026-02-20T09:00:00Z",
        "2026-03-05T09:00:00Z",
        "End_StillAtRisk");

    signal("A", "2025-12-20T08:00:00Z", "J0");
    signal("A", "2026-01-10T08:00:00Z", "J2");
    signal("A", "2026-01-11T08:00:00Z", "J2");
    signal("E", "2026-01-15T08:00:00Z", "J1");
    signal("B", "2026-02-05T08:00:00Z", "J4");
    signal("D", "2026-02-20T08:00:00Z", null);

    long o6 = offer("A", "J0", "ADDON_DEVICE_PROTECTION", "ACCEPTED", "2026-01-05T12:00:00Z");
    long o1 = offer("E", "J1", "ADDON_ONLINE_SECURITY", "ACCEPTED", "2026-01-20T12:00:00Z");
    long o2 = offer("A", "J2", "BUNDLE_STREAMING", "DECLINED", "2026-01-25T12:00:00Z");
    long o3 = offer("A", "J2", "ADDON_TECH_SUPPORT", "NO_RESPONSE", "2026-02-15T12:00:00Z");
    offer("B", "J4", "ADDON_ONLINE_BACKUP", "PROPOSED", "2026-02-05T12:00:00Z");
    long o5 = offer("B", "J4", "CONTRACT_ONE_YEAR", "ACCEPTED", "2026-02-08T12:00:00Z");

    touch("A", "J0", o6, "expansion", "2025-12-21T10:00:00Z");
    touch("E", "J1", o1, "expansion", "2026-01-16T10:00:00Z");
    touch("A", "J2", o2, "expansion", "2026-01-11T10:00:00Z");
    touch("A", "J2", o3, "expansion", "2026-01-12T10:00:00Z");
    touch("B", "J4", o5, "expansion", "2026-02-06T10:00:00Z");
    touch("B", "J3", null, "onboarding", "2026-02-06T12:00:00Z");
    touch("D", "J5", null, "health-remediation", "2026-02-21T10:00:00Z");

    quote(o6, "A", "5.00", "0.2000", "4.00", "ACCEPTED");
    quote(o1, "E", "6.00", "0.1000", "5.40", "ACCEPTED");
    quote(o2, "A", "17.00", "0.0000", "17.00", "DECLINED");
    quote(o5, "B", "0.00", "0.0000", "0.00", "ACCEPTED");

    decision("A", "J0", "outcome", "accepted", "2026-01-05T12:00:00Z");
    decision("E", "J1", "outcome", "accepted", "2026-01-20T12:00:00Z");
    decision("A", "J2", "outcome", "declined", "2026-01-25T12:00:00Z");
    decision("B", "J4", "outcome", "accepted", "2026-02-08T12:00:00Z");
    decision("A", "J2", "outcome", "no-response", "2026-02-15T12:00:00Z");
    decision("B", "J3", "time-to-first-value", "12 days", "2026-02-17T09:00:00Z");
    decision("E", null, "time-to-first-value", "20 days", "2026-03-10T09:00:00Z");
    decision("E", null, "time-to-first-value", "99 days", "2026-04-10T09:00:00Z");

    clock.set("2026-01-05T12:00:00Z");
    provision("A", "J0", o6, "4.00");
    clock.set("2026-01-20T12:00:00Z");
    provision("E", "J1", o1, "5.40");
    clock.set("2026-02-01T08:00:00Z");
    new CrmBook()
        .account("A", "150.00", 12, "Active", "csm-a")
        .account("B", "180.00", 6, "Active", "csm-b")
        .account("F", "80.00", 0, "Active", "csm-b")
        .importWith(importer, mappings, "re-import");
    billing.subscriptionChanged(101, "C", LocalDate.parse("2026-02-10"), bd("250"), "won back");
    billing.accountChurned(102, "D", LocalDate.parse("2026-03-01"), "budget cut");
    billing.subscriptionChanged(103, "A", LocalDate.parse("2026-04-02"), bd("90"), "downgrade");
    clock.set("2026-04-15T08:00:00Z");
  }

  @Test
  void retentionAndChurnOfTheAccountsActiveAtTheStart() {
    Map<String, Kpi> q1 = byKey(kpis.report(Q1, null).kpis());
    // Active on 2026-01-01: A 100, B 200, D 400, E 50 (C churned on 2025-12-15, F came later).
    BigDecimal start = bd("100").add(bd("200")).add(bd("400")).add(bd("50"));
    BigDecimal expansion = bd("4.00").add(bd("46.00")).add(bd("5.40"));
    BigDecimal contraction = bd("20.00");
    BigDecimal churn = bd("400.00");
    BigDecimal retained = start.add(expansion).subtract(contraction).subtract(churn);
    BigDecimal kept = start.subtract(contraction).subtract(churn);

    assertRatio(q1.get("nrr"), retained, start);
    assertThat(q1.get("nrr").value()).isEqualByComparingTo("0.5139");
    assertRatio(q1.get("grr"), kept, start);
    assertThat(q1.get("grr").value()).isEqualByComparingTo("0.44");
    assertRatio(q1.get("revenue_churn"), churn, start);
    assertRatio(q1.get("logo_churn"), bd("1"), bd("4"));
    assertTotal(q1.get("new_mrr"), "80.00");
    assertTotal(q1.get("expansion_mrr"), "55.40");
    assertTotal(q1.get("expansion_arr"), expansion.multiply(bd("12")).toPlainString());
    assertTotal(q1.get("contraction_mrr"), "20.00");
    assertTotal(q1.get("churned_mrr"), "400.00");
    assertTotal(q1.get("reactivation_mrr"), "250.00");
    assertRatio(q1.get("avg_expansion_deal"), bd("9.40"), bd("2"));
    assertThat(q1.get("avg_expansion_deal").value()).isEqualByComparingTo("4.70");
  }

  @Test
  void offersAttachWinRateAndDiscount() {
    Map<String, Kpi> q1 = byKey(kpis.report(Q1, null).kpis());
    // First presented in Q1: O1 (E, add-on, accepted), O2 (A, bundle, declined), O3 (A, add-on,
    // no response), O5 (B, contract, accepted). O6 was presented in December, O4 never.
    assertRatio(q1.get("win_rate"), bd("2"), bd("4"));
    // Offered an add-on or bundle: A and E; accepted one: E.
    assertRatio(q1.get("attach_rate"), bd("1"), bd("2"));
    assertRatio(q1.get("addons_per_account"), bd("1"), bd("1"));
    // Accepted in Q1 with their quotes: O6 5.00 -> 4.00, O1 6.00 -> 5.40, O5 0 -> 0.
    BigDecimal list = bd("5.00").add(bd("6.00")).add(bd("0.00"));
    BigDecimal net = bd("4.00").add(bd("5.40")).add(bd("0.00"));
    assertRatio(q1.get("discount_given"), list.subtract(net), list);
    assertThat(q1.get("discount_given").value()).isEqualByComparingTo("0.1455");
  }

  @Test
  void theSignalToPlayFunnelAndThePlays() {
    Map<String, Kpi> q1 = byKey(kpis.report(Q1, null).kpis());
    assertTotal(q1.get("funnel_signals"), "5");
    assertTotal(q1.get("funnel_plays"), "5");
    assertTotal(q1.get("funnel_touches"), "6");
    assertTotal(q1.get("funnel_offers_presented"), "4");
    assertTotal(q1.get("funnel_accepted"), "2");
    assertRatio(q1.get("conversion_signal_to_play"), bd("5"), bd("5"));
    assertRatio(q1.get("conversion_play_to_touch"), bd("6"), bd("5"));
    assertRatio(q1.get("conversion_touch_to_offer"), bd("4"), bd("6"));
    assertRatio(q1.get("conversion_offer_to_accepted"), bd("2"), bd("4"));
    assertRatio(q1.get("time_to_first_value_days"), bd("32"), bd("2"));
    assertThat(q1.get("time_to_first_value_days").value()).isEqualByComparingTo("16.0");
    // Onboarded (success), still at risk, and five expansion loops of which three accepted.
    assertRatio(q1.get("plays_outcomes"), bd("4"), bd("7"));
    assertThat(q1.get("plays_outcomes").breakdown())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "expansion:accepted", 3L,
                "expansion:declined", 1L,
                "expansion:no-response", 1L,
                "health-remediation:End_StillAtRisk", 1L,
                "onboarding:End_Onboarded", 1L));
  }

  @Test
  void groupsBySegmentCsmAndPlay() {
    Map<String, Map<String, Kpi>> segment = groups(GroupBy.SEGMENT);
    assertThat(segment)
        .containsOnlyKeys("at-risk", "high-potential", "stable-adopter", "unsegmented");
    // high-potential: A 100 and E 50 at the start, +4 +46 (A) +5.40 (E).
    assertRatio(segment.get("high-potential").get("nrr"), bd("205.40"), bd("150.00"));
    assertRatio(segment.get("high-potential").get("grr"), bd("150.00"), bd("150.00"));
    assertRatio(segment.get("unsegmented").get("nrr"), bd("0"), bd("0"));
    assertThat(segment.get("unsegmented").get("nrr").value()).isNull();
    assertTotal(segment.get("unsegmented").get("reactivation_mrr"), "250.00");

    Map<String, Map<String, Kpi>> csm = groups(GroupBy.CSM);
    // csm-a: A 100 + D 400; A +50, D churns. csm-b: B 200 + E 50; B -20, E +5.40.
    assertRatio(csm.get("csm-a").get("nrr"), bd("150.00"), bd("500.00"));
    assertRatio(csm.get("csm-b").get("nrr"), bd("235.40"), bd("250.00"));
    assertRatio(csm.get("csm-a").get("logo_churn"), bd("1"), bd("2"));

    Map<String, Map<String, Kpi>> play = groups(GroupBy.PLAY);
    assertThat(play).containsOnlyKeys("expansion", "health-remediation", "none", "onboarding");
    // In the expansion play during Q1: A (J2), B (J4), E (J1).
    assertRatio(play.get("expansion").get("nrr"), bd("385.40"), bd("350.00"));
    assertRatio(play.get("onboarding").get("nrr"), bd("180.00"), bd("200.00"));
    assertRatio(play.get("health-remediation").get("grr"), bd("0.00"), bd("400.00"));
    assertRatio(play.get("expansion").get("win_rate"), bd("2"), bd("4"));
    assertTotal(play.get("onboarding").get("funnel_touches"), "1");
    assertTotal(play.get("none").get("funnel_signals"), "1");
    assertRatio(play.get("onboarding").get("time_to_first_value_days"), bd("32"), bd("2"));
  }

  @Test
  void anEmptyPeriodMarksZeroDenominatorsInsteadOfDividing() {
    Period empty = Period.of(LocalDate.parse("2020-01-01"), LocalDate.parse("2020-01-31"));
    List<Kpi> all = kpis.report(empty, null).kpis();
    assertThat(all).extracting(Kpi::key).containsAll(KpiDefinition.keys());
    for (Kpi kpi : all) {
      if (kpi.denominator() != null) {
        assertThat(kpi.value()).as(kpi.key()).isNull();
        assertThat(kpi.denominator().signum()).as(kpi.key()).isZero();
      } else {
        assertThat(kpi.value().signum()).as(kpi.key()).isZero();
      }
    }
  }

  @Test
  void aMonthlySeriesSplitsTheQuarter() {
    KpiService.Series expansion = kpis.series(KpiDefinition.EXPANSION_MRR, "month", Q1, null);
    assertThat(expansion.series())
        .singleElement()
        .satisfies(l -> assertThat(l.group()).isEqualTo("all"));
    assertThat(expansion.series().get(0).points())
        .extracting(p -> p.period() + " " + p.value())
        .containsExactly("2026-01 9.40", "2026-02 46.00", "2026-03 0.00");
    KpiService.Series nrr = kpis.series(KpiDefinition.NRR, "month", Q1, GroupBy.CSM);
    assertThat(nrr.series()).extracting(KpiService.Line::group).containsExactly("csm-a", "csm-b");
    // January, csm-b: B 200 + E 50 at the start, E +5.40.
    KpiService.Point january = nrr.series().get(1).points().get(0);
    assertThat(january.numerator()).isEqualByComparingTo("255.40");
    assertThat(january.denominator()).isEqualByComparingTo("250.00");
  }

  private Map<String, Map<String, Kpi>> groups(GroupBy by) {
    KpiService.Report report = kpis.report(Q1, by);
    assertThat(report.groupBy()).isEqualTo(by.code());
    Map<String, Map<String, Kpi>> groups = new java.util.TreeMap<>();
    report.groups().forEach(g -> groups.put(g.group(), byKey(g.kpis())));
    return groups;
  }

  private static Map<String, Kpi> byKey(List<Kpi> kpis) {
    Map<String, Kpi> byKey = new java.util.HashMap<>();
    kpis.forEach(k -> byKey.put(k.key(), k));
    return byKey;
  }

  private static void assertRatio(Kpi kpi, BigDecimal numerator, BigDecimal denominator) {
    assertThat(kpi.numerator()).as(kpi.key() + " numerator").isEqualByComparingTo(numerator);
    assertThat(kpi.denominator()).as(kpi.key() + " denominator").isEqualByComparingTo(denominator);
    if (denominator.signum() != 0) {
      int scale = KpiDefinition.of(kpi.key()).orElseThrow().unit().scale();
      assertThat(kpi.value())
          .as(kpi.key())
          .isEqualByComparingTo(numerator.divide(denominator, scale, RoundingMode.HALF_UP));
    }
  }

  private static void assertTotal(Kpi kpi, String total) {
    assertThat(kpi.value()).as(kpi.key()).isEqualByComparingTo(total);
    assertThat(kpi.denominator()).as(kpi.key()).isNull();
  }

  private static BigDecimal bd(String value) {
    return new BigDecimal(value);
  }

  private void provision(String account, String journey, long offerId, String netPrice) {
    planChanges.apply(account, List.of(), List.of(), null, bd(netPrice));
    ledger.provisioned(
        new RevenueLedger.Provisioned(
            journey + ":1:provisioning",
            account,
            bd(netPrice),
            journey,
            offerId,
            "X",
            "expansion"));
  }

  private void journey(
      String id, String account, String process, String started, String ended, String end) {
    jdbc.sql(
            """
            INSERT INTO journeys (id, account_id, process_id, status, variables, started_at,
                                  updated_at, ended_at, current_element)
            VALUES (?, ?, ?, ?, '{}', ?, ?, ?, ?)
            """)
        .params(
            id,
            account,
            process,
            ended == null ? "ACTIVE" : "ENDED",
            at(started),
            at(started),
            ended == null ? null : at(ended),
            end)
        .update();
  }

  private void signal(String account, String received, String journey) {
    jdbc.sql(
            """
            INSERT INTO signals (account_id, type, occurred_at, received_at, attributes, routing,
                                 journey_id)
            VALUES (?, 'intent', ?, ?, '{}', 'STARTED_JOURNEY', ?)
            """)
        .params(account, at(received), at(received), journey)
        .update();
  }

  private long offer(String account, String journey, String code, String status, String updated) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO offers (business_key, account_id, journey_id, offer_code, channel, status,
                                expected_value, created_at, updated_at)
            VALUES (:key, :account, :journey, :code, 'email', :status, 1.00, :at, :at)
            """)
        .param("key", journey + ":" + code)
        .param("account", account)
        .param("journey", journey)
        .param("code", code)
        .param("status", status)
        .param("at", at(updated))
        .update(key, "id");
    return key.getKey().longValue();
  }

  private void touch(String account, String journey, Long offerId, String play, String when) {
    jdbc.sql(
            """
            INSERT INTO touches (business_key, account_id, journey_id, offer_id, play, channel,
                                 occurred_at, purpose)
            VALUES (?, ?, ?, ?, ?, 'email', ?, 'offer')
            """)
        .params(journey + ":" + offerId + ":" + when, account, journey, offerId, play, at(when))
        .update();
  }

  private void quote(
      long offerId, String account, String list, String discount, String net, String status) {
    jdbc.sql(
            """
            INSERT INTO quotes (business_key, offer_id, account_id, list_price, discount, net_price,
                                margin, needs_approval, status, guardrail_version, created_at,
                                max_discount_limit, margin_floor_limit)
            VALUES (?, ?, ?, ?, ?, ?, 0.5000, FALSE, ?, 1, CURRENT_TIMESTAMP, 0.3000, 0.4000)
            """)
        .params("quote:" + offerId, offerId, account, bd(list), bd(discount), bd(net), status)
        .update();
  }

  private void decision(String account, String journey, String rule, String outcome, String when) {
    jdbc.sql(
            """
            INSERT INTO decisions (account_id, journey_id, rule, outcome, rationale, inputs,
                                   decided_at)
            VALUES (?, ?, ?, ?, 'test', '{}', ?)
            """)
        .params(account, journey, rule, outcome, at(when))
        .update();
  }

  private static OffsetDateTime at(String instant) {
    return OffsetDateTime.parse(instant);
  }
}
