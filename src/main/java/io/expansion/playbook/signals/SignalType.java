package io.expansion.playbook.signals;

import static io.expansion.playbook.signals.AttributeSpec.date;
import static io.expansion.playbook.signals.AttributeSpec.integer;
import static io.expansion.playbook.signals.AttributeSpec.number;
import static io.expansion.playbook.signals.AttributeSpec.oneOf;
import static io.expansion.playbook.signals.AttributeSpec.text;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signal catalog: each type with the attributes it accepts. {@link #validate} rejects unknown
 * attribute names, missing required ones and values of the wrong kind or out of range.
 */
public enum SignalType {
  PRODUCT_USAGE(
      "product_usage",
      "Product usage: active users, logins or a feature adopted",
      List.of("activeUsers", "logins", "featureAdopted", "activeUsersChangePct"),
      integer("activeUsers", false, 0, null, "active users in the period"),
      integer("logins", false, 0, null, "logins in the period"),
      text("featureAdopted", false, "a feature the customer started using"),
      number("activeUsersChangePct", false, "-100", null, "change of active users, in %")),
  LICENSE_UTILIZATION(
      "license_utilization",
      "Licence utilisation",
      List.of(),
      number("utilizationPct", true, "0", "100", "share of licences in use, in %"),
      integer("seatsUsed", false, 0, null, "seats in use"),
      integer("seatsTotal", false, 0, null, "seats bought")),
  SUPPORT_CASE_OPENED(
      "support_case_opened",
      "A support case was opened",
      List.of(),
      text("caseId", true, "the case id in the support tool"),
      oneOf("priority", true, List.of("P1", "P2", "P3", "P4"), "case priority"),
      text("subject", false, "case subject")),
  SUPPORT_CASE_CLOSED(
      "support_case_closed",
      "A support case was closed",
      List.of(),
      text("caseId", true, "the case id in the support tool"),
      text("resolution", false, "how it was resolved")),
  SLA_BREACHED(
      "sla_breached",
      "A support case breached its SLA",
      List.of(),
      text("caseId", true, "the case id in the support tool"),
      oneOf("priority", false, List.of("P1", "P2", "P3", "P4"), "case priority")),
  NPS_RESPONSE(
      "nps_response",
      "An NPS survey answer (optionally with a CSAT rating)",
      List.of(),
      integer("score", true, 0, 10, "NPS score 0..10"),
      text("comment", false, "free-text comment"),
      integer("csat", false, 1, 5, "CSAT rating 1..5")),
  INVOICE_OVERDUE(
      "invoice_overdue",
      "An invoice is overdue",
      List.of(),
      text("invoiceId", true, "the invoice number"),
      number("amount", true, "0.01", null, "amount due (> 0)"),
      integer("daysOverdue", true, 1, null, "days past the due date")),
  RENEWAL_DATE_CHANGED(
      "renewal_date_changed",
      "The contract renewal date changed (updates the account's renewal date)",
      List.of(),
      date("renewalDate", true, "the new renewal date, ISO yyyy-MM-dd")),
  INTENT(
      "intent",
      "Buying intent: pricing page, premium-feature trial, competitor comparison, enquiry",
      List.of(),
      oneOf(
          "topic",
          true,
          List.of(
              "pricing_page",
              "premium_feature_trial",
              "competitor_comparison",
              "expansion_inquiry"),
          "what the customer showed interest in"),
      text("product", false, "the product or offer concerned")),
  CHAMPION_LEFT(
      "champion_left",
      "The customer's champion left",
      List.of("contactId", "role"),
      text("contactId", false, "the contact who left"),
      text("role", false, "their role")),
  MILESTONE_REACHED(
      "milestone_reached",
      "An onboarding milestone was reached",
      List.of(),
      oneOf(
          "milestone",
          true,
          List.of("setup_done", "first_value", "integration_live", "training_completed"),
          "the milestone")),
  SUBSCRIPTION_CHANGED(
      "subscription_changed",
      "Billing: the subscription's MRR changed (updates the account's MRR; 0 = churned)",
      List.of(),
      number("mrr", true, "0", null, "the new monthly recurring revenue (>= 0)"),
      text("reason", false, "why, e.g. seats added, downgrade")),
  ACCOUNT_CHURNED(
      "account_churned",
      "CRM or billing: the account churned (sets its churn flag)",
      List.of(),
      text("reason", false, "why the customer left")),
  RENEWAL_CLOSED(
      "renewal_closed",
      "CRM: the renewal closed, renewed (optionally at a new MRR) or churned",
      List.of(),
      oneOf("outcome", true, List.of("renewed", "churned"), "how the renewal closed"),
      number("mrr", false, "0.01", null, "MRR of the renewed contract (> 0; renewed only)")),
  TOUCH_OPENED(
      "touch_opened",
      "The customer opened or was shown a message of a touch",
      List.of(),
      answerAttributes()),
  TOUCH_CLICKED(
      "touch_clicked",
      "The customer clicked a message of a touch (the journey goes to the value review)",
      List.of(),
      answerAttributes()),
  OFFER_ACCEPTED(
      "offer_accepted",
      "The customer accepted the offer a message made (self-serve offers are provisioned)",
      List.of(),
      answerAttributes()),
  OFFER_DECLINED(
      "offer_declined",
      "The customer declined the offer a message made (the offer's cooldown starts)",
      List.of(),
      answerAttributes()),
  UNSUBSCRIBED(
      "unsubscribed",
      "The customer unsubscribed from a message's channel (an opt-out in the consent registry)",
      List.of(),
      answerAttributes());

  /** Answers to a touch name the message they answer; the contact, when given, must match it. */
  private static AttributeSpec[] answerAttributes() {
    return new AttributeSpec[] {
      text("messageId", true, "the message answered (its Message-ID or idempotency key)"),
      text("contactId", false, "the contact who answered; must be the message's recipient"),
      text("reason", false, "the customer's reason, if they gave one"),
      text("source", false, "where the answer came from: in-app, unsubscribe-link, a tool's name")
    };
  }

  /** Whether this type answers a touch (routed to the touch, not to the account's journey). */
  public boolean answersTouch() {
    return this == TOUCH_OPENED
        || this == TOUCH_CLICKED
        || this == OFFER_ACCEPTED
        || this == OFFER_DECLINED
        || this == UNSUBSCRIBED;
  }

  private final String code;
  private final String description;
  private final List<String> atLeastOneOf;
  private final Map<String, AttributeSpec> attributes;

  SignalType(
      String code, String description, List<String> atLeastOneOf, AttributeSpec... attributes) {
    this.code = code;
    this.description = description;
    this.atLeastOneOf = atLeastOneOf;
    Map<String, AttributeSpec> byName = new LinkedHashMap<>();
    for (AttributeSpec a : attributes) {
      byName.put(a.name(), a);
    }
    this.attributes = byName;
  }

  public String code() {
    return code;
  }

  public String description() {
    return description;
  }

  /** The attributes this type accepts, in catalog order. */
  public List<AttributeSpec> attributes() {
    return List.copyOf(attributes.values());
  }

  /** Attributes of which at least one must be present; empty when there is no such rule. */
  public List<String> atLeastOneOf() {
    return atLeastOneOf;
  }

  /**
   * Validates attributes of this type and returns them normalised (catalog order; numbers given as
   * text parsed).
   *
   * @throws IllegalArgumentException naming the offending attribute and what the type expects
   */
  public Map<String, Object> validate(Map<String, ?> given) {
    Map<String, ?> values = given == null ? Map.of() : given;
    for (String name : values.keySet()) {
      if (!attributes.containsKey(name)) {
        throw new IllegalArgumentException(
            "Unknown attribute '"
                + name
                + "' for signal type '"
                + code
                + "'; known attributes: "
                + String.join(", ", attributes.keySet()));
      }
    }
    Map<String, Object> normalised = new LinkedHashMap<>();
    for (AttributeSpec spec : attributes.values()) {
      Object value = values.get(spec.name());
      if (value == null) {
        if (spec.required()) {
          throw new IllegalArgumentException(
              "Attribute '" + spec.name() + "' is required for signal type '" + code + "'");
        }
        continue;
      }
      normalised.put(spec.name(), spec.normalise(value));
    }
    if (this == RENEWAL_CLOSED
        && "churned".equals(normalised.get("outcome"))
        && normalised.containsKey("mrr")) {
      throw new IllegalArgumentException(
          "Attribute 'mrr' of signal type '"
              + code
              + "' is for outcome 'renewed' only; a churned renewal has no MRR");
    }
    if (!atLeastOneOf.isEmpty() && atLeastOneOf.stream().noneMatch(normalised::containsKey)) {
      throw new IllegalArgumentException(
          "Signal type '"
              + code
              + "' needs at least one of the attributes "
              + String.join(", ", atLeastOneOf));
    }
    return normalised;
  }

  public static Optional<SignalType> of(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(SignalType::code).toList();
  }
}
