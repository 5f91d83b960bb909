package io.expansion.playbook.plays;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.journeys.Journey;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.journeys.Journeys;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Plans the renewal play of each account whose renewal comes within the horizon: once per renewal
 * date, with its checkpoints 90, 60 and 30 days before renewal at the review hour in the account's
 * time zone. A changed renewal date replaces the running play.
 */
@Component
@Order(30)
public class RenewalPlanner implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(RenewalPlanner.class);
  private static final int[] CHECKPOINT_DAYS = {90, 60, 30};

  private final Accounts accounts;
  private final Journeys journeys;
  private final JourneyService journeyService;
  private final PlayStarter starter;
  private final PlayProperties properties;
  private final Clock clock;

  RenewalPlanner(
      Accounts accounts,
      Journeys journeys,
      JourneyService journeyService,
      PlayStarter starter,
      PlayProperties properties,
      Clock clock) {
    this.accounts = accounts;
    this.journeys = journeys;
    this.journeyService = journeyService;
    this.starter = starter;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * At start-up, after the demo book (order 10) and a command-line import (order 20) are loaded.
   */
  @Override
  public void run(ApplicationArguments args) {
    if (properties.renewal().planOnStartup()) {
      planDue();
    }
  }

  /** Starts the renewal plays that are due and not planned yet; returns how many started. */
  @Scheduled(cron = "${expansion.plays.renewal.plan-cron:0 15 6 * * *}")
  public int planDue() {
    LocalDate today = LocalDate.now(clock);
    int started = 0;
    int failed = 0;
    for (String accountId :
        accounts.idsRenewingBetween(
            today.plusDays(1),
            today.plusDays(properties.renewal().horizonDays()),
            properties.renewal().batchSize())) {
      Account account = accounts.findById(accountId).orElseThrow();
      try {
        if (plannedFor(accountId, account.renewalDate()).isEmpty()
            && start(account, account.renewalDate(), "renewal-" + account.renewalDate())) {
          started++;
        }
      } catch (RuntimeException e) {
        // one play the engine did not start (e.g. a timed-out request) must not stop the others
        // or the app; its journey row is removed, so the next planning run starts it
        failed++;
        LOG.warn("Could not start the renewal play of {}: {}", accountId, e.toString());
      }
    }
    if (started > 0 || failed > 0) {
      LOG.info(
          "Planned {} renewal plays for renewals within {} days ({} failed, retried next run)",
          started,
          horizon(),
          failed);
    }
    return started;
  }

  /** The renewal date changed: the running renewal play is replaced by one for the new date. */
  public void replan(String accountId, LocalDate renewalDate, String triggerKey) {
    Account account = accounts.findById(accountId).orElseThrow();
    Optional<Journey> running = journeys.active(accountId, Play.RENEWAL.processId());
    if (running.isPresent()) {
      if (renewalDateOf(running.get()).filter(renewalDate.toString()::equals).isPresent()) {
        return;
      }
      journeyService.cancel(running.get(), "Renewal date changed to " + renewalDate);
    }
    LocalDate today = LocalDate.now(clock);
    if (renewalDate.isAfter(today) && !renewalDate.isAfter(today.plusDays(horizon()))) {
      start(account, renewalDate, triggerKey);
    }
  }

  private boolean start(Account account, LocalDate renewalDate, String triggerKey) {
    ZoneId zone = ZoneId.of(account.timeZone());
    LocalTime at = LocalTime.of(properties.renewal().reviewHour(), 0);
    Map<String, Object> renewal = new LinkedHashMap<>();
    renewal.put("date", renewalDate.toString());
    for (int days : CHECKPOINT_DAYS) {
      renewal.put(
          "review" + days + "At",
          renewalDate
              .minusDays(days)
              .atTime(at)
              .atZone(zone)
              .toOffsetDateTime()
              .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
    PlayStarter.Started started =
        starter.start(
            Play.RENEWAL,
            account.id(),
            triggerKey,
            "renewal on " + renewalDate + " is within " + horizon() + " days",
            Map.of("renewal", renewal));
    return PlayStarter.Started.STARTED.equals(started.outcome());
  }

  private Optional<Journey> plannedFor(String accountId, LocalDate renewalDate) {
    return journeys.forAccount(accountId).stream()
        .filter(j -> Play.RENEWAL.processId().equals(j.processId()))
        .filter(j -> renewalDateOf(j).filter(renewalDate.toString()::equals).isPresent())
        .findFirst();
  }

  private Optional<String> renewalDateOf(Journey journey) {
    return journeyService.variablesOf(journey).get("renewal") instanceof Map<?, ?> r
        ? Optional.ofNullable(r.get("date")).map(Object::toString)
        : Optional.empty();
  }

  private int horizon() {
    return properties.renewal().horizonDays();
  }
}
