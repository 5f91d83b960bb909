package io.expansion.playbook.signals;

import io.expansion.playbook.signals.SignalService.Accepted;
import io.expansion.playbook.signals.SignalService.SignalRequest;
import io.expansion.playbook.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/signals}. */
@RestController
class SignalController {

  private final SignalService signals;

  SignalController(SignalService signals) {
    this.signals = signals;
  }

  @PostMapping("/api/signals")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Accepted post(@RequestBody(required = false) SignalRequest request) {
    if (request == null) {
      throw ApiException.badRequest("Request body is required");
    }
    return signals.accept(request);
  }
}
