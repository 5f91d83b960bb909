package io.expansion.playbook.signals;

import io.expansion.playbook.signals.SignalIngestion.BatchResult;
import io.expansion.playbook.signals.SignalService.Accepted;
import io.expansion.playbook.signals.SignalService.SignalRequest;
import io.expansion.playbook.web.ApiException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/signals} (one), {@code /api/signals/batch} (JSON array), {@code
 * /api/signals/csv} (text/csv) and the catalog at {@code GET /api/signals/types}.
 */
@RestController
class SignalController {

  private final SignalService signals;
  private final SignalIngestion ingestion;

  SignalController(SignalService signals, SignalIngestion ingestion) {
    this.signals = signals;
    this.ingestion = ingestion;
  }

  /** One attribute of a signal type, as the catalog shows it. */
  record AttributeView(
      String name,
      String kind,
      boolean required,
      BigDecimal min,
      BigDecimal max,
      List<String> allowed,
      String description) {}

  /** One signal type of the catalog. */
  record TypeView(
      String type, String description, List<String> atLeastOneOf, List<AttributeView> attributes) {}

  @GetMapping("/api/signals/types")
  List<TypeView> types() {
    return Arrays.stream(SignalType.values())
        .map(
            t ->
                new TypeView(
                    t.code(),
                    t.description(),
                    t.atLeastOneOf(),
                    t.attributes().stream()
                        .map(
                            a ->
                                new AttributeView(
                                    a.name(),
                                    a.kind().name().toLowerCase(),
                                    a.required(),
                                    a.min(),
                                    a.max(),
                                    a.allowed(),
                                    a.description()))
                        .toList()))
        .toList();
  }

  @PostMapping("/api/signals")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Accepted post(@RequestBody(required = false) SignalRequest request) {
    if (request == null) {
      throw ApiException.badRequest("Request body is required");
    }
    return signals.accept(request);
  }

  /** A signal and where it went: {@code QUEUED} until the queue has routed it to a journey. */
  @GetMapping("/api/signals/{id}")
  Accepted get(@PathVariable long id) {
    return signals.find(id).orElseThrow(() -> ApiException.notFound("Unknown signal " + id));
  }

  @PostMapping(value = "/api/signals/batch", consumes = "application/json")
  BatchResult batch(@RequestBody(required = false) List<SignalRequest> batch) {
    if (batch == null) {
      throw ApiException.badRequest("Request body is required: a JSON array of signals");
    }
    return ingestion.acceptAll(batch);
  }

  @PostMapping(
      value = "/api/signals/csv",
      consumes = {"text/csv", "text/plain"})
  BatchResult csv(@RequestBody(required = false) String body) {
    return ingestion.acceptLines(SignalCsv.parse(body));
  }
}
