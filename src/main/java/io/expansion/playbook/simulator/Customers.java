package io.expansion.playbook.simulator;

import io.expansion.playbook.signals.SignalService;
import io.expansion.playbook.signals.SignalService.SignalRequest;
import io.expansion.playbook.web.ApiException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulated customers' side of the touches: every delivered message not answered yet is
 * answered (or not) once, by the {@link ResponseModel}, as the answer signal the product or mail
 * client would send. Draws are seeded by run, account and the touch (when, which play, the offer's
 * code and channel — never a database id, which follows the threads' timing), so the processing
 * order does not matter.
 */
final class Customers {

  private static final Logger LOG = LoggerFactory.getLogger(Customers.class);

  private final JdbcClient jdbc;
  private final SignalService signals;
  private final ResponseModel responses;
  private final ExperimentSeam experiments;
  private final String experimentKey;
  private final long seed;
  private final Set<String> seen = new HashSet<>();
  private final Map<String, Long> answers = new LinkedHashMap<>();

  Customers(
      JdbcClient jdbc,
      SignalService signals,
      ResponseModel responses,
      ExperimentSeam experiments,
      String experimentKey,
      long seed) {
    this.jdbc = jdbc;
    this.signals = signals;
    this.responses = responses;
    this.experiments = experiments;
    this.experimentKey = experimentKey;
    this.seed = seed;
  }

  private record Delivered(
      String messageId,
      String accountId,
      String contactId,
      String channel,
      boolean offer,
      String touch) {}

  /** Answers the messages delivered so far; returns how many answers were sent. */
  int answer(Map<String, SimulatedAccount> accounts) {
    List<Delivered> delivered =
        jdbc.sql(
                """
                SELECT o.message_id, t.account_id, o.contact_id, o.channel, f.offer_code,
                       t.occurred_at, t.play
                FROM outbox o JOIN touches t ON t.id = o.touch_id
                LEFT JOIN offers f ON f.id = t.offer_id
                WHERE o.status = 'SENT' AND o.engagement IS NULL
                ORDER BY t.account_id, t.occurred_at, t.play, o.channel, f.offer_code""")
            .query(
                (rs, n) ->
                    new Delivered(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5) != null,
                        rs.getObject(6, java.time.OffsetDateTime.class).toInstant()
                            + "/"
                            + rs.getString(7)
                            + "/"
                            + rs.getObject(5)
                            + "/"
                            + rs.getString(4)))
            .list();
    int sent = 0;
    for (Delivered m : delivered) {
      SimulatedAccount account = accounts.get(m.accountId());
      if (account == null || !seen.add(m.messageId())) {
        continue;
      }
      SplittableRandom rng =
          new SplittableRandom(Buckets.seed(seed, m.accountId(), "message", m.touch()));
      boolean variant =
          ExperimentSeam.VARIANT.equals(experiments.arm(experimentKey, m.accountId()));
      ResponseModel.Answer answer =
          responses.answer(account, m.channel(), m.offer(), 0, variant, rng);
      if (answer == null) {
        continue;
      }
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("messageId", m.messageId());
      if (m.contactId() != null) {
        attributes.put("contactId", m.contactId());
      }
      attributes.put("source", "simulator");
      try {
        signals.accept(
            new SignalRequest(
                m.accountId(), answer.signalType, null, attributes, "sim:" + m.messageId()));
        answers.merge(answer.signalType, 1L, Long::sum);
        sent++;
      } catch (ApiException e) {
        LOG.debug("Answer to {} refused: {}", m.messageId(), e.getMessage());
      }
    }
    return sent;
  }

  /** Answers sent so far, by signal type. */
  Map<String, Long> answers() {
    return Map.copyOf(answers);
  }
}
