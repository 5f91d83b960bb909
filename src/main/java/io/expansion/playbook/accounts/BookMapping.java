package io.expansion.playbook.accounts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A column-mapping file: how the rows of one kind of CSV become accounts, their products, contacts
 * with channel consents, and extra attributes. Loaded from YAML or JSON by {@link BookMappings}.
 *
 * @param name mapping name (e.g. {@code telco})
 * @param source value of {@code accounts.source}; the name when absent
 * @param lifecycle thresholds of the derived lifecycle stage (when {@code lifecycleStage} is not
 *     mapped)
 */
public record BookMapping(
    String name,
    String description,
    String source,
    Lifecycle lifecycle,
    AccountFields account,
    List<ProductRule> products,
    List<ContactSpec> contacts,
    LinkedHashMap<String, ValueSpec> attributes) {

  /** Onboarding below {@code onboardingMonths} of tenure; pre-renewal within the days. */
  public record Lifecycle(Integer onboardingMonths, Integer preRenewalDays) {
    int onboarding() {
      return onboardingMonths == null ? 3 : onboardingMonths;
    }

    int preRenewal() {
      return preRenewalDays == null ? 90 : preRenewalDays;
    }
  }

  /** The account fields; {@code id} is required, the others have defaults. */
  public record AccountFields(
      ValueSpec id,
      ValueSpec name,
      ValueSpec planTier,
      ValueSpec contractType,
      ValueSpec mrr,
      ValueSpec seats,
      ValueSpec licencesUsed,
      ValueSpec tenureMonths,
      ValueSpec renewalDate,
      ValueSpec lifecycleStage,
      ValueSpec ownerCsm,
      ValueSpec timeZone,
      ValueSpec churned) {

    Map<String, ValueSpec> byName() {
      Map<String, ValueSpec> fields = new LinkedHashMap<>();
      fields.put("id", id);
      fields.put("name", name);
      fields.put("planTier", planTier);
      fields.put("contractType", contractType);
      fields.put("mrr", mrr);
      fields.put("seats", seats);
      fields.put("licencesUsed", licencesUsed);
      fields.put("tenureMonths", tenureMonths);
      fields.put("renewalDate", renewalDate);
      fields.put("lifecycleStage", lifecycleStage);
      fields.put("ownerCsm", ownerCsm);
      fields.put("timeZone", timeZone);
      fields.put("churned", churned);
      return fields;
    }
  }

  /**
   * Products from a column: {@code when} lists the values that grant {@code product}; or {@code
   * map} turns each value into product code(s) (comma-separated; empty = none), values not in the
   * map being an error unless {@code ignoreUnknown}. {@code split} splits a multi-valued cell.
   */
  public record ProductRule(
      String column,
      List<String> when,
      String product,
      Map<String, String> map,
      String split,
      Boolean ignoreUnknown) {}

  /** A contact of the account; rows where {@code id} is empty get no contact. */
  public record ContactSpec(
      ValueSpec id,
      ValueSpec name,
      ValueSpec email,
      ValueSpec role,
      ValueSpec primary,
      LinkedHashMap<String, ConsentSpec> consents) {}

  /** Consent for one channel ({@code email}, {@code in_app}, {@code csm}, {@code sms}). */
  public record ConsentSpec(ValueSpec optedIn, String source) {}

  /**
   * Checks the mapping itself.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  void check() {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Mapping has no 'name'");
    }
    if (account == null || account.id() == null) {
      throw new IllegalArgumentException("Mapping '" + name + "' has no 'account.id'");
    }
    account.byName().forEach((field, spec) -> check(spec, "account." + field));
    for (ProductRule rule : products()) {
      if (rule.column() == null || (rule.map() == null) == (rule.product() == null)) {
        throw new IllegalArgumentException(
            "Mapping '"
                + name
                + "': each product rule needs a column and either 'map' or 'when'+'product'");
      }
    }
    for (ContactSpec contact : contacts()) {
      if (contact.id() == null) {
        throw new IllegalArgumentException("Mapping '" + name + "': each contact needs an 'id'");
      }
      check(contact.id(), "contacts.id");
      check(contact.name(), "contacts.name");
      check(contact.email(), "contacts.email");
      check(contact.role(), "contacts.role");
      check(contact.primary(), "contacts.primary");
      contact
          .consents()
          .forEach(
              (channel, consent) -> {
                if (consent == null || consent.optedIn() == null) {
                  throw new IllegalArgumentException(
                      "Mapping '" + name + "': consent '" + channel + "' needs 'optedIn'");
                }
                check(consent.optedIn(), "contacts.consents." + channel);
              });
    }
    attributes().forEach((attribute, spec) -> check(spec, "attributes." + attribute));
  }

  private static void check(ValueSpec spec, String field) {
    if (spec != null) {
      spec.check(field);
    }
  }

  public List<ProductRule> products() {
    return products == null ? List.of() : products;
  }

  public List<ContactSpec> contacts() {
    return contacts == null
        ? List.of()
        : contacts.stream()
            .map(
                c ->
                    c.consents() == null
                        ? new ContactSpec(
                            c.id(),
                            c.name(),
                            c.email(),
                            c.role(),
                            c.primary(),
                            new LinkedHashMap<>())
                        : c)
            .toList();
  }

  public LinkedHashMap<String, ValueSpec> attributes() {
    return attributes == null ? new LinkedHashMap<>() : attributes;
  }

  public String sourceName() {
    return source == null ? name : source;
  }

  public Lifecycle lifecycleRules() {
    return lifecycle == null ? new Lifecycle(null, null) : lifecycle;
  }

  /** Every CSV column the mapping reads, in first-use order. */
  List<String> columns() {
    LinkedHashSet<String> columns = new LinkedHashSet<>();
    account.byName().values().stream()
        .filter(s -> s != null)
        .forEach(s -> columns.addAll(s.columns()));
    products().forEach(p -> columns.add(p.column()));
    for (ContactSpec c : contacts()) {
      for (ValueSpec s : Arrays.asList(c.id(), c.name(), c.email(), c.role(), c.primary())) {
        columns.addAll(s == null ? List.of() : s.columns());
      }
      c.consents().values().forEach(consent -> columns.addAll(consent.optedIn().columns()));
    }
    attributes().values().forEach(s -> columns.addAll(s.columns()));
    return new ArrayList<>(columns);
  }
}
