package io.expansion.playbook.plays;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The renewal planner runs on a daily schedule. */
@Configuration
@EnableScheduling
class PlaysConfiguration {}
