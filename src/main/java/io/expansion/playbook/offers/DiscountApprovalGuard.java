package io.expansion.playbook.offers;

import io.expansion.playbook.tasks.TaskCompletionGuard;
import io.expansion.playbook.tasks.UserTask;
import io.expansion.playbook.web.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The approve-discount form lets the approver set another discount ({@code adjustedDiscountPct}).
 * It is checked against the same guardrails as every quote before the task completes: 422 naming
 * the guardrail, and the task stays open.
 */
@Component
class DiscountApprovalGuard implements TaskCompletionGuard {

  static final String FORM_ID = "approve-discount";
  static final String FIELD = "adjustedDiscountPct";

  private final QuoteService quotes;

  DiscountApprovalGuard(QuoteService quotes) {
    this.quotes = quotes;
  }

  @Override
  public void check(UserTask task, Map<String, Object> answers) {
    Object value = answers.get(FIELD);
    if (!FORM_ID.equals(task.formId())
        || value == null
        || (value instanceof String s && s.isBlank())) {
      return;
    }
    if (!"approve".equals(answers.get("approvalDecision"))) {
      throw ApiException.badRequest(
          "Task " + task.id() + ": '" + FIELD + "' only applies when approving the discount");
    }
    BigDecimal pct = percent(task, value);
    long offerId = offerId(task);
    try {
      quotes.checkAdjustment(
          offerId,
          pct.divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP),
          segment(task),
          task.journeyId());
    } catch (QuoteRefusedException refused) {
      throw ApiException.unprocessable(
          "Task " + task.id() + ": adjusted discount refused. " + refused.getMessage());
    }
  }

  private static BigDecimal percent(UserTask task, Object value) {
    BigDecimal pct;
    try {
      pct = new BigDecimal(value.toString().trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "Task " + task.id() + ": field '" + FIELD + "' must be a number, not " + value);
    }
    if (pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw ApiException.badRequest(
          "Task " + task.id() + ": field '" + FIELD + "' must be between 0 and 100, not " + pct);
    }
    return pct;
  }

  private static long offerId(UserTask task) {
    if (task.variables().get("offer") instanceof Map<?, ?> offer
        && offer.get("offerId") instanceof Number id) {
      return id.longValue();
    }
    throw new IllegalStateException("Approval task " + task.id() + " carries no offer");
  }

  private static String segment(UserTask task) {
    if (task.variables().get("segmentation") instanceof Map<?, ?> segmentation
        && segmentation.get("segment") != null) {
      return segmentation.get("segment").toString();
    }
    return null;
  }
}
