package io.expansion.playbook.decisions;

import io.expansion.playbook.web.ApiException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/decisions}: the audit trail across the book — who decided what, newest first,
 * including decisions about no single account (model activation, calibration, imports).
 */
@RestController
class DecisionController {

  private final DecisionLog decisions;

  DecisionController(DecisionLog decisions) {
    this.decisions = decisions;
  }

  @GetMapping("/api/decisions")
  List<Decision> latest(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String rule,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw ApiException.badRequest("limit must be between 1 and 1000");
    }
    return decisions.latest(blankToNull(actor), blankToNull(rule), limit);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
