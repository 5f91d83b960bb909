package io.expansion.playbook.journeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.expansion.playbook.models.ModelVersions;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Starts journeys, routes signals to them and keeps the database mirror of each journey current.
 */
@Service
public class JourneyService {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** Published after a checkpoint is stored, with all variables the journey had there. */
  public record JourneyCheckpointed(
      String journeyId, String elementId, Map<String, Object> variables) {}

  /** Published after a journey is marked ended (at an end event or cancelled). */
  public record JourneyEnded(String journeyId) {}

  /** How a signal reached a journey. */
  public record Routing(String route, String journeyId) {
    public static final String STARTED = "STARTED_JOURNEY";
    public static final String DELIVERED = "DELIVERED_TO_JOURNEY";
  }

  private final Journeys journeys;
  private final CamundaClient client;
  private final ObjectMapper json;
  private final Clock clock;
  private final Duration signalTtl;
  private final ApplicationEventPublisher events;
  private final ModelVersions versions;
  private final JourneySteps steps;

  public JourneyService(
      Journeys journeys,
      CamundaClient client,
      ObjectMapper json,
      Clock clock,
      @Value("${expansion.journeys.signal-ttl:PT1M}") Duration signalTtl,
      ApplicationEventPublisher events,
      ModelVersions versions,
      JourneySteps steps) {
    this.steps = steps;
    this.events = events;
    this.versions = versions;
    this.journeys = journeys;
    this.client = client;
    this.json = json;
    this.clock = clock;
    this.signalTtl = signalTtl;
  }

  /**
   * Hands a signal to the account's expansion journey: starts one when none is active, otherwise
   * publishes it to the running journey (correlated by account id; kept for the TTL when the
   * journey is busy elsewhere).
   */
  public Routing route(
      String accountId, String ownerCsm, long signalId, Map<String, Object> signal) {
    return route(accountId, ownerCsm, "signal-" + signalId, signal);
  }

  /**
   * Like {@link #route(String, String, long, Map)} for signals raised inside the engine (a play
   * handing an account to the expansion loop); {@code messageId} makes a repeated hand-over one.
   */
  public Routing route(
      String accountId, String ownerCsm, String messageId, Map<String, Object> signal) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(JourneyVariables.LOOP, 0);
    variables.put(JourneyVariables.SIGNAL, signal);
    Optional<String> started = start(ExpansionJourney.PROCESS_ID, accountId, ownerCsm, variables);
    if (started.isPresent()) {
      return new Routing(Routing.STARTED, started.get());
    }
    String active =
        journeys.active(accountId, ExpansionJourney.PROCESS_ID).map(Journey::id).orElse(null);
    publish(
        ExpansionJourney.SIGNAL_MESSAGE,
        accountId,
        messageId,
        Map.of(JourneyVariables.SIGNAL, signal));
    return new Routing(Routing.DELIVERED, active);
  }

  /**
   * Starts a journey of the process for the account unless one is already active.
   *
   * @param variables the process's own start variables; journey id, account and owner are added
   * @return the new journey's id, or empty when the account already has an active one
   */
  public Optional<String> start(
      String processId, String accountId, String ownerCsm, Map<String, Object> variables) {
    String journeyId = UUID.randomUUID().toString();
    Map<String, Object> all = new LinkedHashMap<>();
    all.put(JourneyVariables.JOURNEY_ID, journeyId);
    all.put(JourneyVariables.ACCOUNT_ID, accountId);
    all.put(JourneyVariables.OWNER_CSM, ownerCsm);
    all.putAll(variables);
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (!journeys.insertActive(journeyId, accountId, processId, write(all), now)) {
      return Optional.empty();
    }
    try {
      ProcessInstanceEvent instance =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(processId)
              .latestVersion()
              .variables(all)
              .send()
              .join();
      journeys.attachInstance(
          journeyId,
          instance.getProcessInstanceKey(),
          versionOf(instance.getProcessDefinitionKey()),
          now);
    } catch (RuntimeException e) {
      journeys.delete(journeyId);
      throw e;
    }
    return Optional.of(journeyId);
  }

  /** The stored version of a process definition of the running engine, if it is known. */
  Integer versionOf(long processDefinitionKey) {
    return versions.versionOf(processDefinitionKey).orElse(null);
  }

  /** Publishes a message correlated by key; the message id makes a repeated publish one. */
  public void publish(
      String messageName, String correlationKey, String messageId, Map<String, Object> variables) {
    publish(messageName, correlationKey, messageId, variables, signalTtl);
  }

  /**
   * Like {@link #publish(String, String, String, Map)}, kept for {@code timeToLive} when no
   * subscription waits for it yet.
   */
  public void publish(
      String messageName,
      String correlationKey,
      String messageId,
      Map<String, Object> variables,
      Duration timeToLive) {
    client
        .newPublishMessageCommand()
        .messageName(messageName)
        .correlationKey(correlationKey)
        .messageId(messageId)
        .timeToLive(timeToLive)
        .variables(variables)
        .send()
        .join();
  }

  /** Notes the element a worker is executing; cheap, called by every worker (see JourneySteps). */
  public void reached(ActivatedJob job) {
    steps.reached(job.getProcessInstanceKey(), job.getElementId(), OffsetDateTime.now(clock));
  }

  /** Stores a resumable point: the element and all variables visible to the job. */
  public void checkpoint(ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    Object journeyId = variables.get(JourneyVariables.JOURNEY_ID);
    if (journeyId != null) {
      String stored = write(variables);
      steps.supersede(
          job.getProcessInstanceKey(),
          () ->
              journeys.checkpoint(
                  journeyId.toString(), job.getElementId(), stored, OffsetDateTime.now(clock)));
      events.publishEvent(
          new JourneyCheckpointed(journeyId.toString(), job.getElementId(), variables));
    }
  }

  /**
   * Cancels an active journey's process instance (its open tasks are withdrawn) and marks the
   * journey ended with the reason.
   */
  public void cancel(Journey journey, String reason) {
    if (journey.processInstanceKey() != null) {
      client.newCancelInstanceCommand(journey.processInstanceKey()).send().join();
    }
    journeys.end(journey.id(), journey.currentElement(), reason, OffsetDateTime.now(clock));
    events.publishEvent(new JourneyEnded(journey.id()));
  }

  /** Marks the journey ended at an end event. */
  public boolean ended(String journeyId, String elementId, String reason) {
    boolean ended = journeys.end(journeyId, elementId, reason, OffsetDateTime.now(clock));
    events.publishEvent(new JourneyEnded(journeyId));
    return ended;
  }

  /** The variables stored with the journey at its last checkpoint. */
  public Map<String, Object> variablesOf(Journey journey) {
    try {
      return json.readValue(journey.variables(), MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Journey " + journey.id() + " has unreadable variables", e);
    }
  }

  private String write(Map<String, Object> variables) {
    try {
      return json.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Journey variables are not serialisable", e);
    }
  }
}
