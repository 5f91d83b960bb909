package io.expansion.playbook.scoring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code expansion.scoring.*}: lifecycle stages, the weights of each health factor per stage, and
 * how calibration fits and scales a score card. Validated at start-up; unknown keys are refused.
 *
 * @param onboardingMonths accounts younger than this are in the onboarding stage
 * @param preRenewalDays accounts whose renewal is this close are in the pre-renewal stage
 * @param signalWindow how far back signals count (usage and logins count the last 30 days of it)
 * @param historyLimit how many history rows {@code GET /api/accounts/{id}} shows
 * @param calibrate run a calibration at start-up, print its metrics and exit (the command)
 * @param calibrateType the model type the command fits: {@code auto}, {@code scorecard}, {@code
 *     gbt}
 */
@Validated
@ConfigurationProperties(prefix = "expansion.scoring", ignoreUnknownFields = false)
public record ScoringProperties(
    @Min(0) @Max(24) int onboardingMonths,
    @Min(1) @Max(365) int preRenewalDays,
    @NotNull Duration signalWindow,
    @Min(1) @Max(500) int historyLimit,
    @Valid @NotNull Stages stages,
    @Valid @NotNull Calibration calibration,
    boolean calibrate,
    String calibrateType) {

  public static final String ONBOARDING = "onboarding";
  public static final String ESTABLISHED = "established";
  public static final String PRE_RENEWAL = "pre-renewal";

  public ScoringProperties {
    if (signalWindow != null && (signalWindow.isNegative() || signalWindow.toDays() < 30)) {
      throw new IllegalArgumentException("expansion.scoring.signal-window must be at least P30D");
    }
    calibrateType = calibrateType == null || calibrateType.isBlank() ? "auto" : calibrateType;
    if (!ModelTraining.TYPES.contains(calibrateType)) {
      throw new IllegalArgumentException(
          "expansion.scoring.calibrate-type must be one of "
              + String.join(", ", ModelTraining.TYPES)
              + ", got '"
              + calibrateType
              + "'");
    }
  }

  /** The weights of the three lifecycle stages. */
  public record Stages(
      @Valid @NotNull StageWeights onboarding,
      @Valid @NotNull StageWeights established,
      @Valid @NotNull StageWeights preRenewal) {

    public StageWeights of(String stage) {
      return switch (stage) {
        case ONBOARDING -> onboarding;
        case PRE_RENEWAL -> preRenewal;
        case ESTABLISHED -> established;
        default -> throw new IllegalArgumentException("Unknown lifecycle stage " + stage);
      };
    }
  }

  /**
   * One stage's score card: health starts at {@code baseline}; each factor adds {@code weight ×
   * signal}, where its signal runs from -1 (worst) to +1 (best) — see {@link HealthFactors}.
   */
  public record StageWeights(@Min(0) @Max(100) int baseline, @Valid @NotNull Weights weights) {

    public StageWeights {
      if (weights != null) {
        weights
            .asMap()
            .forEach(
                (factor, weight) -> {
                  if (weight < 0 || weight > 50 || Double.isNaN(weight)) {
                    throw new IllegalArgumentException(
                        "expansion.scoring stage weight of "
                            + factor
                            + " must be between 0 and 50, got "
                            + weight);
                  }
                });
      }
    }
  }

  /** Points a factor is worth at its best (or worst) signal, 0..50 each; absent keys weigh 0. */
  public record Weights(
      double contract,
      double tenure,
      double supportAndSecurity,
      double paymentMethod,
      double fibreMonthToMonth,
      double milestones,
      double activeUsers,
      double logins,
      double featureAdoption,
      double licenceUtilisation,
      double nps,
      double openSupportCases,
      double slaBreaches,
      double overdueInvoices,
      double championLeft) {

    /** Weight per factor name (the names contributions carry). */
    public Map<String, Double> asMap() {
      return asMap(
          contract,
          tenure,
          supportAndSecurity,
          paymentMethod,
          fibreMonthToMonth,
          milestones,
          activeUsers,
          logins,
          featureAdoption,
          licenceUtilisation,
          nps,
          openSupportCases,
          slaBreaches,
          overdueInvoices,
          championLeft);
    }

    private static Map<String, Double> asMap(double... values) {
      Map<String, Double> map = new LinkedHashMap<>();
      for (int i = 0; i < HealthFactors.NAMES.size(); i++) {
        map.put(HealthFactors.NAMES.get(i), values[i]);
      }
      return map;
    }
  }

  /**
   * How calibration fits a score card from outcomes.
   *
   * @param seed seed of the stratified train/hold-out split
   * @param holdoutShare share of accounts held out to measure AUC
   * @param l2 ridge penalty of the logistic fit
   * @param maxBins quantile bins per numeric factor
   * @param minBinCount smallest bin (smaller ones are merged; rarer categories become "other")
   * @param healthAtEvenOdds health of an account as likely to churn as not
   * @param pointsToDoubleOdds health points that halve the odds of churning
   * @param protectedAttributes imported attributes never used (compared ignoring case and _/-)
   * @param folds cross-validation folds of the training part (derived factors, trees, auto)
   * @param autoMargin cross-validated AUC by which boosted trees must beat the score card for
   *     {@code auto} to keep them
   * @param gbt how boosted trees are grown and tuned
   * @param derivedFactors how derived factors are looked for
   */
  public record Calibration(
      long seed,
      @DecimalMin("0.05") @DecimalMax("0.5") double holdoutShare,
      @DecimalMin("0.0001") @DecimalMax("1000") double l2,
      @Min(2) @Max(20) int maxBins,
      @Min(1) int minBinCount,
      @Min(0) @Max(100) double healthAtEvenOdds,
      @DecimalMin("1") @DecimalMax("50") double pointsToDoubleOdds,
      @NotNull List<String> protectedAttributes,
      @Min(2) @Max(10) int folds,
      @DecimalMin("0") @DecimalMax("0.1") double autoMargin,
      @Valid @NotNull Gbt gbt,
      @Valid @NotNull DerivedFactors derivedFactors) {}

  /**
   * Boosted trees (XGBoost): the depths and learning rates tried by cross-validation, rounds with
   * early stopping, and the name fragments of columns whose direction is known (monotone
   * constraints; the signal-fed health factors are always constrained).
   */
  public record Gbt(
      @NotEmpty List<@Min(1) @Max(10) Integer> depths,
      @NotEmpty List<@DecimalMin("0.001") @DecimalMax("1") Double> learningRates,
      @Min(1) @Max(5000) int maxRounds,
      @Min(1) @Max(500) int earlyStoppingRounds,
      @DecimalMin("0") double minChildWeight,
      @DecimalMin("0.1") @DecimalMax("1") double subsample,
      @DecimalMin("0.1") @DecimalMax("1") double columnSample,
      @DecimalMin("0") double lambda,
      @Min(1) @Max(64) int threads,
      @NotNull List<String> raisesRisk,
      @NotNull List<String> lowersRisk) {}

  /**
   * Derived factors (sums, ratios, rates per month, pairs of categories).
   *
   * @param candidates how many screened candidates are tried by cross-validation
   * @param minAucGain cross-validated AUC a candidate must add to be kept
   */
  public record DerivedFactors(
      boolean enabled,
      @Min(0) @Max(50) int candidates,
      @DecimalMin("0") @DecimalMax("0.1") double minAucGain) {}
}
