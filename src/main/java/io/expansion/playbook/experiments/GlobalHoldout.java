package io.expansion.playbook.experiments;

import io.expansion.playbook.decisions.DecisionLog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The global holdout: accounts whose bucket under {@code global-holdout.salt} falls below {@code
 * share} × 10,000 get no automated touch from any play. Decided once per account and stored ({@code
 * holdout_assignments}), so a later change of the share leaves accounts where they are.
 */
@Service
public class GlobalHoldout {

  /** The decision rule of a touch the holdout kept back (outcome {@code held-out}). */
  public static final String RULE = "holdout";

  public static final String HELD_OUT = "held-out";

  /** A touch the holdout kept back: what it would have been. */
  public record WithheldTouch(
      String businessKey,
      String accountId,
      String journeyId,
      String play,
      String purpose,
      String channel,
      Long offerId,
      String offerCode,
      String subject,
      String deferredUntil) {}

  private final ExperimentProperties properties;
  private final JdbcClient jdbc;
  private final DecisionLog decisions;
  private final Clock clock;

  public GlobalHoldout(
      ExperimentProperties properties, JdbcClient jdbc, DecisionLog decisions, Clock clock) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.decisions = decisions;
    this.clock = clock;
  }

  /**
   * Records the touch that was not made, once per touch (business key {@code <touch>:held-out}).
   */
  public void withhold(WithheldTouch t) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("touchKey", t.businessKey());
    inputs.put("play", t.play());
    inputs.put("purpose", t.purpose());
    inputs.put("channel", t.channel());
    inputs.put("offerId", t.offerId());
    inputs.put("offerCode", t.offerCode());
    inputs.put("subject", t.subject());
    inputs.put("deferredUntil", t.deferredUntil());
    inputs.put("holdoutShare", share());
    decisions.record(
        t.businessKey() + ":" + HELD_OUT,
        t.accountId(),
        t.journeyId(),
        RULE,
        HELD_OUT,
        "No touch: the account is in the global holdout. It would have been "
            + t.play()
            + "'s "
            + t.purpose()
            + " touch '"
            + t.subject()
            + "' via "
            + t.channel()
            + (t.deferredUntil() == null ? "" : ", after quiet hours (" + t.deferredUntil() + ")"),
        inputs);
  }

  /** Whether the account is held out: the stored answer, or decided and stored now. */
  public boolean heldOut(String accountId) {
    var stored = stored(accountId);
    if (stored != null) {
      return stored;
    }
    int bucket = Bucketing.bucket(properties.globalHoldout().salt(), accountId);
    double share = properties.globalHoldout().share();
    boolean heldOut = bucket < Math.round(share * Bucketing.BUCKETS);
    try {
      jdbc.sql(
              "INSERT INTO holdout_assignments (account_id, held_out, bucket, share, assigned_at)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(accountId, heldOut, bucket, BigDecimal.valueOf(share), OffsetDateTime.now(clock))
          .update();
      return heldOut;
    } catch (DuplicateKeyException concurrent) {
      return stored(accountId);
    }
  }

  /** Accounts held out so far (decided at their first touch or exposure). */
  public long heldOutCount() {
    return jdbc.sql("SELECT COUNT(*) FROM holdout_assignments WHERE held_out = TRUE")
        .query(Long.class)
        .single();
  }

  /**
   * The holdout on this database.
   *
   * @param touchesReceived touches stored for held-out accounts since they were held out (0 when
   *     the holdout holds)
   * @param heldOutDecisions touches withheld, each a {@code held-out} decision
   */
  public record Summary(
      double share, long accountsHeldOut, long touchesReceived, long heldOutDecisions) {}

  public Summary summary() {
    long touches =
        jdbc.sql(
                "SELECT COUNT(*) FROM touches t JOIN holdout_assignments h ON h.account_id ="
                    + " t.account_id WHERE h.held_out = TRUE AND t.occurred_at >= h.assigned_at")
            .query(Long.class)
            .single();
    long withheld =
        jdbc.sql("SELECT COUNT(*) FROM decisions WHERE rule = ? AND outcome = ?")
            .params(RULE, HELD_OUT)
            .query(Long.class)
            .single();
    return new Summary(share(), heldOutCount(), touches, withheld);
  }

  public double share() {
    return properties.globalHoldout().share();
  }

  private Boolean stored(String accountId) {
    return jdbc.sql("SELECT held_out FROM holdout_assignments WHERE account_id = ?")
        .param(accountId)
        .query(Boolean.class)
        .optional()
        .orElse(null);
  }
}
