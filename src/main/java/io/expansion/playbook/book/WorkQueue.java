package io.expansion.playbook.book;

import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.segmentation.SegmentationDecision;
import io.expansion.playbook.tasks.TaskSearch;
import io.expansion.playbook.tasks.UserTask;
import io.expansion.playbook.web.ApiException;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A CSM's accounts in priority order ({@link QueuePriority}): the next best action of the latest
 * scoring run, churn risk, days to renewal and the open tasks, each account with a one-line reason
 * for its rank.
 */
@Service
public class WorkQueue {

  private final JdbcClient jdbc;
  private final Accounts accounts;
  private final TaskSearch tasks;
  private final SegmentationDecision segmentation;
  private final Clock clock;

  WorkQueue(
      JdbcClient jdbc,
      Accounts accounts,
      TaskSearch tasks,
      SegmentationDecision segmentation,
      Clock clock) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.tasks = tasks;
    this.segmentation = segmentation;
    this.clock = clock;
  }

  /** One page of a CSM's queue. */
  public record Queue(
      String csm, String segment, int page, int size, long total, List<Item> items) {}

  /** An account in the queue. */
  public record Item(
      long rank,
      String accountId,
      String name,
      String segment,
      Integer health,
      Double churnRisk,
      Integer daysToRenewal,
      BigDecimal mrr,
      double priorityScore,
      String why,
      NextBestAction.View nextBestAction,
      List<OpenTask> openTasks) {}

  /** An open task of the account. */
  public record OpenTask(long id, String name, OffsetDateTime dueDate, int priority) {}

  private record Row(
      String id,
      String name,
      String segment,
      Integer health,
      BigDecimal mrr,
      LocalDate renewalDate,
      NextBestAction action) {}

  /**
   * The queue of {@code csm}, optionally of one segment.
   *
   * @throws ApiException 400 for a missing CSM, an unknown segment or a bad page; 404 for a CSM who
   *     owns no account
   */
  public Queue of(String csm, String segment, int page, int size) {
    if (csm == null || csm.isBlank()) {
      throw ApiException.badRequest("Parameter 'csm' is required (e.g. csm=csm-03)");
    }
    if (segment != null && !segmentation.segments().contains(segment)) {
      throw ApiException.badRequest(
          "Unknown segment '" + segment + "': expected one of " + segmentation.segments());
    }
    if (page < 0 || size < 1 || size > 200) {
      throw ApiException.badRequest(
          "page must be >= 0 and limit between 1 and 200 (got page "
              + page
              + ", limit "
              + size
              + ")");
    }
    if (accounts.countOwnedBy(csm) == 0) {
      throw ApiException.notFound("Unknown CSM '" + csm + "': no account is owned by " + csm);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    LocalDate today = now.toLocalDate();
    Map<String, List<UserTask>> open = tasks.openOfAccountsOwnedBy(csm);
    List<Item> ranked = new ArrayList<>();
    for (Row row : rows(csm, segment)) {
      List<UserTask> taskList = open.getOrDefault(row.id(), List.of());
      Integer health = row.health();
      Double estimated =
          QueuePriority.churnRisk(
              health, row.action() == null ? null : row.action().churnProbability());
      Double risk = estimated == null ? null : Math.round(estimated * 1000) / 1000.0;
      Integer days =
          row.renewalDate() == null
              ? null
              : (int) ChronoUnit.DAYS.between(today, row.renewalDate());
      int overdue = 0;
      int dueSoon = 0;
      for (UserTask t : taskList) {
        if (t.dueDate() != null && t.dueDate().isBefore(now)) {
          overdue++;
        } else if (t.dueDate() != null
            && t.dueDate().isBefore(now.plusDays(QueuePriority.DUE_SOON_DAYS))) {
          dueSoon++;
        }
      }
      QueuePriority.Ranked priority =
          QueuePriority.rank(new QueuePriority.Inputs(row.action(), risk, days, overdue, dueSoon));
      ranked.add(
          new Item(
              0,
              row.id(),
              row.name(),
              row.segment(),
              health,
              risk,
              days,
              row.mrr(),
              priority.score(),
              priority.why(),
              row.action() == null
                  ? new NextBestAction.View(null, null, null, null, null, "not scored yet", null)
                  : row.action().view(),
              taskList.stream()
                  .map(t -> new OpenTask(t.id(), t.name(), t.dueDate(), t.priority()))
                  .toList()));
    }
    ranked.sort(
        Comparator.comparingDouble(Item::priorityScore).reversed().thenComparing(Item::accountId));
    List<Item> items = new ArrayList<>();
    for (int i = page * size; i < Math.min(ranked.size(), (page + 1) * size); i++) {
      Item it = ranked.get(i);
      items.add(
          new Item(
              i + 1L,
              it.accountId(),
              it.name(),
              it.segment(),
              it.health(),
              it.churnRisk(),
              it.daysToRenewal(),
              it.mrr(),
              it.priorityScore(),
              it.why(),
              it.nextBestAction(),
              it.openTasks()));
    }
    return new Queue(csm, segment, page, size, ranked.size(), items);
  }

  private List<Row> rows(String csm, String segment) {
    return jdbc.sql(
            """
            SELECT a.id AS a_id, a.name AS a_name, a.segment AS a_segment, a.health AS a_health,
                   a.mrr AS a_mrr, a.renewal_date AS a_renewal, n.account_id, n.scoring_id,
                   n.computed_at, n.segment, n.health, n.churn_probability, n.code, n.offer_code,
                   n.offer_name, n.expected_value, n.channel, n.reason
            FROM accounts a LEFT JOIN next_best_actions n ON n.account_id = a.id
            WHERE a.owner_csm = :csm
              AND (CAST(:segment AS VARCHAR(30)) IS NULL OR a.segment = :segment)
            """)
        .param("csm", csm)
        .param("segment", segment, Types.VARCHAR)
        .query(
            (rs, n) ->
                new Row(
                    rs.getString("a_id"),
                    rs.getString("a_name"),
                    rs.getString("a_segment"),
                    rs.getObject("a_health", Integer.class),
                    rs.getBigDecimal("a_mrr"),
                    rs.getObject("a_renewal", LocalDate.class),
                    rs.getString("account_id") == null ? null : NextBestActions.map(rs, n)))
        .list();
  }
}
