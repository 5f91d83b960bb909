package io.expansion.playbook.book;

import io.expansion.playbook.security.CurrentUser;
import io.expansion.playbook.web.ApiException;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/queue?csm=&segment=&limit=&page=}: a CSM's accounts in priority order. A CSM gets
 * their own queue ({@code csm} defaults to them; another CSM's → 403); managers and leadership name
 * the CSM.
 */
@RestController
class QueueController {

  private final WorkQueue queue;
  private final CurrentUser currentUser;

  QueueController(WorkQueue queue, CurrentUser currentUser) {
    this.queue = queue;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/queue")
  WorkQueue.Queue queue(
      @RequestParam(required = false) String csm,
      @RequestParam(required = false) String segment,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(defaultValue = "0") int page) {
    Optional<String> own = currentUser.get().accountOwnerScope();
    String whose = csm == null || csm.isBlank() ? own.orElse(null) : csm;
    if (own.isPresent() && !own.get().equals(whose)) {
      throw ApiException.forbidden(
          own.get() + " may see their own queue only, not the queue of '" + whose + "'");
    }
    return queue.of(whose, segment == null || segment.isBlank() ? null : segment, page, limit);
  }
}
