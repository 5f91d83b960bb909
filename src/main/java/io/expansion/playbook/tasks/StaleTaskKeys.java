package io.expansion.playbook.tasks;

import io.expansion.playbook.engine.EngineProperties;
import io.expansion.playbook.engine.ModelDeployer.ModelsDeployed;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A fresh embedded engine knows none of the old user-task keys (and may hand out the same numbers
 * again). Before journeys are resumed, every stored key is retired: open tasks cannot be completed
 * until their journey's re-created task binds them again. Embedded runtime only: a cluster keeps
 * its keys.
 */
@Component
@ConditionalOnProperty(
    name = "expansion.engine.runtime",
    havingValue = EngineProperties.EMBEDDED,
    matchIfMissing = true)
class StaleTaskKeys {

  private final JdbcClient jdbc;

  StaleTaskKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener
  @Order(0)
  void onModelsDeployed(ModelsDeployed deployed) {
    jdbc.sql("UPDATE user_tasks SET engine_key = -id, ready = FALSE WHERE engine_key > 0").update();
  }
}
