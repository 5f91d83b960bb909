package io.expansion.playbook.signals;

import io.expansion.playbook.journeys.JourneyService;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Routes signals of some types somewhere other than the account's expansion journey (answers to a
 * touch go to the touch and the journey waiting for it). {@link SignalService} asks the router to
 * {@link #check} a signal before anything is stored and to {@link #route} it once stored; if
 * routing fails, the signal is removed again.
 */
public interface SignalRouter {

  /** Whether this router takes signals of the type. */
  boolean routes(SignalType type);

  /**
   * Refuses a signal before it is stored.
   *
   * @throws io.expansion.playbook.web.ApiException naming the problem (e.g. 404, 409)
   */
  void check(String accountId, SignalType type, Map<String, Object> attributes);

  /**
   * Routes a stored signal.
   *
   * @throws RuntimeException to refuse it after all; the signal is then deleted (an {@link
   *     io.expansion.playbook.web.ApiException} reaches the caller as it is)
   */
  JourneyService.Routing route(
      String accountId,
      long signalId,
      SignalType type,
      Map<String, Object> attributes,
      OffsetDateTime occurredAt);
}
