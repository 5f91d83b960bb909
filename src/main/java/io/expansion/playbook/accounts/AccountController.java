package io.expansion.playbook.accounts;

import io.expansion.playbook.book.NextBestAction;
import io.expansion.playbook.book.NextBestActions;
import io.expansion.playbook.consent.Touches;
import io.expansion.playbook.decisions.Decision;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyQueries;
import io.expansion.playbook.journeys.JourneyView;
import io.expansion.playbook.offers.OfferMade;
import io.expansion.playbook.offers.Offers;
import io.expansion.playbook.scoring.HealthScores;
import io.expansion.playbook.security.CurrentUser;
import io.expansion.playbook.segmentation.SegmentHistory;
import io.expansion.playbook.segmentation.SegmentationDecision;
import io.expansion.playbook.tasks.UserTask;
import io.expansion.playbook.tasks.UserTasks;
import io.expansion.playbook.web.ApiException;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Accounts: the book by segment, and one account with its journeys, offers and decisions. */
@RestController
class AccountController {

  private final Accounts accounts;
  private final JourneyQueries journeys;
  private final Offers offers;
  private final Touches touches;
  private final UserTasks tasks;
  private final DecisionLog decisions;
  private final HealthScores healthScores;
  private final CurrentUser currentUser;
  private final NextBestActions nextBestActions;
  private final SegmentHistory segmentHistory;
  private final SegmentationDecision segmentation;

  AccountController(
      Accounts accounts,
      JourneyQueries journeys,
      Offers offers,
      Touches touches,
      UserTasks tasks,
      DecisionLog decisions,
      HealthScores healthScores,
      CurrentUser currentUser,
      NextBestActions nextBestActions,
      SegmentHistory segmentHistory,
      SegmentationDecision segmentation) {
    this.accounts = accounts;
    this.journeys = journeys;
    this.offers = offers;
    this.touches = touches;
    this.tasks = tasks;
    this.decisions = decisions;
    this.healthScores = healthScores;
    this.currentUser = currentUser;
    this.nextBestActions = nextBestActions;
    this.segmentHistory = segmentHistory;
    this.segmentation = segmentation;
  }

  /** A page of accounts. */
  record AccountPage(List<Account> items, int page, int size, long total) {}

  /**
   * One account and everything the engine did with it; {@code healthScore} is the current health
   * score with its factor contributions and history (newest first), from the scoring package;
   * {@code nextBestAction} what the latest whole-book scoring run computed for it ({@code null}
   * before the first run); {@code segmentHistory} its segment changes, newest first.
   */
  record AccountDetail(
      String id,
      String name,
      String planTier,
      String contractType,
      java.math.BigDecimal mrr,
      String segment,
      Integer health,
      Integer valueScore,
      Integer usageScore,
      Integer intentScore,
      String lifecycleStage,
      String ownerCsm,
      Set<String> products,
      List<JourneyView> journeys,
      List<OfferMade> offers,
      List<Touches.Touch> touches,
      List<UserTask> tasks,
      List<Decision> decisions,
      HealthScores.AccountHealth healthScore,
      NextBestAction.View nextBestAction,
      List<SegmentHistory.Change> segmentHistory) {}

  /** A CSM's page holds only the accounts they own; managers and leadership see the whole book. */
  @GetMapping("/api/accounts")
  AccountPage page(
      @RequestParam(required = false) String segment,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    if (page < 0 || size < 1 || size > 500) {
      throw ApiException.badRequest("page must be >= 0 and size between 1 and 500");
    }
    if (segment != null && !segmentation.segments().contains(segment)) {
      throw ApiException.badRequest(
          "Unknown segment '" + segment + "': expected one of " + segmentation.segments());
    }
    String owner = currentUser.get().accountOwnerScope().orElse(null);
    return new AccountPage(
        accounts.page(segment, owner, page, size), page, size, accounts.count(segment, owner));
  }

  @GetMapping("/api/accounts/{id}")
  AccountDetail account(@PathVariable String id) {
    Account a =
        accounts
            .findById(id)
            .orElseThrow(() -> ApiException.notFound("Unknown account '" + id + "'"));
    return new AccountDetail(
        a.id(),
        a.name(),
        a.planTier(),
        a.contractType(),
        a.mrr(),
        a.segment(),
        a.health(),
        a.valueScore(),
        a.usageScore(),
        a.intentScore(),
        a.lifecycleStage(),
        a.ownerCsm(),
        accounts.ownedProducts(id),
        journeys.forAccount(id),
        offers.forAccount(id),
        touches.forAccount(id),
        tasks.forAccount(id),
        decisions.forAccount(id, 200),
        healthScores.ofAccount(id, healthScores.historyLimit()),
        nextBestActions.find(id).map(NextBestAction::view).orElse(null),
        segmentHistory.forAccount(id, 20));
  }
}
