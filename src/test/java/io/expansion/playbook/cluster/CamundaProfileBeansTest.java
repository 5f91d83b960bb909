package io.expansion.playbook.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.expansion.playbook.journeys.ElementStatisticsSource;
import io.expansion.playbook.tasks.UserTaskCommands;
import io.expansion.playbook.tasks.UserTaskForms;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestConstructor;

/**
 * The {@code camunda} profile's bean set: nothing of the embedded runtime (the engine, journey
 * recovery at start-up, retiring stale task keys, commands on the engine's log) exists there, and
 * the engine seams are the cluster's.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class CamundaProfileBeansTest extends CamundaRuntimeTestBase {

  private final ConfigurableApplicationContext context;

  CamundaProfileBeansTest(ConfigurableApplicationContext context) {
    this.context = context;
  }

  @Test
  void noEmbeddedOnlyBeanRunsOnACluster() {
    List<String> appBeans =
        Arrays.stream(context.getBeanDefinitionNames())
            .map(name -> context.getBeanFactory().getType(name))
            .filter(type -> type != null && type.getName().startsWith("io.expansion.playbook"))
            .map(Class::getSimpleName)
            .toList();
    assertThat(appBeans)
        .isNotEmpty()
        .noneMatch(name -> name.startsWith("Embedded"))
        .doesNotContain("JourneyRecovery", "StaleTaskKeys")
        .contains("CamundaInboxSync");
    assertThat(context.getBean(UserTaskCommands.class).getClass().getSimpleName())
        .isEqualTo("CamundaUserTaskCommands");
    assertThat(context.getBean(UserTaskForms.class).getClass().getSimpleName())
        .isEqualTo("CamundaUserTaskForms");
    assertThat(context.getBean(ElementStatisticsSource.class).getClass().getSimpleName())
        .isEqualTo("CamundaElementStatistics");
    assertThat(context.getEnvironment().getPropertySources().contains("embedded-engine"))
        .as("the embedded runtime's client settings")
        .isFalse();
  }

  @Test
  void theClientTalksRestFirstToTheConfiguredCluster() {
    var configuration = context.getBean(CamundaClient.class).getConfiguration();
    assertThat(configuration.preferRestOverGrpc()).isTrue();
    assertThat(configuration.getRestAddress()).isEqualTo(URI.create(REST.address()));
    assertThat(configuration.getGrpcAddress()).isEqualTo(URI.create(GRPC.address()));
  }
}
