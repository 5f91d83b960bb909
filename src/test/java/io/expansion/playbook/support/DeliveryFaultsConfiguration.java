package io.expansion.playbook.support;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.api.worker.BackoffSupplier;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.client.jobhandling.parameter.ParameterResolverStrategy;
import io.camunda.client.jobhandling.result.ResultProcessorStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Puts a {@link FaultyDelivery} around the handler of every {@code @JobWorker}, so a test can
 * redeliver every job or fail it after its side effects ({@link DeliveryFaults}).
 *
 * <p>How the starter (camunda-spring-boot-starter 8.8) runs workers: the {@code
 * JobWorkerAnnotationProcessor} collects each {@code @JobWorker} method as a {@code JobWorkerValue}
 * and asks the {@link JobWorkerManager} bean to open a worker for it; the manager builds a {@code
 * JobHandlerInvokingBeans} (resolve parameters, invoke the method, auto-complete) and passes it to
 * {@code openWorker(client, value, handler)}. This configuration swaps the manager bean for a
 * subclass that wraps that handler, so the real handler — parameter binding, result mapping,
 * completion — runs unchanged inside the fault injection. Reusable by any test:
 * {@code @Import(DeliveryFaultsConfiguration.class)} and set the mode on the {@link DeliveryFaults}
 * bean.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DeliveryFaultsConfiguration {

  @Bean
  DeliveryFaults deliveryFaults() {
    return new DeliveryFaults();
  }

  @Bean
  static BeanPostProcessor faultyJobWorkerManager(BeanFactory beans) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (!(bean instanceof JobWorkerManager) || bean instanceof FaultyJobWorkerManager) {
          return bean;
        }
        return new FaultyJobWorkerManager(beans);
      }
    };
  }

  /** The starter's manager, with every handler wrapped in a {@link FaultyDelivery}. */
  static final class FaultyJobWorkerManager extends JobWorkerManager {

    private final BeanFactory beans;

    FaultyJobWorkerManager(BeanFactory beans) {
      super(
          beans.getBean(CommandExceptionHandlingStrategy.class),
          beans.getBean(MetricsRecorder.class),
          beans.getBean(ParameterResolverStrategy.class),
          beans.getBean(ResultProcessorStrategy.class),
          beans.getBean(BackoffSupplier.class),
          beans.getBean(JobExceptionHandlingStrategy.class));
      this.beans = beans;
    }

    @Override
    public JobWorker openWorker(CamundaClient client, JobWorkerValue value, JobHandler handler) {
      return super.openWorker(
          client, value, new FaultyDelivery(handler, beans.getBean(DeliveryFaults.class)));
    }
  }
}
