package io.expansion.playbook.book;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code book_scorings}: state, progress, counts and timings of each run. */
@Repository
class BookScoringRuns {

  private static final TypeReference<TreeMap<String, Integer>> COUNTS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  BookScoringRuns(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void create(String id, String trigger, String requestedBy, OffsetDateTime now) {
    jdbc.sql(
            """
            INSERT INTO book_scorings (id, trigger_source, requested_by, state, segments, actions,
              created_at)
            VALUES (:id, :trigger, :by, 'QUEUED', '{}', '{}', :now)
            """)
        .param("id", id)
        .param("trigger", truncate(trigger, 80))
        .param("by", requestedBy, Types.VARCHAR)
        .param("now", now)
        .update();
  }

  /** The run still waiting to start, if any. */
  Optional<BookScoringRun> queued() {
    return jdbc.sql(
            "SELECT * FROM book_scorings WHERE state = 'QUEUED' ORDER BY created_at, id LIMIT 1")
        .query(this::map)
        .optional();
  }

  /** Moves a queued run to RUNNING; false when it is not queued any more. */
  boolean started(
      String id, String modelVersion, String segmentationHash, int total, OffsetDateTime now) {
    return jdbc.sql(
                """
                UPDATE book_scorings SET state = 'RUNNING', model_version = :model,
                  segmentation_hash = :hash, accounts_total = :total, started_at = :now
                WHERE id = :id AND state = 'QUEUED'
                """)
            .param("model", modelVersion)
            .param("hash", segmentationHash)
            .param("total", total)
            .param("now", now)
            .param("id", id)
            .update()
        == 1;
  }

  void progress(String id, BookScoringCounts counts, long durationMs) {
    jdbc.sql(
            """
            UPDATE book_scorings SET accounts_scored = :scored, health_changed = :health,
              segment_changed = :segment, segments = :segments, actions = :actions,
              duration_ms = :duration
            WHERE id = :id
            """)
        .param("scored", counts.scored())
        .param("health", counts.healthChanged())
        .param("segment", counts.segmentChanged())
        .param("segments", write(counts.segments()))
        .param("actions", write(counts.actions()))
        .param("duration", durationMs)
        .param("id", id)
        .update();
  }

  void finished(String id, String state, String message, OffsetDateTime now) {
    jdbc.sql(
            """
            UPDATE book_scorings SET state = :state, message = :message, finished_at = :now
            WHERE id = :id
            """)
        .param("state", state)
        .param("message", message == null ? null : truncate(message, 2000), Types.VARCHAR)
        .param("now", now)
        .param("id", id)
        .update();
  }

  /** Marks runs a stopped application left queued or running as failed. */
  int abandonUnfinished(OffsetDateTime now) {
    return jdbc.sql(
            """
            UPDATE book_scorings SET state = 'FAILED', finished_at = :now,
              message = 'The application stopped before the scoring run finished'
            WHERE state IN ('QUEUED', 'RUNNING')
            """)
        .param("now", now)
        .update();
  }

  Optional<BookScoringRun> find(String id) {
    return jdbc.sql("SELECT * FROM book_scorings WHERE id = :id")
        .param("id", id)
        .query(this::map)
        .optional();
  }

  /** The latest runs, newest first. */
  List<BookScoringRun> latest(int limit) {
    return jdbc.sql("SELECT * FROM book_scorings ORDER BY created_at DESC, id LIMIT :limit")
        .param("limit", limit)
        .query(this::map)
        .list();
  }

  /** The latest run that finished successfully. */
  Optional<BookScoringRun> lastSucceeded() {
    return jdbc.sql(
            """
            SELECT * FROM book_scorings WHERE state = 'SUCCEEDED'
            ORDER BY finished_at DESC, id LIMIT 1
            """)
        .query(this::map)
        .optional();
  }

  private BookScoringRun map(ResultSet rs, int row) throws SQLException {
    int total = rs.getInt("accounts_total");
    int scored = rs.getInt("accounts_scored");
    String state = rs.getString("state");
    double progress =
        BookScoringRun.SUCCEEDED.equals(state)
            ? 1.0
            : total == 0 ? 0.0 : Math.round(scored * 1000.0 / total) / 1000.0;
    return new BookScoringRun(
        rs.getString("id"),
        rs.getString("trigger_source"),
        rs.getString("requested_by"),
        state,
        rs.getString("model_version"),
        rs.getString("segmentation_hash"),
        total,
        scored,
        progress,
        rs.getInt("health_changed"),
        rs.getInt("segment_changed"),
        read(rs.getString("segments")),
        read(rs.getString("actions")),
        rs.getString("message"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("started_at", OffsetDateTime.class),
        rs.getObject("finished_at", OffsetDateTime.class),
        rs.getObject("duration_ms", Long.class));
  }

  private String write(Map<String, Integer> counts) {
    try {
      return json.writeValueAsString(new TreeMap<>(counts));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise counts", e);
    }
  }

  private Map<String, Integer> read(String text) {
    try {
      return json.readValue(text, COUNTS);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
