package io.expansion.playbook.plays;

import java.util.Arrays;
import java.util.Optional;

/**
 * The plays that can act on an account, each with its BPMN process and the arbitration category
 * ({@code expansion.plays.priority} orders the categories).
 */
public enum Play {
  HEALTH_REMEDIATION("health-remediation", "health-remediation", "retention"),
  WIN_BACK("win-back", "win-back", "retention"),
  RENEWAL("renewal", "renewal", "renewal"),
  ONBOARDING("onboarding", "onboarding", "onboarding"),
  EXPANSION("expansion", "expansion-journey", "expansion");

  /** The process variable every play carries; the expansion journey does not set it. */
  public static final String VARIABLE = "play";

  private final String code;
  private final String processId;
  private final String category;

  Play(String code, String processId, String category) {
    this.code = code;
    this.processId = processId;
    this.category = category;
  }

  public String code() {
    return code;
  }

  public String processId() {
    return processId;
  }

  public String category() {
    return category;
  }

  public static Optional<Play> ofCode(String code) {
    String wanted = code == null ? EXPANSION.code : code;
    return Arrays.stream(values()).filter(p -> p.code.equals(wanted)).findFirst();
  }

  public static Optional<Play> ofProcess(String processId) {
    return Arrays.stream(values()).filter(p -> p.processId.equals(processId)).findFirst();
  }
}
