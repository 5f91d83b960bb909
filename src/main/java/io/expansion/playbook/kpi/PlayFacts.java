package io.expansion.playbook.kpi;

import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.kpi.PeriodFacts.FirstValueFact;
import io.expansion.playbook.kpi.PeriodFacts.OutcomeFact;
import io.expansion.playbook.plays.Play;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The plays' facts: time to first value (the onboarding play's {@code time-to-first-value}
 * decisions), outcomes (plays ended at an end event, expansion loops' {@code outcome} decisions)
 * and which plays ran for each account.
 */
final class PlayFacts {

  private final JdbcClient jdbc;

  PlayFacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Play codes per account, of the plays that ran for it between the instants. */
  Map<String, Set<String>> byAccount(OffsetDateTime start, OffsetDateTime end) {
    Map<String, Set<String>> plays = new HashMap<>();
    jdbc.sql(
            """
            SELECT DISTINCT account_id, process_id FROM journeys
            WHERE started_at < :end AND (ended_at IS NULL OR ended_at >= :start)
            """)
        .param("start", start)
        .param("end", end)
        .query(
            (RowCallbackHandler)
                rs ->
                    plays
                        .computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                        .add(KpiFacts.play(rs.getString(2))));
    return plays;
  }

  void load(PeriodFacts.Builder facts, OffsetDateTime start, OffsetDateTime end) {
    jdbc.sql(
            """
            SELECT account_id, outcome FROM decisions
            WHERE rule = 'time-to-first-value' AND decided_at >= :start AND decided_at < :end
            """)
        .param("start", start)
        .param("end", end)
        .query(
            (RowCallbackHandler)
                rs ->
                    facts.firstValues.add(
                        new FirstValueFact(rs.getString(1), KpiFacts.days(rs.getString(2)))));
    jdbc.sql(
            """
            SELECT account_id, process_id, current_element FROM journeys
            WHERE status = 'ENDED' AND process_id <> :expansion AND current_element LIKE 'End%'
              AND ended_at >= :start AND ended_at < :end
            """)
        .param("expansion", ExpansionJourney.PROCESS_ID)
        .param("start", start)
        .param("end", end)
        .query(
            (RowCallbackHandler)
                rs ->
                    facts.outcomes.add(
                        new OutcomeFact(
                            rs.getString(1),
                            KpiFacts.play(rs.getString(2)),
                            rs.getString(3),
                            PlayOutcomes.succeeded(rs.getString(3)))));
    jdbc.sql(
            """
            SELECT account_id, outcome FROM decisions
            WHERE rule = 'outcome' AND decided_at >= :start AND decided_at < :end
            """)
        .param("start", start)
        .param("end", end)
        .query(
            (RowCallbackHandler)
                rs ->
                    facts.outcomes.add(
                        new OutcomeFact(
                            rs.getString(1),
                            Play.EXPANSION.code(),
                            rs.getString(2),
                            PlayOutcomes.succeeded(rs.getString(2)))));
  }
}
