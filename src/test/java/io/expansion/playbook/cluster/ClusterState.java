package io.expansion.playbook.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the stub cluster knows — jobs waiting to be activated, its user tasks, forms and element
 * statistics — and its answers, shaped as the 8.8 spec's response schemas (keys as strings, the
 * required properties always present).
 */
final class ClusterState {

  /** A status and a JSON body (null for 204). */
  record Answer(int status, JsonNode body) {}

  static final String TENANT = "<default>";
  static final long PROCESS_DEFINITION_KEY = 2251799813685249L;

  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong keys = new AtomicLong(2251799813690000L);
  private final Map<String, Queue<ObjectNode>> jobs = new ConcurrentHashMap<>();
  final Map<Long, ObjectNode> userTasks = new ConcurrentHashMap<>();
  final Map<Long, String> formSchemas = new ConcurrentHashMap<>();
  final List<ObjectNode> statistics = new java.util.concurrent.CopyOnWriteArrayList<>();

  long nextKey() {
    return keys.incrementAndGet();
  }

  /** Queues an ActivatedJobResult for the next activation of its type. */
  void offerJob(ObjectNode job) {
    jobs.computeIfAbsent(job.get("type").asText(), t -> new ConcurrentLinkedQueue<>()).add(job);
  }

  /** An ActivatedJobResult (all required properties). */
  ObjectNode job(String type, long processInstanceKey, String elementId, Map<String, ?> variables) {
    ObjectNode job = json.createObjectNode();
    job.put("type", type);
    job.put("processDefinitionId", "expansion-journey");
    job.put("processDefinitionVersion", 1);
    job.put("elementId", elementId);
    job.putObject("customHeaders");
    job.put("worker", "");
    job.put("retries", 3);
    job.put("deadline", System.currentTimeMillis() + 300_000);
    job.set("variables", json.valueToTree(variables));
    job.put("tenantId", TENANT);
    job.put("jobKey", String.valueOf(nextKey()));
    job.put("processInstanceKey", String.valueOf(processInstanceKey));
    job.put("processDefinitionKey", String.valueOf(PROCESS_DEFINITION_KEY));
    job.put("elementInstanceKey", String.valueOf(nextKey()));
    job.put("kind", "BPMN_ELEMENT");
    job.put("listenerEventType", "UNSPECIFIED");
    return job;
  }

  /** A UserTaskResult the cluster lists (state CREATED). */
  ObjectNode userTask(long key, long processInstanceKey, String elementId, String assignee) {
    ObjectNode task = json.createObjectNode();
    task.put("userTaskKey", String.valueOf(key));
    task.put("name", elementId);
    task.put("state", "CREATED");
    if (assignee != null) {
      task.put("assignee", assignee);
    }
    task.put("elementId", elementId);
    task.putArray("candidateGroups").add("csm");
    task.putArray("candidateUsers");
    task.put("processDefinitionId", "expansion-journey");
    task.put("creationDate", "2026-03-02T10:15:30.000Z");
    task.put("tenantId", TENANT);
    task.put("processDefinitionVersion", 1);
    task.putObject("customHeaders");
    task.put("priority", 50);
    task.put("elementInstanceKey", String.valueOf(nextKey()));
    task.put("processName", "Expansion journey");
    task.put("processDefinitionKey", String.valueOf(PROCESS_DEFINITION_KEY));
    task.put("processInstanceKey", String.valueOf(processInstanceKey));
    userTasks.put(key, task);
    return task;
  }

  Answer answer(RestApiStub.Exchange e) {
    return switch (e.operation()) {
      case "createDeployment" -> ok(deployment(e.body()));
      case "createProcessInstance" -> ok(instance(e.json()));
      case "cancelProcessInstance", "completeJob", "failJob", "migrateProcessInstance" ->
          new Answer(204, null);
      case "publishMessage" -> ok(object().put("tenantId", TENANT).put("messageKey", key()));
      case "activateJobs" -> ok(activate(e.json()));
      case "searchUserTasks" -> ok(page(openTasks(e.json())));
      case "getUserTask" -> task(e).map(this::ok).orElseGet(() -> missing(e));
      case "assignUserTask" -> assign(e);
      case "unassignUserTask" -> change(e, t -> t.remove("assignee"));
      case "completeUserTask" -> change(e, t -> t.put("state", "COMPLETED"));
      case "getUserTaskForm" -> form(e);
      case "searchProcessDefinitions" -> ok(page(definitions(e.json())));
      case "getProcessDefinitionStatistics" -> ok(items(statistics));
      default -> new Answer(404, RestApiStub.problem(404, "Not Found", e.operation()));
    };
  }

  private ObjectNode deployment(String multipart) {
    ObjectNode result = object().put("tenantId", TENANT).put("deploymentKey", key());
    ArrayNode deployments = result.putArray("deployments");
    for (String file : ClusterState.fileNames(multipart)) {
      ObjectNode item = deployments.addObject();
      String id = file.replaceAll("\\.[a-z]+$", "");
      if (file.endsWith(".bpmn")) {
        item.putObject("processDefinition")
            .put("processDefinitionId", id)
            .put("processDefinitionVersion", 1)
            .put("resourceName", file)
            .put("tenantId", TENANT)
            .put("processDefinitionKey", key());
      } else if (file.endsWith(".dmn")) {
        item.putObject("decisionDefinition")
            .put("decisionDefinitionId", id)
            .put("version", 1)
            .put("name", id)
            .put("tenantId", TENANT)
            .put("decisionRequirementsId", id)
            .put("decisionDefinitionKey", key())
            .put("decisionRequirementsKey", key());
        // the decision requirements graph (the DMN file) is an item of its own
        deployments
            .addObject()
            .putObject("decisionRequirements")
            .put("decisionRequirementsId", id)
            .put("decisionRequirementsName", id)
            .put("version", 1)
            .put("resourceName", file)
            .put("tenantId", TENANT)
            .put("decisionRequirementsKey", key());
      } else {
        item.putObject("form")
            .put("formId", id)
            .put("version", 1)
            .put("resourceName", file)
            .put("tenantId", TENANT)
            .put("formKey", key());
      }
    }
    return result;
  }

  /** The file names of a multipart body's "resources" parts. */
  static List<String> fileNames(String multipart) {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("name=\"resources\"; filename=\"([^\"]+)\"").matcher(multipart);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private ObjectNode instance(JsonNode request) {
    return object()
        .put("processDefinitionId", request.path("processDefinitionId").asText())
        .put("processDefinitionVersion", 1)
        .put("tenantId", TENANT)
        .<ObjectNode>set("variables", object())
        .put("processDefinitionKey", String.valueOf(PROCESS_DEFINITION_KEY))
        .put("processInstanceKey", key());
  }

  private ObjectNode activate(JsonNode request) {
    Queue<ObjectNode> waiting = jobs.get(request.path("type").asText());
    ArrayNode out = json.createArrayNode();
    int max = request.path("maxJobsToActivate").asInt(1);
    while (waiting != null && out.size() < max) {
      ObjectNode job = waiting.poll();
      if (job == null) {
        break;
      }
      out.add(job.put("worker", request.path("worker").asText()));
    }
    ObjectNode result = object();
    result.set("jobs", out);
    return result;
  }

  private List<ObjectNode> openTasks(JsonNode query) {
    JsonNode state = query.path("filter").path("state");
    String wanted = state.isObject() ? state.path("$eq").asText(null) : state.asText(null);
    return userTasks.values().stream()
        .filter(t -> wanted == null || wanted.equals(t.path("state").asText()))
        .toList();
  }

  private List<ObjectNode> definitions(JsonNode query) {
    JsonNode id = query.path("filter").path("processDefinitionId");
    String wanted = id.isObject() ? id.path("$eq").asText(null) : id.asText(null);
    int version = query.path("filter").path("version").asInt(3);
    return List.of(
        object()
            .put("name", wanted)
            .put("resourceName", wanted + ".bpmn")
            .put("version", version)
            .put("processDefinitionId", wanted)
            .put("tenantId", TENANT)
            .put("processDefinitionKey", String.valueOf(PROCESS_DEFINITION_KEY + version))
            .put("hasStartForm", false));
  }

  private Answer assign(RestApiStub.Exchange e) {
    return task(e)
        .map(
            t -> {
              String assignee = e.json().path("assignee").asText();
              boolean override = e.json().path("allowOverride").asBoolean(true);
              if (!override
                  && t.hasNonNull("assignee")
                  && !assignee.equals(t.get("assignee").asText())) {
                return new Answer(
                    409,
                    RestApiStub.problem(
                        409,
                        "INVALID_STATE",
                        "Command 'ASSIGN' rejected: the user task is assigned to '"
                            + t.get("assignee").asText()
                            + "'"));
              }
              t.put("assignee", assignee);
              return new Answer(204, null);
            })
        .orElseGet(() -> missing(e));
  }

  private Answer change(RestApiStub.Exchange e, java.util.function.Consumer<ObjectNode> edit) {
    return task(e)
        .map(
            t -> {
              edit.accept(t);
              return new Answer(204, null);
            })
        .orElseGet(() -> missing(e));
  }

  private Answer form(RestApiStub.Exchange e) {
    long key = Long.parseLong(e.pathVariables().get("userTaskKey"));
    String schema = formSchemas.get(key);
    if (schema == null) {
      return new Answer(204, null);
    }
    ObjectNode form =
        object()
            .put("tenantId", TENANT)
            .put("formId", "csm-outreach")
            .put("schema", schema)
            .put("version", 1)
            .put("formKey", key());
    return ok(form);
  }

  private java.util.Optional<ObjectNode> task(RestApiStub.Exchange e) {
    return java.util.Optional.ofNullable(
        userTasks.get(Long.parseLong(e.pathVariables().get("userTaskKey"))));
  }

  private Answer missing(RestApiStub.Exchange e) {
    return new Answer(
        404, RestApiStub.problem(404, "NOT_FOUND", "No user task " + e.pathVariables()));
  }

  private ObjectNode page(List<ObjectNode> items) {
    ObjectNode result = items(items);
    result.putObject("page").put("totalItems", items.size()).put("hasMoreTotalItems", false);
    return result;
  }

  private ObjectNode items(List<ObjectNode> items) {
    ObjectNode result = object();
    ArrayNode array = result.putArray("items");
    items.forEach(array::add);
    return result;
  }

  private Answer ok(JsonNode body) {
    return new Answer(200, body);
  }

  private ObjectNode object() {
    return json.createObjectNode();
  }

  private String key() {
    return String.valueOf(nextKey());
  }
}
