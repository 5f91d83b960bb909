package io.expansion.playbook.plays;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code expansion.plays.*}: the arbitration order and the thresholds and deadlines of each play.
 *
 * @param priority play categories, highest priority first; must name each category once
 */
@Validated
@ConfigurationProperties("expansion.plays")
public record PlayProperties(
    @DefaultValue({"retention", "renewal", "onboarding", "expansion"}) List<String> priority,
    @DefaultValue @Valid Remediation remediation,
    @DefaultValue @Valid WinBack winBack,
    @DefaultValue @Valid Onboarding onboarding,
    @DefaultValue @Valid Renewal renewal) {

  public PlayProperties {
    List<String> categories =
        Arrays.stream(Play.values()).map(Play::category).distinct().sorted().toList();
    if (priority == null
        || priority.size() != categories.size()
        || !priority.stream().sorted().toList().equals(categories)) {
      throw new IllegalArgumentException(
          "expansion.plays.priority must list each play category exactly once, highest first: "
              + categories
              + " (got "
              + priority
              + ")");
    }
  }

  /** The category's rank: 0 is the highest priority. */
  public int rank(Play play) {
    return priority.indexOf(play.category());
  }

  /**
   * @param dropPoints a fall of at least this many health points starts the play
   * @param dropWindow the fall is measured from the highest score within this window
   * @param atRiskBelow falling below this health (the at-risk line of segmentation.dmn) starts it
   * @param recoveredAt health at or above this takes the account off the watch list
   * @param sla how long the CSM has to choose a remediation before the manager gets it
   * @param recheckAfter how long to wait for recovery before the next round
   * @param maxRounds remediation rounds before the play gives up and leaves the account watched
   */
  public record Remediation(
      @DefaultValue("15") @Min(1) @Max(100) int dropPoints,
      @DefaultValue("P30D") @NotNull Duration dropWindow,
      @DefaultValue("40") @Min(0) @Max(100) int atRiskBelow,
      @DefaultValue("60") @Min(0) @Max(100) int recoveredAt,
      @DefaultValue("P2D") @NotNull Duration sla,
      @DefaultValue("P30D") @NotNull Duration recheckAfter,
      @DefaultValue("3") @Min(1) int maxRounds) {}

  /**
   * @param activeUserDropPct a fall in active users of at least this percentage starts win-back
   * @param recoveredPct active users back to this percentage of the baseline count as recovered
   * @param recoveryWindow how long win-back waits for usage to recover
   */
  public record WinBack(
      @DefaultValue("20") @Min(1) @Max(100) int activeUserDropPct,
      @DefaultValue("90") @Min(1) @Max(200) int recoveredPct,
      @DefaultValue("P30D") @NotNull Duration recoveryWindow) {}

  /**
   * @param setupWithin deadline for the setup milestone, from the start of onboarding
   * @param firstValueWithin deadline for first value, from setup
   * @param helpGrace after a guided-help touch, how long before the CSM is asked to step in
   * @param maxTenureMonths accounts younger than this start onboarding on their first signal
   */
  public record Onboarding(
      @DefaultValue("P14D") @NotNull Duration setupWithin,
      @DefaultValue("P30D") @NotNull Duration firstValueWithin,
      @DefaultValue("P7D") @NotNull Duration helpGrace,
      @DefaultValue("3") @Min(0) int maxTenureMonths) {}

  /**
   * @param reviewHour local hour (account time zone) at which renewal checkpoints fall due
   * @param horizonDays the planner starts renewal plays for renewals this many days ahead
   * @param planOnStartup whether the planner runs when the app starts (and then daily)
   * @param batchSize renewal plays the planner starts per run at most
   */
  public record Renewal(
      @DefaultValue("9") @Min(0) @Max(23) int reviewHour,
      @DefaultValue("100") @Min(30) int horizonDays,
      @DefaultValue("true") boolean planOnStartup,
      @DefaultValue("500") @Min(1) int batchSize) {}
}
