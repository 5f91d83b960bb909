package io.expansion.playbook.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Writes an outbox message as an email: the message id as {@code Message-ID}; for marketing and
 * offer messages the unsubscribe link in the text and the one-click headers of RFC 8058 ({@code
 * List-Unsubscribe: <url>}, {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}).
 */
@Component
class EmailComposer {

  static final String MESSAGE_ID = "Message-ID";
  static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
  static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
  static final String ONE_CLICK = "List-Unsubscribe=One-Click";

  private final DeliveryProperties properties;
  private final Clock clock;

  EmailComposer(DeliveryProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** Fills {@code mime} (a new message of the sender's session). */
  MimeMessage compose(MimeMessage mime, OutboxMessage message, String unsubscribeUrl)
      throws MessagingException {
    MimeMessageHelper email = new MimeMessageHelper(mime, false, "UTF-8");
    email.setFrom(properties.email().from());
    email.setTo(message.recipient());
    email.setSubject(message.subject());
    email.setSentDate(Date.from(clock.instant()));
    email.setText(text(message, unsubscribeUrl));
    mime.setHeader(MESSAGE_ID, messageIdHeader(message.messageId()));
    if (unsubscribeUrl != null) {
      mime.setHeader(LIST_UNSUBSCRIBE, "<" + unsubscribeUrl + ">");
      mime.setHeader(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
    }
    return mime;
  }

  String messageIdHeader(String messageId) {
    return "<" + messageId + "@" + properties.email().messageIdDomain() + ">";
  }

  private static String text(OutboxMessage message, String unsubscribeUrl) {
    if (unsubscribeUrl == null) {
      return message.body();
    }
    return message.body()
        + "\n\n--\nYou receive this email because you agreed to hear about your account's"
        + " options. To stop these emails, unsubscribe with one click: "
        + unsubscribeUrl
        + "\n";
  }
}
