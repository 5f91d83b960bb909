package io.expansion.playbook.book;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.AccountPages;
import io.expansion.playbook.consent.ConsentDecision;
import io.expansion.playbook.consent.TouchGate;
import io.expansion.playbook.consent.TouchIntent;
import io.expansion.playbook.decisions.DecisionBatch;
import io.expansion.playbook.decisions.DecisionBatch.NewDecision;
import io.expansion.playbook.offers.OfferMade;
import io.expansion.playbook.offers.OfferRanking;
import io.expansion.playbook.offers.Offers;
import io.expansion.playbook.scoring.AccountScores;
import io.expansion.playbook.scoring.BulkScoring;
import io.expansion.playbook.scoring.ModelRegistry;
import io.expansion.playbook.segmentation.SegmentHistory;
import io.expansion.playbook.segmentation.SegmentationDecision;
import io.expansion.playbook.segmentation.SegmentationDecision.Segment;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores, segments and decides the next best action of one page of the book in one transaction that
 * holds the page's account rows locked, so a journey scoring one of them waits for the page and
 * then reads what it committed (and the page never overwrites a scoring it did not see).
 */
@Component
class BookPageScorer {

  private final AccountPages accounts;
  private final BulkScoring scoring;
  private final SegmentationDecision segmentation;
  private final SegmentHistory segmentHistory;
  private final DecisionBatch decisions;
  private final Offers offers;
  private final TouchGate touchGate;
  private final NextBestActions actions;
  private final TransactionTemplate transaction;

  BookPageScorer(
      AccountPages accounts,
      BulkScoring scoring,
      SegmentationDecision segmentation,
      SegmentHistory segmentHistory,
      DecisionBatch decisions,
      Offers offers,
      TouchGate touchGate,
      NextBestActions actions,
      TransactionTemplate transaction) {
    this.accounts = accounts;
    this.scoring = scoring;
    this.segmentation = segmentation;
    this.segmentHistory = segmentHistory;
    this.decisions = decisions;
    this.offers = offers;
    this.touchGate = touchGate;
    this.actions = actions;
    this.transaction = transaction;
  }

  /** What stays the same for every page of a run. */
  record RunContext(
      String runId,
      ModelRegistry.Active model,
      NextBestActionPolicy.Offering offering,
      OffsetDateTime now) {

    String trigger() {
      return "book:" + runId;
    }
  }

  /** One page's outcome. */
  record PageResult(
      int scored,
      int healthChanged,
      int segmentChanged,
      Map<String, Integer> segments,
      Map<String, Integer> actions) {}

  /** Scores the accounts whose ids lie between the two (inclusive). */
  PageResult score(String firstId, String lastId, RunContext run) {
    return transaction.execute(status -> scoreLocked(firstId, lastId, run));
  }

  private PageResult scoreLocked(String firstId, String lastId, RunContext run) {
    List<Account> page = accounts.pageBetween(firstId, lastId, true);
    if (page.isEmpty()) {
      return new PageResult(0, 0, 0, Map.of(), Map.of());
    }
    String first = page.getFirst().id();
    String last = page.getLast().id();
    Map<String, Set<String>> products = accounts.productsBetween(first, last);
    List<BulkScoring.Stored> stored =
        scoring.store(
            scoring.score(page, products, run.model(), run.now()), run.trigger(), run.now());
    Map<String, List<OfferMade>> offersMade = offers.forAccountsBetween(first, last);
    Map<String, ConsentDecision> consent = touchGate.checkAll(page, TouchIntent.expansionOffer());
    // Pure computation on data at hand: both cores share it.
    List<Outcome> outcomes =
        stored.parallelStream().map(s -> outcome(s, products, offersMade, consent, run)).toList();
    List<SegmentHistory.Change> changes = new ArrayList<>();
    List<NewDecision> segmentDecisions = new ArrayList<>();
    List<AccountPages.ScoreUpdate> updates = new ArrayList<>();
    List<NextBestAction> next = new ArrayList<>(outcomes.size());
    Map<String, Integer> segmentCounts = new TreeMap<>();
    Map<String, Integer> actionCounts = new TreeMap<>();
    int healthChanged = 0;
    for (Outcome o : outcomes) {
      Account account = o.stored().scored().account();
      AccountScores scores = o.stored().scored().scores();
      boolean segmentChanged = !o.segment().segment().equals(account.segment());
      if (segmentChanged) {
        changes.add(change(account, o.segment(), scores, run));
        segmentDecisions.add(decision(account, o.segment(), scores, run));
      }
      if (segmentChanged || o.stored().changed()) {
        updates.add(
            new AccountPages.ScoreUpdate(
                account.id(),
                scores.health(),
                scores.valueScore(),
                scores.usageScore(),
                scores.intentScore(),
                scores.lifecycleStage(),
                o.segment().segment()));
      }
      healthChanged += o.stored().changed() ? 1 : 0;
      next.add(o.action());
      segmentCounts.merge(o.segment().segment(), 1, Integer::sum);
      actionCounts.merge(o.action().code(), 1, Integer::sum);
    }
    accounts.updateScoresAll(updates);
    segmentHistory.insertAll(changes);
    decisions.recordAll(segmentDecisions);
    actions.replaceBetween(first, last, next);
    return new PageResult(page.size(), healthChanged, changes.size(), segmentCounts, actionCounts);
  }

  /** One account's segment and next best action. */
  private record Outcome(BulkScoring.Stored stored, Segment segment, NextBestAction action) {}

  private Outcome outcome(
      BulkScoring.Stored stored,
      Map<String, Set<String>> products,
      Map<String, List<OfferMade>> offersMade,
      Map<String, ConsentDecision> consent,
      RunContext run) {
    Account account = stored.scored().account();
    AccountScores scores = stored.scored().scores();
    Segment segment =
        segmentation.evaluate(
            scores.health(), scores.valueScore(), scores.usageScore(), scores.intentScore());
    Set<String> owned = products.getOrDefault(account.id(), Set.of());
    NextBestActionPolicy.Decided decided =
        NextBestActionPolicy.decide(
            new NextBestActionPolicy.AccountFacts(
                segment.segment(),
                scores.health(),
                owned,
                offersMade.getOrDefault(account.id(), List.of()),
                new OfferRanking.AccountView(
                    segment.segment(),
                    scores.intentScore(),
                    scores.usageScore(),
                    account.mrr(),
                    account.tenureMonths(),
                    account.contractType(),
                    owned)),
            run.offering(),
            consent.get(account.id()),
            run.now());
    return new Outcome(
        stored,
        segment,
        new NextBestAction(
            account.id(),
            run.runId(),
            run.now(),
            segment.segment(),
            scores.health(),
            scores.churnProbability(),
            decided.code(),
            decided.offerCode(),
            decided.offerName(),
            decided.expectedValue(),
            decided.channel(),
            decided.reason()));
  }

  private static SegmentHistory.Change change(
      Account account, Segment segment, AccountScores scores, RunContext run) {
    return new SegmentHistory.Change(
        0,
        account.id(),
        account.segment(),
        segment.segment(),
        run.now(),
        SegmentHistory.BOOK_SCORING,
        run.runId(),
        null,
        scores.health(),
        segment.rationale());
  }

  private static NewDecision decision(
      Account account, Segment segment, AccountScores scores, RunContext run) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("health", scores.health());
    inputs.put("valueScore", scores.valueScore());
    inputs.put("usageScore", scores.usageScore());
    inputs.put("intentScore", scores.intentScore());
    inputs.put("previousSegment", account.segment());
    inputs.put("modelVersion", scores.healthModelVersion());
    inputs.put("scoringRun", run.runId());
    return new NewDecision(
        run.trigger() + ":" + account.id() + ":segmentation",
        account.id(),
        null,
        "segmentation.dmn",
        segment.segment(),
        "Whole-book scoring "
            + run.runId()
            + ": "
            + (account.segment() == null ? "no segment" : account.segment())
            + " -> "
            + segment.segment()
            + ". "
            + segment.rationale(),
        inputs);
  }
}
