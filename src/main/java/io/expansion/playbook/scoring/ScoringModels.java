package io.expansion.playbook.scoring;

import io.expansion.playbook.database.UniqueInsert;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Rows of {@code scoring_models}: score-card versions, at most one active. */
@Repository
public class ScoringModels {

  private final JdbcClient jdbc;

  public ScoringModels(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A stored version (definition and metrics as JSON text).
   *
   * @param artifact the boosted trees' booster, base64 ({@code null} for score cards)
   */
  public record Row(
      String version,
      String kind,
      OffsetDateTime createdAt,
      String definition,
      String metrics,
      boolean active,
      String artifact) {}

  public Optional<Row> find(String version) {
    return jdbc.sql(
            "SELECT version, kind, created_at, definition, metrics, active, artifact"
                + " FROM scoring_models"
                + " WHERE version = ?")
        .param(version)
        .query(ScoringModels::map)
        .optional();
  }

  public Optional<String> activeVersion() {
    return jdbc
        .sql("SELECT version FROM scoring_models WHERE active = TRUE ORDER BY created_at")
        .query(String.class)
        .list()
        .stream()
        .findFirst();
  }

  /** All versions, newest first. */
  public List<Row> list() {
    return jdbc.sql(
            "SELECT version, kind, created_at, definition, metrics, active, artifact"
                + " FROM scoring_models"
                + " ORDER BY created_at DESC, version DESC")
        .query(ScoringModels::map)
        .list();
  }

  /** Number of versions of a kind. */
  public long count(String kind) {
    return jdbc.sql("SELECT COUNT(*) FROM scoring_models WHERE kind = ?")
        .param(kind)
        .query(Long.class)
        .single();
  }

  /**
   * Inserts a version (inactive).
   *
   * @return false when the version already exists
   */
  public boolean insert(
      String version,
      String kind,
      OffsetDateTime at,
      String definition,
      String metrics,
      String artifact) {
    if (find(version).isPresent()) {
      return false;
    }
    // Inserted concurrently: the primary key refuses the second.
    return UniqueInsert.attempt(
        jdbc,
        () ->
            jdbc.sql(
                    """
                    INSERT INTO scoring_models (version, kind, created_at, definition, metrics,
                                                active, artifact)
                    VALUES (?, ?, ?, ?, ?, FALSE, ?)
                    """)
                .params(version, kind, at, definition, metrics, artifact)
                .update());
  }

  /**
   * Makes one version the only active one.
   *
   * @return false when the version does not exist (nothing changes)
   */
  @Transactional
  public boolean activate(String version) {
    if (find(version).isEmpty()) {
      return false;
    }
    jdbc.sql("UPDATE scoring_models SET active = (version = ?)").param(version).update();
    return true;
  }

  private static Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Row(
        rs.getString("version"),
        rs.getString("kind"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getString("definition"),
        rs.getString("metrics"),
        rs.getBoolean("active"),
        rs.getString("artifact"));
  }
}
