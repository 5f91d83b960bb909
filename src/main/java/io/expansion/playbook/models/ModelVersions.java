package io.expansion.playbook.models;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored versions, and which engine definition key each one has in the running engine (kept in
 * memory as well: a journey's start looks its version up by the key).
 */
@Repository
public class ModelVersions {

  /** A process version an active journey runs on. */
  public record Used(String processId, int version) {}

  private static final String COLUMNS =
      "kind, resource_id, version, resource_name, content, hash, deployed_at, deployed_by,"
          + " engine_key";

  private static final RowMapper<ModelVersion> ROW =
      (rs, n) ->
          new ModelVersion(
              rs.getString("kind"),
              rs.getString("resource_id"),
              rs.getInt("version"),
              rs.getString("resource_name"),
              rs.getString("content"),
              rs.getString("hash"),
              rs.getObject("deployed_at", OffsetDateTime.class),
              rs.getString("deployed_by"),
              rs.getObject("engine_key", Long.class));

  private final JdbcClient jdbc;
  private final Map<Long, Integer> versionByKey = new ConcurrentHashMap<>();

  public ModelVersions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public static String hash(String content) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void insert(ModelVersion v) {
    jdbc.sql(
            """
            INSERT INTO model_versions (kind, resource_id, version, resource_name, content, hash,
                                        deployed_at, deployed_by, engine_key)
            VALUES (:kind, :id, :version, :name, :content, :hash, :at, :by, :key)
            """)
        .param("kind", v.kind())
        .param("id", v.resourceId())
        .param("version", v.version())
        .param("name", v.resourceName())
        .param("content", v.content())
        .param("hash", v.hash())
        .param("at", v.deployedAt())
        .param("by", v.deployedBy())
        .param("key", v.engineKey())
        .update();
    remember(v.kind(), v.engineKey(), v.version());
  }

  void attachEngineKey(String kind, String resourceId, int version, long engineKey) {
    jdbc.sql(
            "UPDATE model_versions SET engine_key = ? WHERE kind = ? AND resource_id = ?"
                + " AND version = ?")
        .params(engineKey, kind, resourceId, version)
        .update();
    remember(kind, engineKey, version);
  }

  /** A fresh embedded engine holds none of the stored versions. */
  void forgetEngineKeys() {
    jdbc.sql("UPDATE model_versions SET engine_key = NULL").update();
    versionByKey.clear();
  }

  private void remember(String kind, Long engineKey, int version) {
    if (ModelVersion.BPMN.equals(kind) && engineKey != null) {
      versionByKey.put(engineKey, version);
    }
  }

  public Optional<ModelVersion> latest(String kind, String resourceId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM model_versions WHERE kind = ? AND resource_id = ?"
                + " ORDER BY version DESC LIMIT 1")
        .params(kind, resourceId)
        .query(ROW)
        .optional();
  }

  public Optional<ModelVersion> find(String kind, String resourceId, int version) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM model_versions WHERE kind = ? AND resource_id = ? AND version = ?")
        .params(kind, resourceId, version)
        .query(ROW)
        .optional();
  }

  /** A stored version with this content, if any. */
  Optional<ModelVersion> withHash(String kind, String hash) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM model_versions WHERE kind = ? AND hash = ? ORDER BY version DESC LIMIT 1")
        .params(kind, hash)
        .query(ROW)
        .optional();
  }

  public Optional<ModelVersion> find(String resourceId, int version) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM model_versions WHERE resource_id = ? AND version = ? ORDER BY kind"
                + " LIMIT 1")
        .params(resourceId, version)
        .query(ROW)
        .optional();
  }

  /** Every version of a resource, oldest first. */
  public List<ModelVersion> versions(String resourceId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM model_versions WHERE resource_id = ? ORDER BY kind, version")
        .param(resourceId)
        .query(ROW)
        .list();
  }

  /** The latest version of every resource. */
  public List<ModelVersion> latestOfEach() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM model_versions m WHERE version = (SELECT MAX(version) FROM model_versions"
                + " x WHERE x.kind = m.kind AND x.resource_id = m.resource_id)"
                + " ORDER BY kind, resource_id")
        .query(ROW)
        .list();
  }

  /** The process versions active journeys run on, in order. */
  public List<Used> usedByActiveJourneys() {
    return jdbc.sql(
            "SELECT DISTINCT process_id, process_version FROM journeys"
                + " WHERE status = 'ACTIVE' AND process_version IS NOT NULL"
                + " ORDER BY process_id, process_version")
        .query((rs, n) -> new Used(rs.getString(1), rs.getInt(2)))
        .list();
  }

  /** The engine definition key of a stored process version in the running engine. */
  public Optional<Long> engineKey(String processId, int version) {
    return jdbc.sql(
            "SELECT engine_key FROM model_versions WHERE kind = 'BPMN' AND resource_id = ?"
                + " AND version = ? AND engine_key IS NOT NULL")
        .params(processId, version)
        .query(Long.class)
        .optional();
  }

  /** The stored version of a process definition key of the running engine. */
  public Optional<Integer> versionOf(long processDefinitionKey) {
    Integer known = versionByKey.get(processDefinitionKey);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Integer> stored =
        jdbc.sql("SELECT version FROM model_versions WHERE kind = 'BPMN' AND engine_key = ?")
            .param(processDefinitionKey)
            .query(Integer.class)
            .optional();
    stored.ifPresent(v -> versionByKey.put(processDefinitionKey, v));
    return stored;
  }
}
