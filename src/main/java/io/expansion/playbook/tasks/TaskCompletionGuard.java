package io.expansion.playbook.tasks;

import java.util.Map;

/**
 * A business rule on a task's answers, checked before the task is completed. A guard refuses by
 * throwing an {@link io.expansion.playbook.web.ApiException} (the task stays open); other packages
 * contribute guards as beans, so the inbox need not know their rules.
 */
public interface TaskCompletionGuard {

  void check(UserTask task, Map<String, Object> answers);
}
