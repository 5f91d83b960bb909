package io.expansion.playbook.scoring;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Products;
import io.expansion.playbook.signals.Signal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A transparent, rule-based score card. Every point of health comes from a named factor so a CSM
 * can see why an account scores as it does. Protected attributes (age, gender) are never used.
 */
public final class ScoringModel {

  static final int BASELINE = 60;
  static final Duration RECENT = Duration.ofDays(30);
  static final int RENEWAL_WINDOW_DAYS = 90;

  private ScoringModel() {}

  /**
   * @param attributes the account's imported attributes (e.g. {@code payment_method})
   * @param recentSignals the account's signals of the last 30 days
   */
  public static AccountScores score(
      Account account,
      Map<String, Object> attributes,
      Set<String> products,
      List<Signal> recentSignals,
      OffsetDateTime now) {
    Map<String, Integer> factors = new LinkedHashMap<>();
    factors.put("baseline", BASELINE);
    factors.put(
        "contract",
        switch (account.contractType()) {
          case "two-year" -> 20;
          case "one-year" -> 10;
          default -> -10;
        });
    factors.put("tenure", (int) Math.round(Math.min(account.tenureMonths(), 36) / 36.0 * 15));
    int protection =
        (products.contains(Products.TECH_SUPPORT) ? 5 : 0)
            + (products.contains(Products.ONLINE_SECURITY) ? 5 : 0);
    factors.put("support_and_security", protection);
    Object payment = attributes.get("payment_method");
    factors.put(
        "payment_method",
        payment != null && payment.toString().contains("Electronic check") ? -10 : 0);
    factors.put(
        "fibre_month_to_month",
        products.contains(Products.INTERNET_FIBER)
                && "month-to-month".equals(account.contractType())
            ? -5
            : 0);
    factors.put("support_load", signalPenalty(recentSignals));
    factors.put("nps", npsContribution(recentSignals));
    int health = clamp(factors.values().stream().mapToInt(Integer::intValue).sum());

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
        health,
        value,
        usage,
        intent,
        Math.round(utilisation * 1000) / 1000.0,
        lifecycleStage(account, now),
        renewalWindowAt(account, now),
        factors);
  }

  static String lifecycleStage(Account account, OffsetDateTime now) {
    if (account.tenureMonths() < 3) {
      return "onboarding";
    }
    if (account.renewalDate() != null
        && !account.renewalDate().isAfter(now.toLocalDate().plusDays(RENEWAL_WINDOW_DAYS))) {
      return "pre-renewal";
    }
    return "established";
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

  private static int signalPenalty(List<Signal> signals) {
    int penalty =
        Math.max(-15, -5 * count(signals, "support_case_opened"))
            - 10 * Math.min(1, count(signals, "sla_breached"))
            - 10 * Math.min(1, count(signals, "invoice_overdue"))
            - 15 * Math.min(1, count(signals, "champion_left"));
    return Math.max(-40, penalty);
  }

  private static int npsContribution(List<Signal> signals) {
    return signals.stream()
        .filter(s -> "nps_response".equals(s.type()))
        .findFirst()
        .map(s -> s.attributes().get("score"))
        .filter(Number.class::isInstance)
        .map(score -> ((Number) score).intValue())
        .map(score -> score <= 6 ? -10 : score >= 9 ? 5 : 0)
        .orElse(0);
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
