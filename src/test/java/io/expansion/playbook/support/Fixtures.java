package io.expansion.playbook.support;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.accounts.Products;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Test accounts with exactly the traits a scenario needs. */
public class Fixtures {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Accounts accounts;
  private final JdbcClient jdbc;

  public Fixtures(Accounts accounts, JdbcClient jdbc) {
    this.accounts = accounts;
    this.jdbc = jdbc;
  }

  /** Two-year contract, long tenure, protected: healthy and valuable (high-potential on intent). */
  public String healthyAccount(Map<String, Boolean> consents) {
    return account(
        "two-year",
        new BigDecimal("90.00"),
        36,
        "Bank transfer (automatic)",
        List.of("PHONE", "INTERNET_DSL", "TECH_SUPPORT", "ONLINE_SECURITY", "CONTRACT_TWO_YEAR"),
        consents);
  }

  /** Month-to-month fibre, one month old, electronic check: at-risk. */
  public String atRiskAccount() {
    return account(
        "month-to-month",
        new BigDecimal("85.00"),
        1,
        "Electronic check",
        List.of("PHONE", "INTERNET_FIBER", "CONTRACT_MONTHLY"),
        allChannels(true));
  }

  /** An account record as imported, before any scoring or segmentation. */
  public static Account unscoredAccount(
      String id,
      String planTier,
      String contract,
      BigDecimal mrr,
      int licencesUsed,
      int tenure,
      LocalDate renewal,
      String attributes,
      OffsetDateTime at) {
    return new Account(
        id,
        "Test account " + id,
        "test",
        planTier,
        contract,
        mrr,
        8,
        licencesUsed,
        tenure,
        renewal,
        tenure < 3 ? "onboarding" : "established",
        "csm-01",
        "UTC",
        null,
        null,
        null,
        null,
        null,
        false,
        attributes,
        at,
        at);
  }

  /**
   * Moves the account into a time zone where it is about noon at {@code now}, so its touches are
   * not deferred by quiet hours whenever the test runs.
   */
  public void inDaytime(String accountId, Instant now) {
    atLocalHour(accountId, now, 12);
  }

  /**
   * Moves the account into a time zone where it is about {@code hour} o'clock at {@code now} (0:
   * midnight, inside quiet hours, so its touches are deferred and stay pending).
   */
  public void atLocalHour(String accountId, Instant now, int hour) {
    int offset = hour - now.atOffset(ZoneOffset.UTC).getHour();
    offset = offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset;
    jdbc.sql("UPDATE accounts SET time_zone = ? WHERE id = ?")
        .params(ZoneOffset.ofHours(offset).getId(), accountId)
        .update();
  }

  public static Map<String, Boolean> allChannels(boolean optedIn) {
    return Map.of("email", optedIn, "in_app", optedIn, "csm", optedIn, "sms", false);
  }

  public String account(
      String contract,
      BigDecimal mrr,
      int tenure,
      String paymentMethod,
      List<String> products,
      Map<String, Boolean> consents) {
    String id = "TEST-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    accounts.insert(
        unscoredAccount(
            id,
            Products.planTier(products),
            contract,
            mrr,
            Products.licencesUsed(products),
            tenure,
            null,
            "{\"payment_method\":\"" + paymentMethod + "\"}",
            now),
        products);
    String contact = id + "-C1";
    jdbc.sql(
            "INSERT INTO contacts (id, account_id, name, email, role, is_primary) VALUES (?, ?, ?,"
                + " ?, 'account-owner', TRUE)")
        .params(contact, id, "Contact " + id, id.toLowerCase() + "@example.test")
        .update();
    consents.forEach(
        (channel, optedIn) ->
            jdbc.sql(
                    "INSERT INTO contact_consents (contact_id, channel, opted_in, source,"
                        + " changed_at) VALUES (?, ?, ?, 'test', ?)")
                .params(contact, channel, optedIn, now)
                .update());
    return id;
  }
}
