package io.expansion.playbook.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The queue's priority: value, churn risk, renewal and due tasks, each part named in the why. */
class QueuePriorityTest {

  @Test
  void thePartsAddUpAndTheWhyNamesThemLargestFirst() {
    var ranked = QueuePriority.rank(new QueuePriority.Inputs(offer("60.00"), 0.5, 45, 1, 2));

    // 35 x 60/120 = 17.5; 30 x 0.5 = 15; 20 x 45/90 = 10; overdue 10; due soon 5
    assertThat(ranked.score()).isEqualTo(57.5);
    assertThat(ranked.why())
        .isEqualTo(
            "priority 57.5: EV 60.00 of Streaming Bundle via csm (+17.5), churn risk 50 % (+15.0),"
                + " renews in 45 days (+10.0), 1 task overdue (+10.0), 2 tasks due within 2 days"
                + " (+5.0)");
  }

  @Test
  void valueIsCappedRenewalsFarAwayCountNothingAndNoOfferIsSaid() {
    assertThat(
            QueuePriority.rank(new QueuePriority.Inputs(offer("500.00"), 0.0, null, 0, 0)).score())
        .isEqualTo(35.0);
    var none =
        QueuePriority.rank(
            new QueuePriority.Inputs(
                new NextBestAction(
                    "A", "R", null, "at-risk", 20, null, "at-risk", null, null, null, null, "x"),
                0.8,
                120,
                0,
                0));
    assertThat(none.score()).isEqualTo(24.0);
    assertThat(none.why()).isEqualTo("priority 24.0: churn risk 80 % (+24.0); no offer (at-risk)");
    var passed = QueuePriority.rank(new QueuePriority.Inputs(null, null, -3, 0, 0));
    assertThat(passed.score()).isEqualTo(20.0);
    assertThat(passed.why())
        .isEqualTo("priority 20.0: renewal date passed 3 days ago (+20.0); not scored yet");
  }

  @Test
  void churnRiskIsTheCalibratedProbabilityOrTheCalibratedScalesEstimate() {
    assertThat(QueuePriority.churnRisk(70, 0.12)).isEqualTo(0.12);
    assertThat(QueuePriority.churnRisk(40, null)).isEqualTo(0.5);
    assertThat(QueuePriority.churnRisk(50, null)).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(QueuePriority.churnRisk(30, null)).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(QueuePriority.churnRisk(null, null)).isNull();
  }

  private static NextBestAction offer(String ev) {
    return new NextBestAction(
        "A",
        "R",
        null,
        "high-potential",
        80,
        null,
        "offer",
        "BUNDLE_STREAMING",
        "Streaming Bundle",
        new BigDecimal(ev),
        "csm",
        "best");
  }
}
