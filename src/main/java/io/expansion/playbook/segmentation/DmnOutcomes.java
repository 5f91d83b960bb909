package io.expansion.playbook.segmentation;

import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService.JourneyCheckpointed;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records what the in-engine decision tables decided. DMN runs inside Zeebe (cheap, editable by
 * ops); the first worker or checkpoint after it writes the decision row, once per business key. A
 * segment that differs from the account's stored one is a change: {@link SegmentHistory} keeps it.
 */
@Component
public class DmnOutcomes {

  private final SegmentHistory segments;
  private final DecisionLog decisions;
  private final Clock clock;

  public DmnOutcomes(SegmentHistory segments, DecisionLog decisions, Clock clock) {
    this.segments = segments;
    this.decisions = decisions;
    this.clock = clock;
  }

  /** Stores the segment on the account (a change in the segment history) and the decision. */
  public void recordSegmentation(
      String journeyId,
      Object loop,
      String accountId,
      Map<String, Object> segmentation,
      Map<String, Object> scores) {
    if (segmentation == null || segmentation.get("segment") == null) {
      return;
    }
    String segment = segmentation.get("segment").toString();
    Map<String, Object> inputs = new LinkedHashMap<>();
    if (scores != null) {
      for (String key : new String[] {"health", "valueScore", "usageScore", "intentScore"}) {
        inputs.put(key, scores.get(key));
      }
    }
    String rationale = String.valueOf(segmentation.getOrDefault("rationale", "segment " + segment));
    if (decisions.record(
        journeyId + ":" + loop + ":segmentation",
        accountId,
        journeyId,
        "segmentation.dmn",
        segment,
        rationale,
        inputs)) {
      Integer health = inputs.get("health") instanceof Number n ? n.intValue() : null;
      segments.applyFromJourney(
          accountId, segment, journeyId, health, rationale, OffsetDateTime.now(clock));
    }
  }

  /** Records whether a signal qualified for a play. */
  public void recordQualification(
      String journeyId,
      String accountId,
      Map<String, Object> signal,
      Map<String, Object> qualification) {
    if (signal == null || qualification == null) {
      return;
    }
    boolean qualifies = Boolean.TRUE.equals(qualification.get("qualifies"));
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("signalId", signal.get("id"));
    inputs.put("type", signal.get("type"));
    inputs.put("attributes", signal.get("attributes"));
    decisions.record(
        "signal:" + signal.get("id") + ":" + journeyId + ":qualification",
        accountId,
        journeyId,
        "signal-qualification.dmn",
        qualifies ? "qualifies" : "ignored",
        String.valueOf(qualification.getOrDefault("reason", "")),
        inputs);
  }

  @EventListener
  @SuppressWarnings("unchecked")
  void onCheckpoint(JourneyCheckpointed checkpoint) {
    Map<String, Object> v = checkpoint.variables();
    String accountId = String.valueOf(v.get("accountId"));
    recordSegmentation(
        checkpoint.journeyId(),
        v.get("loop"),
        accountId,
        (Map<String, Object>) v.get("segmentation"),
        (Map<String, Object>) v.get("scores"));
    if (v.get("qualification") instanceof Map<?, ?> q && v.get("signal") instanceof Map<?, ?> s) {
      recordQualification(
          checkpoint.journeyId(), accountId, (Map<String, Object>) s, (Map<String, Object>) q);
    }
  }
}
