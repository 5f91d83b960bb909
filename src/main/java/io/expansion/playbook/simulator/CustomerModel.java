package io.expansion.playbook.simulator;

import io.expansion.playbook.signals.SignalService.SignalRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a simulated customer does on a day, drawn from its profile and health with a random source
 * seeded by run, account and day: weekly usage and licence figures, buying intent, support cases
 * (opened, breached, closed), NPS answers, overdue invoices, onboarding milestones, the renewal
 * when its date comes and, now and then, churn. Healthier accounts use more, show more intent and
 * open fewer cases. Keeps what must last from day to day (open cases, milestones) per account.
 */
final class CustomerModel {

  private static final List<String> TOPICS =
      List.of(
          "pricing_page", "premium_feature_trial", "expansion_inquiry", "competitor_comparison");
  private static final List<String> MILESTONES =
      List.of("setup_done", "first_value", "integration_live", "training_completed");

  private final long seed;
  private final Map<String, OpenCase> openCases = new HashMap<>();
  private final Map<String, Integer> milestones = new HashMap<>();

  CustomerModel(long seed) {
    this.seed = seed;
  }

  /** The signals {@code account} sends on simulated day {@code day} (0-based), in order. */
  List<SignalRequest> day(SimulatedAccount a, int day, LocalDate date) {
    SplittableRandom rng = new SplittableRandom(Buckets.seed(seed, a.id(), "day", "" + day));
    List<SignalRequest> out = new ArrayList<>();
    double h = a.h();
    String key = "sim:" + a.id() + ":" + day + ":";
    if (Math.floorMod(a.id().hashCode(), 7) == day % 7) {
      int users =
          Math.max(1, (int) Math.round(a.seats() * (0.3 + 0.6 * h + rng.nextGaussian() * 0.1)));
      out.add(
          signal(
              a,
              "product_usage",
              key + "usage",
              Map.of("activeUsers", users, "logins", users * (3 + rng.nextInt(5)))));
      double pct =
          Math.max(
              0, Math.min(100, 100 * (a.utilisation() * 0.7 + 0.3 * h) + rng.nextGaussian() * 5));
      out.add(
          signal(
              a,
              "license_utilization",
              key + "licences",
              Map.of("utilizationPct", Math.round(pct))));
    }
    if (rng.nextDouble() < 0.01 + 0.05 * h * (0.5 + a.utilisation())) {
      out.add(
          signal(
              a,
              "intent",
              key + "intent",
              Map.of("topic", TOPICS.get(rng.nextInt(TOPICS.size())))));
    }
    OpenCase open = openCases.get(a.id());
    if (open == null && rng.nextDouble() < 0.004 + 0.02 * (1 - h)) {
      String priority = rng.nextDouble() < 0.1 ? "P1" : rng.nextDouble() < 0.5 ? "P2" : "P3";
      String caseId = "CASE-" + a.id() + "-" + day;
      openCases.put(a.id(), new OpenCase(caseId, day + 1 + rng.nextInt(10)));
      out.add(
          signal(
              a,
              "support_case_opened",
              key + "case",
              Map.of("caseId", caseId, "priority", priority)));
    } else if (open != null && open.until() == day) {
      openCases.remove(a.id());
      out.add(
          signal(
              a,
              "support_case_closed",
              key + "case-closed",
              Map.of("caseId", open.id(), "resolution", "fixed")));
    } else if (open != null && rng.nextDouble() < 0.05) {
      out.add(signal(a, "sla_breached", key + "breach", Map.of("caseId", open.id())));
    }
    if (rng.nextDouble() < 1.0 / 60) {
      int score = (int) Math.max(0, Math.min(10, Math.round(10 * h + rng.nextGaussian() * 1.5)));
      out.add(signal(a, "nps_response", key + "nps", Map.of("score", score)));
    }
    if (rng.nextDouble() < 0.002 + 0.006 * (1 - h)) {
      out.add(
          signal(
              a,
              "invoice_overdue",
              key + "invoice",
              Map.of(
                  "invoiceId",
                  "INV-" + a.id() + "-" + day,
                  "amount",
                  Math.max(1, Math.round(a.mrr())),
                  "daysOverdue",
                  1 + rng.nextInt(30))));
    }
    int reached = milestones.getOrDefault(a.id(), 0);
    if (a.tenureMonths() < 3 && reached < MILESTONES.size() && rng.nextDouble() < 0.03 + 0.07 * h) {
      milestones.put(a.id(), reached + 1);
      out.add(
          signal(
              a,
              "milestone_reached",
              key + "milestone",
              Map.of("milestone", MILESTONES.get(reached))));
    }
    if (date.equals(a.renewalDate())) {
      boolean renewed = rng.nextDouble() < 0.55 + 0.4 * h;
      out.add(
          signal(
              a,
              "renewal_closed",
              key + "renewal",
              Map.of("outcome", renewed ? "renewed" : "churned")));
    } else if ("month-to-month".equals(a.contractType()) && rng.nextDouble() < 0.003 * (1 - h)) {
      out.add(signal(a, "account_churned", key + "churn", Map.of("reason", "simulated churn")));
    } else if (rng.nextDouble() < 0.0005) {
      out.add(signal(a, "champion_left", key + "champion", Map.of("role", "admin")));
    }
    return out;
  }

  private record OpenCase(String id, int until) {}

  private static SignalRequest signal(
      SimulatedAccount a, String type, String key, Map<String, Object> attributes) {
    return new SignalRequest(a.id(), type, null, attributes, key);
  }
}
