package io.expansion.playbook.delivery;

import io.expansion.playbook.web.ApiException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The signed unsubscribe link of marketing and offer emails, reachable without signing in (the
 * signature is the authorisation). RFC 8058: a mail client unsubscribes with one {@code POST} (body
 * {@code List-Unsubscribe=One-Click}); a {@code GET} (a person clicking, or a link scanner) only
 * shows a page with the button, so prefetching a link never unsubscribes anyone.
 */
@RestController
class UnsubscribeController {

  private final TouchAnswers answers;

  UnsubscribeController(TouchAnswers answers) {
    this.answers = answers;
  }

  @GetMapping(UnsubscribeLinks.PATH)
  ResponseEntity<String> page(@RequestParam(required = false) String token) {
    OutboxMessage m =
        answers
            .unsubscribeTarget(token)
            .orElseThrow(() -> ApiException.badRequest("Invalid or forged unsubscribe link"));
    String action =
        UriComponentsBuilder.fromPath(UnsubscribeLinks.PATH)
            .queryParam("token", token)
            .build()
            .toUriString();
    return html(
        "<p>Stop "
            + HtmlUtils.htmlEscape(m.channel().replace('_', '-'))
            + " messages like “"
            + HtmlUtils.htmlEscape(m.subject())
            + "”?</p><form method=\"post\" action=\""
            + HtmlUtils.htmlEscape(action)
            + "\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
            + "<button type=\"submit\">Unsubscribe</button></form>");
  }

  @PostMapping(UnsubscribeLinks.PATH)
  ResponseEntity<String> unsubscribe(@RequestParam(required = false) String token) {
    TouchAnswers.Answered answered = answers.unsubscribe(token);
    return html(
        "<p>You are unsubscribed"
            + (answered.duplicate() ? " (you already were)" : "")
            + ". You will not receive these messages any more.</p>");
  }

  private static ResponseEntity<String> html(String body) {
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>Unsubscribe</title>"
                + "</head><body>"
                + body
                + "</body></html>");
  }
}
