package io.expansion.playbook.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * H2's own statement statistics over the throughput runs: how often each SQL statement ran and how
 * long it took to execute (parsing not included), so a slower app can be traced to its statements.
 * Only on H2; written as {@code sql-<book>.csv}, the costliest first.
 */
final class SqlStatistics {

  private static final Logger LOG = LoggerFactory.getLogger(SqlStatistics.class);

  /** One statement's totals. */
  record Statement(String sql, long executions, double totalMs, double averageMs, long rows) {}

  private SqlStatistics() {}

  /**
   * Whether the app's database keeps statement statistics: H2 does; on any other (the PostgreSQL
   * test run points the app there) the benchmark leaves them out.
   */
  static boolean available(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return "H2".equals(c.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the app's database product", e);
    }
  }

  /** Starts counting afresh (H2 keeps the statistics per database, up to {@code maxEntries}). */
  static void start(JdbcClient jdbc, int maxEntries) {
    jdbc.sql("SET QUERY_STATISTICS_MAX_ENTRIES " + maxEntries).update();
    jdbc.sql("SET QUERY_STATISTICS FALSE").update();
    jdbc.sql("SET QUERY_STATISTICS TRUE").update();
  }

  /** The statements counted since {@link #start}, by total execution time; then stops counting. */
  static List<Statement> stop(JdbcClient jdbc) {
    List<Statement> statements =
        jdbc.sql(
                """
                SELECT SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME,
                       AVERAGE_EXECUTION_TIME, CUMULATIVE_ROW_COUNT
                  FROM INFORMATION_SCHEMA.QUERY_STATISTICS
                 ORDER BY CUMULATIVE_EXECUTION_TIME DESC
                """)
            .query(
                (rs, i) ->
                    new Statement(
                        rs.getString(1).replaceAll("\\\\s+", " ").strip(),
                        rs.getLong(2),
                        rs.getDouble(3),
                        rs.getDouble(4),
                        rs.getLong(5)))
            .list();
    jdbc.sql("SET QUERY_STATISTICS FALSE").update();
    return statements;
  }

  static void write(List<Statement> statements, long journeys, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("executions,per_journey,total_ms,average_ms,rows,sql");
    for (Statement s : statements) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%d,%.2f,%.1f,%.3f,%d,\"%s\"",
              s.executions(),
              journeys == 0 ? Double.NaN : (double) s.executions() / journeys,
              s.totalMs(),
              s.averageMs(),
              s.rows(),
              s.sql().replace("\"", "\"\"")));
    }
    Files.write(file, lines);
  }

  /** Stops counting, writes the statements to {@code file} and logs the costliest five. */
  static void report(String book, JdbcClient jdbc, long journeys, Path file) throws IOException {
    List<Statement> statements = stop(jdbc);
    write(statements, journeys, file);
    long executions = statements.stream().mapToLong(Statement::executions).sum();
    LOG.info(
        "Book {}: {} SQL statements per journey in the throughput runs ({} distinct), the"
            + " costliest: {}",
        book,
        Benchmark.fmt(journeys == 0 ? Double.NaN : (double) executions / journeys),
        statements.size(),
        statements.stream()
            .limit(5)
            .map(
                st ->
                    Benchmark.fmt(st.totalMs())
                        + " ms "
                        + st.executions()
                        + "× "
                        + abbreviate(st.sql()))
            .toList());
  }

  private static String abbreviate(String sql) {
    return sql.length() <= 90 ? sql : sql.substring(0, 87) + "...";
  }
}
