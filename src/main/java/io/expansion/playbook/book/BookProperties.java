package io.expansion.playbook.book;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code expansion.book.*}: when the whole book is scored and in what pages.
 *
 * @param pageSize accounts scored per transaction (their rows stay locked for that long)
 * @param threads pages scored at once, each in its own transaction (0: one per processor)
 * @param rescoreAfterImport a run after every import (demo book, API, command line)
 * @param rescoreAfterModelChange a run after a scoring model is activated and after a changed
 *     {@code segmentation.dmn} is deployed
 * @param rescoreCron the schedule of the nightly run ({@code expansion.book.rescore-cron}, Spring
 *     cron; {@code -} disables it)
 */
@Validated
@ConfigurationProperties("expansion.book")
public record BookProperties(
    @DefaultValue("1000") @Min(1) @Max(10000) int pageSize,
    @DefaultValue("0") @Min(0) @Max(64) int threads,
    @DefaultValue("true") boolean rescoreAfterImport,
    @DefaultValue("true") boolean rescoreAfterModelChange,
    @DefaultValue("0 30 2 * * *") String rescoreCron) {

  /** The number of pages scored at once. */
  public int pageThreads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }
}
