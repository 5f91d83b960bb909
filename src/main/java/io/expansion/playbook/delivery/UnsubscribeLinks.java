package io.expansion.playbook.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The one-click unsubscribe link of a message: {@code
 * <base>/api/unsubscribe?token=<messageId>.<mac>} where mac is the HMAC-SHA256 of {@code
 * unsubscribe:<messageId>} under the unsubscribe key. Only this app can make a valid token, so a
 * link cannot be forged for another message or contact.
 */
@Component
class UnsubscribeLinks {

  static final String PATH = "/api/unsubscribe";
  private static final String KEY_NAME = "unsubscribe";

  private final DeliveryProperties properties;
  private final DeliveryKeys keys;

  UnsubscribeLinks(DeliveryProperties properties, DeliveryKeys keys) {
    this.properties = properties;
    this.keys = keys;
  }

  String url(String messageId) {
    return UriComponentsBuilder.fromUriString(properties.publicBaseUrl())
        .path(PATH)
        .queryParam("token", token(messageId))
        .build()
        .toUriString();
  }

  String token(String messageId) {
    return messageId + "." + encode(mac(messageId));
  }

  /** The message a token was made for, when the token is genuine. */
  Optional<String> verify(String token) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.lastIndexOf('.');
    if (dot <= 0 || dot == token.length() - 1) {
      return Optional.empty();
    }
    String messageId = token.substring(0, dot);
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    return Hmac.equal(given, mac(messageId)) ? Optional.of(messageId) : Optional.empty();
  }

  private byte[] mac(String messageId) {
    return Hmac.sha256(
        keys.key(KEY_NAME, properties.email().unsubscribeSecret()), "unsubscribe:" + messageId);
  }

  private static String encode(byte[] mac) {
    return new String(
        Base64.getUrlEncoder().withoutPadding().encode(mac), StandardCharsets.US_ASCII);
  }
}
