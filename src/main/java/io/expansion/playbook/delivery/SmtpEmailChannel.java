package io.expansion.playbook.delivery;

import io.expansion.playbook.consent.ContactPolicy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP with Spring Boot's mail support, when {@code spring.mail.host} is set. The SMTP
 * server's answer decides: accepted → SENT; the recipient refused permanently (5xx) → BOUNCED; a
 * message refused permanently → FAILED; anything else (unreachable, 4xx, authentication) → retried.
 * A second SMTP transaction would be a second email, so a hand-over interrupted by a crash is never
 * repeated ({@link Mode#AT_MOST_ONCE}).
 */
@Component
@ConditionalOnExpression("!'${spring.mail.host:}'.trim().isEmpty()")
class SmtpEmailChannel implements Channel {

  private final JavaMailSender sender;
  private final EmailComposer composer;

  SmtpEmailChannel(JavaMailSender sender, EmailComposer composer) {
    this.sender = sender;
    this.composer = composer;
  }

  @Override
  public String name() {
    return "smtp";
  }

  @Override
  public boolean handles(String outboxChannel) {
    return ContactPolicy.EMAIL.equals(outboxChannel);
  }

  @Override
  public Mode mode() {
    return Mode.AT_MOST_ONCE;
  }

  @Override
  public DeliveryResult deliver(OutboxMessage message, String unsubscribeUrl) {
    MimeMessage mime;
    try {
      mime = composer.compose(sender.createMimeMessage(), message, unsubscribeUrl);
    } catch (AddressException invalid) {
      return DeliveryResult.bounced("invalid recipient address: " + invalid.getMessage());
    } catch (MessagingException e) {
      return DeliveryResult.failed("email could not be written: " + e.getMessage());
    }
    try {
      sender.send(mime);
      return DeliveryResult.sent("accepted by the SMTP server");
    } catch (MailAuthenticationException e) {
      return DeliveryResult.retry("SMTP authentication failed: " + e.getMessage());
    } catch (MailSendException e) {
      return classify(e);
    } catch (MailException e) {
      return DeliveryResult.retry("SMTP: " + e.getMessage());
    }
  }

  private static DeliveryResult classify(MailSendException e) {
    for (Exception failure : e.getFailedMessages().values()) {
      Throwable cause = failure;
      for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
        if (cause instanceof SMTPAddressFailedException refused && refused.getReturnCode() >= 500) {
          return DeliveryResult.bounced(
              "recipient refused (" + refused.getReturnCode() + "): " + firstLine(refused));
        }
        if (cause instanceof SMTPSendFailedException refused && refused.getReturnCode() >= 500) {
          return DeliveryResult.failed(
              "message refused (" + refused.getReturnCode() + "): " + firstLine(refused));
        }
      }
    }
    return DeliveryResult.retry("SMTP send failed: " + firstLine(e));
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }
}
