package io.expansion.playbook.delivery;

import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import io.expansion.playbook.engine.EngineClock;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The delivery tests' app: its clock is the engine's ({@link EngineClock}, as the simulator's), so
 * {@code engine.increaseTime} moves the app clock too — quiet hours, backoff, leases and answer
 * windows all see the same time — and the remote channels can be made to crash ({@link
 * CrashingChannel}).
 */
@TestConfiguration(proxyBeanMethods = false)
class DeliveryTestConfiguration {

  @Bean
  @Primary
  Clock engineClock(ObjectProvider<EmbeddedZeebeEngine> engine) {
    return new EngineClock(engine);
  }

  @Bean
  static BeanPostProcessor crashingChannels() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof Channel channel && channel.mode() != Channel.Mode.TRANSACTIONAL
            ? new CrashingChannel(channel)
            : bean;
      }
    };
  }
}
