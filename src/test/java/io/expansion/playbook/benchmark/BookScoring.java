package io.expansion.playbook.benchmark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.dmn.DecisionEngine;
import io.camunda.zeebe.dmn.DecisionEngineFactory;
import io.camunda.zeebe.dmn.DecisionEvaluationResult;
import io.camunda.zeebe.dmn.ParsedDecisionRequirementsGraph;
import io.camunda.zeebe.dmn.impl.VariablesContext;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.scoring.AccountScores;
import io.expansion.playbook.scoring.HealthScores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores and segments a whole freshly imported book in bulk: the app's active health model ({@link
 * HealthScores#evaluator}) for the scores and the deployed {@code segmentation.dmn}, evaluated by
 * Zeebe's own DMN engine in-process (the same decision the journeys call), one page of accounts per
 * transaction with JDBC batches.
 */
final class BookScoring {

  private static final int PAGE = 1000;
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final String UPDATE =
      """
      UPDATE accounts SET health = :health, value_score = :value, usage_score = :usage,
             intent_score = :intent, lifecycle_stage = :stage, segment = :segment,
             updated_at = :now
      WHERE id = :id
      """;

  private final Accounts accounts;
  private final HealthScores healthScores;
  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final TransactionTemplate tx;
  private final ObjectMapper json = new ObjectMapper();
  private final DecisionEngine dmn = DecisionEngineFactory.createDecisionEngine();
  private final ParsedDecisionRequirementsGraph segmentation;

  BookScoring(AppUnderTest app, Path modelsDir) {
    this.accounts = app.bean(Accounts.class);
    this.healthScores = app.bean(HealthScores.class);
    this.jdbc = app.jdbc();
    this.batch = app.bean(NamedParameterJdbcTemplate.class);
    this.tx = app.bean(TransactionTemplate.class);
    try (InputStream in = Files.newInputStream(modelsDir.resolve("segmentation.dmn"))) {
      this.segmentation = dmn.parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read segmentation.dmn in " + modelsDir, e);
    }
    if (!segmentation.isValid()) {
      throw new IllegalStateException("segmentation.dmn: " + segmentation.getFailureMessage());
    }
  }

  /** Scores and segments every account; returns accounts per segment. */
  Map<String, Integer> scoreAll() {
    Map<String, Integer> segments = new HashMap<>();
    OffsetDateTime now = OffsetDateTime.now();
    for (int page = 0; ; page++) {
      List<Account> chunk = accounts.page(null, page, PAGE);
      if (chunk.isEmpty()) {
        return segments;
      }
      var evaluate = healthScores.evaluator(products(chunk), now);
      List<SqlParameterSource> rows = new ArrayList<>(chunk.size());
      for (Account account : chunk) {
        AccountScores scores = evaluate.apply(account);
        String segment = segment(scores);
        segments.merge(segment, 1, Integer::sum);
        rows.add(
            new MapSqlParameterSource()
                .addValue("health", scores.health())
                .addValue("value", scores.valueScore())
                .addValue("usage", scores.usageScore())
                .addValue("intent", scores.intentScore())
                .addValue("stage", scores.lifecycleStage())
                .addValue("segment", segment)
                .addValue("now", now)
                .addValue("id", account.id()));
      }
      tx.executeWithoutResult(
          status -> batch.batchUpdate(UPDATE, rows.toArray(SqlParameterSource[]::new)));
    }
  }

  private String segment(AccountScores scores) {
    Map<String, Object> input = new HashMap<>();
    input.put("health", scores.health());
    input.put("valueScore", scores.valueScore());
    input.put("usageScore", scores.usageScore());
    input.put("intentScore", scores.intentScore());
    DecisionEvaluationResult result =
        dmn.evaluateDecisionById(
            segmentation, "segmentation", new VariablesContext(Map.of("scores", input)));
    if (result.isFailure()) {
      throw new IllegalStateException("segmentation.dmn failed: " + result.getFailureMessage());
    }
    Object segment = MsgPackConverter.convertToMap(result.getOutput()).get("segment");
    return segment == null ? "none" : segment.toString();
  }

  private Map<String, Set<String>> products(List<Account> chunk) {
    Map<String, Set<String>> products = new HashMap<>();
    jdbc.sql(
            "SELECT account_id, product_code FROM account_products"
                + " WHERE account_id BETWEEN :first AND :last")
        .param("first", chunk.getFirst().id())
        .param("last", chunk.getLast().id())
        .query(
            rs -> {
              products
                  .computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>())
                  .add(rs.getString(2));
            });
    return products;
  }
}
