package io.expansion.playbook.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports the Telco customer book (CSV with a header line, see {@code datasets/README.md}) into
 * accounts, account products, a primary contact per account and its channel consents.
 *
 * <p>Account ids are {@code TELCO-0001}.. by 1-based data row. An import is idempotent (accounts
 * that already exist are skipped) and all-or-nothing: the whole file is parsed and validated before
 * anything is written, and everything is written in one transaction.
 */
@Service
public class TelcoBookImporter {

  /** Columns the book must have; any others are ignored. */
  public static final List<String> REQUIRED_COLUMNS =
      List.of(
          "churn",
          "female",
          "senior_citizen",
          "partner",
          "dependents",
          "tenure",
          "phone_service",
          "multiple_lines",
          "internet_service",
          "online_security",
          "online_backup",
          "device_protection",
          "tech_support",
          "streaming_tv",
          "streaming_movies",
          "contract",
          "paperless_billing",
          "payment_method",
          "monthly_charges",
          "total_charges");

  static final String SOURCE = "telco";
  static final String TIME_ZONE = "America/Los_Angeles";
  static final int CSM_COUNT = 8;
  static final int PRE_RENEWAL_DAYS = 90;
  static final int ONBOARDING_MONTHS = 3;

  private static final List<String> ADD_ON_COLUMNS =
      List.of(
          "online_security",
          "online_backup",
          "device_protection",
          "tech_support",
          "streaming_tv",
          "streaming_movies");

  private static final String INSERT_CONTACT =
      """
      INSERT INTO contacts (id, account_id, name, email, role, is_primary)
      VALUES (:id, :accountId, :name, :email, :role, :primary)
      """;

  private static final String INSERT_CONSENT =
      """
      INSERT INTO contact_consents (contact_id, channel, opted_in, source, changed_at)
      VALUES (:contactId, :channel, :optedIn, :source, :changedAt)
      """;

  private static final int BATCH_SIZE = 500;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Accounts accounts;
  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batchJdbc;
  private final Clock clock;

  public TelcoBookImporter(
      Accounts accounts, JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc, Clock clock) {
    this.accounts = accounts;
    this.jdbc = jdbc;
    this.batchJdbc = batchJdbc;
    this.clock = clock;
  }

  /** Imports the book from a Spring resource (read as UTF-8). */
  @Transactional
  public ImportResult importBook(Resource resource) {
    try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
      return importBook(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Telco book " + resource.getDescription(), e);
    }
  }

  /**
   * Imports the book from a reader, which is not closed.
   *
   * @throws IllegalArgumentException if a required column is missing (the message names it) or a
   *     row holds an invalid value (the message names the row and column); nothing is imported
   */
  @Transactional
  public ImportResult importBook(Reader reader) {
    OffsetDateTime importTime = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    LocalDate importDate = importTime.toLocalDate();
    List<Row> rows = parse(reader, importTime, importDate);

    Set<String> existing =
        new HashSet<>(
            jdbc.sql("SELECT id FROM accounts WHERE id LIKE 'TELCO-%'").query(String.class).list());
    List<Row> fresh = rows.stream().filter(r -> !existing.contains(r.account().id())).toList();

    List<Account> newAccounts = new ArrayList<>(fresh.size());
    Map<String, Set<String>> products = new HashMap<>();
    List<SqlParameterSource> contacts = new ArrayList<>(fresh.size());
    List<SqlParameterSource> consents = new ArrayList<>(fresh.size() * 4);
    for (Row row : fresh) {
      Account account = row.account();
      newAccounts.add(account);
      products.put(account.id(), row.products());
      String contactId = account.id() + "-C1";
      contacts.add(
          new MapSqlParameterSource()
              .addValue("id", contactId)
              .addValue("accountId", account.id())
              .addValue("name", "Primary contact " + account.id())
              .addValue("email", account.id().toLowerCase() + "@customers.example")
              .addValue("role", "account-owner")
              .addValue("primary", true));
      boolean hasInternet = !Products.TIER_PHONE_ONLY.equals(account.planTier());
      consents.add(
          consent(
              contactId, "email", row.paperless(), "telco-import:paperless-billing", importTime));
      consents.add(consent(contactId, "in_app", hasInternet, "telco-import:app-user", importTime));
      consents.add(consent(contactId, "csm", true, "contract:csm-coverage", importTime));
      consents.add(consent(contactId, "sms", false, "telco-import:default", importTime));
    }
    accounts.insertAll(newAccounts, products);
    batch(INSERT_CONTACT, contacts);
    batch(INSERT_CONSENT, consents);
    return new ImportResult(rows.size(), fresh.size(), rows.size() - fresh.size());
  }

  private record Row(Account account, Set<String> products, boolean paperless) {}

  private static List<Row> parse(Reader reader, OffsetDateTime importTime, LocalDate importDate) {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (CSVParser parser = format.parse(reader)) {
      List<String> missing =
          REQUIRED_COLUMNS.stream().filter(c -> !parser.getHeaderNames().contains(c)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(
            "Telco book is missing required column(s): " + String.join(", ", missing));
      }
      List<Row> rows = new ArrayList<>();
      int rowNumber = 0;
      for (CSVRecord record : parser) {
        rowNumber++;
        rows.add(toRow(new Fields(record, rowNumber), rowNumber, importTime, importDate));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Telco book", e);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException("Malformed Telco book: " + e.getMessage(), e);
    }
  }

  private static Row toRow(
      Fields f, int rowNumber, OffsetDateTime importTime, LocalDate importDate) {
    String id = "TELCO-%04d".formatted(rowNumber);
    int tenure = f.integer("tenure");
    boolean phone = f.flag("phone_service");
    String internet = f.oneOf("internet_service", "DSL", "Fiber optic", "No");
    String contract = f.oneOf("contract", "Month-to-month", "One year", "Two year");
    BigDecimal monthlyCharges = f.decimal("monthly_charges");
    boolean paperless = f.flag("paperless_billing");

    Set<String> products = new LinkedHashSet<>();
    if (phone) {
      products.add(Products.PHONE);
    }
    if (f.yes("multiple_lines")) {
      products.add(Products.MULTIPLE_LINES);
    }
    switch (internet) {
      case "DSL" -> products.add(Products.INTERNET_DSL);
      case "Fiber optic" -> products.add(Products.INTERNET_FIBER);
      default -> {}
    }
    for (int i = 0; i < ADD_ON_COLUMNS.size(); i++) {
      if (f.yes(ADD_ON_COLUMNS.get(i))) {
        products.add(Products.ADD_ONS.get(i));
      }
    }
    String contractType;
    int termMonths;
    switch (contract) {
      case "One year" -> {
        products.add(Products.CONTRACT_ONE_YEAR);
        contractType = "one-year";
        termMonths = 12;
      }
      case "Two year" -> {
        products.add(Products.CONTRACT_TWO_YEAR);
        contractType = "two-year";
        termMonths = 24;
      }
      default -> {
        products.add(Products.CONTRACT_MONTHLY);
        contractType = "month-to-month";
        termMonths = 0;
      }
    }

    LocalDate renewalDate = null;
    if (termMonths > 0) {
      int monthsLeft = termMonths - (tenure % termMonths);
      renewalDate = importDate.plusMonths(monthsLeft == 0 ? termMonths : monthsLeft);
    }
    String lifecycleStage;
    if (tenure < ONBOARDING_MONTHS) {
      lifecycleStage = "onboarding";
    } else if (renewalDate != null
        && ChronoUnit.DAYS.between(importDate, renewalDate) <= PRE_RENEWAL_DAYS) {
      lifecycleStage = "pre-renewal";
    } else {
      lifecycleStage = "established";
    }

    ObjectNode attributes = JSON.createObjectNode();
    attributes.put("senior_citizen", f.flagValue("senior_citizen"));
    attributes.put("partner", f.flagValue("partner"));
    attributes.put("dependents", f.flagValue("dependents"));
    attributes.put("paperless_billing", f.flagValue("paperless_billing"));
    attributes.put("payment_method", f.get("payment_method"));
    attributes.put("total_charges", f.optionalDecimal("total_charges"));
    attributes.put("internet_service", internet);
    attributes.put("female", f.flagValue("female"));

    Account account =
        new Account(
            id,
            "Telco customer %04d".formatted(rowNumber),
            SOURCE,
            Products.planTier(products),
            contractType,
            monthlyCharges,
            internet.equals("No") ? 2 : Products.SERVICE_PRODUCTS.size(),
            Products.licencesUsed(products),
            tenure,
            renewalDate,
            lifecycleStage,
            "csm-%02d".formatted(((rowNumber - 1) % CSM_COUNT) + 1),
            TIME_ZONE,
            null,
            null,
            null,
            null,
            null,
            "Yes".equals(f.get("churn")),
            toJson(attributes),
            importTime,
            importTime);
    return new Row(account, products, paperless);
  }

  private static String toJson(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise account attributes", e);
    }
  }

  private static SqlParameterSource consent(
      String contactId, String channel, boolean optedIn, String source, OffsetDateTime at) {
    return new MapSqlParameterSource()
        .addValue("contactId", contactId)
        .addValue("channel", channel)
        .addValue("optedIn", optedIn)
        .addValue("source", source)
        .addValue("changedAt", at);
  }

  private void batch(String sql, List<SqlParameterSource> rows) {
    for (int from = 0; from < rows.size(); from += BATCH_SIZE) {
      List<SqlParameterSource> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH_SIZE));
      batchJdbc.batchUpdate(sql, chunk.toArray(SqlParameterSource[]::new));
    }
  }

  /** Typed, validated access to one CSV record; errors name the row and the column. */
  private record Fields(CSVRecord csv, int rowNumber) {

    String get(String column) {
      return csv.isSet(column) ? csv.get(column) : "";
    }

    boolean yes(String column) {
      return "Yes".equals(get(column));
    }

    int flagValue(String column) {
      return flag(column) ? 1 : 0;
    }

    boolean flag(String column) {
      return switch (get(column)) {
        case "1" -> true;
        case "0" -> false;
        default -> throw invalid(column, "expected 0 or 1");
      };
    }

    int integer(String column) {
      try {
        int value = Integer.parseInt(get(column));
        if (value < 0) {
          throw invalid(column, "must not be negative");
        }
        return value;
      } catch (NumberFormatException e) {
        throw invalid(column, "expected a whole number");
      }
    }

    BigDecimal decimal(String column) {
      try {
        return new BigDecimal(get(column)).setScale(2, RoundingMode.HALF_UP);
      } catch (NumberFormatException e) {
        throw invalid(column, "expected a number");
      }
    }

    BigDecimal optionalDecimal(String column) {
      String value = get(column);
      return value.isEmpty() || value.equalsIgnoreCase("NA") ? null : decimal(column);
    }

    String oneOf(String column, String... allowed) {
      String value = get(column);
      for (String candidate : allowed) {
        if (candidate.equals(value)) {
          return value;
        }
      }
      throw invalid(column, "expected one of " + String.join(" / ", allowed));
    }

    IllegalArgumentException invalid(String column, String expectation) {
      return new IllegalArgumentException(
          "Telco book row %d, column %s: invalid value '%s' (%s)"
              .formatted(rowNumber, column, get(column), expectation));
    }
  }
}
