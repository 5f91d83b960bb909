package io.expansion.playbook.signals;

import io.expansion.playbook.web.ApiException;
import org.springframework.http.HttpStatus;

/** The signal backlog is at its bound: 429, try again after {@link #retryAfterSeconds()}. */
public class SignalBacklogFullException extends ApiException {

  private final long retryAfterSeconds;

  SignalBacklogFullException(int depth, int capacity, long retryAfterSeconds) {
    super(
        HttpStatus.TOO_MANY_REQUESTS,
        "The signal backlog is full ("
            + depth
            + " signals waiting, bound "
            + capacity
            + "); nothing was stored. Retry after "
            + retryAfterSeconds
            + " s.");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
