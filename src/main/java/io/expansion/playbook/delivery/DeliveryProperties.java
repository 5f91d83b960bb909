package io.expansion.playbook.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code expansion.delivery.*}: the outbox relay, the email and webhook channels.
 *
 * @param publicBaseUrl where customers reach this app (the unsubscribe links point here)
 */
@Validated
@ConfigurationProperties("expansion.delivery")
public record DeliveryProperties(
    @DefaultValue("http://localhost:8080") @NotBlank String publicBaseUrl,
    @DefaultValue @Valid Relay relay,
    @DefaultValue @Valid Email email,
    @DefaultValue @Valid Webhook webhook) {

  /**
   * @param enabled whether the relay polls the outbox on its own (tests drive it by hand)
   * @param pollInterval pause between two runs
   * @param batchSize most messages claimed per run
   * @param lease how long a claimed or handed-over message is held by its relay; past it, another
   *     relay may take it over (a message handed to SMTP is then never resent)
   * @param maxAttempts attempts before a message is FAILED
   * @param backoff pause after the first failed attempt; doubles with every further one
   * @param maxBackoff longest pause between two attempts
   */
  public record Relay(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("PT5S") @NotNull Duration pollInterval,
      @DefaultValue("50") @Min(1) int batchSize,
      @DefaultValue("PT2M") @NotNull Duration lease,
      @DefaultValue("5") @Min(1) int maxAttempts,
      @DefaultValue("PT30S") @NotNull Duration backoff,
      @DefaultValue("PT1H") @NotNull Duration maxBackoff) {

    /** The pause before attempt {@code attempts + 1}, after {@code attempts} failed ones. */
    Duration backoffAfter(int attempts) {
      Duration pause = backoff;
      for (int i = 1; i < attempts && pause.compareTo(maxBackoff) < 0; i++) {
        pause = pause.multipliedBy(2);
      }
      return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }
  }

  /**
   * @param from the sender of every email touch
   * @param messageIdDomain the right-hand side of each email's {@code Message-ID}
   * @param unsubscribeSecret HMAC key of the unsubscribe links; empty: a key made once and kept in
   *     the database ({@code delivery_keys})
   */
  public record Email(
      @DefaultValue("customer-success@expansion-playbook.local") @NotBlank String from,
      @DefaultValue("expansion-playbook.local") @NotBlank String messageIdDomain,
      @DefaultValue("") String unsubscribeSecret) {}

  /**
   * @param url where messages of {@code channels} are POSTed; empty: no webhook channel
   * @param secret HMAC-SHA256 key of the signature header (required with a url)
   * @param channels outbox channels delivered through the webhook
   * @param timeout connect and read timeout of one POST
   */
  public record Webhook(
      @DefaultValue("") String url,
      @DefaultValue("") String secret,
      @DefaultValue("sms") List<String> channels,
      @DefaultValue("PT10S") @NotNull Duration timeout) {

    public Webhook {
      channels = List.copyOf(channels);
      if (url != null && !url.isBlank() && (secret == null || secret.isBlank())) {
        throw new IllegalArgumentException(
            "expansion.delivery.webhook.secret is required when expansion.delivery.webhook.url is"
                + " set (receivers verify the signature with it)");
      }
    }

    boolean configured() {
      return url != null && !url.isBlank();
    }
  }
}
