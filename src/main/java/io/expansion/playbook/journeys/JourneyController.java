package io.expansion.playbook.journeys;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/journeys}: journeys with their status and current step. */
@RestController
class JourneyController {

  private final JourneyQueries queries;

  JourneyController(JourneyQueries queries) {
    this.queries = queries;
  }

  @GetMapping("/api/journeys")
  List<JourneyView> journeys(
      @RequestParam(required = false) String accountId,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "100") int limit) {
    return accountId != null
        ? queries.forAccount(accountId)
        : queries.recent(status, Math.min(Math.max(limit, 1), 1000));
  }
}
