package io.expansion.playbook.support;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wraps the starter's handler of one {@code @JobWorker} and injects the faults asked for. */
final class FaultyDelivery implements JobHandler {

  private static final Logger LOG = LoggerFactory.getLogger(FaultyDelivery.class);

  /** Thrown by a first delivery after its side effects, so the client fails the job. */
  static final class CrashAfterSideEffect extends RuntimeException {
    CrashAfterSideEffect(ActivatedJob job) {
      super("Simulated crash after the side effects of job " + job.getKey() + " " + job.getType());
    }
  }

  private final JobHandler delegate;
  private final DeliveryFaults faults;

  FaultyDelivery(JobHandler delegate, DeliveryFaults faults) {
    this.delegate = delegate;
    this.faults = faults;
  }

  /**
   * The first delivery: the worker runs with a client whose commands are lost, so its side effects
   * happen but the engine never hears of them. Whatever it throws is the crash being simulated.
   */
  private void handleAndLoseCompletion(ActivatedJob job) {
    try {
      delegate.handle(LostCommands.client(), job);
    } catch (Exception crashed) {
      LOG.debug("First delivery of job {} ended with {}", job.getKey(), crashed.toString());
    }
    faults.faulted(job.getType());
  }

  @Override
  public void handle(JobClient client, ActivatedJob job) throws Exception {
    switch (faults.mode()) {
      case NORMAL -> delegate.handle(client, job);
      case REDELIVER -> {
        handleAndLoseCompletion(job);
        delegate.handle(client, job);
      }
      case FAIL_AFTER_SIDE_EFFECT -> {
        if (faults.firstDelivery(job.getKey())) {
          handleAndLoseCompletion(job);
          throw new CrashAfterSideEffect(job);
        }
        delegate.handle(client, job);
      }
    }
  }
}
