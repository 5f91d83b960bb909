package io.expansion.playbook.journeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
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

  public JourneyService(
      Journeys journeys,
      CamundaClient client,
      ObjectMapper json,
      Clock clock,
      @Value("${expansion.journeys.signal-ttl:PT1M}") Duration signalTtl,
      ApplicationEventPublisher events) {
    this.events = events;
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
    String journeyId = UUID.randomUUID().toString();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(JourneyVariables.JOURNEY_ID, journeyId);
    variables.put(JourneyVariables.ACCOUNT_ID, accountId);
    variables.put(JourneyVariables.OWNER_CSM, ownerCsm);
    variables.put(JourneyVariables.LOOP, 0);
    variables.put(JourneyVariables.SIGNAL, signal);
    OffsetDateTime now = OffsetDateTime.now(clock);
    try {
      journeys.insertActive(
          journeyId, accountId, ExpansionJourney.PROCESS_ID, write(variables), now);
    } catch (DuplicateKeyException alreadyActive) {
      String active =
          journeys.active(accountId, ExpansionJourney.PROCESS_ID).map(Journey::id).orElse(null);
      publish(accountId, signalId, signal);
      return new Routing(Routing.DELIVERED, active);
    }
    try {
      ProcessInstanceEvent instance =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(ExpansionJourney.PROCESS_ID)
              .latestVersion()
              .variables(variables)
              .send()
              .join();
      journeys.attachInstance(journeyId, instance.getProcessInstanceKey(), now);
    } catch (RuntimeException e) {
      journeys.delete(journeyId);
      throw e;
    }
    return new Routing(Routing.STARTED, journeyId);
  }

  private void publish(String accountId, long signalId, Map<String, Object> signal) {
    client
        .newPublishMessageCommand()
        .messageName(ExpansionJourney.SIGNAL_MESSAGE)
        .correlationKey(accountId)
        .messageId("signal-" + signalId)
        .timeToLive(signalTtl)
        .variables(Map.of(JourneyVariables.SIGNAL, signal))
        .send()
        .join();
  }

  /** Notes the element a worker is executing; cheap, called by every worker. */
  public void reached(ActivatedJob job) {
    journeys.reachedByInstance(
        job.getProcessInstanceKey(), job.getElementId(), OffsetDateTime.now(clock));
  }

  /** Stores a resumable point: the element and all variables visible to the job. */
  public void checkpoint(ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    Object journeyId = variables.get(JourneyVariables.JOURNEY_ID);
    if (journeyId != null) {
      journeys.checkpoint(
          journeyId.toString(), job.getElementId(), write(variables), OffsetDateTime.now(clock));
      events.publishEvent(
          new JourneyCheckpointed(journeyId.toString(), job.getElementId(), variables));
    }
  }

  /** Marks the journey ended at an end event. */
  public boolean ended(String journeyId, String elementId, String reason) {
    return journeys.end(journeyId, elementId, reason, OffsetDateTime.now(clock));
  }

  Map<String, Object> variablesOf(Journey journey) {
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
