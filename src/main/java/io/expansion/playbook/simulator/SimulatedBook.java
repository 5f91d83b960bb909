package io.expansion.playbook.simulator;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The simulation's accounts as its own database holds them, and what the holdout received. */
final class SimulatedBook {

  private final JdbcClient jdbc;

  SimulatedBook(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every account of the simulated book, by id. */
  List<String> ids() {
    return jdbc.sql("SELECT id FROM accounts ORDER BY id").query(String.class).list();
  }

  /** The accounts' profiles now, in id order. */
  Map<String, SimulatedAccount> accounts() {
    Map<String, SimulatedAccount> accounts = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT a.id, a.mrr, a.seats, a.licences_used, a.tenure_months, a.contract_type,
                   a.renewal_date, a.health, a.churned
            FROM accounts a ORDER BY a.id""")
        .query(
            (rs, n) ->
                new SimulatedAccount(
                    rs.getString("id"),
                    null,
                    rs.getBigDecimal("mrr").doubleValue(),
                    rs.getInt("seats"),
                    rs.getInt("licences_used"),
                    rs.getInt("tenure_months"),
                    rs.getString("contract_type"),
                    rs.getObject("renewal_date", LocalDate.class),
                    rs.getObject("health") == null ? 60 : rs.getInt("health"),
                    rs.getBoolean("churned")))
        .list()
        .forEach(a -> accounts.put(a.id(), a));
    return accounts;
  }

  /** Signals stored in the run, by type (the simulated ones, the answers and the app's own). */
  Map<String, Long> signalsByType() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    jdbc.sql("SELECT type, COUNT(*) FROM signals GROUP BY type")
        .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
        .list();
    return counts;
  }

  /** Held-out accounts, the touches they received and the held-out decisions about them. */
  Map<String, Object> holdout(ExperimentSeam experiments, List<String> ids) {
    List<String> held = ids.stream().filter(experiments::heldOut).toList();
    long touches = 0;
    long decisions = 0;
    if (!held.isEmpty()) {
      touches =
          jdbc.sql("SELECT COUNT(*) FROM touches WHERE account_id IN (:ids)")
              .param("ids", held)
              .query(Long.class)
              .single();
      decisions =
          jdbc.sql(
                  "SELECT COUNT(*) FROM decisions WHERE account_id IN (:ids) AND outcome = 'held-out'")
              .param("ids", held)
              .query(Long.class)
              .single();
    }
    Map<String, Object> holdout = new LinkedHashMap<>();
    holdout.put("accounts", held.size());
    holdout.put("touchesReceived", touches);
    holdout.put("heldOutDecisions", decisions);
    return holdout;
  }
}
