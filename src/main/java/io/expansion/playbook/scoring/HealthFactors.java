package io.expansion.playbook.scoring;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Products;
import io.expansion.playbook.signals.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The health factors of the configured score card. Each factor reads its input from the account or
 * its signals and turns it into a signal from -1 (worst) to +1 (best); the stage's weight turns
 * that into points. A factor without data (e.g. no NPS answer yet) has no signal and scores 0.
 *
 * <ul>
 *   <li>primary: {@code milestones} (setup_done, first_value, integration_live, training_completed
 *       reached: 0..+1), {@code active_users} (latest active users per seat: -1..+1), {@code
 *       logins} (logins per active user in the last 30 days, 10+ = +1), {@code feature_adoption}
 *       (distinct features adopted, 3+ = +1), {@code licence_utilisation} (latest
 *       licence_utilization signal, else the book's licences used per seat: -1..+1)
 *   <li>secondary: {@code nps} (latest answer: detractor -1, passive 0, promoter +0.5), {@code
 *       open_support_cases} (opened minus closed by caseId, P1 counts 1, P2 0.75, P3 0.5, P4 0.25;
 *       2 = -1), {@code sla_breaches} (any: -1), {@code overdue_invoices} (any: -0.5, 30+ days
 *       overdue: -1), {@code champion_left} (-1)
 *   <li>profile: {@code contract} (two-year +1, one-year +0.5, monthly -0.5), {@code tenure}
 *       (months up to 36: 0..+1), {@code support_and_security} (tech support, online security: +0.5
 *       each), {@code payment_method} (electronic check -1), {@code fibre_month_to_month} (-1)
 * </ul>
 */
public final class HealthFactors {

  /** Factor names, in the order of {@link ScoringProperties.Weights}. */
  public static final List<String> NAMES =
      List.of(
          "contract",
          "tenure",
          "support_and_security",
          "payment_method",
          "fibre_month_to_month",
          "milestones",
          "active_users",
          "logins",
          "feature_adoption",
          "licence_utilisation",
          "nps",
          "open_support_cases",
          "sla_breaches",
          "overdue_invoices",
          "champion_left");

  public static final String PRIMARY = "primary";
  public static final String SECONDARY = "secondary";
  public static final String PROFILE = "profile";
  public static final List<String> MILESTONES =
      List.of("setup_done", "first_value", "integration_live", "training_completed");
  static final Duration RECENT = Duration.ofDays(30);

  private HealthFactors() {}

  /**
   * A factor's input and signal.
   *
   * @param signal -1..+1, or {@code null} when the account has no data for the factor
   */
  public record Input(String factor, String group, Object value, Double signal) {}

  /** The group of a factor name, or {@code profile} for names that are not listed here. */
  public static String groupOf(String factor) {
    int i = NAMES.indexOf(factor);
    if (i < 0 || i < 5) {
      return PROFILE;
    }
    return i < 10 ? PRIMARY : SECONDARY;
  }

  /** The inputs of all factors, in {@link #NAMES} order. */
  public static List<Input> inputs(AccountSnapshot s) {
    Account a = s.account();
    List<Input> inputs = new ArrayList<>();
    inputs.add(profile("contract", a.contractType(), (Double) contract(a.contractType())));
    inputs.add(
        profile("tenure", a.tenureMonths(), (Double) (Math.min(a.tenureMonths(), 36) / 36.0)));
    int protection =
        (s.products().contains(Products.TECH_SUPPORT) ? 1 : 0)
            + (s.products().contains(Products.ONLINE_SECURITY) ? 1 : 0);
    inputs.add(profile("support_and_security", protection, (Double) (protection / 2.0)));
    Object payment = s.attributes().get("payment_method");
    inputs.add(
        profile(
            "payment_method",
            payment,
            payment == null ? null : payment.toString().contains("Electronic check") ? -1.0 : 0.0));
    boolean fibreMonthly =
        s.products().contains(Products.INTERNET_FIBER) && "month-to-month".equals(a.contractType());
    inputs.add(profile("fibre_month_to_month", fibreMonthly, fibreMonthly ? -1.0 : 0.0));
    inputs.addAll(primary(s));
    inputs.addAll(secondary(s.signals()));
    return inputs;
  }

  private static List<Input> primary(AccountSnapshot s) {
    List<Signal> signals = s.signals();
    List<Input> inputs = new ArrayList<>();
    Set<String> milestones = new TreeSet<>();
    of(signals, "milestone_reached")
        .forEach(m -> text(m, "milestone").filter(MILESTONES::contains).ifPresent(milestones::add));
    inputs.add(
        new Input(
            "milestones",
            PRIMARY,
            List.copyOf(milestones),
            milestones.isEmpty() && !hasAny(signals, "milestone_reached")
                ? null
                : milestones.size() / (double) MILESTONES.size()));

    List<Signal> usage = of(signals, "product_usage");
    Optional<Double> activeUsers =
        usage.stream().map(u -> number(u, "activeUsers")).flatMap(Optional::stream).findFirst();
    Optional<Double> seatsTotal =
        of(signals, "license_utilization").stream()
            .map(l -> number(l, "seatsTotal"))
            .flatMap(Optional::stream)
            .findFirst();
    double seats = seatsTotal.orElse((double) s.account().seats());
    Double activeSignal =
        activeUsers.isEmpty() || seats <= 0 ? null : 2 * Math.min(1, activeUsers.get() / seats) - 1;
    Map<String, Object> activeInput = new LinkedHashMap<>();
    activeInput.put("activeUsers", activeUsers.orElse(null));
    activeInput.put("seats", seats);
    inputs.add(new Input("active_users", PRIMARY, activeInput, activeSignal));

    var recentCutoff = s.now().minus(RECENT);
    List<Double> logins =
        usage.stream()
            .filter(u -> !u.occurredAt().isBefore(recentCutoff))
            .map(u -> number(u, "logins"))
            .flatMap(Optional::stream)
            .toList();
    Double loginsPerUser =
        logins.isEmpty()
            ? null
            : logins.stream().mapToDouble(Double::doubleValue).sum()
                / Math.max(1, activeUsers.orElse(1.0));
    inputs.add(
        new Input(
            "logins",
            PRIMARY,
            loginsPerUser == null ? null : round(loginsPerUser),
            loginsPerUser == null ? null : 2 * Math.min(1, loginsPerUser / 10) - 1));

    Set<String> features = new TreeSet<>();
    usage.forEach(u -> text(u, "featureAdopted").ifPresent(features::add));
    inputs.add(
        new Input(
            "feature_adoption",
            PRIMARY,
            List.copyOf(features),
            usage.isEmpty() ? null : Math.min(1, features.size() / 3.0)));

    Optional<Double> utilisation =
        of(signals, "license_utilization").stream()
            .map(HealthFactors::utilisation)
            .flatMap(Optional::stream)
            .findFirst();
    Double u = utilisation.orElse(s.account().seats() > 0 ? s.account().utilisation() : null);
    inputs.add(
        new Input(
            "licence_utilisation",
            PRIMARY,
            u == null ? null : round(u),
            u == null ? null : Math.max(-1, Math.min(1, 2 * u - 1))));
    return inputs;
  }

  private static List<Input> secondary(List<Signal> signals) {
    List<Input> inputs = new ArrayList<>();
    Optional<Double> nps =
        of(signals, "nps_response").stream()
            .map(n -> number(n, "score"))
            .flatMap(Optional::stream)
            .findFirst();
    inputs.add(
        new Input(
            "nps",
            SECONDARY,
            nps.orElse(null),
            nps.map(v -> v <= 6 ? -1.0 : v >= 9 ? 0.5 : 0.0).orElse(null)));

    Map<String, String> open = new LinkedHashMap<>();
    List<Signal> oldestFirst = new ArrayList<>(signals);
    java.util.Collections.reverse(oldestFirst);
    for (Signal signal : oldestFirst) {
      Optional<String> caseId = text(signal, "caseId");
      if (caseId.isEmpty()) {
        continue;
      }
      if ("support_case_opened".equals(signal.type())) {
        open.put(caseId.get(), text(signal, "priority").orElse("P3"));
      } else if ("support_case_closed".equals(signal.type())) {
        open.remove(caseId.get());
      }
    }
    double load = open.values().stream().mapToDouble(HealthFactors::severity).sum();
    inputs.add(new Input("open_support_cases", SECONDARY, open.size(), -Math.min(1, load / 2)));

    long breaches = of(signals, "sla_breached").size();
    inputs.add(new Input("sla_breaches", SECONDARY, breaches, breaches > 0 ? -1.0 : 0));

    Set<String> invoices = new LinkedHashSet<>();
    double maxDays = 0;
    for (Signal invoice : of(signals, "invoice_overdue")) {
      invoices.add(text(invoice, "invoiceId").orElse("invoice-" + invoice.id()));
      maxDays = Math.max(maxDays, number(invoice, "daysOverdue").orElse(0.0));
    }
    inputs.add(
        new Input(
            "overdue_invoices",
            SECONDARY,
            invoices.size(),
            invoices.isEmpty() ? 0 : -Math.min(1, 0.5 + maxDays / 60)));

    boolean championLeft = hasAny(signals, "champion_left");
    inputs.add(new Input("champion_left", SECONDARY, championLeft, championLeft ? -1.0 : 0));
    return inputs;
  }

  private static Input profile(String factor, Object value, Double signal) {
    return new Input(factor, PROFILE, value, signal);
  }

  private static double contract(String contractType) {
    return switch (contractType == null ? "" : contractType) {
      case "two-year" -> 1;
      case "one-year" -> 0.5;
      default -> -0.5;
    };
  }

  private static double severity(String priority) {
    return switch (priority) {
      case "P1" -> 1;
      case "P2" -> 0.75;
      case "P4" -> 0.25;
      default -> 0.5;
    };
  }

  private static Optional<Double> utilisation(Signal signal) {
    Optional<Double> pct = number(signal, "utilizationPct");
    if (pct.isPresent()) {
      return Optional.of(pct.get() / 100);
    }
    Optional<Double> used = number(signal, "seatsUsed");
    Optional<Double> total = number(signal, "seatsTotal");
    return used.isPresent() && total.isPresent() && total.get() > 0
        ? Optional.of(used.get() / total.get())
        : Optional.empty();
  }

  private static List<Signal> of(List<Signal> signals, String type) {
    return signals.stream().filter(s -> type.equals(s.type())).toList();
  }

  private static boolean hasAny(List<Signal> signals, String type) {
    return signals.stream().anyMatch(s -> type.equals(s.type()));
  }

  private static Optional<Double> number(Signal signal, String attribute) {
    Object value = signal.attributes() == null ? null : signal.attributes().get(attribute);
    if (value instanceof Number n) {
      return Optional.of(n.doubleValue());
    }
    if (value instanceof String text) {
      try {
        return Optional.of(Double.parseDouble(text.trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<String> text(Signal signal, String attribute) {
    Object value = signal.attributes() == null ? null : signal.attributes().get(attribute);
    return value == null || value.toString().isBlank()
        ? Optional.empty()
        : Optional.of(value.toString());
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
