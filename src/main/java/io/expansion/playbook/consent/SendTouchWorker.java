package io.expansion.playbook.consent;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.consent.TouchGate.SendCommand;
import io.expansion.playbook.consent.TouchGate.Sent;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.offers.OfferStatusChanges;
import io.expansion.playbook.offers.RankedOffer;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * orchestrate: makes the touch of any play. The contact policy is enforced again, atomically with
 * the insert ({@link TouchGate}). In-app, email and SMS messages go to the outbox for the channel
 * gateways (with a deliver-after time when quiet hours defer them); a CSM touch is recorded here
 * and becomes the CSM's task next in the model. Exactly once per business key: {@code
 * journeyId:loop:touch} for the expansion offer, {@code journeyId:<touchRequest.key>} for plays.
 */
@Component
public class SendTouchWorker {

  public static final String TYPE = "send-touch";
  static final String EXPANSION = "expansion";

  private final TouchGate gate;
  private final OfferStatusChanges offerStatus;
  private final DecisionLog decisions;
  private final JourneyService journeys;

  SendTouchWorker(
      TouchGate gate,
      OfferStatusChanges offerStatus,
      DecisionLog decisions,
      JourneyService journeys) {
    this.gate = gate;
    this.offerStatus = offerStatus;
    this.decisions = decisions;
    this.journeys = journeys;
  }

  /**
   * The touch, as the journey sees it.
   *
   * @param id the touch, null when blocked
   * @param status {@code sent}, {@code deferred} (stored, delivered after quiet hours) or {@code
   *     blocked} (nothing stored; the decision log says why)
   */
  public record TouchMade(
      Long id, String channel, String deferredUntil, String status, String reason) {}

  public record Output(TouchMade touch) {}

  @JobWorker(type = TYPE)
  public Output send(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable String play,
      @Variable RankedOffer offer,
      @Variable TouchRequest touchRequest) {
    journeys.reached(job);
    String playName = play == null ? EXPANSION : play;
    SendCommand command =
        touchRequest != null
            ? new SendCommand(
                journeyId + ":" + touchRequest.key(),
                accountId,
                journeyId,
                playName,
                touchRequest.intent(),
                null,
                touchRequest.subject() == null ? "" : touchRequest.subject(),
                touchRequest.body() == null ? "" : touchRequest.body())
            : offerCommand(accountId, journeyId, loop, playName, offer);
    Sent sent = gate.send(command);
    if (sent.blocked()) {
      return new Output(new TouchMade(null, null, null, "blocked", sent.blockedReason()));
    }
    var touch = sent.touch();
    if (touch.offerId() != null) {
      offerStatus.presented(touch.offerId());
    }
    String deferredUntil =
        touch.deliverAfter() == null ? null : touch.deliverAfter().toInstant().toString();
    decisions.record(
        command.businessKey(),
        accountId,
        journeyId,
        "touch",
        touch.channel(),
        "Touch "
            + (touchRequest != null ? "'" + command.subject() + "'" : "for " + offer.name())
            + " via "
            + touch.channel()
            + (ContactPolicy.CSM.equals(touch.channel())
                ? ": CSM outreach task created"
                : ": message queued in the outbox")
            + (deferredUntil == null ? "" : ", delivered after " + deferredUntil),
        Map.of(
            "play", playName,
            "purpose", touch.purpose(),
            "offerId", String.valueOf(touch.offerId()),
            "contactId", String.valueOf(touch.contactId())));
    return new Output(
        new TouchMade(
            touch.id(),
            touch.channel(),
            deferredUntil,
            deferredUntil == null ? "sent" : "deferred",
            null));
  }

  private static SendCommand offerCommand(
      String accountId, String journeyId, Integer loop, String play, RankedOffer offer) {
    if (offer == null) {
      throw new IllegalArgumentException("send-touch needs either touchRequest or offer");
    }
    return new SendCommand(
        journeyId + ":" + loop + ":touch",
        accountId,
        journeyId,
        play,
        new TouchIntent(ContactPolicy.OFFER, List.of(offer.channel()), offer.code(), false),
        offer.offerId(),
        offer.name() + " for your account",
        offer.description() + " Your customer success manager will share how it fits your usage.");
  }
}
