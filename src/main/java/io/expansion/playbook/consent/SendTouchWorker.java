package io.expansion.playbook.consent;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.offers.OfferStatusChanges;
import io.expansion.playbook.offers.RankedOffer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * orchestrate: makes the touch. In-app and email messages go to the outbox for the channel
 * gateways; a CSM touch is recorded here and becomes the CSM's outreach task next in the model.
 * Exactly once per journey loop: the business key is unique.
 */
@Component
public class SendTouchWorker {

  static final String TYPE = "send-touch";
  static final String PLAY = "expansion";

  private final Touches touches;
  private final Contacts contacts;
  private final OfferStatusChanges offerStatus;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final TransactionTemplate transaction;
  private final Clock clock;

  SendTouchWorker(
      Touches touches,
      Contacts contacts,
      OfferStatusChanges offerStatus,
      DecisionLog decisions,
      JourneyService journeys,
      TransactionTemplate transaction,
      Clock clock) {
    this.touches = touches;
    this.contacts = contacts;
    this.offerStatus = offerStatus;
    this.decisions = decisions;
    this.journeys = journeys;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** The touch made, as the journey sees it. */
  public record TouchMade(long id, String channel) {}

  public record Output(TouchMade touch) {}

  @JobWorker(type = TYPE)
  public Output send(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable RankedOffer offer,
      @Variable ConsentDecision consent) {
    journeys.reached(job);
    String businessKey = journeyId + ":" + loop + ":touch";
    var existing = touches.byBusinessKey(businessKey);
    if (existing.isPresent()) {
      return new Output(new TouchMade(existing.get().id(), existing.get().channel()));
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    long touchId =
        transaction.execute(
            status -> {
              long id =
                  touches.insert(
                      businessKey,
                      accountId,
                      consent.contactId(),
                      journeyId,
                      offer.offerId(),
                      PLAY,
                      offer.channel(),
                      now);
              if (!"csm".equals(offer.channel())) {
                String recipient =
                    contacts
                        .primaryContact(accountId)
                        .map(c -> c.email() == null ? c.id() : c.email())
                        .orElse(consent.contactId());
                touches.enqueue(
                    id,
                    offer.channel(),
                    recipient,
                    offer.name() + " for your account",
                    offer.description()
                        + " Your customer success manager will share how it fits your usage.",
                    now);
              }
              offerStatus.presented(offer.offerId());
              return id;
            });
    decisions.record(
        businessKey,
        accountId,
        journeyId,
        "touch",
        offer.channel(),
        "Touch for "
            + offer.name()
            + " via "
            + offer.channel()
            + ("csm".equals(offer.channel())
                ? ": CSM outreach task created"
                : ": message queued in the outbox"),
        Map.of("offerId", offer.offerId(), "contactId", String.valueOf(consent.contactId())));
    return new Output(new TouchMade(touchId, offer.channel()));
  }
}
