package io.expansion.playbook.consent;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.consent.ContactFacts.Decline;
import io.expansion.playbook.consent.ContactFacts.PastTouch;
import io.expansion.playbook.consent.ContactFacts.SignalFact;
import io.expansion.playbook.offers.Guardrails;
import io.expansion.playbook.offers.OfferMade;
import io.expansion.playbook.offers.Offers;
import io.expansion.playbook.signals.Signal;
import io.expansion.playbook.signals.Signals;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Gathers the facts the contact policy decides on, from the tables that own them. */
@Component
class ContactFactsReader {

  private final Accounts accounts;
  private final Contacts contacts;
  private final Touches touches;
  private final Offers offers;
  private final Guardrails guardrails;
  private final Signals signals;

  ContactFactsReader(
      Accounts accounts,
      Contacts contacts,
      Touches touches,
      Offers offers,
      Guardrails guardrails,
      Signals signals) {
    this.accounts = accounts;
    this.contacts = contacts;
    this.touches = touches;
    this.offers = offers;
    this.guardrails = guardrails;
    this.signals = signals;
  }

  /** The facts at {@code now}, with the touches of the longest cap window of {@code settings}. */
  ContactFacts read(String accountId, OffsetDateTime now, ContactPolicySettings settings) {
    Account account =
        accounts
            .findById(accountId)
            .orElseThrow(() -> new IllegalArgumentException("Unknown account " + accountId));
    var contact = contacts.primaryContact(accountId);
    String contactId = contact.map(Contact::id).orElse(null);
    Map<String, Boolean> consents = contactId == null ? Map.of() : contacts.consents(contactId);
    Duration longest = longestWindow(settings);
    List<Decline> declines = declines(offers.forAccount(accountId));
    List<SignalFact> suppressing =
        signalFacts(
            signals
                .ofTypesBetween(accountId, accountId, Suppressions.TYPES)
                .getOrDefault(accountId, List.of()));
    return new ContactFacts(
        contactId,
        consents,
        zone(account.timeZone()),
        touches.deliveredSince(accountId, now.minus(longest)),
        declines,
        guardrails.active().cooldownDays(),
        suppressing);
  }

  /**
   * {@link #read} for a page of accounts ordered by id, with one query per kind of fact: the same
   * facts, for every account of the page.
   */
  Map<String, ContactFacts> readAll(
      List<Account> page, OffsetDateTime now, ContactPolicySettings settings) {
    if (page.isEmpty()) {
      return Map.of();
    }
    String first = page.getFirst().id();
    String last = page.getLast().id();
    Map<String, Contacts.PrimaryConsents> primaries = contacts.primaryBetween(first, last);
    Map<String, List<PastTouch>> recentTouches =
        touches.deliveredSinceBetween(first, last, now.minus(longestWindow(settings)));
    Map<String, List<OfferMade>> offersMade = offers.forAccountsBetween(first, last);
    Map<String, List<Signal>> suppressing = signals.ofTypesBetween(first, last, Suppressions.TYPES);
    int cooldownDays = guardrails.active().cooldownDays();
    Map<String, ContactFacts> facts = new HashMap<>();
    for (Account account : page) {
      Contacts.PrimaryConsents primary = primaries.get(account.id());
      facts.put(
          account.id(),
          new ContactFacts(
              primary == null ? null : primary.contactId(),
              primary == null ? Map.of() : primary.consents(),
              zone(account.timeZone()),
              recentTouches.getOrDefault(account.id(), List.of()),
              declines(offersMade.getOrDefault(account.id(), List.of())),
              cooldownDays,
              signalFacts(suppressing.getOrDefault(account.id(), List.of()))));
    }
    return facts;
  }

  private static Duration longestWindow(ContactPolicySettings settings) {
    return settings.caps().values().stream()
        .map(ContactPolicySettings.Cap::window)
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
  }

  private static List<Decline> declines(List<OfferMade> offers) {
    return offers.stream()
        .filter(o -> OfferMade.DECLINED.equals(o.status()))
        .map(o -> new Decline(o.offerCode(), o.updatedAt()))
        .toList();
  }

  /** Oldest first, as the suppression rules read them. */
  private static List<SignalFact> signalFacts(List<Signal> newestFirst) {
    return newestFirst.reversed().stream()
        .filter(s -> Suppressions.TYPES.contains(s.type()))
        .map(s -> new SignalFact(s.type(), s.occurredAt(), s.attributes()))
        .toList();
  }

  private static ZoneId zone(String timeZone) {
    try {
      return ZoneId.of(timeZone == null || timeZone.isBlank() ? "UTC" : timeZone);
    } catch (java.time.DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }
}
