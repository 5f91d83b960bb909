package io.expansion.playbook.journeys;

import io.expansion.playbook.engine.EngineProperties;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Element statistics on the embedded engine, from the app's own records: a journey that is active
 * counts as active at its current element, a failed one as an incident there, an ended one as
 * completed at the element it ended at; user tasks count as completed or canceled at their element
 * when they were completed or withdrawn. With a version, only the journeys that run on that version
 * ({@code journeys.process_version}) count; without one, every version's journeys.
 */
@Component
@ConditionalOnProperty(
    name = "expansion.engine.runtime",
    havingValue = EngineProperties.EMBEDDED,
    matchIfMissing = true)
class EmbeddedElementStatistics implements ElementStatisticsSource {

  private final JdbcClient jdbc;

  EmbeddedElementStatistics(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private static final class Counts {
    long active;
    long completed;
    long canceled;
    long incidents;
  }

  @Override
  public List<ElementStatistics> statistics(String processId, Integer version) {
    Map<String, Counts> byElement = new TreeMap<>();
    jdbc.sql(
            """
            SELECT current_element, status, COUNT(*) AS n FROM journeys
            WHERE process_id = :process AND current_element IS NOT NULL
              AND (CAST(:version AS INTEGER) IS NULL OR process_version = :version)
            GROUP BY current_element, status
            """)
        .param("process", processId)
        .param("version", version, Types.INTEGER)
        .query(
            rs -> {
              Counts c = byElement.computeIfAbsent(rs.getString(1), e -> new Counts());
              long n = rs.getLong(3);
              switch (rs.getString(2)) {
                case Journey.ACTIVE -> c.active += n;
                case Journey.FAILED -> c.incidents += n;
                default -> c.completed += n;
              }
            });
    jdbc.sql(
            """
            SELECT t.element_id, t.status, COUNT(*) AS n FROM user_tasks t
            JOIN journeys j ON j.id = t.journey_id
            WHERE j.process_id = :process AND t.status IN ('COMPLETED', 'CANCELED')
              AND (CAST(:version AS INTEGER) IS NULL OR j.process_version = :version)
            GROUP BY t.element_id, t.status
            """)
        .param("process", processId)
        .param("version", version, Types.INTEGER)
        .query(
            rs -> {
              Counts c = byElement.computeIfAbsent(rs.getString(1), e -> new Counts());
              if ("COMPLETED".equals(rs.getString(2))) {
                c.completed += rs.getLong(3);
              } else {
                c.canceled += rs.getLong(3);
              }
            });
    return byElement.entrySet().stream()
        .map(
            e ->
                new ElementStatistics(
                    e.getKey(),
                    e.getValue().active,
                    e.getValue().completed,
                    e.getValue().canceled,
                    e.getValue().incidents))
        .toList();
  }
}
