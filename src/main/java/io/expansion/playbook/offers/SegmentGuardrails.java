package io.expansion.playbook.offers;

import io.expansion.playbook.database.RecordRows;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The per-segment offer limits. */
@Repository
public class SegmentGuardrails {

  private static final String SELECT =
      "SELECT segment, max_discount, approval_threshold, quotes_allowed, rationale"
          + " FROM segment_guardrails";

  private final JdbcClient jdbc;

  public SegmentGuardrails(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<SegmentGuardrail> find(String segment) {
    if (segment == null) {
      return Optional.empty();
    }
    return jdbc.sql(SELECT + " WHERE segment = ?")
        .param(segment)
        .query(RecordRows.of(SegmentGuardrail.class))
        .optional();
  }

  public List<SegmentGuardrail> all() {
    return jdbc.sql(SELECT + " ORDER BY segment")
        .query(RecordRows.of(SegmentGuardrail.class))
        .list();
  }
}
