package io.expansion.playbook.book;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/queue?csm=&segment=&limit=&page=}: a CSM's accounts in priority order. */
@RestController
class QueueController {

  private final WorkQueue queue;

  QueueController(WorkQueue queue) {
    this.queue = queue;
  }

  @GetMapping("/api/queue")
  WorkQueue.Queue queue(
      @RequestParam(required = false) String csm,
      @RequestParam(required = false) String segment,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(defaultValue = "0") int page) {
    return queue.of(csm, segment == null || segment.isBlank() ? null : segment, page, limit);
  }
}
