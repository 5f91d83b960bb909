package io.expansion.playbook.kpi;

import io.expansion.playbook.revenue.MovementType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a period's KPIs are computed from, for the whole book or one group. Every fact names its
 * account; the activity facts also name their play ({@code null}: none).
 */
record PeriodFacts(
    List<StartAccount> startAccounts,
    List<MovementFact> movements,
    List<OfferFact> offers,
    List<QuoteFact> quotes,
    List<ActivityFact> activity,
    List<FirstValueFact> firstValues,
    List<OutcomeFact> outcomes) {

  /** An account active at the period's start, with its ledger MRR then. */
  record StartAccount(String accountId, BigDecimal mrr) {}

  /**
   * A ledger movement in the period.
   *
   * @param amount the size of the change, positive whichever its direction
   */
  record MovementFact(String accountId, MovementType type, BigDecimal amount, String source) {}

  /** An offer first presented in the period; {@code accepted} by the period's end. */
  record OfferFact(long offerId, String accountId, String play, String kind, boolean accepted) {

    boolean addOn() {
      return "addon".equals(kind) || "bundle".equals(kind);
    }
  }

  /** The accepted quote of an offer accepted in the period. */
  record QuoteFact(String accountId, String play, BigDecimal listPrice, BigDecimal netPrice) {}

  /** The funnel's counted events. */
  enum Activity {
    SIGNAL,
    PLAY_STARTED,
    TOUCH
  }

  /** How many events of a kind an account had in the period, per play. */
  record ActivityFact(String accountId, String play, Activity kind, long count) {}

  /** An onboarding play that reached first value in the period, after {@code days}. */
  record FirstValueFact(String accountId, long days) {}

  /** A play outcome in the period. */
  record OutcomeFact(String accountId, String play, String outcome, boolean success) {}

  static PeriodFacts empty() {
    return new Builder().build();
  }

  /** Collects facts (used to split the book's facts into groups). */
  static final class Builder {
    final List<StartAccount> startAccounts = new ArrayList<>();
    final List<MovementFact> movements = new ArrayList<>();
    final List<OfferFact> offers = new ArrayList<>();
    final List<QuoteFact> quotes = new ArrayList<>();
    final List<ActivityFact> activity = new ArrayList<>();
    final List<FirstValueFact> firstValues = new ArrayList<>();
    final List<OutcomeFact> outcomes = new ArrayList<>();

    PeriodFacts build() {
      return new PeriodFacts(
          List.copyOf(startAccounts),
          List.copyOf(movements),
          List.copyOf(offers),
          List.copyOf(quotes),
          List.copyOf(activity),
          List.copyOf(firstValues),
          List.copyOf(outcomes));
    }
  }
}
