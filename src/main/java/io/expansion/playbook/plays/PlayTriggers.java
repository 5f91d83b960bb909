package io.expansion.playbook.plays;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.journeys.Journey;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.journeys.Journeys;
import io.expansion.playbook.scoring.HealthHistory;
import io.expansion.playbook.signals.Signal;
import io.expansion.playbook.signals.SignalStored;
import io.expansion.playbook.signals.Signals;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns what happens to an account into plays: a health drop starts remediation, a fall in active
 * users starts win-back, milestones advance onboarding, a new renewal date (re)plans the renewal
 * play, and recovery lets the waiting plays finish.
 */
@Component
public class PlayTriggers {

  /** Message names the play models wait for (correlated by account id). */
  public static final String HEALTH_RECOVERED = "health-recovered";

  public static final String USAGE_RECOVERED = "usage-recovered";
  public static final String MILESTONE_PREFIX = "milestone-";

  private final PlayProperties properties;
  private final PlayStarter starter;
  private final RenewalPlanner renewals;
  private final JourneyService journeyService;
  private final Journeys journeys;
  private final Accounts accounts;
  private final Signals signals;
  private final WatchList watchList;
  private final HealthHistory history;
  private final Clock clock;

  PlayTriggers(
      PlayProperties properties,
      PlayStarter starter,
      RenewalPlanner renewals,
      JourneyService journeyService,
      Journeys journeys,
      Accounts accounts,
      Signals signals,
      WatchList watchList,
      HealthHistory history,
      Clock clock) {
    this.properties = properties;
    this.starter = starter;
    this.renewals = renewals;
    this.journeyService = journeyService;
    this.journeys = journeys;
    this.accounts = accounts;
    this.signals = signals;
    this.watchList = watchList;
    this.history = history;
    this.clock = clock;
  }

  @EventListener
  void onSignal(SignalStored signal) {
    switch (signal.type()) {
      case "product_usage" -> activeUsers(signal);
      case "milestone_reached" -> milestone(signal);
      case "renewal_date_changed" -> renewalDate(signal);
      default -> {}
    }
    startOnboardingIfNew(signal);
  }

  /**
   * A new health score: a fall of {@code dropPoints} or more from the highest score within {@code
   * dropWindow}, or a fall into at-risk, starts remediation; on a watched account, health back at
   * {@code recoveredAt} lets remediation finish. An account's first score ({@code previousHealth}
   * null) is a baseline and starts nothing.
   */
  public void healthScored(
      String accountId,
      Integer previousHealth,
      int health,
      String modelVersion,
      String scoringKey) {
    PlayProperties.Remediation cfg = properties.remediation();
    if (previousHealth == null) {
      return; // an account's first score is its baseline, not a change
    }
    int reference = Math.max(previousHealth, recentHigh(accountId, cfg.dropWindow()));
    boolean fell = reference - health >= cfg.dropPoints();
    boolean intoAtRisk = health < cfg.atRiskBelow() && previousHealth >= cfg.atRiskBelow();
    if (fell || intoAtRisk) {
      String reason =
          fell
              ? "health fell "
                  + (reference - health)
                  + " points ("
                  + reference
                  + " → "
                  + health
                  + " within "
                  + cfg.dropWindow()
                  + ", threshold "
                  + cfg.dropPoints()
                  + ")"
              : "health "
                  + health
                  + " fell below the at-risk line "
                  + cfg.atRiskBelow()
                  + " (was "
                  + previousHealth
                  + ")";
      Map<String, Object> remediation = new LinkedHashMap<>();
      remediation.put("previousHealth", previousHealth);
      remediation.put("health", health);
      remediation.put("reason", reason);
      remediation.put("modelVersion", modelVersion);
      remediation.put("sla", cfg.sla().toString());
      remediation.put("recheckAfter", cfg.recheckAfter().toString());
      remediation.put("recoveredAt", cfg.recoveredAt());
      remediation.put("maxRounds", cfg.maxRounds());
      starter.start(
          Play.HEALTH_REMEDIATION,
          accountId,
          scoringKey,
          reason,
          Map.of("remediation", remediation, "round", 1));
    } else if (health >= cfg.recoveredAt() && watchList.open(accountId).isPresent()) {
      journeyService.publish(
          HEALTH_RECOVERED,
          accountId,
          "health-recovered-" + scoringKey,
          Map.of(
              "recoveredHealth",
              health,
              "recoveryReason",
              "health " + health + " is back at or above " + cfg.recoveredAt()));
    }
  }

  /**
   * The highest health within the window, counted from the last remediation at the latest, so a
   * recovered account is not measured against its health before the previous drop.
   */
  private int recentHigh(String accountId, Duration window) {
    OffsetDateTime since = OffsetDateTime.now(clock).minus(window);
    for (Journey j : journeys.forAccount(accountId)) {
      if (Play.HEALTH_REMEDIATION.processId().equals(j.processId())) {
        OffsetDateTime mark = j.endedAt() != null ? j.endedAt() : j.startedAt();
        if (mark.isAfter(since)) {
          since = mark;
        }
      }
    }
    return history.highestSince(accountId, since).orElse(0);
  }

  private void activeUsers(SignalStored signal) {
    Optional<Double> current = number(signal.attributes(), "activeUsers");
    Optional<Double> changePct = number(signal.attributes(), "activeUsersChangePct");
    Double baseline = null;
    if (current.isPresent()) {
      List<Signal> previous =
          signals.before(signal.accountId(), "product_usage", signal.id(), 5).stream()
              .filter(s -> number(s.attributes(), "activeUsers").isPresent())
              .toList();
      if (!previous.isEmpty()) {
        baseline = number(previous.getFirst().attributes(), "activeUsers").orElseThrow();
        if (baseline > 0) {
          changePct = Optional.of((current.get() - baseline) / baseline * 100);
        }
      }
    }
    PlayProperties.WinBack cfg = properties.winBack();
    Optional<Journey> winBack = journeys.active(signal.accountId(), Play.WIN_BACK.processId());
    if (changePct.isPresent() && changePct.get() <= -cfg.activeUserDropPct()) {
      long drop = Math.round(-changePct.get());
      String reason =
          "active users fell "
              + drop
              + " %"
              + (baseline == null
                  ? ""
                  : " (" + Math.round(baseline) + " → " + Math.round(current.get()) + ")")
              + ", threshold "
              + cfg.activeUserDropPct()
              + " %";
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("baselineActiveUsers", baseline == null ? null : Math.round(baseline));
      variables.put("activeUsers", current.map(Math::round).orElse(null));
      variables.put("dropPct", drop);
      variables.put("reason", reason);
      variables.put("recoveryWindow", cfg.recoveryWindow().toString());
      starter.start(
          Play.WIN_BACK,
          signal.accountId(),
          "signal-" + signal.id(),
          reason,
          Map.of("winBack", variables));
    } else if (winBack.isPresent() && current.isPresent()) {
      Object start = journeyService.variablesOf(winBack.get()).get("winBack");
      if (start instanceof Map<?, ?> w && w.get("baselineActiveUsers") instanceof Number b) {
        if (current.get() >= b.doubleValue() * cfg.recoveredPct() / 100.0) {
          journeyService.publish(
              USAGE_RECOVERED,
              signal.accountId(),
              "usage-recovered-" + signal.id(),
              Map.of(
                  "recoveredActiveUsers",
                  Math.round(current.get()),
                  "recoveryReason",
                  "active users back at "
                      + Math.round(current.get())
                      + " (baseline "
                      + b
                      + ", recovery at "
                      + cfg.recoveredPct()
                      + " %)"));
        }
      }
    }
  }

  private void renewalDate(SignalStored signal) {
    Object date = signal.attributes().get("renewalDate");
    if (date != null) {
      renewals.replan(
          signal.accountId(), LocalDate.parse(date.toString()), "signal-" + signal.id());
    }
  }

  private void milestone(SignalStored signal) {
    Object milestone = signal.attributes().get("milestone");
    if (milestone != null) {
      journeyService.publish(
          MILESTONE_PREFIX + milestone,
          signal.accountId(),
          "milestone-" + signal.id(),
          Map.of("milestoneReachedAt", signal.occurredAt().toString()));
    }
  }

  /** Accounts still in their first months start onboarding on their first signal. */
  private void startOnboardingIfNew(SignalStored signal) {
    Account account = accounts.findById(signal.accountId()).orElse(null);
    if (account == null || account.tenureMonths() >= properties.onboarding().maxTenureMonths()) {
      return;
    }
    boolean everOnboarded =
        journeys.forAccount(account.id()).stream()
            .anyMatch(j -> Play.ONBOARDING.processId().equals(j.processId()));
    if (!everOnboarded) {
      startOnboarding(account.id(), "signal-" + signal.id(), "new account's first signal");
    }
  }

  /** Starts onboarding with its milestone deadlines. */
  public PlayStarter.Started startOnboarding(String accountId, String triggerKey, String trigger) {
    PlayProperties.Onboarding cfg = properties.onboarding();
    Map<String, Object> onboarding = new LinkedHashMap<>();
    onboarding.put("startedAt", OffsetDateTime.now(clock).toString());
    onboarding.put("setupWithin", cfg.setupWithin().toString());
    onboarding.put("firstValueWithin", cfg.firstValueWithin().toString());
    onboarding.put("helpGrace", cfg.helpGrace().toString());
    return starter.start(
        Play.ONBOARDING, accountId, triggerKey, trigger, Map.of("onboarding", onboarding));
  }

  private static Optional<Double> number(Map<String, Object> attributes, String name) {
    return attributes.get(name) instanceof Number n
        ? Optional.of(n.doubleValue())
        : Optional.empty();
  }
}
