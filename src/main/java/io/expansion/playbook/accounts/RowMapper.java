package io.expansion.playbook.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expansion.playbook.accounts.BookMapping.AccountFields;
import io.expansion.playbook.accounts.BookMapping.ContactSpec;
import io.expansion.playbook.accounts.BookMapping.ProductRule;
import io.expansion.playbook.accounts.MappedRow.Consent;
import io.expansion.playbook.accounts.MappedRow.MappedContact;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Applies a {@link BookMapping} to one CSV row; not thread-safe (one per import run). */
final class RowMapper {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final BookMapping mapping;
  private final AccountFields fields;
  private final OffsetDateTime importTime;
  private final LocalDate importDate;
  private final byte[] fingerprint;
  private final MessageDigest digest;
  private String lastValidZone;

  RowMapper(BookMapping mapping, OffsetDateTime importTime) {
    this.mapping = mapping;
    this.fields = mapping.account();
    this.importTime = importTime;
    this.importDate = importTime.toLocalDate();
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
      this.fingerprint = digest.digest(JSON.writeValueAsBytes(mapping));
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("Cannot fingerprint mapping " + mapping.name(), e);
    }
  }

  /**
   * Maps one row.
   *
   * @throws RowException naming the line, column and reason
   */
  MappedRow map(RowContext row) {
    if (!row.record().isConsistent()) {
      throw row.invalid(
          null,
          "the row has "
              + row.record().size()
              + " cells; the header has "
              + row.record().getParser().getHeaderNames().size());
    }
    String id = text(row, fields.id(), "id", 40);
    if (id == null) {
      throw row.invalid(fields.id().label("id"), "an account id is required");
    }
    row.accountId(id);
    Set<String> products = products(row);
    int tenure = nonNegative(row, fields.tenureMonths(), "tenureMonths", 0);
    LocalDate renewal = renewal(row, tenure);
    String name = orElse(text(row, fields.name(), "name", 200), id);
    Account account =
        new Account(
            id,
            name,
            mapping.sourceName(),
            planTier(row, products),
            orElse(text(row, fields.contractType(), "contractType", 30), "unknown"),
            mrr(row),
            nonNegative(row, fields.seats(), "seats", 0),
            licencesUsed(row, products),
            tenure,
            renewal,
            lifecycle(row, tenure, renewal),
            orElse(text(row, fields.ownerCsm(), "ownerCsm", 80), "unassigned"),
            timeZone(row),
            null,
            null,
            null,
            null,
            null,
            bool(row, fields.churned(), "churned"),
            attributes(row),
            importTime,
            importTime);
    return new MappedRow(row.line(), account, products, contacts(row), hash(row));
  }

  private Set<String> products(RowContext row) {
    Set<String> products = new LinkedHashSet<>();
    for (ProductRule rule : mapping.products()) {
      String cell = row.get(rule.column()).trim();
      List<String> values =
          rule.split() == null ? List.of(cell) : List.of(cell.split(Pattern.quote(rule.split())));
      for (String raw : values) {
        String value = raw.trim();
        if (rule.map() != null) {
          if (rule.map().containsKey(value)) {
            addCodes(row, rule, rule.map().get(value), products);
          } else if (!value.isEmpty() && !Boolean.TRUE.equals(rule.ignoreUnknown())) {
            throw row.invalid(
                rule.column(),
                "unexpected value '"
                    + value
                    + "'; expected one of "
                    + String.join(", ", rule.map().keySet()));
          }
        } else if (rule.when().contains(value)) {
          addCodes(row, rule, rule.product(), products);
        }
      }
    }
    return products;
  }

  private static void addCodes(RowContext row, ProductRule rule, String codes, Set<String> into) {
    if (codes == null) {
      return;
    }
    for (String code : codes.split(",")) {
      String c = code.trim();
      if (c.length() > 60) {
        throw row.invalid(rule.column(), "product code '" + c + "' is longer than 60 characters");
      }
      if (!c.isEmpty()) {
        into.add(c);
      }
    }
  }

  private String planTier(RowContext row, Set<String> products) {
    ValueSpec spec = fields.planTier();
    if (spec != null && spec.fromProducts() != null) {
      for (Map.Entry<String, String> e : spec.fromProducts().entrySet()) {
        if (products.contains(e.getKey())) {
          return e.getValue();
        }
      }
      return orElse(spec.otherwise(), "standard");
    }
    return orElse(text(row, spec, "planTier", 40), "standard");
  }

  private int licencesUsed(RowContext row, Set<String> products) {
    ValueSpec spec = fields.licencesUsed();
    if (spec != null && spec.countProducts() != null) {
      return (int) products.stream().filter(spec.countProducts()::contains).count();
    }
    return nonNegative(row, spec, "licencesUsed", 0);
  }

  private BigDecimal mrr(RowContext row) {
    Object value = evaluate(row, fields.mrr(), "mrr", "decimal");
    BigDecimal mrr = value == null ? BigDecimal.ZERO : decimal(row, fields.mrr(), "mrr", value);
    if (mrr.signum() < 0 || mrr.precision() - mrr.scale() > 10) {
      throw row.invalid(fields.mrr().label("mrr"), "invalid value '" + mrr + "' (0 to 9999999999)");
    }
    return mrr;
  }

  private LocalDate renewal(RowContext row, int tenure) {
    ValueSpec spec = fields.renewalDate();
    if (spec != null && spec.termMonths() != null) {
      Object term = spec.termMonths().evaluate(row, "renewalDate", "integer");
      int months = term == null ? 0 : integer(row, spec.termMonths(), "renewalDate", term);
      if (months <= 0) {
        return null;
      }
      int left = months - (tenure % months);
      return importDate.plusMonths(left == 0 ? months : left);
    }
    Object value = evaluate(row, spec, "renewalDate", "date");
    if (value == null || value instanceof LocalDate) {
      return (LocalDate) value;
    }
    throw row.invalid(spec.label("renewalDate"), "invalid value '" + value + "' (expected a date)");
  }

  private String lifecycle(RowContext row, int tenure, LocalDate renewal) {
    String mapped = text(row, fields.lifecycleStage(), "lifecycleStage", 30);
    if (mapped != null) {
      return mapped;
    }
    BookMapping.Lifecycle rules = mapping.lifecycleRules();
    if (tenure < rules.onboarding()) {
      return "onboarding";
    }
    if (renewal != null && ChronoUnit.DAYS.between(importDate, renewal) <= rules.preRenewal()) {
      return "pre-renewal";
    }
    return "established";
  }

  private String timeZone(RowContext row) {
    String zone = orElse(text(row, fields.timeZone(), "timeZone", 60), "UTC");
    if (zone.equals(lastValidZone)) {
      return zone;
    }
    try {
      ZoneId.of(zone);
      lastValidZone = zone;
      return zone;
    } catch (DateTimeException e) {
      throw row.invalid(fields.timeZone().label("timeZone"), "unknown time zone '" + zone + "'");
    }
  }

  private String attributes(RowContext row) {
    ObjectNode node = JSON.createObjectNode();
    mapping
        .attributes()
        .forEach(
            (name, spec) -> {
              Object value = spec.evaluate(row, name, "string");
              switch (value) {
                case null -> node.putNull(name);
                case Integer i -> node.put(name, i);
                case BigDecimal d -> node.put(name, d);
                case Boolean b -> node.put(name, b);
                default -> node.put(name, value.toString());
              }
            });
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise account attributes", e);
    }
  }

  private List<MappedContact> contacts(RowContext row) {
    List<MappedContact> contacts = new ArrayList<>();
    for (ContactSpec spec : mapping.contacts()) {
      String id = text(row, spec.id(), "contacts.id", 60);
      if (id == null) {
        continue;
      }
      Map<String, Consent> consents = new LinkedHashMap<>();
      spec.consents()
          .forEach(
              (channel, consent) -> {
                Boolean optedIn = bool(row, consent.optedIn(), "consents." + channel);
                if (optedIn != null) {
                  consents.put(
                      channel,
                      new Consent(optedIn, orElse(consent.source(), "import:" + mapping.name())));
                }
              });
      Boolean primary = bool(row, spec.primary(), "contacts.primary");
      contacts.add(
          new MappedContact(
              id,
              orElse(text(row, spec.name(), "contacts.name", 200), id),
              text(row, spec.email(), "contacts.email", 200),
              orElse(text(row, spec.role(), "contacts.role", 60), "contact"),
              primary != null ? primary : contacts.isEmpty(),
              consents));
    }
    return contacts;
  }

  private String hash(RowContext row) {
    digest.reset();
    digest.update(fingerprint);
    for (String cell : row.record()) {
      digest.update((byte) 0x1f);
      digest.update(cell.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static Object evaluate(RowContext row, ValueSpec spec, String field, String type) {
    return spec == null ? null : spec.evaluate(row, field, type);
  }

  private static String text(RowContext row, ValueSpec spec, String field, int maxLength) {
    Object value = evaluate(row, spec, field, "string");
    if (value == null) {
      return null;
    }
    String text = value.toString();
    if (text.length() > maxLength) {
      throw row.invalid(
          spec.label(field), "value longer than " + maxLength + " characters: '" + text + "'");
    }
    return text;
  }

  private static int nonNegative(RowContext row, ValueSpec spec, String field, int otherwise) {
    Object value = evaluate(row, spec, field, "integer");
    if (value == null) {
      return otherwise;
    }
    int n = integer(row, spec, field, value);
    if (n < 0) {
      throw row.invalid(spec.label(field), "invalid value '" + n + "' (must not be negative)");
    }
    return n;
  }

  private static int integer(RowContext row, ValueSpec spec, String field, Object value) {
    try {
      return switch (value) {
        case Integer i -> i;
        case BigDecimal d -> d.intValueExact();
        case Boolean b -> b ? 1 : 0;
        default -> Integer.parseInt(value.toString());
      };
    } catch (ArithmeticException | NumberFormatException e) {
      throw row.invalid(
          spec.label(field), "invalid value '" + value + "' (expected a whole number)");
    }
  }

  private static BigDecimal decimal(RowContext row, ValueSpec spec, String field, Object value) {
    try {
      return switch (value) {
        case BigDecimal d -> d;
        case Integer i -> BigDecimal.valueOf(i);
        default -> new BigDecimal(value.toString());
      };
    } catch (NumberFormatException e) {
      throw row.invalid(spec.label(field), "invalid value '" + value + "' (expected a number)");
    }
  }

  private static Boolean bool(RowContext row, ValueSpec spec, String field) {
    Object value = evaluate(row, spec, field, "boolean");
    return switch (value) {
      case null -> null;
      case Boolean b -> b;
      case Integer i when i == 0 || i == 1 -> i == 1;
      default ->
          throw row.invalid(
              spec.label(field), "invalid value '" + value + "' (expected a boolean)");
    };
  }

  private static String orElse(String value, String otherwise) {
    return value == null || value.isEmpty() ? otherwise : value;
  }
}
