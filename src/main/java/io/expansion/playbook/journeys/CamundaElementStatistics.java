package io.expansion.playbook.journeys;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import io.expansion.playbook.engine.EngineProperties;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Element statistics from the Orchestration Cluster: the process definition's key by id and version
 * ({@code POST /v2/process-definitions/search}), then its element-instance statistics ({@code POST
 * /v2/process-definitions/{key}/statistics/element-instances}).
 */
@Component
@ConditionalOnProperty(name = "expansion.engine.runtime", havingValue = EngineProperties.CAMUNDA)
class CamundaElementStatistics implements ElementStatisticsSource {

  private final CamundaClient client;

  CamundaElementStatistics(CamundaClient client) {
    this.client = client;
  }

  @Override
  public List<ElementStatistics> statistics(String processId, Integer version) {
    return definitionKey(processId, version)
        .map(
            key ->
                client.newProcessDefinitionElementStatisticsRequest(key).send().join().stream()
                    .map(CamundaElementStatistics::of)
                    .toList())
        .orElse(List.of());
  }

  private Optional<Long> definitionKey(String processId, Integer version) {
    List<ProcessDefinition> found =
        client
            .newProcessDefinitionSearchRequest()
            .filter(
                f -> {
                  f.processDefinitionId(processId);
                  if (version == null) {
                    f.isLatestVersion(true);
                  } else {
                    f.version(version);
                  }
                })
            .page(p -> p.limit(1))
            .send()
            .join()
            .items();
    return found.stream().findFirst().map(ProcessDefinition::getProcessDefinitionKey);
  }

  private static ElementStatistics of(ProcessElementStatistics s) {
    return new ElementStatistics(
        s.getElementId(),
        count(s.getActive()),
        count(s.getCompleted()),
        count(s.getCanceled()),
        count(s.getIncidents()));
  }

  private static long count(Long value) {
    return value == null ? 0 : value;
  }
}
