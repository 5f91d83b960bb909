package io.expansion.playbook.engine;

import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import java.lang.reflect.Field;

/** The test engine's private parts the embedded engine needs: its log and its actor clock. */
final class EngineInternals {

  private EngineInternals() {}

  static ControlledActorClock actorClockOf(ZeebeTestEngine engine) {
    try {
      Field field = engine.getClass().getDeclaredField("clock");
      field.setAccessible(true);
      return (ControlledActorClock) field.get(engine);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("This engine version exposes no controllable clock", e);
    }
  }

  static LogStream logStreamOf(ZeebeTestEngine engine) {
    try {
      Field field = engine.getClass().getDeclaredField("logStream");
      field.setAccessible(true);
      return (LogStream) field.get(engine);
    } catch (ReflectiveOperationException e) {
      throw new EmbeddedZeebeEngine.EngineStartException(
          "This zeebe-process-test-engine version exposes no log stream; user tasks cannot be"
              + " completed on the embedded engine",
          e);
    }
  }
}
