package io.expansion.playbook.experiments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code expansion.experiments.*}.
 *
 * @param globalHoldout the share of accounts no play touches, and the salt of their hash
 * @param plannedAccounts exposed accounts the confidence sequence is tuned for (tightest there,
 *     valid at every size)
 */
@Validated
@ConfigurationProperties("expansion.experiments")
public record ExperimentProperties(
    @DefaultValue @Valid GlobalHoldoutSettings globalHoldout,
    @DefaultValue("2000") @Min(10) int plannedAccounts) {

  public record GlobalHoldoutSettings(
      @DefaultValue("0.05") @DecimalMin("0") @DecimalMax("0.5") double share,
      @DefaultValue("global-holdout") @NotBlank String salt) {}
}
