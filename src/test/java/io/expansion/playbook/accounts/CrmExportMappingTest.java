package io.expansion.playbook.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.expansion.playbook.consent.Contacts;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A company's CRM export imported with {@code mappings/crm-export.yml}, and mapping errors. */
@BookImportTest
class CrmExportMappingTest {

  static final Instant NOW = BookImportTest.NOW;
  static final ClassPathResource SAMPLE = new ClassPathResource("books/crm-export-sample.csv");

  private final BookImporter importer;
  private final BookMappings mappings;
  private final BookImports imports;
  private final ImportRuns runs;
  private final BookWriter writer;
  private final Accounts accounts;
  private final Contacts contacts;
  private final JdbcClient jdbc;

  CrmExportMappingTest(
      BookImporter importer,
      BookMappings mappings,
      BookImports imports,
      ImportRuns runs,
      BookWriter writer,
      Accounts accounts,
      Contacts contacts,
      JdbcClient jdbc) {
    this.importer = importer;
    this.mappings = mappings;
    this.imports = imports;
    this.runs = runs;
    this.writer = writer;
    this.accounts = accounts;
    this.contacts = contacts;
    this.jdbc = jdbc;
  }

  @Test
  void importsTheValidRowsAndReportsTheBadOnesByLineAndColumn() {
    ImportResult result = importer.importBook(SAMPLE, mappings.named("crm-export"));

    assertThat(result.rowsRead()).isEqualTo(6);
    assertThat(result.imported()).isEqualTo(4);
    assertThat(result.rejected()).isEqualTo(2);
    assertThat(result.errors())
        .extracting(ImportError::line, ImportError::column)
        .containsExactly(tuple(5L, "Renewal Date"), tuple(6L, "Products"));
    assertThat(result.errors().get(0).reason()).contains("13/45/2025", "MM/dd/yyyy");
    assertThat(result.errors().get(1).reason()).contains("Blockchain");
    assertThat(accounts.page(null, 0, 10))
        .extracting(Account::id)
        .containsExactly("ACME-001", "GLOBEX-002", "INITECH-003", "VANDELAY-006");
    assertThat(accounts.exists("UMBRELLA-004")).isFalse();
    assertThat(contacts.primaryContact("UMBRELLA-004")).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM contacts WHERE id = 'C-4001'")).isZero();
  }

  @Test
  void mapsColumnsFormatsAndValueMaps() {
    importer.importBook(SAMPLE, mappings.named("crm-export"));

    Account acme = accounts.findById("ACME-001").orElseThrow();
    assertThat(acme.name()).isEqualTo("Acme Corp, Inc.");
    assertThat(acme.source()).isEqualTo("crm");
    assertThat(acme.planTier()).isEqualTo("enterprise");
    assertThat(acme.contractType()).isEqualTo("one-year");
    assertThat(acme.mrr()).isEqualByComparingTo("4200.00");
    assertThat(acme.seats()).isEqualTo(120);
    assertThat(acme.licencesUsed()).isEqualTo(96);
    assertThat(acme.tenureMonths()).isEqualTo(26);
    assertThat(acme.renewalDate()).isEqualTo(LocalDate.of(2025, 3, 31));
    assertThat(acme.lifecycleStage()).isEqualTo("pre-renewal");
    assertThat(acme.ownerCsm()).isEqualTo("jane.doe");
    assertThat(acme.timeZone()).isEqualTo("Europe/Berlin");
    assertThat(acme.churned()).isNull();
    assertThat(acme.attributes())
        .isEqualTo(
            "{\"industry\":\"Manufacturing\",\"region\":\"EMEA\","
                + "\"payment_method\":\"Bank transfer (automatic)\"}");
    assertThat(accounts.ownedProducts("ACME-001"))
        .containsExactly("ANALYTICS", "CORE_PLATFORM", "SSO");
    assertThat(contacts.primaryContact("ACME-001").orElseThrow().email())
        .isEqualTo("ada@acme.example");
    assertThat(contacts.consents("C-1001"))
        .containsExactly(
            entry("csm", true), entry("email", true), entry("in_app", true), entry("sms", false));

    Account globex = accounts.findById("GLOBEX-002").orElseThrow();
    assertThat(globex.contractType()).isEqualTo("month-to-month");
    assertThat(globex.renewalDate()).isNull();
    assertThat(globex.lifecycleStage()).isEqualTo("established");
    assertThat(contacts.primaryContact("GLOBEX-002").orElseThrow().role())
        .isEqualTo("account-owner");
    assertThat(contacts.consents("C-2001"))
        .containsEntry("email", false)
        .containsEntry("sms", false);

    Account initech = accounts.findById("INITECH-003").orElseThrow();
    assertThat(initech.lifecycleStage()).isEqualTo("onboarding");
    assertThat(initech.ownerCsm()).isEqualTo("unassigned");
    assertThat(initech.timeZone()).isEqualTo("UTC");
    assertThat(initech.attributes()).contains("\"payment_method\":\"Mailed check\"");
    assertThat(contacts.primaryContact("INITECH-003")).isEmpty();

    Account vandelay = accounts.findById("VANDELAY-006").orElseThrow();
    assertThat(vandelay.churned()).isFalse();
    assertThat(contacts.consents("C-6001"))
        .containsEntry("email", true)
        .containsEntry("in_app", false);
  }

  @Test
  void aRerunChangesNothing() {
    importer.importBook(SAMPLE, mappings.named("crm-export"));
    long products = count("SELECT COUNT(*) FROM account_products");
    long consents = count("SELECT COUNT(*) FROM contact_consents");

    ImportResult again = importer.importBook(SAMPLE, mappings.named("crm-export"));

    assertThat(again.unchanged()).isEqualTo(4);
    assertThat(again.rejected()).isEqualTo(2);
    assertThat(again.imported() + again.updated()).isZero();
    assertThat(accounts.count(null)).isEqualTo(4);
    assertThat(count("SELECT COUNT(*) FROM account_products")).isEqualTo(products);
    assertThat(count("SELECT COUNT(*) FROM contact_consents")).isEqualTo(consents);
  }

  @Test
  void aMappingNamingAMissingColumnFailsUpFrontAndStoresNothing() {
    String book = "Account ID,Account Name,Plan\nA-1,Alpha,Starter\n";

    assertThatThrownBy(
            () ->
                importer.importBook(
                    new StringReader(book),
                    mappings.named("crm-export"),
                    null,
                    BookImporter.Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Contract Term", "MRR (USD)", "crm-export")
        .hasMessageNotContaining("Account Name,");
    assertThat(accounts.count(null)).isZero();
  }

  @Test
  void anUploadedJsonMappingWithDefaultsWorks() {
    BookMapping mapping =
        mappings.parse(
            """
            {"name": "minimal",
             "account": {"id": {"column": "id", "required": true},
                         "mrr": {"column": "revenue", "type": "decimal"},
                         "renewalDate": {"column": "renews", "type": "date"}},
             "attributes": {"tier": {"column": "tier", "default": "none"}}}
            """,
            "minimal.json");

    ImportResult result =
        importer.importBook(
            new StringReader("id,revenue,renews,tier\nM-1,10.5,2025-02-01,\nM-2,x,,gold\n"),
            mapping,
            null,
            BookImporter.Progress.NONE);

    assertThat(result.imported()).isEqualTo(1);
    assertThat(result.errors())
        .extracting(ImportError::line, ImportError::column)
        .containsExactly(tuple(3L, "revenue"));
    Account m1 = accounts.findById("M-1").orElseThrow();
    assertThat(m1.source()).isEqualTo("minimal");
    assertThat(m1.name()).isEqualTo("M-1");
    assertThat(m1.lifecycleStage()).isEqualTo("onboarding");
    assertThat(m1.attributes()).isEqualTo("{\"tier\":\"none\"}");
  }

  @Test
  void mappingMistakesAreNamed() {
    assertThatThrownBy(() -> mappings.parse("name: x\naccount:\n  idd: {column: a}\n", "x.yml"))
        .hasMessageContaining("idd");
    assertThatThrownBy(() -> mappings.parse("name: x\naccount:\n  name: {column: a}\n", "x.yml"))
        .hasMessageContaining("account.id");
    assertThatThrownBy(
            () -> mappings.parse("name: x\naccount:\n  id: {column: a, type: money}\n", "x.yml"))
        .hasMessageContaining("money");
    assertThatThrownBy(() -> mappings.named("no-such-mapping"))
        .hasMessageContaining("Unknown mapping 'no-such-mapping'");
  }

  @Test
  void reportsProgressEveryNRows() {
    BookImporter everyTwoRows = new BookImporter(writer, Clock.fixed(NOW, ZoneOffset.UTC), 2, 2, 1);
    java.util.List<ImportResult> updates = new java.util.ArrayList<>();

    ImportResult result =
        everyTwoRows.importBook(
            new StringReader(bookOf(SAMPLE)), mappings.named("crm-export"), "run-1", updates::add);

    assertThat(updates).extracting(ImportResult::rowsRead).containsExactly(2, 4, 6, 6);
    assertThat(updates.get(1).imported() + updates.get(1).rejected()).isEqualTo(4);
    assertThat(result.rejected()).isEqualTo(2);
    assertThat(result.errors()).hasSize(1); // max-errors = 1 keeps only the first
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM account_import_rows WHERE import_id = 'run-1'")
                .query(Long.class)
                .single())
        .isEqualTo(4);
  }

  @Test
  void malformedCsvStopsTheRunAtItsLineKeepingTheRowsBefore() {
    String book = bookOf(SAMPLE).replace("Globex,", "\"Globex,");

    assertThatThrownBy(
            () ->
                importer.importBook(
                    new StringReader(book),
                    mappings.named("crm-export"),
                    null,
                    BookImporter.Progress.NONE))
        .isInstanceOfSatisfying(
            BookImporter.MalformedBookException.class,
            e -> {
              assertThat(e.partial().imported()).isEqualTo(1);
              assertThat(e.partial().errors())
                  .last()
                  .satisfies(err -> assertThat(err.reason()).contains("malformed CSV"));
            });
    assertThat(accounts.exists("ACME-001")).isTrue();
  }

  @Test
  void theCommandLineImportsWithANamedMappingOrAMappingFile() throws Exception {
    new ImportCommand(
            imports,
            mappings,
            new DefaultResourceLoader(),
            "src/test/resources/books/crm-export-sample.csv",
            "crm-export")
        .run(null);
    assertThat(accounts.count(null)).isEqualTo(4);

    new ImportCommand(
            imports,
            mappings,
            new DefaultResourceLoader(),
            "src/test/resources/books/crm-export-sample.csv",
            "src/main/resources/mappings/crm-export.yml")
        .run(null);
    assertThat(runs.latest(5))
        .extracting(ImportRun::state, ImportRun::unchanged)
        .containsExactlyInAnyOrder(tuple("SUCCEEDED", 0), tuple("SUCCEEDED", 4));

    assertThatThrownBy(
            () ->
                new ImportCommand(
                        imports, mappings, new DefaultResourceLoader(), "/no/such.csv", "telco")
                    .run(null))
        .hasMessageContaining("/no/such.csv");
  }

  private static String bookOf(ClassPathResource book) {
    try {
      return book.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
