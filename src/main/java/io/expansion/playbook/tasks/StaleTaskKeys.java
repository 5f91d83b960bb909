package io.expansion.playbook.tasks;

import io.expansion.playbook.engine.EngineProperties;
import io.expansion.playbook.engine.ModelDeployer.ModelsDeployed;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A fresh embedded engine knows none of the old user-task keys (and may hand out the same numbers
 * again). Before journeys are resumed, every stored key is retired: open tasks cannot be completed
 * until their journey's re-created task binds them again.
 */
@Component
class StaleTaskKeys {

  private final JdbcClient jdbc;
  private final EngineProperties engine;

  StaleTaskKeys(JdbcClient jdbc, EngineProperties engine) {
    this.jdbc = jdbc;
    this.engine = engine;
  }

  @EventListener
  @Order(0)
  void onModelsDeployed(ModelsDeployed deployed) {
    if (engine.embedded()) {
      jdbc.sql("UPDATE user_tasks SET engine_key = -id, ready = FALSE WHERE engine_key > 0")
          .update();
    }
  }
}
