package io.expansion.playbook.journeys;

/** Names shared between {@code bpmn/expansion-journey.bpmn} and the code. */
public final class ExpansionJourney {

  public static final String PROCESS_ID = "expansion-journey";
  public static final String SIGNAL_MESSAGE = "account-signal";

  /** The customer's answer to an automated touch, correlated by {@code answerWindow}. */
  public static final String TOUCH_ANSWER_MESSAGE = "touch-answered";

  public static final String AWAIT_SIGNAL = "Task_AwaitSignal";
  public static final String AWAIT_TOUCH_ANSWER = "Task_AwaitTouchAnswer";
  public static final String CSM_OUTREACH = "UserTask_CsmOutreach";
  public static final String PROVE_VALUE = "UserTask_ProveValue";
  public static final String APPROVE_DISCOUNT = "UserTask_ApproveDiscount";
  public static final String APPROVE_DISCOUNT_ESCALATED = "UserTask_ApproveDiscountEscalated";

  private ExpansionJourney() {}
}
