package io.expansion.playbook.book;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How urgent an account is for its CSM, 0..100, and why, in one line. Four parts add up:
 *
 * <ul>
 *   <li>value: 35 × min(expected value of the next best action, 120) ÷ 120;
 *   <li>churn risk: 30 × the churn probability (a calibrated card's, else the calibrated scale's
 *       estimate from health: 1 ÷ (1 + 2^((health − 40) ÷ 10)), 50 % at 40, halving every 10);
 *   <li>renewal: 20 × (90 − days to renewal) ÷ 90 within 90 days (a past date counts as today);
 *   <li>tasks: 10 for any overdue open task, 5 for any due within 2 days.
 * </ul>
 */
final class QueuePriority {

  static final double VALUE_WEIGHT = 35;
  static final double VALUE_CAP = 120;
  static final double CHURN_WEIGHT = 30;
  static final double RENEWAL_WEIGHT = 20;
  static final int RENEWAL_DAYS = 90;
  static final double OVERDUE_POINTS = 10;
  static final double DUE_SOON_POINTS = 5;
  static final int DUE_SOON_DAYS = 2;

  private QueuePriority() {}

  /** What the priority is computed from. */
  record Inputs(
      NextBestAction action,
      Double churnRisk,
      Integer daysToRenewal,
      int overdueTasks,
      int dueSoonTasks) {}

  /** The score and its explanation. */
  record Ranked(double score, String why) {}

  /** The churn probability of a calibrated card, else the estimate from health; null unscored. */
  static Double churnRisk(Integer health, Double churnProbability) {
    if (churnProbability != null) {
      return churnProbability;
    }
    if (health == null) {
      return null;
    }
    return 1.0 / (1.0 + Math.pow(2, (health - 40) / 10.0));
  }

  static Ranked rank(Inputs in) {
    List<Part> parts = new ArrayList<>();
    NextBestAction action = in.action();
    if (action != null && action.hasOffer() && action.expectedValue() != null) {
      BigDecimal ev = action.expectedValue();
      double points = VALUE_WEIGHT * Math.min(ev.doubleValue(), VALUE_CAP) / VALUE_CAP;
      parts.add(
          new Part(points, "EV " + ev + " of " + action.offerName() + " via " + action.channel()));
    }
    if (in.churnRisk() != null) {
      parts.add(
          new Part(
              CHURN_WEIGHT * in.churnRisk(),
              "churn risk " + Math.round(in.churnRisk() * 100) + " %"));
    }
    Integer days = in.daysToRenewal();
    if (days != null && days <= RENEWAL_DAYS) {
      int left = Math.max(days, 0);
      parts.add(
          new Part(
              RENEWAL_WEIGHT * (RENEWAL_DAYS - left) / RENEWAL_DAYS,
              days < 0
                  ? "renewal date passed " + -days + " days ago"
                  : "renews in " + days + " day" + (days == 1 ? "" : "s")));
    }
    if (in.overdueTasks() > 0) {
      parts.add(new Part(OVERDUE_POINTS, tasks(in.overdueTasks(), "overdue")));
    }
    if (in.dueSoonTasks() > 0) {
      parts.add(
          new Part(
              DUE_SOON_POINTS, tasks(in.dueSoonTasks(), "due within " + DUE_SOON_DAYS + " days")));
    }
    double score = Math.round(parts.stream().mapToDouble(Part::points).sum() * 10) / 10.0;
    String because =
        parts.stream()
            .filter(p -> p.points() >= 0.05)
            .sorted(Comparator.comparingDouble(Part::points).reversed())
            .map(p -> p.text() + String.format(Locale.ROOT, " (+%.1f)", p.points()))
            .collect(Collectors.joining(", "));
    String none =
        action == null
            ? "not scored yet"
            : action.hasOffer() ? null : "no offer (" + action.code() + ")";
    return new Ranked(
        score,
        String.format(Locale.ROOT, "priority %.1f", score)
            + (because.isEmpty() ? "" : ": " + because)
            + (none == null ? "" : (because.isEmpty() ? ": " : "; ") + none));
  }

  private static String tasks(int count, String what) {
    return count + " task" + (count == 1 ? "" : "s") + " " + what;
  }

  private record Part(double points, String text) {}
}
