package io.expansion.playbook.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The relay's moves of outbox messages. Every move is a conditional update on the status and the
 * claim token the mover holds, so two relays, or a relay and the one it replaces after a crash,
 * never both move one message.
 */
@Repository
class DeliveryStates {

  private static final String DUE = "COALESCE(%1$s.deliver_after, %1$s.created_at)";

  private final JdbcClient jdbc;

  DeliveryStates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Due messages, in delivery order; per contact only the first one not yet final, so a contact's
   * messages leave in order (a message waiting for its retry holds back the later ones).
   */
  List<Long> due(OffsetDateTime now, int limit) {
    String oDue = DUE.formatted("o");
    String pDue = DUE.formatted("p");
    return jdbc.sql(
            "SELECT o.id FROM outbox o WHERE o.status = 'PENDING' AND "
                + oDue
                + " <= :now AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= :now)"
                + " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.contact_id = o.contact_id"
                + " AND p.id <> o.id AND p.status IN ('PENDING', 'CLAIMED', 'SENDING') AND ("
                + pDue
                + " < "
                + oDue
                + " OR ("
                + pDue
                + " = "
                + oDue
                + " AND p.id < o.id))) ORDER BY "
                + oDue
                + ", o.id LIMIT :limit")
        .param("now", now)
        .param("limit", limit)
        .query(Long.class)
        .list();
  }

  boolean claim(long id, String token, OffsetDateTime leaseUntil) {
    return jdbc.sql(
                "UPDATE outbox SET status = 'CLAIMED', claimed_by = ?, lease_until = ? WHERE id = ?"
                    + " AND status = 'PENDING'")
            .params(token, leaseUntil, id)
            .update()
        == 1;
  }

  /** Claims whose relay stopped before handing the message over: free to be claimed again. */
  int releaseExpiredClaims(OffsetDateTime now) {
    return jdbc.sql(
            "UPDATE outbox SET status = 'PENDING', claimed_by = NULL, lease_until = NULL WHERE"
                + " status = 'CLAIMED' AND lease_until < ?")
        .param(now)
        .update();
  }

  /** Messages handed to a channel by a relay that stopped before it recorded the result. */
  record Interrupted(long id, String token) {}

  List<Interrupted> interrupted(OffsetDateTime now) {
    return jdbc.sql(
            "SELECT id, claimed_by FROM outbox WHERE status = 'SENDING' AND lease_until < ?")
        .param(now)
        .query((rs, n) -> new Interrupted(rs.getLong(1), rs.getString(2)))
        .list();
  }

  /** Hands the claimed message over to a remote channel; counts the attempt. */
  boolean handOver(long id, String token, OffsetDateTime leaseUntil) {
    return jdbc.sql(
                "UPDATE outbox SET status = 'SENDING', attempts = attempts + 1, lease_until = ?"
                    + " WHERE id = ? AND status = 'CLAIMED' AND claimed_by = ?")
            .params(leaseUntil, id, token)
            .update()
        == 1;
  }

  /**
   * Moves the message to a final status ({@code SENT}, {@code FAILED}, {@code BOUNCED}, {@code
   * CANCELLED}).
   *
   * @param countAttempt whether this move is the attempt itself (transactional channels)
   */
  boolean finish(
      long id,
      String token,
      String from,
      String status,
      String reason,
      OffsetDateTime sentAt,
      boolean countAttempt) {
    return jdbc.sql(
                "UPDATE outbox SET status = ?, status_reason = ?, sent_at = ?, claimed_by = NULL,"
                    + " lease_until = NULL, next_attempt_at = NULL, attempts = attempts + ? WHERE"
                    + " id = ? AND status = ? AND claimed_by = ?")
            .params(status, truncate(reason), sentAt, countAttempt ? 1 : 0, id, from, token)
            .update()
        == 1;
  }

  /** Back to PENDING, to be tried again at {@code nextAttemptAt}. */
  boolean retryLater(
      long id,
      String token,
      String from,
      OffsetDateTime nextAttemptAt,
      String reason,
      boolean countAttempt) {
    return jdbc.sql(
                "UPDATE outbox SET status = 'PENDING', next_attempt_at = ?, status_reason = ?,"
                    + " claimed_by = NULL, lease_until = NULL, attempts = attempts + ? WHERE id = ?"
                    + " AND status = ? AND claimed_by = ?")
            .params(nextAttemptAt, truncate(reason), countAttempt ? 1 : 0, id, from, token)
            .update()
        == 1;
  }

  /** A FAILED message queued again by hand (its attempts start over). */
  boolean requeue(String messageId, String reason) {
    return jdbc.sql(
                "UPDATE outbox SET status = 'PENDING', attempts = 0, next_attempt_at = NULL,"
                    + " status_reason = ? WHERE message_id = ? AND status = 'FAILED'")
            .params(reason, messageId)
            .update()
        == 1;
  }

  int attempts(long id) {
    return jdbc.sql("SELECT attempts FROM outbox WHERE id = ?")
        .param(id)
        .query(Integer.class)
        .single();
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
  }
}
