package io.expansion.playbook.kpi;

import io.expansion.playbook.kpi.PeriodFacts.Activity;
import io.expansion.playbook.kpi.PeriodFacts.ActivityFact;
import io.expansion.playbook.kpi.PeriodFacts.MovementFact;
import io.expansion.playbook.kpi.PeriodFacts.OfferFact;
import io.expansion.playbook.kpi.PeriodFacts.QuoteFact;
import io.expansion.playbook.kpi.PeriodFacts.StartAccount;
import io.expansion.playbook.plays.Play;
import io.expansion.playbook.revenue.MovementType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a period's facts from the ledger and the tables the plays write (offers, quotes, touches,
 * signals, journeys, decisions). Read-only.
 */
@Repository
class KpiFacts {

  private final JdbcClient jdbc;
  private final ZoneId zone;
  private final PlayFacts plays;

  KpiFacts(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.zone = clock.getZone();
    this.plays = new PlayFacts(jdbc);
  }

  /** Play codes per account, of the plays that ran for it during the period (any part of it). */
  Map<String, Set<String>> playsByAccount(Period p) {
    return plays.byAccount(p.start(zone), p.end(zone));
  }

  PeriodFacts load(Period p) {
    OffsetDateTime start = p.start(zone);
    OffsetDateTime end = p.end(zone);
    PeriodFacts.Builder facts = new PeriodFacts.Builder();
    jdbc.sql(
            """
            SELECT account_id, mrr_after FROM (
              SELECT account_id, mrr_after, ROW_NUMBER() OVER (
                  PARTITION BY account_id ORDER BY effective_date DESC, id DESC) AS rn
              FROM revenue_movements WHERE effective_date < :from) last_movement
            WHERE rn = 1 AND mrr_after > 0
            """)
        .param("from", p.from())
        .query(
            (RowCallbackHandler)
                rs ->
                    facts.startAccounts.add(
                        new StartAccount(rs.getString(1), rs.getBigDecimal(2))));
    jdbc.sql(
            """
            SELECT account_id, type, amount, source FROM revenue_movements
            WHERE effective_date >= :from AND effective_date <= :to
            """)
        .param("from", p.from())
        .param("to", p.to())
        .query(
            (RowCallbackHandler)
                rs ->
                    facts.movements.add(
                        new MovementFact(
                            rs.getString(1),
                            MovementType.of(rs.getString(2)).orElseThrow(),
                            rs.getBigDecimal(3).abs(),
                            rs.getString(4))));
    jdbc.sql(
            """
            SELECT o.id, o.account_id, j.process_id, c.kind, o.status, o.updated_at
            FROM offers o
            JOIN catalog_offers c ON c.code = o.offer_code
            LEFT JOIN journeys j ON j.id = o.journey_id
            WHERE o.id IN (SELECT t.offer_id FROM touches t WHERE t.offer_id IS NOT NULL
                           GROUP BY t.offer_id
                           HAVING MIN(t.occurred_at) >= :start AND MIN(t.occurred_at) < :end)
            """)
        .param("start", start)
        .param("end", end)
        .query(
            (RowCallbackHandler)
                rs ->
                    facts.offers.add(
                        new OfferFact(
                            rs.getLong(1),
                            rs.getString(2),
                            play(rs.getString(3)),
                            rs.getString(4),
                            "ACCEPTED".equals(rs.getString(5))
                                && rs.getObject(6, OffsetDateTime.class).isBefore(end))));
    jdbc.sql(
            """
            SELECT q.account_id, j.process_id, q.list_price, q.net_price
            FROM quotes q
            JOIN offers o ON o.id = q.offer_id
            LEFT JOIN journeys j ON j.id = o.journey_id
            WHERE q.status = 'ACCEPTED' AND o.status = 'ACCEPTED'
              AND o.updated_at >= :start AND o.updated_at < :end
            """)
        .param("start", start)
        .param("end", end)
        .query(
            (RowCallbackHandler)
                rs ->
                    facts.quotes.add(
                        new QuoteFact(
                            rs.getString(1),
                            play(rs.getString(2)),
                            rs.getBigDecimal(3),
                            rs.getBigDecimal(4))));
    activity(
        facts,
        Activity.SIGNAL,
        """
        SELECT s.account_id, j.process_id, COUNT(*) FROM signals s
        LEFT JOIN journeys j ON j.id = s.journey_id
        WHERE s.received_at >= :start AND s.received_at < :end
        GROUP BY s.account_id, j.process_id
        """,
        start,
        end,
        true);
    activity(
        facts,
        Activity.PLAY_STARTED,
        """
        SELECT account_id, process_id, COUNT(*) FROM journeys
        WHERE started_at >= :start AND started_at < :end GROUP BY account_id, process_id
        """,
        start,
        end,
        true);
    activity(
        facts,
        Activity.TOUCH,
        """
        SELECT account_id, play, COUNT(*) FROM touches
        WHERE occurred_at >= :start AND occurred_at < :end GROUP BY account_id, play
        """,
        start,
        end,
        false);
    plays.load(facts, start, end);
    return facts.build();
  }

  /** Account id to its current segment and CSM ({@code [segment, csm]}). */
  Map<String, String[]> accountGroups() {
    Map<String, String[]> groups = new HashMap<>();
    jdbc.sql("SELECT id, segment, owner_csm FROM accounts")
        .query(
            (RowCallbackHandler)
                rs -> groups.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)}));
    return groups;
  }

  private void activity(
      PeriodFacts.Builder facts,
      Activity kind,
      String sql,
      OffsetDateTime start,
      OffsetDateTime end,
      boolean processIds) {
    jdbc.sql(sql)
        .param("start", start)
        .param("end", end)
        .query(
            (RowCallbackHandler)
                rs ->
                    facts.activity.add(
                        new ActivityFact(
                            rs.getString(1),
                            processIds ? play(rs.getString(2)) : rs.getString(2),
                            kind,
                            rs.getLong(3))));
  }

  /** The play code of a process ({@code null} stays {@code null}). */
  static String play(String processId) {
    if (processId == null) {
      return null;
    }
    return Play.ofProcess(processId).map(Play::code).orElse(processId);
  }

  /** The leading number of a {@code time-to-first-value} outcome such as {@code 12 days}. */
  static long days(String outcome) {
    String digits = outcome == null ? "" : outcome.trim().split("\\s+")[0];
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "Unreadable time-to-first-value outcome '" + outcome + "'", e);
    }
  }
}
