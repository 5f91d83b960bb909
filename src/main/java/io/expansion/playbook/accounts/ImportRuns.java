package io.expansion.playbook.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code import_runs}: state, counters, first errors and timings of each import. */
@Repository
public class ImportRuns {

  private static final TypeReference<List<ImportError>> ERRORS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public ImportRuns(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void create(String id, String mapping, String fileName, OffsetDateTime now) {
    jdbc.sql(
            """
            INSERT INTO import_runs (id, mapping, file_name, state, errors, created_at)
            VALUES (:id, :mapping, :file, 'QUEUED', '[]', :now)
            """)
        .param("id", id)
        .param("mapping", mapping)
        .param("file", fileName == null ? null : truncate(fileName, 300))
        .param("now", now)
        .update();
  }

  void started(String id, OffsetDateTime now) {
    jdbc.sql("UPDATE import_runs SET state = 'RUNNING', started_at = :now WHERE id = :id")
        .param("now", now)
        .param("id", id)
        .update();
  }

  void progress(String id, ImportResult soFar) {
    jdbc.sql(
            """
            UPDATE import_runs SET rows_read = :read, imported = :imported, updated = :updated,
              unchanged = :unchanged, rejected = :rejected, errors = :errors,
              duration_ms = :duration
            WHERE id = :id
            """)
        .param("read", soFar.rowsRead())
        .param("imported", soFar.imported())
        .param("updated", soFar.updated())
        .param("unchanged", soFar.unchanged())
        .param("rejected", soFar.rejected())
        .param("errors", write(soFar.errors()))
        .param("duration", soFar.durationMs())
        .param("id", id)
        .update();
  }

  void finished(String id, String state, String message, OffsetDateTime now) {
    jdbc.sql(
            """
            UPDATE import_runs SET state = :state, message = :message, finished_at = :now
            WHERE id = :id
            """)
        .param("state", state)
        .param("message", message == null ? null : truncate(message, 2000))
        .param("now", now)
        .param("id", id)
        .update();
  }

  /** Marks runs a stopped application left queued or running as failed. */
  int abandonUnfinished(OffsetDateTime now) {
    return jdbc.sql(
            """
            UPDATE import_runs SET state = 'FAILED', finished_at = :now,
              message = 'The application stopped before the import finished'
            WHERE state IN ('QUEUED', 'RUNNING')
            """)
        .param("now", now)
        .update();
  }

  public Optional<ImportRun> find(String id) {
    return jdbc.sql("SELECT * FROM import_runs WHERE id = :id")
        .param("id", id)
        .query(this::map)
        .optional();
  }

  /** The latest runs, newest first. */
  public List<ImportRun> latest(int limit) {
    return jdbc.sql("SELECT * FROM import_runs ORDER BY created_at DESC, id LIMIT :limit")
        .param("limit", limit)
        .query(this::map)
        .list();
  }

  private ImportRun map(ResultSet rs, int row) throws SQLException {
    return new ImportRun(
        rs.getString("id"),
        rs.getString("mapping"),
        rs.getString("file_name"),
        rs.getString("state"),
        rs.getInt("rows_read"),
        rs.getInt("imported"),
        rs.getInt("updated"),
        rs.getInt("unchanged"),
        rs.getInt("rejected"),
        read(rs.getString("errors")),
        rs.getString("message"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("started_at", OffsetDateTime.class),
        rs.getObject("finished_at", OffsetDateTime.class),
        rs.getObject("duration_ms", Long.class));
  }

  private String write(List<ImportError> errors) {
    try {
      return json.writeValueAsString(errors);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise import errors", e);
    }
  }

  private List<ImportError> read(String text) {
    try {
      return json.readValue(text, ERRORS);
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
