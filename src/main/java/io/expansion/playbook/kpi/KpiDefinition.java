package io.expansion.playbook.kpi;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every KPI with its formula. "Start accounts" are the accounts active at the period's start: their
 * ledger MRR (the MRR after their last movement effective before {@code from}) is above 0; "start
 * MRR" is the sum of it. Movements count when effective from {@code from} to {@code to}
 * (inclusive); other events when they happen from the start of {@code from} to the end of {@code
 * to} (UTC).
 */
public enum KpiDefinition {
  NRR(
      "nrr",
      "Net revenue retention",
      Unit.RATIO,
      "(start MRR + expansion + reactivation - contraction - churn of the start accounts) / start"
          + " MRR (ChartMogul)"),
  GRR(
      "grr",
      "Gross revenue retention",
      Unit.RATIO,
      "(start MRR - contraction - churn of the start accounts) / start MRR; expansion and"
          + " reactivation left out (ChartMogul)"),
  NEW_MRR("new_mrr", "New MRR", Unit.MRR, "sum of 'new' movements in the period, all accounts"),
  EXPANSION_MRR(
      "expansion_mrr",
      "Expansion MRR",
      Unit.MRR,
      "sum of 'expansion' movements in the period, all accounts"),
  EXPANSION_ARR("expansion_arr", "Expansion ARR", Unit.ARR, "expansion MRR x 12"),
  CONTRACTION_MRR(
      "contraction_mrr",
      "Contraction MRR",
      Unit.MRR,
      "MRR lost to 'contraction' movements in the period, all accounts (a positive figure)"),
  CHURNED_MRR(
      "churned_mrr",
      "Churned MRR",
      Unit.MRR,
      "MRR lost to 'churn' movements in the period, all accounts (a positive figure)"),
  REACTIVATION_MRR(
      "reactivation_mrr",
      "Reactivation MRR",
      Unit.MRR,
      "sum of 'reactivation' movements in the period, all accounts"),
  REVENUE_CHURN(
      "revenue_churn",
      "Revenue churn",
      Unit.RATIO,
      "MRR lost to 'churn' movements of the start accounts / start MRR"),
  LOGO_CHURN(
      "logo_churn",
      "Logo churn",
      Unit.RATIO,
      "start accounts with a 'churn' movement in the period / start accounts"),
  ATTACH_RATE(
      "attach_rate",
      "Attach rate",
      Unit.RATIO,
      "accounts that accepted an add-on or bundle offer first presented in the period / accounts"
          + " presented one in the period (presented: its first touch was sent; accepted: by the"
          + " end of the period)"),
  ADDONS_PER_ACCOUNT(
      "addons_per_account",
      "Add-ons per account",
      Unit.PER_ACCOUNT,
      "add-on and bundle offers accepted / accounts that accepted one (the attach rate's offers)"),
  AVG_EXPANSION_DEAL(
      "avg_expansion_deal",
      "Average expansion deal",
      Unit.MRR,
      "sum of 'expansion' movements from provisioning in the period / their number"),
  WIN_RATE(
      "win_rate",
      "Expansion win rate",
      Unit.RATIO,
      "offers first presented in the period and accepted by its end / offers first presented in"
          + " the period"),
  DISCOUNT_GIVEN(
      "discount_given",
      "Discount given",
      Unit.RATIO,
      "sum of (list price - net price) / sum of list price, over the accepted quotes of the"
          + " offers accepted in the period; the numerator is the monthly discount given"),
  FUNNEL_SIGNALS("funnel_signals", "Signals", Unit.COUNT, "signals received in the period"),
  FUNNEL_PLAYS(
      "funnel_plays",
      "Plays started",
      Unit.COUNT,
      "plays started in the period: journeys of every play, the expansion journey included"),
  FUNNEL_TOUCHES(
      "funnel_touches",
      "Touches",
      Unit.COUNT,
      "touches stored in the period, every play and channel (CSM outreach included)"),
  FUNNEL_OFFERS_PRESENTED(
      "funnel_offers_presented",
      "Offers presented",
      Unit.COUNT,
      "offers whose first touch was sent in the period"),
  FUNNEL_ACCEPTED(
      "funnel_accepted",
      "Offers accepted",
      Unit.COUNT,
      "offers first presented in the period and accepted by its end"),
  CONVERSION_SIGNAL_TO_PLAY(
      "conversion_signal_to_play", "Signal to play", Unit.RATIO, "plays started / signals"),
  CONVERSION_PLAY_TO_TOUCH(
      "conversion_play_to_touch", "Play to touch", Unit.RATIO, "touches / plays started"),
  CONVERSION_TOUCH_TO_OFFER(
      "conversion_touch_to_offer", "Touch to offer", Unit.RATIO, "offers presented / touches"),
  CONVERSION_OFFER_TO_ACCEPTED(
      "conversion_offer_to_accepted",
      "Offer to accepted",
      Unit.RATIO,
      "offers accepted / offers presented (the win rate)"),
  TIME_TO_FIRST_VALUE_DAYS(
      "time_to_first_value_days",
      "Time to first value",
      Unit.DAYS,
      "sum of days from the onboarding play's start to first value / onboarding plays that"
          + " reached first value in the period"),
  PLAYS_OUTCOMES(
      "plays_outcomes",
      "Plays' outcomes",
      Unit.RATIO,
      "successful outcomes / outcomes in the period: a play ending at a success end event"
          + " (health recovered, usage recovered, onboarded, renewal on track) and an expansion"
          + " loop ending 'accepted' succeed; 'breakdown' counts every play:outcome");

  /** What a value measures; it decides its rounding. */
  public enum Unit {
    RATIO("ratio", 4),
    MRR("mrr", 2),
    ARR("arr", 2),
    COUNT("count", 0),
    DAYS("days", 1),
    PER_ACCOUNT("per_account", 2);

    private final String code;
    private final int scale;

    Unit(String code, int scale) {
      this.code = code;
      this.scale = scale;
    }

    public String code() {
      return code;
    }

    int scale() {
      return scale;
    }
  }

  private final String key;
  private final String title;
  private final Unit unit;
  private final String definition;

  KpiDefinition(String key, String title, Unit unit, String definition) {
    this.key = key;
    this.title = title;
    this.unit = unit;
    this.definition = definition;
  }

  public String key() {
    return key;
  }

  public String title() {
    return title;
  }

  public Unit unit() {
    return unit;
  }

  public String definition() {
    return definition;
  }

  public static Optional<KpiDefinition> of(String key) {
    return Arrays.stream(values()).filter(d -> d.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(KpiDefinition::key).toList();
  }
}
