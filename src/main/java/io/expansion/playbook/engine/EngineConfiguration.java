package io.expansion.playbook.engine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by both runtimes. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

  @Bean
  ProcessModels processModels() {
    return new ProcessModels();
  }
}
