package io.expansion.playbook.models;

import io.camunda.client.annotation.JobWorker;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/** The job types the app's {@code @JobWorker} methods serve, read from the beans once. */
@Component
class JobWorkerTypes {

  private static final String APP_PACKAGE = "io.expansion.playbook.";

  private final ConfigurableListableBeanFactory beans;
  private volatile Set<String> types;

  JobWorkerTypes(ConfigurableListableBeanFactory beans) {
    this.beans = beans;
  }

  Set<String> types() {
    Set<String> known = types;
    if (known == null) {
      known = collect();
      types = known;
    }
    return known;
  }

  private Set<String> collect() {
    Set<String> found = new TreeSet<>();
    for (String name : beans.getBeanDefinitionNames()) {
      Class<?> type = beans.getType(name, false);
      if (type == null || !type.getName().startsWith(APP_PACKAGE)) {
        continue;
      }
      ReflectionUtils.doWithMethods(
          ClassUtils.getUserClass(type),
          method -> {
            JobWorker worker = AnnotatedElementUtils.findMergedAnnotation(method, JobWorker.class);
            if (worker != null) {
              found.add(worker.type().isBlank() ? method.getName() : worker.type());
            }
          });
    }
    return Set.copyOf(found);
  }
}
