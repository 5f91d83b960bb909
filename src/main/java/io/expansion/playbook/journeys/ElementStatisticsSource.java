package io.expansion.playbook.journeys;

import java.util.List;

/**
 * Per-element counts of a deployed process, from the runtime that runs it: on a real cluster the
 * Orchestration Cluster's element statistics (what Operate's heatmap shows).
 */
public interface ElementStatisticsSource {

  /**
   * @param processId the BPMN process id
   * @param version the deployed version; {@code null} for the latest
   * @return one entry per element that has instances, in no particular order; empty when the
   *     process (or version) is not deployed
   */
  List<ElementStatistics> statistics(String processId, Integer version);
}
