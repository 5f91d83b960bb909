package io.expansion.playbook.kpi;

import io.expansion.playbook.plays.Play;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How KPIs can be grouped, and how a period's facts are split into the groups. Segment and CSM are
 * the account's current ones ({@code unsegmented}, {@code unassigned} when it has none). By play,
 * the ledger's facts (start accounts, movements) go to every play that ran for the account during
 * the period ({@code none} when no play did), so an account can be in several groups; the activity
 * facts (offers, quotes, signals, plays, touches, outcomes) go to the play they belong to.
 */
enum GroupBy {
  SEGMENT("segment"),
  CSM("csm"),
  PLAY("play");

  static final String NONE = "none";

  private final String code;

  GroupBy(String code) {
    this.code = code;
  }

  String code() {
    return code;
  }

  static List<String> codes() {
    return Arrays.stream(values()).map(GroupBy::code).toList();
  }

  static GroupBy of(String code) {
    return Arrays.stream(values()).filter(g -> g.code.equals(code)).findFirst().orElseThrow();
  }

  /**
   * Splits facts into groups, sorted by group name.
   *
   * @param accounts account id to {@code [segment, csm]}
   * @param playsByAccount play codes that ran for each account during the period
   */
  Map<String, PeriodFacts> split(
      PeriodFacts facts, Map<String, String[]> accounts, Map<String, Set<String>> playsByAccount) {
    Function<String, Set<String>> ofAccount =
        switch (this) {
          case SEGMENT -> id -> Set.of(attribute(accounts, id, 0, "unsegmented"));
          case CSM -> id -> Set.of(attribute(accounts, id, 1, "unassigned"));
          case PLAY -> id -> playsByAccount.getOrDefault(id, Set.of(NONE));
        };
    Map<String, PeriodFacts.Builder> groups = new TreeMap<>();
    Function<String, PeriodFacts.Builder> group =
        name -> groups.computeIfAbsent(name, k -> new PeriodFacts.Builder());
    facts
        .startAccounts()
        .forEach(a -> into(ofAccount.apply(a.accountId()), group, b -> b.startAccounts.add(a)));
    facts
        .movements()
        .forEach(m -> into(ofAccount.apply(m.accountId()), group, b -> b.movements.add(m)));
    facts
        .offers()
        .forEach(
            o -> into(activity(ofAccount, o.accountId(), o.play()), group, b -> b.offers.add(o)));
    facts
        .quotes()
        .forEach(
            q -> into(activity(ofAccount, q.accountId(), q.play()), group, b -> b.quotes.add(q)));
    facts
        .activity()
        .forEach(
            a -> into(activity(ofAccount, a.accountId(), a.play()), group, b -> b.activity.add(a)));
    facts
        .firstValues()
        .forEach(
            v ->
                into(
                    activity(ofAccount, v.accountId(), Play.ONBOARDING.code()),
                    group,
                    b -> b.firstValues.add(v)));
    facts
        .outcomes()
        .forEach(
            o -> into(activity(ofAccount, o.accountId(), o.play()), group, b -> b.outcomes.add(o)));
    Map<String, PeriodFacts> built = new TreeMap<>();
    groups.forEach((name, builder) -> built.put(name, builder.build()));
    return built;
  }

  private Set<String> activity(
      Function<String, Set<String>> ofAccount, String accountId, String play) {
    if (this == PLAY) {
      return Set.of(play == null ? NONE : play);
    }
    return ofAccount.apply(accountId);
  }

  private static void into(
      Set<String> names,
      Function<String, PeriodFacts.Builder> group,
      Consumer<PeriodFacts.Builder> add) {
    names.forEach(name -> add.accept(group.apply(name)));
  }

  private static String attribute(
      Map<String, String[]> accounts, String accountId, int index, String otherwise) {
    String[] values = accounts.get(accountId);
    return values == null || values[index] == null ? otherwise : values[index];
  }
}
