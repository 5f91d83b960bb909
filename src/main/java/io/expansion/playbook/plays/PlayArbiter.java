package io.expansion.playbook.plays;

import io.expansion.playbook.journeys.Journey;
import io.expansion.playbook.journeys.Journeys;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Decides whether a play may act on an account: it may unless another active play of a higher
 * priority category holds the account. A play that hands the account over (the renewal play asking
 * the expansion loop for a renewal upsell) is not in the way of the journey it handed it to.
 */
@Service
public class PlayArbiter {

  /** The verdict for one play on one account. */
  public record Verdict(boolean granted, String heldBy, String heldByJourney, String reason) {}

  private final Journeys journeys;
  private final PlayProperties properties;

  public PlayArbiter(Journeys journeys, PlayProperties properties) {
    this.journeys = journeys;
    this.properties = properties;
  }

  /**
   * @param journeyId the asking journey (ignored among the holders), or null before it starts
   * @param handedOverBy the play code that handed the account to the asking play, or null
   */
  public Verdict decide(String accountId, Play play, String journeyId, String handedOverBy) {
    int rank = properties.rank(play);
    Optional<Holder> holder =
        journeys.forAccount(accountId).stream()
            .filter(j -> Journey.ACTIVE.equals(j.status()))
            .filter(j -> !j.id().equals(journeyId))
            .flatMap(j -> Play.ofProcess(j.processId()).map(p -> new Holder(p, j)).stream())
            .filter(h -> properties.rank(h.play()) < rank)
            .filter(h -> !h.play().code().equals(handedOverBy))
            .min(Comparator.comparingInt(h -> properties.rank(h.play())));
    if (holder.isEmpty()) {
      return new Verdict(
          true,
          null,
          null,
          play.code()
              + " may act: no play of a higher priority is active (order "
              + properties.priority()
              + ")");
    }
    Holder h = holder.get();
    return new Verdict(
        false,
        h.play().code(),
        h.journey().id(),
        play.code()
            + " ("
            + play.category()
            + ") yields: "
            + h.play().code()
            + " ("
            + h.play().category()
            + ") is active on the account and ranks higher in "
            + properties.priority());
  }

  private record Holder(Play play, Journey journey) {}
}
