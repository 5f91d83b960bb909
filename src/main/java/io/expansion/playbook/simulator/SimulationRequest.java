package io.expansion.playbook.simulator;

import java.util.List;

/**
 * A run as posted: {@code days} simulated, the RNG {@code seed}, the share of the book simulated
 * and one or two settings compared side by side (default: the baseline).
 */
public record SimulationRequest(
    Integer days, Long seed, Double accountShare, List<String> settings) {}
