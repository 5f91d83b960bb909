package io.expansion.playbook.delivery;

import io.expansion.playbook.consent.ContactPolicy;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Email without an SMTP host ({@code spring.mail.host} unset, the embedded default): each email is
 * written exactly as it would be sent — same headers, same text — into the local mailbox ({@code
 * GET /api/mailbox}), in the relay's transaction. Nothing leaves the machine.
 */
@Component
@ConditionalOnExpression("'${spring.mail.host:}'.trim().isEmpty()")
class MailboxEmailChannel implements Channel {

  private final EmailComposer composer;
  private final Mailbox mailbox;
  private final DeliveryProperties properties;
  private final Clock clock;
  private final Session session = Session.getInstance(new Properties());

  MailboxEmailChannel(
      EmailComposer composer, Mailbox mailbox, DeliveryProperties properties, Clock clock) {
    this.composer = composer;
    this.mailbox = mailbox;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "mailbox";
  }

  @Override
  public boolean handles(String outboxChannel) {
    return ContactPolicy.EMAIL.equals(outboxChannel);
  }

  @Override
  public Mode mode() {
    return Mode.TRANSACTIONAL;
  }

  @Override
  public DeliveryResult deliver(OutboxMessage message, String unsubscribeUrl) {
    try {
      MimeMessage mime = composer.compose(new MimeMessage(session), message, unsubscribeUrl);
      mime.saveChanges();
      // saveChanges writes a Message-Id of its own; the message id is the one that travels.
      mime.setHeader(EmailComposer.MESSAGE_ID, composer.messageIdHeader(message.messageId()));
      Map<String, String> headers = new LinkedHashMap<>();
      for (Header header : Collections.list(mime.getAllHeaders())) {
        String name = header.getName();
        headers.put(
            name.equalsIgnoreCase(EmailComposer.MESSAGE_ID) ? EmailComposer.MESSAGE_ID : name,
            header.getValue());
      }
      mailbox.store(
          message.messageId(),
          properties.email().from(),
          message.recipient(),
          message.subject(),
          headers,
          mime.getContent().toString(),
          OffsetDateTime.now(clock));
      return DeliveryResult.sent("kept in the local mailbox (no spring.mail.host)");
    } catch (AddressException invalid) {
      return DeliveryResult.bounced("invalid recipient address: " + invalid.getMessage());
    } catch (MessagingException | IOException e) {
      return DeliveryResult.failed("email could not be written: " + e.getMessage());
    }
  }
}
