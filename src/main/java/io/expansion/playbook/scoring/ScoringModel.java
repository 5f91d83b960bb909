package io.expansion.playbook.scoring;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.signals.Signal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Value, usage and intent scores, the lifecycle stage and the renewal window of an account. Health
 * comes from {@link HealthModel} (a score card whose every point is a named factor contribution).
 * Protected attributes (age, gender) are never used.
 */
public final class ScoringModel {

  static final Duration RECENT = Duration.ofDays(30);
  static final int RENEWAL_WINDOW_DAYS = 90;

  private ScoringModel() {}

  /** The account's scores around an already computed health result. */
  public static AccountScores score(AccountSnapshot s, HealthModel.Result health) {
    Account account = s.account();
    OffsetDateTime recentCutoff = s.now().minus(RECENT);
    List<Signal> recentSignals =
        s.signals().stream().filter(x -> !x.occurredAt().isBefore(recentCutoff)).toList();
    int value = clamp((int) Math.round(account.mrr().doubleValue() / 1.2));
    double utilisation = account.utilisation();
    int usage =
        clamp(
            (int) Math.round(utilisation * 70 + Math.min(account.tenureMonths(), 24) / 24.0 * 30)
                + (count(recentSignals, "product_usage") > 0 ? 10 : 0));
    int intent =
        clamp(
            (count(recentSignals, "intent") > 0 ? 60 : 0)
                + (highUtilisation(recentSignals) ? 20 : 0)
                + (count(recentSignals, "product_usage") > 0 ? 15 : 0));
    return new AccountScores(
        health.health(),
        value,
        usage,
        intent,
        Math.round(utilisation * 1000) / 1000.0,
        health.stage(),
        renewalWindowAt(account, s.now()),
        health.points(),
        health.modelVersion(),
        health.churnProbability());
  }

  /**
   * onboarding while younger than {@code onboardingMonths}; pre-renewal when the renewal date is at
   * most {@code preRenewalDays} away; established otherwise.
   */
  public static String lifecycleStage(
      Account account, OffsetDateTime now, int onboardingMonths, int preRenewalDays) {
    if (account.tenureMonths() < onboardingMonths) {
      return ScoringProperties.ONBOARDING;
    }
    if (account.renewalDate() != null
        && !account.renewalDate().isAfter(now.toLocalDate().plusDays(preRenewalDays))) {
      return ScoringProperties.PRE_RENEWAL;
    }
    return ScoringProperties.ESTABLISHED;
  }

  /**
   * The next moment the renewal window opens (90 days before renewal, 09:00 local time). Accounts
   * already inside the window, or without a renewal date, get the following cycle or a far date, so
   * the journey timer never fires in a loop.
   */
  static String renewalWindowAt(Account account, OffsetDateTime now) {
    ZoneId zone = ZoneId.of(account.timeZone());
    ZonedDateTime opens;
    if (account.renewalDate() == null) {
      opens = now.atZoneSameInstant(zone).plusYears(10);
    } else {
      opens =
          account
              .renewalDate()
              .minusDays(RENEWAL_WINDOW_DAYS)
              .atTime(LocalTime.of(9, 0))
              .atZone(zone);
      int term = "two-year".equals(account.contractType()) ? 2 : 1;
      while (!opens.toOffsetDateTime().isAfter(now)) {
        opens = opens.plusYears(term);
      }
    }
    return opens.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static boolean highUtilisation(List<Signal> signals) {
    return signals.stream()
        .filter(s -> "license_utilization".equals(s.type()))
        .map(s -> s.attributes().get("utilizationPct"))
        .anyMatch(v -> v instanceof Number n && n.doubleValue() >= 80);
  }

  private static int count(List<Signal> signals, String type) {
    return (int) signals.stream().filter(s -> type.equals(s.type())).count();
  }

  private static int clamp(int score) {
    return Math.max(0, Math.min(100, score));
  }
}
