package io.expansion.playbook.signals;

import java.time.OffsetDateTime;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 429 with {@code Retry-After} and the API's usual error body when the backlog is full. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SignalBacklogAdvice {

  record BacklogFull(
      int status, String error, String message, long retryAfterSeconds, OffsetDateTime at) {}

  @ExceptionHandler(SignalBacklogFullException.class)
  ResponseEntity<BacklogFull> full(SignalBacklogFullException e) {
    return ResponseEntity.status(e.status())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .body(
            new BacklogFull(
                e.status().value(),
                e.status().getReasonPhrase(),
                e.getMessage(),
                e.retryAfterSeconds(),
                OffsetDateTime.now()));
  }
}
