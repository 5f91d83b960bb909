package io.expansion.playbook.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The form a user task shows. The embedded runtime has the deployed {@code .form} files itself; a
 * real cluster serves the task's linked form (the one Tasklist renders) through the REST API.
 */
public interface UserTaskForms {

  /**
   * @param userTaskKey the task's engine key
   * @param formId the form id the task's model links
   * @return the form schema, empty when the task has none
   */
  Optional<JsonNode> form(long userTaskKey, String formId);
}
