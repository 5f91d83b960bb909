package io.expansion.playbook.journeys;

import io.expansion.playbook.security.CurrentUser;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/journeys}: journeys with their status and current step; a CSM sees the journeys
 * of their own accounts.
 */
@RestController
class JourneyController {

  private final JourneyQueries queries;
  private final CurrentUser currentUser;

  JourneyController(JourneyQueries queries, CurrentUser currentUser) {
    this.queries = queries;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/journeys")
  List<JourneyView> journeys(
      @RequestParam(required = false) String accountId,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "100") int limit) {
    return accountId != null
        ? queries.forAccount(accountId)
        : queries.recent(
            status,
            currentUser.get().accountOwnerScope().orElse(null),
            Math.min(Math.max(limit, 1), 1000));
  }
}
