package io.expansion.playbook.support;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.expansion.playbook.consent.CheckConsentWorker;
import io.expansion.playbook.consent.SendTouchWorker;

/**
 * The touch steps every play's BPMN is made of: check consent, a gateway on the allowed channels,
 * send the touch. Tests deploy it to run those steps with a {@code touchRequest} of their own.
 */
public final class TouchFragment {

  private TouchFragment() {}

  public static BpmnModelInstance model(String processId) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .serviceTask("Task_CheckConsent", t -> t.zeebeJobType(CheckConsentWorker.TYPE))
        .exclusiveGateway("Gateway_ConsentGiven")
        .defaultFlow()
        .endEvent("End_NoTouch")
        .moveToLastGateway()
        .conditionExpression("count(consent.allowedChannels) > 0")
        .serviceTask("Task_SendTouch", t -> t.zeebeJobType(SendTouchWorker.TYPE))
        .endEvent("End_Touched")
        .done();
  }
}
