package io.expansion.playbook.plays;

import io.expansion.playbook.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The watch list, remediation history and manual play starts for ops. */
@RestController
@RequestMapping("/api/plays")
class PlayController {

  private final WatchList watchList;
  private final RemediationActions remediations;
  private final PlayTriggers triggers;
  private final RenewalPlanner renewals;
  private final PlayProperties properties;

  PlayController(
      WatchList watchList,
      RemediationActions remediations,
      PlayTriggers triggers,
      RenewalPlanner renewals,
      PlayProperties properties) {
    this.watchList = watchList;
    this.remediations = remediations;
    this.triggers = triggers;
    this.renewals = renewals;
    this.properties = properties;
  }

  /** The arbitration order and the plays it ranks. */
  @GetMapping
  Map<String, Object> plays() {
    return Map.of(
        "priority",
        properties.priority(),
        "plays",
        java.util.Arrays.stream(Play.values())
            .map(p -> Map.of("play", p.code(), "process", p.processId(), "category", p.category()))
            .toList());
  }

  @GetMapping("/watch-list")
  List<WatchList.Entry> watchList(@RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw ApiException.badRequest("Parameter 'limit' must be 1 to 1000");
    }
    return watchList.allOpen(limit);
  }

  @GetMapping("/watch-list/{accountId}")
  List<WatchList.Entry> watchHistory(@PathVariable String accountId) {
    return watchList.history(accountId);
  }

  @GetMapping("/remediations/{accountId}")
  List<RemediationActions.Action> remediations(@PathVariable String accountId) {
    return remediations.forAccount(accountId);
  }

  /** Starts onboarding for a new account. */
  @PostMapping("/onboarding")
  @ResponseStatus(HttpStatus.ACCEPTED)
  PlayStarter.Started startOnboarding(@RequestBody StartRequest request) {
    return triggers.startOnboarding(
        request.required(), "api-" + request.accountId(), "started through the API");
  }

  /** Plans the renewal plays due now (normally daily). */
  @PostMapping("/renewal/plan")
  Map<String, Integer> planRenewals() {
    return Map.of("started", renewals.planDue());
  }

  record StartRequest(String accountId) {
    String required() {
      if (accountId == null || accountId.isBlank()) {
        throw ApiException.badRequest("Field 'accountId' is required");
      }
      return accountId;
    }
  }
}
