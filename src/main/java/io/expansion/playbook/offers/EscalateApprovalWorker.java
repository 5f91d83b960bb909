package io.expansion.playbook.offers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.util.Map;
import org.springframework.stereotype.Component;

/** commit: the discount approval ran past its SLA; it goes to revenue leadership. */
@Component
public class EscalateApprovalWorker {

  static final String TYPE = "escalate-approval";

  private final DecisionLog decisions;
  private final JourneyService journeys;

  EscalateApprovalWorker(DecisionLog decisions, JourneyService journeys) {
    this.decisions = decisions;
    this.journeys = journeys;
  }

  @JobWorker(type = TYPE)
  public void escalate(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable QuoteTerms quote,
      @Variable GuardrailPolicy guardrails) {
    journeys.reached(job);
    decisions.record(
        journeyId + ":" + loop + ":approval-escalation",
        accountId,
        journeyId,
        "approval-sla",
        "escalated",
        "Discount of "
            + quote.discount()
            + " on quote "
            + quote.quoteId()
            + " not decided within "
            + guardrails.approvalSla()
            + ": escalated to revenue leadership",
        Map.of("quoteId", quote.quoteId(), "sla", guardrails.approvalSla()));
  }
}
