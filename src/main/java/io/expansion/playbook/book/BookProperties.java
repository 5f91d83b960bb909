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
    @DefaultValue("true") boolean rescoreAfterImport,
    @DefaultValue("true") boolean rescoreAfterModelChange,
    @DefaultValue("0 30 2 * * *") String rescoreCron) {}
