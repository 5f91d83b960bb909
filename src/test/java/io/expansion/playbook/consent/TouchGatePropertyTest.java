package io.expansion.playbook.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.consent.ContactPolicySettings.Cap;
import io.expansion.playbook.consent.TouchGate.SendCommand;
import io.expansion.playbook.consent.Touches.Touch;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.experiments.ExperimentProperties;
import io.expansion.playbook.experiments.ExperimentProperties.GlobalHoldoutSettings;
import io.expansion.playbook.experiments.GlobalHoldout;
import io.expansion.playbook.offers.GuardrailPolicy;
import io.expansion.playbook.offers.Guardrails;
import io.expansion.playbook.offers.Offers;
import io.expansion.playbook.signals.Signals;
import io.expansion.playbook.support.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The real send path ({@link TouchGate} with its SQL, on H2 migrated by Flyway) under random
 * policies, consents and sequences of touches, consent changes (through the registry),
 * support-case, invoice and decline records, with a clock that moves between steps. Checked against
 * what is stored: no touch without consent, no cap exceeded (configured caps and the guardrail
 * cap), no delivery in quiet hours, none while suppressed, and every attempt either stored once or
 * blocked with a decision row.
 */
class TouchGatePropertyTest {

  /** A clock the property moves forward. */
  static final class MovingClock extends Clock {
    private volatile Instant now = Instant.parse("2026-02-02T06:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  private static final DataSource DATA_SOURCE =
      new DriverManagerDataSource("jdbc:h2:mem:touch-gate-properties;DB_CLOSE_DELAY=-1", "sa", "");
  private static final JdbcClient JDBC = JdbcClient.create(DATA_SOURCE);
  private static final MovingClock CLOCK = new MovingClock();
  private static final TransactionTemplate TX =
      new TransactionTemplate(new DataSourceTransactionManager(DATA_SOURCE));
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final Accounts ACCOUNTS =
      new Accounts(JDBC, new NamedParameterJdbcTemplate(DATA_SOURCE), CLOCK);
  private static final Fixtures FIXTURES = new Fixtures(ACCOUNTS, JDBC);
  private static final DecisionLog DECISIONS = new DecisionLog(JDBC, JSON, CLOCK);
  private static final ConsentRegistry REGISTRY =
      new ConsentRegistry(new ConsentRecords(JDBC), DECISIONS, TX, CLOCK);

  static {
    Flyway.configure().dataSource(DATA_SOURCE).load().migrate();
  }

  sealed interface Event
      permits Attempt, ConsentChange, CaseOpened, CaseClosed, Overdue, Declined {}

  record Attempt(String play, String purpose, List<String> channels, String offerCode)
      implements Event {}

  record ConsentChange(String channel, boolean optedIn) implements Event {}

  record CaseOpened(String caseId, String priority) implements Event {}

  record CaseClosed(String caseId) implements Event {}

  record Overdue(String invoiceId) implements Event {}

  record Declined(String offerCode) implements Event {}

  record Step(int gapMinutes, Event event) {}

  @Property(tries = 60)
  void storedTouchesRespectThePolicy(
      @ForAll("settings") ContactPolicySettings settings,
      @ForAll("zones") String zone,
      @ForAll("consents") Map<String, Boolean> initialConsents,
      @ForAll("histories") List<Step> history) {
    TouchGate gate = gate(settings);
    String account = FIXTURES.healthyAccount(initialConsents);
    String contact = account + "-C1";
    JDBC.sql("UPDATE accounts SET time_zone = ? WHERE id = ?").params(zone, account).update();
    Map<String, Boolean> consents = new HashMap<>(initialConsents);
    List<String> keys = new ArrayList<>();
    Map<String, Boolean> openP1 = new HashMap<>();
    List<OffsetDateTime> invoices = new ArrayList<>();
    int n = 0;
    for (Step step : history) {
      CLOCK.advance(Duration.ofMinutes(step.gapMinutes()));
      OffsetDateTime now = OffsetDateTime.now(CLOCK);
      switch (step.event()) {
        case ConsentChange c -> {
          REGISTRY.change(
              contact, new ConsentRegistry.ChangeRequest(c.channel(), c.optedIn(), "test", null));
          consents.put(c.channel(), c.optedIn());
        }
        case CaseOpened o -> {
          signal(
              account,
              "support_case_opened",
              now,
              Map.of("caseId", o.caseId(), "priority", o.priority()));
          if (o.priority().equals("P1")) {
            openP1.put(o.caseId(), true);
          }
        }
        case CaseClosed c -> {
          signal(account, "support_case_closed", now, Map.of("caseId", c.caseId()));
          openP1.remove(c.caseId());
        }
        case Overdue o -> {
          signal(
              account,
              "invoice_overdue",
              now,
              Map.of("invoiceId", o.invoiceId(), "amount", 50, "daysOverdue", 9));
          invoices.add(now);
        }
        case Declined d ->
            JDBC.sql(
                    "INSERT INTO offers (business_key, account_id, journey_id, offer_code, channel,"
                        + " status, expected_value, created_at, updated_at)"
                        + " VALUES (?, ?, 'J', ?, 'email', 'DECLINED', 10, ?, ?)")
                .params(account + ":decline:" + n, account, d.offerCode(), now, now)
                .update();
        case Attempt a -> {
          String key = a.play() + ":" + account + ":" + n;
          keys.add(key);
          TouchGate.Sent sent =
              gate.send(
                  new SendCommand(
                      key,
                      account,
                      a.play() + "-" + account,
                      a.play(),
                      new TouchIntent(a.purpose(), a.channels(), a.offerCode(), false),
                      null,
                      "s",
                      "b"));
          boolean suppressed =
              settings.suppression().purposes().contains(a.purpose())
                  && (!openP1.isEmpty()
                      || invoices.stream()
                          .anyMatch(
                              i ->
                                  !i.isBefore(
                                      now.minus(settings.suppression().overdueInvoiceWindow()))));
          if (!sent.blocked()) {
            assertThat(consents.get(sent.touch().channel()))
                .as("touch via %s without consent", sent.touch().channel())
                .isTrue();
            assertThat(suppressed).as("touch while suppressed").isFalse();
          }
        }
      }
      n++;
    }

    List<Touch> stored = ACCOUNTS_TOUCHES.forAccount(account);
    ZoneId zoneId = ZoneId.of(zone);
    for (Touch t : stored) {
      OffsetDateTime deliverAt = t.deliverAfter() == null ? t.occurredAt() : t.deliverAfter();
      assertThat(ContactPolicyPropertyTest.quiet(settings.quietHours(), deliverAt, zoneId))
          .as("delivered in quiet hours at %s", deliverAt.atZoneSameInstant(zoneId))
          .isFalse();
    }
    GuardrailPolicy g = new Guardrails(JDBC).active();
    assertCaps(
        settings.withCap(
            "guardrail",
            new Cap(
                List.of("marketing", "offer"),
                g.maxTouches(),
                g.maxTouches(),
                Duration.ofDays(g.touchWindowDays()))),
        stored);
    for (String key : keys) {
      boolean made = ACCOUNTS_TOUCHES.byBusinessKey(key).isPresent();
      boolean blocked = DECISIONS.exists(key + ":blocked");
      assertThat(made ^ blocked).as("attempt %s made xor blocked with a decision", key).isTrue();
    }
  }

  private static final Touches ACCOUNTS_TOUCHES = new Touches(JDBC);

  private static void assertCaps(ContactPolicySettings settings, List<Touch> stored) {
    CapAssertions.assertWithinCaps(settings, stored);
  }

  private static void signal(
      String account, String type, OffsetDateTime at, Map<String, Object> attributes) {
    try {
      JDBC.sql(
              "INSERT INTO signals (account_id, type, occurred_at, received_at, attributes,"
                  + " routing) VALUES (?, ?, ?, ?, ?, 'RECORDED')")
          .params(account, type, at, at, JSON.writeValueAsString(attributes))
          .update();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TouchGate gate(ContactPolicySettings settings) {
    Contacts contacts = new Contacts(JDBC);
    Touches touches = new Touches(JDBC);
    Guardrails guardrails = new Guardrails(JDBC);
    ContactFactsReader reader =
        new ContactFactsReader(
            ACCOUNTS, contacts, touches, new Offers(JDBC), guardrails, new Signals(JDBC, JSON));
    return new TouchGate(
        settings,
        guardrails,
        reader,
        touches,
        contacts,
        DECISIONS,
        JDBC,
        TX,
        CLOCK,
        new GlobalHoldout(
            new ExperimentProperties(new GlobalHoldoutSettings(0, "global-holdout"), 2000),
            JDBC,
            DECISIONS,
            CLOCK));
  }

  @Provide
  Arbitrary<String> zones() {
    return Arbitraries.of(ContactPolicyPropertyTest.ZONES);
  }

  @Provide
  Arbitrary<Map<String, Boolean>> consents() {
    return new ContactPolicyPropertyTest().consents();
  }

  @Provide
  Arbitrary<ContactPolicySettings> settings() {
    return new ContactPolicyPropertyTest().settings();
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Event> attempt =
        Combinators.combine(
                Arbitraries.of("expansion", "onboarding", "renewal", "win-back"),
                Arbitraries.of(ContactPolicy.PURPOSES),
                Arbitraries.of(ContactPolicy.CHANNELS)
                    .list()
                    .uniqueElements()
                    .ofMinSize(1)
                    .ofMaxSize(4),
                Arbitraries.of("UPGRADE_FIBER", "BUNDLE_STREAMING").injectNull(0.5))
            .as(Attempt::new);
    Arbitrary<Event> consent =
        Combinators.combine(Arbitraries.of(ContactPolicy.CHANNELS), Arbitraries.of(true, false))
            .as(ConsentChange::new);
    Arbitrary<Event> other =
        Arbitraries.oneOf(
            Combinators.combine(Arbitraries.of("1", "2"), Arbitraries.of("P1", "P3"))
                .as(CaseOpened::new),
            Arbitraries.of("1", "2").map(CaseClosed::new),
            Arbitraries.of("INV-1").map(Overdue::new),
            Arbitraries.of("UPGRADE_FIBER", "BUNDLE_STREAMING").map(Declined::new));
    Arbitrary<Event> event =
        Arbitraries.frequencyOf(Tuple.of(6, attempt), Tuple.of(2, consent), Tuple.of(1, other));
    Arbitrary<Integer> gap =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0, 90)),
            Tuple.of(2, Arbitraries.integers().between(60, 24 * 60)),
            Tuple.of(1, Arbitraries.integers().between(24 * 60, 5 * 24 * 60)));
    return Combinators.combine(gap, event).as(Step::new).list().ofMinSize(1).ofMaxSize(40);
  }
}
