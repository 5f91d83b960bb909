package io.expansion.playbook.scoring;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.scoring.HealthHistory.NewScore;
import io.expansion.playbook.signals.Signal;
import io.expansion.playbook.signals.Signals;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Scores a page of the book at once with the code a journey's {@code score-account} step runs
 * ({@link HealthScores#score}, {@link ScoringModel#score}) on the same inputs — the account, its
 * products and its signals within the signal window — read with one query per kind instead of one
 * per account. The caller holds the page's account rows locked (see {@link Accounts#pageBetween}).
 */
@Service
public class BulkScoring {

  private final HealthScores healthScores;
  private final HealthHistory history;
  private final ModelRegistry registry;
  private final Signals signals;
  private final ScoringProperties properties;
  private final ApplicationEventPublisher events;

  BulkScoring(
      HealthScores healthScores,
      HealthHistory history,
      ModelRegistry registry,
      Signals signals,
      ScoringProperties properties,
      ApplicationEventPublisher events) {
    this.healthScores = healthScores;
    this.history = history;
    this.registry = registry;
    this.signals = signals;
    this.properties = properties;
    this.events = events;
  }

  /** An account's fresh scores and the health result (with contributions) behind them. */
  public record Scored(Account account, HealthModel.Result health, AccountScores scores) {}

  /**
   * A scored account after {@link #store}.
   *
   * @param previousHealth the health of the account's latest scoring before this one
   * @param changed whether anything differed from that scoring (a history row was stored)
   */
  public record Stored(Scored scored, Integer previousHealth, boolean changed) {}

  /** The active score-card version; a run scores the whole book with one. */
  public ModelRegistry.Active activeModel() {
    return registry.active();
  }

  /**
   * Scores a page of accounts, ordered by id.
   *
   * @param products product codes per account id (of the page)
   */
  public List<Scored> score(
      List<Account> page,
      Map<String, Set<String>> products,
      ModelRegistry.Active model,
      OffsetDateTime now) {
    if (page.isEmpty()) {
      return List.of();
    }
    Map<String, List<Signal>> recent =
        signals.sinceBetween(
            page.getFirst().id(), page.getLast().id(), now.minus(properties.signalWindow()));
    List<Scored> scored = new ArrayList<>(page.size());
    for (Account account : page) {
      AccountSnapshot snapshot =
          new AccountSnapshot(
              account,
              healthScores.attributes(account),
              products.getOrDefault(account.id(), Set.of()),
              recent.getOrDefault(account.id(), List.of()),
              now);
      HealthModel.Result health = healthScores.score(snapshot, model);
      scored.add(new Scored(account, health, ScoringModel.score(snapshot, health)));
    }
    return scored;
  }

  /**
   * Stores what changed, in the caller's transaction: a history row (with the trigger) for every
   * account whose scoring differs from its latest one. A health change under the same model version
   * is published as {@link HealthScored} (the plays react to it after commit); a change of model
   * version alone is not a change of the customer's health. The caller stores the accounts' new
   * scores ({@link Accounts#updateScoresAll}) in the same transaction.
   */
  public List<Stored> store(List<Scored> page, String trigger, OffsetDateTime now) {
    if (page.isEmpty()) {
      return List.of();
    }
    Map<String, HealthHistory.Latest> latest =
        history.latestBetween(page.getFirst().account().id(), page.getLast().account().id());
    List<Stored> stored = new ArrayList<>(page.size());
    List<NewScore> rows = new ArrayList<>();
    List<HealthScored> published = new ArrayList<>();
    for (Scored s : page) {
      Account account = s.account();
      HealthHistory.Latest last = latest.get(account.id());
      Integer previous = last != null ? Integer.valueOf(last.health()) : account.health();
      boolean changed =
          last == null
              || !HealthScores.sameScoring(
                  last.modelVersion(),
                  last.stage(),
                  last.health(),
                  last.points(),
                  account,
                  s.scores(),
                  s.health());
      stored.add(new Stored(s, previous, changed));
      if (!changed) {
        continue;
      }
      rows.add(new NewScore(account.id(), now, s.health(), previous, trigger));
      if (last != null
          && last.modelVersion().equals(s.health().modelVersion())
          && !Objects.equals(previous, s.health().health())) {
        published.add(
            new HealthScored(
                account.id(),
                previous,
                s.health().health(),
                s.health().stage(),
                s.health().modelVersion(),
                new LinkedHashMap<>(s.health().points())));
      }
    }
    history.insertAll(rows);
    published.forEach(events::publishEvent);
    return stored;
  }
}
