package io.expansion.playbook.delivery;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code expansion.touches.*}.
 *
 * @param answerWithin how long the expansion journey waits for the customer's answer to an
 *     automated touch, from its delivery (after quiet hours when it was deferred)
 */
@Validated
@ConfigurationProperties("expansion.touches")
public record TouchAnswerProperties(@DefaultValue("P7D") @NotNull Duration answerWithin) {}
