package io.expansion.playbook.engine;

import io.camunda.client.CamundaClient;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the embedded engine and makes every Camunda client wait for it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "expansion.engine.runtime",
    havingValue = EngineProperties.EMBEDDED,
    matchIfMissing = true)
public class EmbeddedEngineConfiguration {

  static final String ENGINE_BEAN = "embeddedZeebeEngine";

  @Bean(name = ENGINE_BEAN, initMethod = "start", destroyMethod = "close")
  EmbeddedZeebeEngine embeddedZeebeEngine(Environment environment, EngineProperties properties) {
    EmbeddedZeebeEngine engine =
        new EmbeddedZeebeEngine(
            environment.getRequiredProperty(
                EmbeddedRuntimeEnvironment.RESOLVED_PORT, Integer.class),
            properties.embeddedStateStore(),
            properties.embeddedRecordStream());
    // the simulator's own contexts: the engine clock stands still at this instant from the start
    String pinnedAt = environment.getProperty(PINNED_CLOCK);
    return pinnedAt == null || pinnedAt.isBlank()
        ? engine
        : engine.pinnedAtStart(java.time.Instant.parse(pinnedAt));
  }

  /** An instant at which the engine clock is pinned once started (simulations only). */
  public static final String PINNED_CLOCK = "expansion.engine.embedded-pinned-clock";

  /** The client must not connect (nor workers poll) before the engine listens. */
  @Bean
  static BeanFactoryPostProcessor clientDependsOnEmbeddedEngine() {
    return beanFactory -> {
      for (String name : beanFactory.getBeanNamesForType(CamundaClient.class, true, false)) {
        BeanDefinition definition = beanFactory.getBeanDefinition(name);
        String[] existing = definition.getDependsOn();
        int length = existing == null ? 0 : existing.length;
        String[] dependsOn = new String[length + 1];
        if (existing != null) {
          System.arraycopy(existing, 0, dependsOn, 0, length);
        }
        dependsOn[length] = ENGINE_BEAN;
        definition.setDependsOn(dependsOn);
      }
    };
  }
}
