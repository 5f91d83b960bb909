package io.expansion.playbook.plays;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.web.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts a play for an account after arbitration: a play is dropped, with the reason recorded, when
 * a play of a higher priority holds the account; a play already running for the account is not
 * started twice.
 */
@Service
public class PlayStarter {

  private static final Logger LOG = LoggerFactory.getLogger(PlayStarter.class);

  /** What became of a start request. */
  public record Started(String play, String accountId, String outcome, String journeyId) {
    public static final String STARTED = "STARTED";
    public static final String ALREADY_RUNNING = "ALREADY_RUNNING";
    public static final String DROPPED = "DROPPED";
  }

  private final Accounts accounts;
  private final JourneyService journeys;
  private final PlayArbiter arbiter;
  private final DecisionLog decisions;

  public PlayStarter(
      Accounts accounts, JourneyService journeys, PlayArbiter arbiter, DecisionLog decisions) {
    this.accounts = accounts;
    this.journeys = journeys;
    this.arbiter = arbiter;
    this.decisions = decisions;
  }

  /**
   * @param triggerKey identifies the trigger (a signal, a scoring) so a repeated trigger records
   *     its arbitration decision once
   * @param trigger why the play should start, in words
   * @param variables the play's start variables
   */
  public Started start(
      Play play,
      String accountId,
      String triggerKey,
      String trigger,
      Map<String, Object> variables) {
    if (play == Play.EXPANSION) {
      throw new IllegalArgumentException("The expansion journey is started by signals");
    }
    Account account =
        accounts
            .findById(accountId)
            .orElseThrow(() -> ApiException.notFound("Unknown account '" + accountId + "'"));
    PlayArbiter.Verdict verdict = arbiter.decide(accountId, play, null, null);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("play", play.code());
    inputs.put("trigger", trigger);
    inputs.putAll(variables);
    if (!verdict.granted()) {
      inputs.put("heldBy", verdict.heldBy());
      inputs.put("heldByJourney", verdict.heldByJourney());
      decisions.record(
          accountId + ":" + play.code() + ":" + triggerKey + ":arbitration",
          accountId,
          verdict.heldByJourney(),
          "arbitration",
          "dropped " + play.code(),
          "Play " + play.code() + " not started (" + trigger + "): " + verdict.reason(),
          inputs);
      return new Started(play.code(), accountId, Started.DROPPED, null);
    }
    Map<String, Object> all = new LinkedHashMap<>(variables);
    all.put(Play.VARIABLE, play.code());
    Optional<String> journeyId =
        journeys.start(play.processId(), accountId, account.ownerCsm(), all);
    if (journeyId.isEmpty()) {
      LOG.debug("Play {} already runs for {}; trigger {} ignored", play.code(), accountId, trigger);
      return new Started(play.code(), accountId, Started.ALREADY_RUNNING, null);
    }
    decisions.record(
        journeyId.get() + ":start",
        accountId,
        journeyId.get(),
        "play-start",
        play.code(),
        "Play " + play.code() + " started: " + trigger,
        inputs);
    return new Started(play.code(), accountId, Started.STARTED, journeyId.get());
  }
}
