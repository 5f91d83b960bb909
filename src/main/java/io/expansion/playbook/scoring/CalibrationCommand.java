package io.expansion.playbook.scoring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The calibration command ({@code expansion.scoring.calibrate=true}, see README "Health scores and
 * calibration"): after the book is loaded, calibrates the model type {@code
 * expansion.scoring.calibrate-type} (auto, scorecard, gbt), logs the hold-out ROC AUC with the
 * type, settings and factors, and exits.
 */
@Component
@Order(100)
@ConditionalOnProperty(name = "expansion.scoring.calibrate", havingValue = "true")
public class CalibrationCommand implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(CalibrationCommand.class);

  private final Calibrations calibrations;
  private final ConfigurableApplicationContext context;

  public CalibrationCommand(Calibrations calibrations, ConfigurableApplicationContext context) {
    this.calibrations = calibrations;
    this.context = context;
  }

  @Override
  public void run(ApplicationArguments args) {
    int status = 0;
    try {
      Calibrations.Calibrated c = calibrations.calibrate(false);
      Calibrator.Metrics m = c.metrics();
      LOG.info(
          "CALIBRATION {}: model {} (asked {}), hold-out ROC AUC = {} (plain logistic regression"
              + " on the raw values, same split: {}; train AUC {}; cross-validated AUC {};"
              + " {} train / {} hold-out accounts, churn rate {}, seed {}, settings {};"
              + " derived factors {}; factors {}; no variance: {})",
          c.version(),
          m.modelType(),
          m.requestedType(),
          m.holdoutAuc(),
          m.referenceHoldoutAuc(),
          m.trainAuc(),
          m.cvAuc(),
          m.trainRows(),
          m.holdoutRows(),
          m.churnRate(),
          m.seed(),
          m.gbt() == null ? "l2 " + m.l2() + ", " + m.maxBins() + " bins" : m.gbt(),
          m.derivedFactors(),
          m.factors(),
          m.factorsWithoutVariance());
    } catch (RuntimeException e) {
      LOG.error("Calibration failed: {}", e.getMessage(), e);
      status = 1;
    }
    int exit = status;
    // the embedded engine keeps non-daemon threads: leave explicitly once the context is closed
    System.exit(SpringApplication.exit(context, () -> exit));
  }
}
