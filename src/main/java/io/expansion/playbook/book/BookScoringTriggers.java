package io.expansion.playbook.book;

import io.expansion.playbook.accounts.BookImported;
import io.expansion.playbook.engine.ModelDeployer.ModelsDeployed;
import io.expansion.playbook.scoring.ScoringModelActivated;
import io.expansion.playbook.segmentation.SegmentationDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When the whole book is scored: after every import, after a scoring model is activated, after a
 * changed {@code segmentation.dmn} is deployed (the models are deployed at start-up; a file that
 * differs from the one the last successful run used asks for a run), and nightly ({@code
 * expansion.book.rescore-cron}).
 */
@Component
class BookScoringTriggers {

  private static final Logger LOG = LoggerFactory.getLogger(BookScoringTriggers.class);

  private final BookScoring scoring;
  private final SegmentationDecision segmentation;
  private final BookProperties properties;

  BookScoringTriggers(
      BookScoring scoring, SegmentationDecision segmentation, BookProperties properties) {
    this.scoring = scoring;
    this.segmentation = segmentation;
    this.properties = properties;
  }

  @EventListener
  void onImport(BookImported imported) {
    if (properties.rescoreAfterImport()) {
      request("import:" + imported.importId());
    }
  }

  @EventListener
  void onModelActivated(ScoringModelActivated activated) {
    if (properties.rescoreAfterModelChange()) {
      request("model:" + activated.version());
    }
  }

  @EventListener
  void onModelsDeployed(ModelsDeployed deployed) {
    segmentation.reload();
    if (!properties.rescoreAfterModelChange()) {
      return;
    }
    scoring
        .lastSucceeded()
        .filter(last -> !segmentation.hash().equals(last.segmentationHash()))
        .ifPresent(last -> request("segmentation-deployed"));
  }

  @Scheduled(cron = "${expansion.book.rescore-cron:0 30 2 * * *}")
  void nightly() {
    request("schedule");
  }

  private void request(String trigger) {
    try {
      BookScoringRun run = scoring.request(trigger, null);
      LOG.info("Whole-book scoring {} requested by {}", run.id(), trigger);
    } catch (RuntimeException e) {
      LOG.warn("Cannot request a whole-book scoring for {}: {}", trigger, e.getMessage(), e);
    }
  }
}
