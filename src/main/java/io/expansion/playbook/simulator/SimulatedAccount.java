package io.expansion.playbook.simulator;

import java.time.LocalDate;

/**
 * A simulated account's profile as the book holds it at the start of a day.
 *
 * @param health the account's current health (0..100; 60 before its first scoring)
 * @param tenureMonths months as a customer at the start of the run
 */
record SimulatedAccount(
    String id,
    String contact,
    double mrr,
    int seats,
    int licencesUsed,
    int tenureMonths,
    String contractType,
    LocalDate renewalDate,
    int health,
    boolean churned) {

  /** Share of the seats in use, 0..1. */
  double utilisation() {
    return seats <= 0 ? 0 : Math.min(1.0, (double) licencesUsed / seats);
  }

  /** Health as 0..1. */
  double h() {
    return Math.max(0, Math.min(100, health)) / 100.0;
  }
}
