package io.expansion.playbook.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Any other tool (SMS, chat, a marketing platform): each message of the configured channels is
 * POSTed as JSON to {@code expansion.delivery.webhook.url}, signed so the receiver can trust it and
 * refuse replays:
 *
 * <ul>
 *   <li>{@code X-Expansion-Timestamp}: seconds since the epoch when it was sent;
 *   <li>{@code X-Expansion-Signature}: {@code sha256=} + hex HMAC-SHA256 of {@code
 *       <timestamp>.<body>} under the shared secret;
 *   <li>{@code Idempotency-Key}: the message id, the same on every attempt.
 * </ul>
 *
 * A receiver checks the signature, refuses timestamps older than its tolerance (replays) and keeps
 * the keys it has seen (a retried delivery). 2xx is delivered; 5xx, 408, 425, 429 or no answer are
 * retried; another 4xx is a refusal (FAILED).
 */
@Component
class WebhookChannel implements Channel {

  static final String TIMESTAMP = "X-Expansion-Timestamp";
  static final String SIGNATURE = "X-Expansion-Signature";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final DeliveryProperties.Webhook settings;
  private final ObjectMapper json;
  private final Clock clock;
  private final RestClient http;

  WebhookChannel(DeliveryProperties properties, ObjectMapper json, Clock clock) {
    this.settings = properties.webhook();
    this.json = json;
    this.clock = clock;
    JdkClientHttpRequestFactory requests =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(settings.timeout()).build());
    requests.setReadTimeout(settings.timeout());
    this.http = RestClient.builder().requestFactory(requests).build();
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public boolean handles(String outboxChannel) {
    return settings.configured() && settings.channels().contains(outboxChannel);
  }

  @Override
  public Mode mode() {
    return Mode.IDEMPOTENT;
  }

  @Override
  public DeliveryResult deliver(OutboxMessage message, String unsubscribeUrl) {
    String body = body(message, unsubscribeUrl);
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    String signature =
        "sha256="
            + Hmac.sha256Hex(
                settings.secret().getBytes(StandardCharsets.UTF_8), timestamp + "." + body);
    try {
      var response =
          http.post()
              .uri(settings.url())
              .contentType(MediaType.APPLICATION_JSON)
              .header(IDEMPOTENCY_KEY, message.messageId())
              .header(TIMESTAMP, timestamp)
              .header(SIGNATURE, signature)
              .body(body)
              .retrieve()
              .toBodilessEntity();
      return DeliveryResult.sent("webhook answered " + response.getStatusCode().value());
    } catch (HttpClientErrorException e) {
      int status = e.getStatusCode().value();
      String detail = "webhook answered " + status + " " + e.getStatusText();
      return status == 408 || status == 425 || status == 429
          ? DeliveryResult.retry(detail)
          : DeliveryResult.failed("refused by the receiver: " + detail);
    } catch (HttpServerErrorException e) {
      return DeliveryResult.retry("webhook answered " + e.getStatusCode().value());
    } catch (ResourceAccessException e) {
      return DeliveryResult.retry("webhook unreachable: " + e.getMessage());
    }
  }

  private String body(OutboxMessage m, String unsubscribeUrl) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("messageId", m.messageId());
    payload.put("channel", m.channel());
    payload.put("accountId", m.accountId());
    payload.put("contactId", m.contactId());
    payload.put("recipient", m.recipient());
    payload.put("purpose", m.purpose());
    payload.put("offerCode", m.offerCode());
    payload.put("subject", m.subject());
    payload.put("body", m.body());
    payload.put("unsubscribeUrl", unsubscribeUrl);
    payload.put("queuedAt", m.createdAt().toString());
    try {
      return json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Webhook payload is not serialisable", e);
    }
  }
}
