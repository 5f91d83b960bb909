package io.expansion.playbook.book;

import io.expansion.playbook.web.ApiException;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/book/scorings} queues a whole-book scoring run; {@code GET
 * /api/book/scorings/{id}} shows its progress and counts; {@code GET /api/book/scorings} lists the
 * latest runs.
 */
@RestController
class BookScoringController {

  private final BookScoring scoring;

  BookScoringController(BookScoring scoring) {
    this.scoring = scoring;
  }

  /** The answer to a request: the run that will serve it, and where to follow it. */
  record Submitted(String id, String state, String trigger, String status) {}

  @PostMapping("/api/book/scorings")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Submitted request(Principal principal) {
    BookScoringRun run = scoring.request("api", principal == null ? null : principal.getName());
    return new Submitted(run.id(), run.state(), run.trigger(), "/api/book/scorings/" + run.id());
  }

  @GetMapping("/api/book/scorings/{id}")
  BookScoringRun run(@PathVariable String id) {
    return scoring
        .find(id)
        .orElseThrow(() -> ApiException.notFound("Unknown book scoring run '" + id + "'"));
  }

  @GetMapping("/api/book/scorings")
  List<BookScoringRun> latest(@RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > 200) {
      throw ApiException.badRequest("limit must be between 1 and 200, not " + limit);
    }
    return scoring.latest(limit);
  }
}
