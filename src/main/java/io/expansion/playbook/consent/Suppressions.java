package io.expansion.playbook.consent;

import io.expansion.playbook.consent.ContactFacts.SignalFact;
import io.expansion.playbook.consent.ContactPolicySettings.Suppression;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Global suppression from signals: an open P1 support case ({@code support_case_opened} with
 * priority P1 and no later {@code support_case_closed} for its caseId), or an {@code
 * invoice_overdue} signal within the configured window.
 */
final class Suppressions {

  static final String CASE_OPENED = "support_case_opened";
  static final String CASE_CLOSED = "support_case_closed";
  static final String INVOICE_OVERDUE = "invoice_overdue";
  static final List<String> TYPES = List.of(CASE_OPENED, CASE_CLOSED, INVOICE_OVERDUE);

  private Suppressions() {}

  /** The reasons suppressing touches at {@code now}; empty when none. */
  static List<String> active(List<SignalFact> signals, OffsetDateTime now, Suppression config) {
    Map<String, SignalFact> openP1 = new LinkedHashMap<>();
    List<String> reasons = new ArrayList<>();
    OffsetDateTime invoicesSince = now.minus(config.overdueInvoiceWindow());
    for (SignalFact s : signals) {
      if (s.at().isAfter(now)) {
        continue;
      }
      String caseId = String.valueOf(s.attributes().get("caseId"));
      switch (s.type()) {
        case CASE_OPENED -> {
          if ("P1".equalsIgnoreCase(String.valueOf(s.attributes().get("priority")))) {
            openP1.put(caseId, s);
          }
        }
        case CASE_CLOSED -> openP1.remove(caseId);
        case INVOICE_OVERDUE -> {
          if (!s.at().isBefore(invoicesSince)) {
            reasons.add(
                "overdue invoice "
                    + s.attributes().get("invoiceId")
                    + " (reported "
                    + s.at().toLocalDate()
                    + ", "
                    + s.attributes().get("daysOverdue")
                    + " days overdue)");
          }
        }
        default -> {}
      }
    }
    openP1.forEach(
        (id, s) ->
            reasons.addFirst(
                "open P1 support case " + id + " (since " + s.at().toLocalDate() + ")"));
    return reasons;
  }
}
