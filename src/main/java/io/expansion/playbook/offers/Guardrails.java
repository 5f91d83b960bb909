package io.expansion.playbook.offers;

import io.expansion.playbook.database.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The versioned guardrail policies; exactly one is active. */
@Repository
public class Guardrails {

  private final JdbcClient jdbc;

  public Guardrails(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public GuardrailPolicy active() {
    return jdbc.sql(
            """
            SELECT version, margin_floor, max_discount, approval_threshold, cooldown_days,
                   max_touches, touch_window_days, approval_sla, prove_value_sla
            FROM guardrail_policies WHERE active = TRUE ORDER BY version DESC LIMIT 1
            """)
        .query(RecordRows.of(GuardrailPolicy.class))
        .optional()
        .orElseThrow(() -> new IllegalStateException("No active guardrail policy"));
  }
}
