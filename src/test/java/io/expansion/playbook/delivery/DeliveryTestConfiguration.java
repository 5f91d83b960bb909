package io.expansion.playbook.delivery;

import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The delivery tests' app: its clock is the engine's ({@link EmbeddedZeebeEngine#currentTime}), so
 * {@code engine.increaseTime} moves the app clock too — quiet hours, backoff, leases and answer
 * windows all see the same time — and the remote channels can be made to crash ({@link
 * CrashingChannel}).
 */
@TestConfiguration(proxyBeanMethods = false)
class DeliveryTestConfiguration {

  /** The engine's time, once the engine is up (the wall clock before). */
  static final class EngineClock extends Clock {
    private final ObjectProvider<EmbeddedZeebeEngine> engine;

    EngineClock(ObjectProvider<EmbeddedZeebeEngine> engine) {
      this.engine = engine;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      EmbeddedZeebeEngine running = engine.getIfAvailable();
      return running == null ? Instant.now() : running.currentTime();
    }
  }

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
