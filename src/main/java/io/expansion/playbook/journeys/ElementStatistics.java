package io.expansion.playbook.journeys;

/**
 * How many element instances of one BPMN element are in each state, for a heatmap over the model.
 *
 * @param elementId the BPMN element id
 * @param active instances waiting or working there now
 * @param completed instances that passed it
 * @param canceled instances interrupted there (a boundary timer, a cancelled journey)
 * @param incidents instances stuck there with an open incident
 */
public record ElementStatistics(
    String elementId, long active, long completed, long canceled, long incidents) {}
