package io.expansion.playbook.signals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The signal catalog. */
public enum SignalType {
  PRODUCT_USAGE("product_usage"),
  LICENSE_UTILIZATION("license_utilization"),
  SUPPORT_CASE_OPENED("support_case_opened"),
  SUPPORT_CASE_CLOSED("support_case_closed"),
  SLA_BREACHED("sla_breached"),
  NPS_RESPONSE("nps_response"),
  INVOICE_OVERDUE("invoice_overdue"),
  RENEWAL_DATE_CHANGED("renewal_date_changed"),
  INTENT("intent"),
  CHAMPION_LEFT("champion_left"),
  MILESTONE_REACHED("milestone_reached");

  private final String code;

  SignalType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<SignalType> of(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(SignalType::code).toList();
  }
}
