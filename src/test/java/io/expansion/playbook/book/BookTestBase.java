package io.expansion.playbook.book;

import static org.awaitility.Awaitility.await;

import io.expansion.playbook.support.JourneyTestBase;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The book suites share a database of their own, with the whole-book triggers on (the shared
 * journey database turns them off): a run scores every account of its database.
 */
abstract class BookTestBase extends JourneyTestBase {

  protected final BookScoring scoring;
  protected final NextBestActions actions;

  BookTestBase(ApplicationContext context) {
    super(context);
    this.scoring = context.getBean(BookScoring.class);
    this.actions = context.getBean(NextBestActions.class);
  }

  @DynamicPropertySource
  static void bookDatabase(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:book;DB_CLOSE_DELAY=-1");
    registry.add("expansion.book.rescore-after-import", () -> "true");
    registry.add("expansion.book.rescore-after-model-change", () -> "true");
    registry.add("expansion.book.page-size", () -> "7");
  }

  /** Waits until no run is queued or running (runs the triggers asked for are done). */
  protected void awaitRunsDone() {
    await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(
            () ->
                scoring.latest(20).stream()
                    .noneMatch(
                        r ->
                            BookScoringRun.QUEUED.equals(r.state())
                                || BookScoringRun.RUNNING.equals(r.state())));
  }

  protected long accountCount() {
    return jdbc.sql("SELECT COUNT(*) FROM accounts").query(Long.class).single();
  }
}
