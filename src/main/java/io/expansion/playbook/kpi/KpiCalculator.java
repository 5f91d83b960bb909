package io.expansion.playbook.kpi;

import static io.expansion.playbook.kpi.KpiDefinition.ADDONS_PER_ACCOUNT;
import static io.expansion.playbook.kpi.KpiDefinition.ATTACH_RATE;
import static io.expansion.playbook.kpi.KpiDefinition.AVG_EXPANSION_DEAL;
import static io.expansion.playbook.kpi.KpiDefinition.CHURNED_MRR;
import static io.expansion.playbook.kpi.KpiDefinition.CONTRACTION_MRR;
import static io.expansion.playbook.kpi.KpiDefinition.CONVERSION_OFFER_TO_ACCEPTED;
import static io.expansion.playbook.kpi.KpiDefinition.CONVERSION_PLAY_TO_TOUCH;
import static io.expansion.playbook.kpi.KpiDefinition.CONVERSION_SIGNAL_TO_PLAY;
import static io.expansion.playbook.kpi.KpiDefinition.CONVERSION_TOUCH_TO_OFFER;
import static io.expansion.playbook.kpi.KpiDefinition.DISCOUNT_GIVEN;
import static io.expansion.playbook.kpi.KpiDefinition.EXPANSION_ARR;
import static io.expansion.playbook.kpi.KpiDefinition.EXPANSION_MRR;
import static io.expansion.playbook.kpi.KpiDefinition.FUNNEL_ACCEPTED;
import static io.expansion.playbook.kpi.KpiDefinition.FUNNEL_OFFERS_PRESENTED;
import static io.expansion.playbook.kpi.KpiDefinition.FUNNEL_PLAYS;
import static io.expansion.playbook.kpi.KpiDefinition.FUNNEL_SIGNALS;
import static io.expansion.playbook.kpi.KpiDefinition.FUNNEL_TOUCHES;
import static io.expansion.playbook.kpi.KpiDefinition.GRR;
import static io.expansion.playbook.kpi.KpiDefinition.LOGO_CHURN;
import static io.expansion.playbook.kpi.KpiDefinition.NEW_MRR;
import static io.expansion.playbook.kpi.KpiDefinition.NRR;
import static io.expansion.playbook.kpi.KpiDefinition.PLAYS_OUTCOMES;
import static io.expansion.playbook.kpi.KpiDefinition.REACTIVATION_MRR;
import static io.expansion.playbook.kpi.KpiDefinition.REVENUE_CHURN;
import static io.expansion.playbook.kpi.KpiDefinition.TIME_TO_FIRST_VALUE_DAYS;
import static io.expansion.playbook.kpi.KpiDefinition.WIN_RATE;

import io.expansion.playbook.kpi.PeriodFacts.Activity;
import io.expansion.playbook.kpi.PeriodFacts.ActivityFact;
import io.expansion.playbook.kpi.PeriodFacts.MovementFact;
import io.expansion.playbook.kpi.PeriodFacts.OfferFact;
import io.expansion.playbook.kpi.PeriodFacts.OutcomeFact;
import io.expansion.playbook.kpi.PeriodFacts.QuoteFact;
import io.expansion.playbook.kpi.PeriodFacts.StartAccount;
import io.expansion.playbook.revenue.MovementType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Computes every KPI of {@link KpiDefinition} from a period's facts. Pure. */
final class KpiCalculator {

  private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

  private KpiCalculator() {}

  /** The KPIs in {@link KpiDefinition} order. */
  static List<Kpi> calculate(PeriodFacts facts) {
    List<Kpi> kpis = new ArrayList<>();
    retention(facts, kpis);
    offers(facts, kpis);
    funnel(facts, kpis);
    plays(facts, kpis);
    kpis.sort((a, b) -> order(a) - order(b));
    return kpis;
  }

  private static void retention(PeriodFacts f, List<Kpi> kpis) {
    Map<String, BigDecimal> start = new HashMap<>();
    for (StartAccount a : f.startAccounts()) {
      start.put(a.accountId(), a.mrr());
    }
    BigDecimal startMrr = sum(start.values());
    Map<MovementType, BigDecimal> all = new EnumMap<>(MovementType.class);
    Map<MovementType, BigDecimal> cohort = new EnumMap<>(MovementType.class);
    Set<String> churnedLogos = new HashSet<>();
    BigDecimal dealTotal = BigDecimal.ZERO;
    long deals = 0;
    for (MovementFact m : f.movements()) {
      all.merge(m.type(), m.amount(), BigDecimal::add);
      if (start.containsKey(m.accountId())) {
        cohort.merge(m.type(), m.amount(), BigDecimal::add);
        if (m.type() == MovementType.CHURN) {
          churnedLogos.add(m.accountId());
        }
      }
      if (m.type() == MovementType.EXPANSION && "provisioning".equals(m.source())) {
        dealTotal = dealTotal.add(m.amount());
        deals++;
      }
    }
    BigDecimal lost = of(cohort, MovementType.CONTRACTION).add(of(cohort, MovementType.CHURN));
    BigDecimal gained =
        of(cohort, MovementType.EXPANSION).add(of(cohort, MovementType.REACTIVATION));
    kpis.add(Kpi.ratio(NRR, startMrr.add(gained).subtract(lost), startMrr));
    kpis.add(Kpi.ratio(GRR, startMrr.subtract(lost), startMrr));
    kpis.add(Kpi.total(NEW_MRR, of(all, MovementType.NEW)));
    kpis.add(Kpi.total(EXPANSION_MRR, of(all, MovementType.EXPANSION)));
    kpis.add(Kpi.total(EXPANSION_ARR, of(all, MovementType.EXPANSION).multiply(TWELVE)));
    kpis.add(Kpi.total(CONTRACTION_MRR, of(all, MovementType.CONTRACTION)));
    kpis.add(Kpi.total(CHURNED_MRR, of(all, MovementType.CHURN)));
    kpis.add(Kpi.total(REACTIVATION_MRR, of(all, MovementType.REACTIVATION)));
    kpis.add(Kpi.ratio(REVENUE_CHURN, of(cohort, MovementType.CHURN), startMrr));
    kpis.add(Kpi.ratio(LOGO_CHURN, churnedLogos.size(), start.size()));
    kpis.add(Kpi.ratio(AVG_EXPANSION_DEAL, dealTotal, BigDecimal.valueOf(deals)));
  }

  private static void offers(PeriodFacts f, List<Kpi> kpis) {
    long accepted = 0;
    Set<String> offeredAddOn = new HashSet<>();
    Set<String> acceptedAddOn = new HashSet<>();
    long addOnsAccepted = 0;
    for (OfferFact o : f.offers()) {
      if (o.accepted()) {
        accepted++;
      }
      if (o.addOn()) {
        offeredAddOn.add(o.accountId());
        if (o.accepted()) {
          acceptedAddOn.add(o.accountId());
          addOnsAccepted++;
        }
      }
    }
    kpis.add(Kpi.ratio(ATTACH_RATE, acceptedAddOn.size(), offeredAddOn.size()));
    kpis.add(Kpi.ratio(ADDONS_PER_ACCOUNT, addOnsAccepted, acceptedAddOn.size()));
    kpis.add(Kpi.ratio(WIN_RATE, accepted, f.offers().size()));
    BigDecimal list = BigDecimal.ZERO;
    BigDecimal net = BigDecimal.ZERO;
    for (QuoteFact q : f.quotes()) {
      list = list.add(q.listPrice());
      net = net.add(q.netPrice());
    }
    kpis.add(Kpi.ratio(DISCOUNT_GIVEN, list.subtract(net), list));
  }

  private static void funnel(PeriodFacts f, List<Kpi> kpis) {
    Map<Activity, Long> counts = new EnumMap<>(Activity.class);
    for (Activity a : Activity.values()) {
      counts.put(a, 0L);
    }
    for (ActivityFact a : f.activity()) {
      counts.merge(a.kind(), a.count(), Long::sum);
    }
    long signals = counts.get(Activity.SIGNAL);
    long plays = counts.get(Activity.PLAY_STARTED);
    long touches = counts.get(Activity.TOUCH);
    long presented = f.offers().size();
    long accepted = f.offers().stream().filter(OfferFact::accepted).count();
    kpis.add(Kpi.total(FUNNEL_SIGNALS, signals));
    kpis.add(Kpi.total(FUNNEL_PLAYS, plays));
    kpis.add(Kpi.total(FUNNEL_TOUCHES, touches));
    kpis.add(Kpi.total(FUNNEL_OFFERS_PRESENTED, presented));
    kpis.add(Kpi.total(FUNNEL_ACCEPTED, accepted));
    kpis.add(Kpi.ratio(CONVERSION_SIGNAL_TO_PLAY, plays, signals));
    kpis.add(Kpi.ratio(CONVERSION_PLAY_TO_TOUCH, touches, plays));
    kpis.add(Kpi.ratio(CONVERSION_TOUCH_TO_OFFER, presented, touches));
    kpis.add(Kpi.ratio(CONVERSION_OFFER_TO_ACCEPTED, accepted, presented));
  }

  private static void plays(PeriodFacts f, List<Kpi> kpis) {
    long days = f.firstValues().stream().mapToLong(PeriodFacts.FirstValueFact::days).sum();
    kpis.add(
        Kpi.ratio(
            TIME_TO_FIRST_VALUE_DAYS,
            BigDecimal.valueOf(days),
            BigDecimal.valueOf(f.firstValues().size())));
    Map<String, Long> breakdown = new TreeMap<>();
    long successes = 0;
    for (OutcomeFact o : f.outcomes()) {
      breakdown.merge((o.play() == null ? "none" : o.play()) + ":" + o.outcome(), 1L, Long::sum);
      if (o.success()) {
        successes++;
      }
    }
    kpis.add(Kpi.ratio(PLAYS_OUTCOMES, successes, f.outcomes().size()).withBreakdown(breakdown));
  }

  private static BigDecimal of(Map<MovementType, BigDecimal> sums, MovementType type) {
    return sums.getOrDefault(type, BigDecimal.ZERO.setScale(2));
  }

  private static BigDecimal sum(Iterable<BigDecimal> values) {
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    for (BigDecimal v : values) {
      total = total.add(v);
    }
    return total;
  }

  private static int order(Kpi kpi) {
    return KpiDefinition.of(kpi.key()).orElseThrow().ordinal();
  }
}
