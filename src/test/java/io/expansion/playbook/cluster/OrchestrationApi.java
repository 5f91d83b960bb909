package io.expansion.playbook.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the Orchestration Cluster REST API (8.8, {@code /v2}) the {@code camunda} runtime
 * uses, as the published OpenAPI document defines it ({@code camunda-openapi.yaml} of the 8.8 docs,
 * {@code rest-api.yaml} of camunda/camunda): per operation its method and path, the request body's
 * required and known properties, and the known properties of nested objects the app sends. Requests
 * outside this list, or breaking it, are contract violations.
 */
final class OrchestrationApi {

  private OrchestrationApi() {}

  /** JSON object schemas by name: required properties and all properties the spec defines. */
  record Shape(Set<String> required, Set<String> known, Map<String, Shape> nested) {
    static Shape of(Set<String> required, Set<String> known) {
      return new Shape(required, known, Map.of());
    }

    Shape with(Map<String, Shape> nested) {
      return new Shape(required, known, nested);
    }
  }

  /** SearchQueryPageRequest. */
  static final Shape PAGE = Shape.of(Set.of(), Set.of("from", "limit", "after", "before"));

  /** UserTaskFilter. */
  static final Shape USER_TASK_FILTER =
      Shape.of(
          Set.of(),
          Set.of(
              "state",
              "assignee",
              "priority",
              "elementId",
              "name",
              "candidateGroup",
              "candidateUser",
              "tenantId",
              "processDefinitionId",
              "creationDate",
              "completionDate",
              "followUpDate",
              "dueDate",
              "processInstanceVariables",
              "localVariables",
              "userTaskKey",
              "processDefinitionKey",
              "processInstanceKey",
              "elementInstanceKey"));

  /** ProcessDefinitionFilter. */
  static final Shape PROCESS_DEFINITION_FILTER =
      Shape.of(
          Set.of(),
          Set.of(
              "name",
              "isLatestVersion",
              "resourceName",
              "version",
              "versionTag",
              "processDefinitionId",
              "tenantId",
              "processDefinitionKey",
              "hasStartForm"));

  /** One operation: method, path template ({@code {name}} = a key, a long as a string). */
  record Operation(String id, String method, String path, Shape body, boolean multipart) {
    Optional<Map<String, String>> match(String method, String requestPath) {
      if (!this.method.equals(method)) {
        return Optional.empty();
      }
      List<String> names = new ArrayList<>();
      Matcher vars = Pattern.compile("\\{([^}]+)}").matcher(path);
      while (vars.find()) {
        names.add(vars.group(1));
      }
      Matcher m = Pattern.compile(path.replaceAll("\\{[^}]+}", "([^/]+)")).matcher(requestPath);
      if (!m.matches()) {
        return Optional.empty();
      }
      Map<String, String> values = new java.util.LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), m.group(i + 1));
      }
      return Optional.of(values);
    }
  }

  private static Shape search(Shape filter) {
    return Shape.of(Set.of(), Set.of("page", "sort", "filter"))
        .with(Map.of("page", PAGE, "filter", filter));
  }

  private static final Shape NONE = Shape.of(Set.of(), Set.of());

  static final List<Operation> OPERATIONS =
      List.of(
          // createDeployment: multipart/form-data, parts "resources" (files) and "tenantId"
          new Operation("createDeployment", "POST", "/v2/deployments", NONE, true),
          // createProcessInstance: ProcessInstanceCreationInstructionById
          new Operation(
              "createProcessInstance",
              "POST",
              "/v2/process-instances",
              Shape.of(
                  Set.of("processDefinitionId"),
                  Set.of(
                      "processDefinitionId",
                      "processDefinitionVersion",
                      "variables",
                      "tenantId",
                      "operationReference",
                      "startInstructions",
                      "runtimeInstructions",
                      "awaitCompletion",
                      "fetchVariables",
                      "requestTimeout",
                      "tags")),
              false),
          // migrateProcessInstance: ProcessInstanceMigrationInstruction
          new Operation(
              "migrateProcessInstance",
              "POST",
              "/v2/process-instances/{processInstanceKey}/migration",
              Shape.of(
                      Set.of("targetProcessDefinitionKey", "mappingInstructions"),
                      Set.of(
                          "targetProcessDefinitionKey",
                          "mappingInstructions",
                          "operationReference"))
                  .with(
                      Map.of(
                          "mappingInstructions",
                          Shape.of(
                              Set.of("sourceElementId", "targetElementId"),
                              Set.of("sourceElementId", "targetElementId")))),
              false),
          // cancelProcessInstance: CancelProcessInstanceRequest (nullable)
          new Operation(
              "cancelProcessInstance",
              "POST",
              "/v2/process-instances/{processInstanceKey}/cancellation",
              Shape.of(Set.of(), Set.of("operationReference")),
              false),
          // publishMessage: MessagePublicationRequest
          new Operation(
              "publishMessage",
              "POST",
              "/v2/messages/publication",
              Shape.of(
                  Set.of("name"),
                  Set.of(
                      "name",
                      "correlationKey",
                      "timeToLive",
                      "messageId",
                      "variables",
                      "tenantId")),
              false),
          // activateJobs: JobActivationRequest
          new Operation(
              "activateJobs",
              "POST",
              "/v2/jobs/activation",
              Shape.of(
                  Set.of("type", "timeout", "maxJobsToActivate"),
                  Set.of(
                      "type",
                      "worker",
                      "timeout",
                      "maxJobsToActivate",
                      "fetchVariable",
                      "requestTimeout",
                      "tenantIds")),
              false),
          // completeJob: JobCompletionRequest
          new Operation(
              "completeJob",
              "POST",
              "/v2/jobs/{jobKey}/completion",
              Shape.of(Set.of(), Set.of("variables", "result")),
              false),
          // failJob: JobFailRequest
          new Operation(
              "failJob",
              "POST",
              "/v2/jobs/{jobKey}/failure",
              Shape.of(Set.of(), Set.of("retries", "errorMessage", "retryBackOff", "variables")),
              false),
          // searchUserTasks: UserTaskSearchQuery
          new Operation(
              "searchUserTasks", "POST", "/v2/user-tasks/search", search(USER_TASK_FILTER), false),
          // getUserTask
          new Operation("getUserTask", "GET", "/v2/user-tasks/{userTaskKey}", NONE, false),
          // assignUserTask: UserTaskAssignmentRequest
          new Operation(
              "assignUserTask",
              "POST",
              "/v2/user-tasks/{userTaskKey}/assignment",
              Shape.of(Set.of("assignee"), Set.of("assignee", "allowOverride", "action")),
              false),
          // unassignUserTask
          new Operation(
              "unassignUserTask", "DELETE", "/v2/user-tasks/{userTaskKey}/assignee", NONE, false),
          // completeUserTask: UserTaskCompletionRequest
          new Operation(
              "completeUserTask",
              "POST",
              "/v2/user-tasks/{userTaskKey}/completion",
              Shape.of(Set.of(), Set.of("variables", "action")),
              false),
          // getUserTaskForm
          new Operation("getUserTaskForm", "GET", "/v2/user-tasks/{userTaskKey}/form", NONE, false),
          // searchProcessDefinitions: ProcessDefinitionSearchQuery
          new Operation(
              "searchProcessDefinitions",
              "POST",
              "/v2/process-definitions/search",
              search(PROCESS_DEFINITION_FILTER),
              false),
          // getProcessDefinitionStatistics: ProcessDefinitionElementStatisticsQuery
          new Operation(
              "getProcessDefinitionStatistics",
              "POST",
              "/v2/process-definitions/{processDefinitionKey}/statistics/element-instances",
              Shape.of(Set.of(), Set.of("filter")),
              false));

  /** The operation a request is, with its path variables. */
  record Match(Operation operation, Map<String, String> pathVariables) {}

  static Optional<Match> find(String method, String path) {
    for (Operation operation : OPERATIONS) {
      Optional<Map<String, String>> vars = operation.match(method, path);
      if (vars.isPresent()) {
        return Optional.of(new Match(operation, vars.get()));
      }
    }
    return Optional.empty();
  }

  /** What is wrong with the request against the operation (empty when it keeps to the spec). */
  static List<String> check(Match match, JsonNode body) {
    List<String> problems = new ArrayList<>();
    match
        .pathVariables()
        .forEach(
            (name, value) -> {
              if (!value.matches("-?\\d+")) {
                problems.add(name + " is a key (a long as a string), not '" + value + "'");
              }
            });
    if (body != null && !body.isNull() && !body.isMissingNode()) {
      check(match.operation().id(), match.operation().body(), body, problems);
    } else if (!match.operation().body().required().isEmpty()) {
      problems.add("the request body with " + match.operation().body().required() + " is missing");
    }
    return problems;
  }

  private static void check(String where, Shape shape, JsonNode node, List<String> problems) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(where + "[" + i + "]", shape, node.get(i), problems);
      }
      return;
    }
    if (!node.isObject()) {
      problems.add(where + " must be a JSON object");
      return;
    }
    for (String required : shape.required()) {
      if (!node.hasNonNull(required)) {
        problems.add(where + "." + required + " is required");
      }
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!shape.known().contains(name)) {
        problems.add(where + "." + name + " is not a property of the spec's schema");
      } else if (shape.nested().containsKey(name) && !node.get(name).isNull()) {
        check(where + "." + name, shape.nested().get(name), node.get(name), problems);
      }
    }
  }
}
