package io.expansion.playbook.journeys;

import io.expansion.playbook.engine.ProcessModels;
import java.util.List;
import org.springframework.stereotype.Service;

/** Read side of journeys, with element ids translated to the step names of the model. */
@Service
public class JourneyQueries {

  private final Journeys journeys;
  private final ProcessModels models;

  JourneyQueries(Journeys journeys, ProcessModels models) {
    this.journeys = journeys;
    this.models = models;
  }

  public List<JourneyView> forAccount(String accountId) {
    return journeys.forAccount(accountId).stream().map(this::view).toList();
  }

  public List<JourneyView> recent(String status, int limit) {
    return recent(status, null, limit);
  }

  /** The latest journeys, optionally only those of one owner's accounts. */
  public List<JourneyView> recent(String status, String ownerOrNull, int limit) {
    return journeys.recent(status, ownerOrNull, limit).stream().map(this::view).toList();
  }

  /** The journeys of a process at an element (the heatmap's drill-down), latest first. */
  public List<JourneyView> atElement(String processId, String elementId, int limit) {
    return journeys.atElement(processId, elementId, limit).stream().map(this::view).toList();
  }

  private JourneyView view(Journey j) {
    String step =
        j.currentElement() == null
            ? null
            : models
                .element(j.processId(), j.currentElement())
                .map(ProcessModels.Element::name)
                .orElse(j.currentElement());
    return new JourneyView(
        j.id(),
        j.accountId(),
        j.processId(),
        j.processVersion(),
        j.status(),
        j.currentElement(),
        step,
        j.endReason(),
        j.startedAt(),
        j.updatedAt(),
        j.endedAt());
  }
}
