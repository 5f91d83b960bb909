package io.expansion.playbook.support;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows a scenario left behind, as sorted strings with what differs between two runs of it (the
 * account, generated ids, signal and task ids) replaced by placeholders, so two runs compare equal
 * exactly when they had the same effects.
 */
public final class EffectRows {

  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private EffectRows() {}

  /**
   * @param sql a query returning one string column; its first parameter is the account
   */
  public static List<String> of(JdbcClient jdbc, String sql, String account, Object... more) {
    List<Object> params = new ArrayList<>(List.of(account));
    params.addAll(List.of(more));
    List<String> rows = new ArrayList<>();
    for (String row : jdbc.sql(sql).params(params).query(String.class).list()) {
      rows.add(
          row.replace(account, "<account>")
              .replaceAll(UUID, "<id>")
              .replaceAll("signal([-:])\\d+", "signal$1<id>")
              .replaceAll("task:\\d+:", "task:<id>:"));
    }
    rows.sort(null);
    return rows;
  }
}
