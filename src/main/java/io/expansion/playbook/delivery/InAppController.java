package io.expansion.playbook.delivery;

import io.expansion.playbook.consent.Contacts;
import io.expansion.playbook.delivery.TouchAnswers.Answered;
import io.expansion.playbook.offers.Catalog;
import io.expansion.playbook.web.ApiException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The in-app channel as the customer's product sees it (role {@code integration}): it pulls the
 * contact's delivered messages and reports what the customer did with them.
 */
@RestController
class InAppController {

  private final OutboxMessages messages;
  private final Contacts contacts;
  private final Catalog catalog;
  private final TouchAnswers answers;

  InAppController(
      OutboxMessages messages, Contacts contacts, Catalog catalog, TouchAnswers answers) {
    this.messages = messages;
    this.contacts = contacts;
    this.catalog = catalog;
    this.answers = answers;
  }

  /** The offer an in-app message makes. */
  record OfferView(String code, String name, BigDecimal monthlyPrice, boolean selfServe) {}

  /**
   * An in-app message.
   *
   * @param id the message id the events are posted to
   * @param events the events that apply to it
   * @param engagement what the customer did so far (null: nothing yet)
   */
  record InAppMessage(
      String id,
      String subject,
      String body,
      String purpose,
      OfferView offer,
      List<String> events,
      OffsetDateTime deliveredAt,
      String engagement) {}

  /** An event body: {@code {"type": "accepted", "contactId": "..."}}. */
  record EventRequest(String type, String contactId) {}

  @GetMapping("/api/in-app/messages")
  List<InAppMessage> messages(
      @RequestParam(required = false) String contactId,
      @RequestParam(defaultValue = "false") boolean all) {
    if (contactId == null || contactId.isBlank()) {
      throw ApiException.badRequest("Query parameter 'contactId' is required");
    }
    if (contacts.byId(contactId).isEmpty()) {
      throw ApiException.notFound("Unknown contact '" + contactId + "'");
    }
    return messages.inApp(contactId, all).stream().map(this::view).toList();
  }

  /** 201 when recorded, 200 when the same event was recorded before. */
  @PostMapping("/api/in-app/messages/{id}/events")
  ResponseEntity<Answered> event(
      @PathVariable String id, @RequestBody(required = false) EventRequest event) {
    if (event == null) {
      throw ApiException.badRequest("Request body is required: {\"type\": …, \"contactId\": …}");
    }
    Answered answered = answers.inApp(id, event.type(), event.contactId());
    return ResponseEntity.status(answered.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(answered);
  }

  private InAppMessage view(OutboxMessage m) {
    OfferView offer =
        m.offerCode() == null
            ? null
            : catalog
                .find(m.offerCode())
                .map(
                    o ->
                        new OfferView(
                            o.code(), o.name(), o.listPrice(), catalog.selfServe(o.code())))
                .orElse(null);
    List<String> events =
        offer == null
            ? List.of("shown", "clicked", "dismissed")
            : List.of("shown", "clicked", "accepted", "declined", "dismissed");
    return new InAppMessage(
        m.messageId(),
        m.subject(),
        m.body(),
        m.purpose(),
        offer,
        events,
        m.sentAt(),
        m.engagement());
  }
}
