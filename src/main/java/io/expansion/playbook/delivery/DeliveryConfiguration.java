package io.expansion.playbook.delivery;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The outbox relay polls on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DeliveryConfiguration {}
