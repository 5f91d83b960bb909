package io.expansion.playbook.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.expansion.playbook.consent.Contact;
import io.expansion.playbook.consent.Contacts;
import io.expansion.playbook.offers.Catalog;
import io.expansion.playbook.offers.CatalogOffer;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports the Telco book through the generic importer and {@code mappings/telco.yml} into an
 * in-memory H2 database migrated by Flyway. Each test runs in a transaction that is rolled back,
 * except where noted.
 */
@BookImportTest
class TelcoMappingTest {

  static final Instant NOW = BookImportTest.NOW;
  static final LocalDate TODAY = LocalDate.of(2025, 1, 15);
  static final ClassPathResource SAMPLE = new ClassPathResource("books/telco-sample.csv");
  static final int SAMPLE_ROWS = 23;

  private final BookImporter importer;
  private final BookImports imports;
  private final BookMappings mappings;
  private final ImportRuns runs;
  private final Accounts accounts;
  private final PlanChanges planChanges;
  private final Contacts contacts;
  private final Catalog catalog;
  private final JdbcClient jdbc;

  TelcoMappingTest(
      BookImporter importer,
      BookImports imports,
      BookMappings mappings,
      ImportRuns runs,
      Accounts accounts,
      PlanChanges planChanges,
      Contacts contacts,
      Catalog catalog,
      JdbcClient jdbc) {
    this.importer = importer;
    this.imports = imports;
    this.mappings = mappings;
    this.runs = runs;
    this.accounts = accounts;
    this.planChanges = planChanges;
    this.contacts = contacts;
    this.catalog = catalog;
    this.jdbc = jdbc;
  }

  @Test
  void importsEverySampleRow() {
    ImportResult result = importBook(SAMPLE);

    assertThat(result.rowsRead()).isEqualTo(SAMPLE_ROWS);
    assertThat(result.imported()).isEqualTo(SAMPLE_ROWS);
    assertThat(result.rejected()).isZero();
    assertThat(result.errors()).isEmpty();
    assertThat(accounts.count(null)).isEqualTo(SAMPLE_ROWS);
    assertThat(count("SELECT COUNT(*) FROM contacts")).isEqualTo(SAMPLE_ROWS);
    assertThat(count("SELECT COUNT(*) FROM contact_consents")).isEqualTo(4L * SAMPLE_ROWS);
    assertThat(count("SELECT COUNT(*) FROM accounts WHERE churned = TRUE")).isEqualTo(7);
    assertThat(accounts.page(null, 0, 100))
        .extracting(Account::id)
        .startsWith("TELCO-0001", "TELCO-0002")
        .endsWith("TELCO-0023");
  }

  @Test
  void mapsTheFirstRow() {
    importBook(SAMPLE);

    Account a = accounts.findById("TELCO-0001").orElseThrow();
    assertThat(a.name()).isEqualTo("Telco customer 0001");
    assertThat(a.source()).isEqualTo("telco");
    assertThat(a.planTier()).isEqualTo("dsl");
    assertThat(a.contractType()).isEqualTo("month-to-month");
    assertThat(a.mrr()).isEqualByComparingTo("29.85");
    assertThat(a.seats()).isEqualTo(8);
    assertThat(a.licencesUsed()).isEqualTo(1);
    assertThat(a.utilisation()).isEqualTo(0.125);
    assertThat(a.tenureMonths()).isEqualTo(1);
    assertThat(a.renewalDate()).isNull();
    assertThat(a.lifecycleStage()).isEqualTo("onboarding");
    assertThat(a.ownerCsm()).isEqualTo("csm-01");
    assertThat(a.timeZone()).isEqualTo("America/Los_Angeles");
    assertThat(a.segment()).isNull();
    assertThat(a.health()).isNull();
    assertThat(a.intentScore()).isNull();
    assertThat(a.churned()).isFalse();
    assertThat(a.createdAt().toInstant()).isEqualTo(NOW);
    assertThat(a.attributes())
        .isEqualTo(
            "{\"senior_citizen\":0,\"partner\":1,\"dependents\":0,\"paperless_billing\":1,"
                + "\"payment_method\":\"Electronic check\",\"total_charges\":29.85,"
                + "\"internet_service\":\"DSL\",\"female\":1}");
    assertThat(accounts.ownedProducts("TELCO-0001"))
        .containsExactly("CONTRACT_MONTHLY", "INTERNET_DSL", "ONLINE_BACKUP");
    assertThat(
            jdbc.sql("SELECT since FROM account_products WHERE account_id = 'TELCO-0001'")
                .query(OffsetDateTime.class)
                .list())
        .allSatisfy(since -> assertThat(since.toLocalDate()).isEqualTo(TODAY.minusMonths(1)));

    Contact contact = contacts.primaryContact("TELCO-0001").orElseThrow();
    assertThat(contact)
        .isEqualTo(
            new Contact(
                "TELCO-0001-C1",
                "TELCO-0001",
                "Primary contact TELCO-0001",
                "telco-0001@customers.example",
                "account-owner",
                true));
    assertThat(contacts.consents("TELCO-0001-C1"))
        .containsExactly(
            entry("csm", true), entry("email", true), entry("in_app", true), entry("sms", false));
    assertThat(
            jdbc.sql(
                    "SELECT source FROM contact_consents WHERE contact_id = 'TELCO-0001-C1'"
                        + " ORDER BY channel")
                .query(String.class)
                .list())
        .containsExactly(
            "contract:csm-coverage",
            "telco-import:paperless-billing",
            "telco-import:app-user",
            "telco-import:default");
  }

  @Test
  void computesRenewalAndLifecycleFromTheClock() {
    importBook(SAMPLE);

    // One year, tenure 34: 34 mod 12 = 10, so 2 months left -> within 90 days.
    assertRenewal("TELCO-0002", "one-year", TODAY.plusMonths(2), "pre-renewal");
    // One year, tenure 45: 3 months left = exactly 90 days (inclusive).
    assertRenewal("TELCO-0004", "one-year", LocalDate.of(2025, 4, 15), "pre-renewal");
    // Two year, tenure 16: 8 months left.
    assertRenewal("TELCO-0012", "two-year", TODAY.plusMonths(8), "established");
    // Two year, tenure 0: a full term left, but a brand-new customer is onboarding.
    assertRenewal("TELCO-0022", "two-year", TODAY.plusMonths(24), "onboarding");
    // Month-to-month, tenure 13: no renewal date.
    assertRenewal("TELCO-0011", "month-to-month", null, "established");
    // Tenure 2 is still onboarding.
    assertRenewal("TELCO-0003", "month-to-month", null, "onboarding");

    assertThat(accounts.findById("TELCO-0009").orElseThrow().ownerCsm()).isEqualTo("csm-01");
    assertThat(accounts.findById("TELCO-0008").orElseThrow().ownerCsm()).isEqualTo("csm-08");
  }

  @Test
  void mapsCustomersWithoutInternetAndWithoutTotalCharges() {
    importBook(SAMPLE);

    Account phoneOnly = accounts.findById("TELCO-0023").orElseThrow();
    assertThat(phoneOnly.planTier()).isEqualTo("phone-only");
    assertThat(phoneOnly.seats()).isEqualTo(2);
    assertThat(phoneOnly.licencesUsed()).isEqualTo(1);
    assertThat(phoneOnly.attributes())
        .contains("\"total_charges\":null", "\"internet_service\":\"No\"");
    assertThat(accounts.ownedProducts("TELCO-0023")).containsExactly("CONTRACT_TWO_YEAR", "PHONE");
    assertThat(contacts.consents("TELCO-0023-C1"))
        .containsEntry("in_app", false)
        .containsEntry("email", false)
        .containsEntry("csm", true);

    Account allIn = accounts.findById("TELCO-0016").orElseThrow();
    assertThat(allIn.planTier()).isEqualTo("fiber");
    assertThat(allIn.licencesUsed()).isEqualTo(8);
    assertThat(allIn.utilisation()).isEqualTo(1.0);

    Account churned = accounts.findById("TELCO-0021").orElseThrow();
    assertThat(churned.churned()).isTrue();
  }

  @Test
  void secondImportAddsNothing() {
    importBook(SAMPLE);
    long products = count("SELECT COUNT(*) FROM account_products");

    accounts.updateSegment("TELCO-0002", "high-potential");
    ImportResult again = importBook(SAMPLE);

    assertThat(again.rowsRead()).isEqualTo(SAMPLE_ROWS);
    assertThat(again.unchanged()).isEqualTo(SAMPLE_ROWS);
    assertThat(again.imported() + again.updated() + again.rejected()).isZero();
    assertThat(accounts.findById("TELCO-0002").orElseThrow().segment()).isEqualTo("high-potential");
    assertThat(accounts.count(null)).isEqualTo(SAMPLE_ROWS);
    assertThat(count("SELECT COUNT(*) FROM account_products")).isEqualTo(products);
    assertThat(count("SELECT COUNT(*) FROM contacts")).isEqualTo(SAMPLE_ROWS);
    assertThat(count("SELECT COUNT(*) FROM contact_consents")).isEqualTo(4L * SAMPLE_ROWS);
  }

  @Test
  void rejectsABookWithAMissingColumnAndImportsNothing() {
    assertThatThrownBy(() -> importBook(new ClassPathResource("books/telco-missing-column.csv")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("monthly_charges")
        .hasMessageContaining("telco")
        .hasMessageNotContaining("total_charges");

    assertThat(accounts.count(null)).isZero();
    assertThat(count("SELECT COUNT(*) FROM contacts")).isZero();
  }

  @Test
  void reportsBadRowsWithLineAndColumnWhileValidRowsImport() {
    String header = firstLineOf(SAMPLE);
    String book =
        header
            + "\n"
            + """
              "No",1,0,1,0,1,0,"No","DSL","No","Yes","No","No","No","No","Month-to-month",1,"Check",29.85,29.85
              "No",1,0,1,0,1,0,"No","Cable","No","Yes","No","No","No","No","Month-to-month",1,"Check",1,1
              "No",1,0,1,0,-4,0,"No","DSL","No","Yes","No","No","No","No","Month-to-month",1,"Check",1,1
              "No",1,0,1,0,5,0,"No","DSL","No","Yes","No","No","No","No","Month-to-month",1,"Check",1,1
              "No",1,0,1,0,5,0,"No","DSL","No","Yes","No","No","No","No","Fortnightly",1,"Check",1,1
              """;

    ImportResult result =
        importer.importBook(new StringReader(book), telco(), null, BookImporter.Progress.NONE);

    assertThat(result.rowsRead()).isEqualTo(5);
    assertThat(result.imported()).isEqualTo(2);
    assertThat(result.rejected()).isEqualTo(3);
    assertThat(result.errors())
        .extracting(ImportError::line, ImportError::column)
        .containsExactly(tuple(3L, "internet_service"), tuple(4L, "tenure"), tuple(6L, "contract"));
    assertThat(result.errors().get(0).reason()).contains("Cable", "DSL, Fiber optic, No");
    assertThat(result.errors().get(1).reason()).contains("-4", "at least 0");
    assertThat(accounts.page(null, 0, 10))
        .extracting(Account::id)
        .containsExactly("TELCO-0001", "TELCO-0004");
    assertThat(accounts.ownedProducts("TELCO-0002")).isEmpty();
    assertThat(contacts.primaryContact("TELCO-0003")).isEmpty();
  }

  @Test
  void updatesOnlyTheRowsThatChangedOnARerun() {
    importBook(SAMPLE);
    accounts.updateScores("TELCO-0001", 80, 70, 60, 50, "onboarding");
    String changed =
        bookOf(SAMPLE)
            .replace(
                "\"Month-to-month\",1,\"Electronic check\",29.85,29.85",
                "\"One year\",1,\"Electronic check\",39.85,29.85");

    ImportResult again =
        importer.importBook(new StringReader(changed), telco(), null, BookImporter.Progress.NONE);

    assertThat(again.updated()).isEqualTo(1);
    assertThat(again.unchanged()).isEqualTo(SAMPLE_ROWS - 1);
    assertThat(again.imported()).isZero();
    Account updated = accounts.findById("TELCO-0001").orElseThrow();
    assertThat(updated.mrr()).isEqualByComparingTo("39.85");
    assertThat(updated.contractType()).isEqualTo("one-year");
    assertThat(updated.health()).isEqualTo(80);
    assertThat(accounts.ownedProducts("TELCO-0001"))
        .containsExactly("CONTRACT_ONE_YEAR", "INTERNET_DSL", "ONLINE_BACKUP");
    assertThat(count("SELECT COUNT(*) FROM contacts")).isEqualTo(SAMPLE_ROWS);
    assertThat(count("SELECT COUNT(*) FROM contact_consents")).isEqualTo(4L * SAMPLE_ROWS);
  }

  /** Not transactional: each row's own transaction must roll back a failure mid-write. */
  @Test
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  void aRowTheDatabaseRefusesIsRejectedWholeAndTheOthersImport() {
    try {
      jdbc.sql(
              """
              INSERT INTO accounts (id, name, source, plan_tier, contract_type, mrr, seats,
                licences_used, tenure_months, lifecycle_stage, owner_csm, created_at, updated_at)
              VALUES ('OTHER-1', 'Other', 'manual', 'dsl', 'month-to-month', 1, 1, 1, 1,
                'established', 'csm-01', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
              """)
          .update();
      // Occupies the contact id the importer will want for row 3 (line 4).
      jdbc.sql(
              """
              INSERT INTO contacts (id, account_id, name, role, is_primary)
              VALUES ('TELCO-0003-C1', 'OTHER-1', 'Squatter', 'other', FALSE)
              """)
          .update();

      ImportResult result = importBook(SAMPLE);

      assertThat(result.imported()).isEqualTo(SAMPLE_ROWS - 1);
      assertThat(result.rejected()).isEqualTo(1);
      assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(4));
      assertThat(accounts.exists("TELCO-0003")).isFalse();
      assertThat(accounts.ownedProducts("TELCO-0003")).isEmpty();
      assertThat(count("SELECT COUNT(*) FROM contacts")).isEqualTo(SAMPLE_ROWS);
      assertThat(count("SELECT COUNT(*) FROM account_import_rows")).isEqualTo(SAMPLE_ROWS - 1);
    } finally {
      jdbc.sql("DELETE FROM contact_consents").update();
      jdbc.sql("DELETE FROM contacts").update();
      jdbc.sql("DELETE FROM account_products").update();
      jdbc.sql("DELETE FROM account_import_rows").update();
      jdbc.sql("DELETE FROM accounts").update();
    }
  }

  @Test
  void importsTheFullDemoBook() {
    ImportResult result = importBook(new ClassPathResource("demo/telco-customers.csv"));

    assertThat(result.rowsRead()).isEqualTo(7043);
    assertThat(result.imported()).isEqualTo(7043);
    assertThat(result.rejected()).isZero();
    assertThat(accounts.count(null)).isEqualTo(7043);
    assertThat(count("SELECT COUNT(*) FROM accounts WHERE churned = TRUE")).isEqualTo(1869);
    assertThat(count("SELECT COUNT(*) FROM contacts")).isEqualTo(7043);
    assertThat(count("SELECT COUNT(*) FROM contact_consents")).isEqualTo(4L * 7043);
    assertThat(accounts.findById("TELCO-7043").orElseThrow().mrr()).isEqualByComparingTo("105.65");
    assertThat(
            count("SELECT COUNT(*) FROM accounts WHERE owner_csm NOT LIKE 'csm-0_' OR seats < 2"))
        .isZero();
    assertThat(count("SELECT COUNT(*) FROM accounts WHERE attributes LIKE '%payment_method%'"))
        .isEqualTo(7043);
  }

  @Test
  void demoLoaderImportsThroughTheTelcoMappingAndRecordsTheRun() throws Exception {
    demoLoader("classpath:books/telco-sample.csv").run(new DefaultApplicationArguments());
    assertThat(accounts.count(null)).isEqualTo(SAMPLE_ROWS);

    String file = "file:" + Path.of("src/test/resources/books/telco-sample.csv").toAbsolutePath();
    demoLoader(file).run(new DefaultApplicationArguments());
    assertThat(accounts.count(null)).isEqualTo(SAMPLE_ROWS);
    assertThat(runs.latest(5))
        .hasSize(2)
        .allSatisfy(
            run -> {
              assertThat(run.state()).isEqualTo(ImportRun.SUCCEEDED);
              assertThat(run.mapping()).isEqualTo("telco");
              assertThat(run.rowsRead()).isEqualTo(SAMPLE_ROWS);
              assertThat(run.finishedAt()).isNotNull();
            })
        .extracting(ImportRun::unchanged)
        .containsExactlyInAnyOrder(0, SAMPLE_ROWS);

    assertThatThrownBy(() -> demoLoader("file:/no/such/book.csv").run(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/no/such/book.csv");
  }

  @Test
  void appliesPlanChangesFromTheCatalog() {
    importBook(SAMPLE);
    String id = "TELCO-0001"; // DSL, ONLINE_BACKUP, month-to-month, 29.85

    CatalogOffer fiber = catalog.find("UPGRADE_FIBER").orElseThrow();
    planChanges.apply(
        id, fiber.grantsProducts(), fiber.removesProducts(), null, new BigDecimal("25.00"));
    Account upgraded = accounts.findById(id).orElseThrow();
    assertThat(upgraded.planTier()).isEqualTo("fiber");
    assertThat(upgraded.contractType()).isEqualTo("month-to-month");
    assertThat(upgraded.mrr()).isEqualByComparingTo("54.85");
    assertThat(upgraded.licencesUsed()).isEqualTo(1);
    assertThat(accounts.ownedProducts(id))
        .containsExactly("CONTRACT_MONTHLY", "INTERNET_FIBER", "ONLINE_BACKUP");

    CatalogOffer bundle = catalog.find("BUNDLE_PROTECTION").orElseThrow();
    planChanges.apply(
        id, bundle.grantsProducts(), bundle.removesProducts(), null, new BigDecimal("13.50"));
    assertThat(accounts.findById(id).orElseThrow().licencesUsed()).isEqualTo(4);

    CatalogOffer contract = catalog.find("CONTRACT_ONE_YEAR").orElseThrow();
    planChanges.apply(
        id,
        contract.grantsProducts(),
        contract.removesProducts(),
        contract.newContractType(),
        BigDecimal.ZERO);
    Account committed = accounts.findById(id).orElseThrow();
    assertThat(committed.contractType()).isEqualTo("one-year");
    assertThat(committed.mrr()).isEqualByComparingTo("68.35");
    assertThat(committed.updatedAt().toInstant()).isEqualTo(NOW);
    assertThat(accounts.ownedProducts(id))
        .containsExactly(
            "CONTRACT_ONE_YEAR",
            "DEVICE_PROTECTION",
            "INTERNET_FIBER",
            "ONLINE_BACKUP",
            "ONLINE_SECURITY",
            "TECH_SUPPORT");

    assertThatThrownBy(() -> planChanges.apply("NOPE", Set.of(), Set.of(), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NOPE");
  }

  @Test
  void pagesAndUpdatesAccounts() {
    importBook(SAMPLE);

    accounts.updateSegment("TELCO-0002", "high-potential");
    accounts.updateSegment("TELCO-0005", "high-potential");
    accounts.updateScores("TELCO-0002", 80, 70, 60, 50, "pre-renewal");

    assertThat(accounts.count("high-potential")).isEqualTo(2);
    assertThat(accounts.page("high-potential", 0, 1))
        .extracting(Account::id)
        .containsExactly("TELCO-0002");
    assertThat(accounts.page("high-potential", 1, 1))
        .extracting(Account::id)
        .containsExactly("TELCO-0005");
    assertThat(accounts.page(null, 2, 10))
        .extracting(Account::id)
        .containsExactly("TELCO-0021", "TELCO-0022", "TELCO-0023");
    Account scored = accounts.findById("TELCO-0002").orElseThrow();
    assertThat(
            List.of(
                scored.health(), scored.valueScore(), scored.usageScore(), scored.intentScore()))
        .containsExactly(80, 70, 60, 50);
    assertThat(accounts.exists("TELCO-0002")).isTrue();
    assertThat(accounts.exists("TELCO-9999")).isFalse();
    assertThat(accounts.findById("TELCO-9999")).isEmpty();
    assertThatThrownBy(() -> accounts.updateSegment("TELCO-9999", "low-fit"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void seedsTheCatalogAndComputesMinimumPrices() {
    assertThat(catalog.active()).hasSize(12);
    assertThat(count("SELECT COUNT(*) FROM guardrail_policies WHERE active = TRUE")).isEqualTo(1);

    assertThat(minimumPrice("ADDON_ONLINE_SECURITY")).isEqualTo("2.00"); // 1.20 / 0.60
    assertThat(minimumPrice("ADDON_TECH_SUPPORT")).isEqualTo("4.00"); // 2.40 / 0.60
    assertThat(minimumPrice("ADDON_STREAMING_TV")).isEqualTo("7.69"); // 5.00 / 0.65 = 7.692
    assertThat(minimumPrice("BUNDLE_PROTECTION")).isEqualTo("11.09"); // 6.10 / 0.55 = 11.0909
    assertThat(minimumPrice("CONTRACT_TWO_YEAR")).isEqualTo("0.00");
    CatalogOffer halfUp =
        new CatalogOffer(
            "X",
            "X",
            "addon",
            new BigDecimal("9.00"),
            new BigDecimal("1.00"),
            new BigDecimal("0.4"),
            new BigDecimal("0.3"),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            null,
            "x",
            true);
    assertThat(halfUp.minimumPrice()).isEqualByComparingTo("1.67"); // 1.6667

    CatalogOffer twoYear = catalog.find("CONTRACT_TWO_YEAR").orElseThrow();
    assertThat(twoYear.requiresProducts()).containsExactly("CONTRACT_MONTHLY", "CONTRACT_ONE_YEAR");
    assertThat(twoYear.newContractType()).isEqualTo("two-year");
    assertThat(twoYear.targets("high-potential")).isTrue();
    assertThat(twoYear.targets("at-risk")).isFalse();
    assertThat(twoYear.eligibleFor(Set.of("PHONE", "CONTRACT_ONE_YEAR"))).isTrue();
    assertThat(twoYear.eligibleFor(Set.of("PHONE", "CONTRACT_TWO_YEAR"))).isFalse();
    assertThat(twoYear.eligibleFor(Set.of("PHONE"))).isFalse();
    assertThat(catalog.find("UNKNOWN")).isEmpty();
  }

  private BookMapping telco() {
    return mappings.named("telco");
  }

  private ImportResult importBook(ClassPathResource book) {
    return importer.importBook(book, telco());
  }

  private DemoBookLoader demoLoader(String path) {
    return new DemoBookLoader(imports, mappings, new DefaultResourceLoader(), path, "telco");
  }

  private static String bookOf(ClassPathResource book) {
    try {
      return book.getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLineOf(ClassPathResource book) {
    return bookOf(book).lines().findFirst().orElseThrow();
  }

  private String minimumPrice(String code) {
    return catalog.find(code).orElseThrow().minimumPrice().toPlainString();
  }

  private void assertRenewal(String id, String contract, LocalDate renewal, String stage) {
    Account a = accounts.findById(id).orElseThrow();
    assertThat(a.contractType()).as(id).isEqualTo(contract);
    assertThat(a.renewalDate()).as(id).isEqualTo(renewal);
    assertThat(a.lifecycleStage()).as(id).isEqualTo(stage);
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
