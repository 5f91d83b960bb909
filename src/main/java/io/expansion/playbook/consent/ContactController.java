package io.expansion.playbook.consent;

import io.expansion.playbook.consent.ConsentRecords.ConsentChange;
import io.expansion.playbook.consent.ConsentRecords.ConsentState;
import io.expansion.playbook.consent.ConsentRegistry.ChangeRequest;
import io.expansion.playbook.consent.ConsentRegistry.ChangeResult;
import io.expansion.playbook.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The consent registry and personal-data requests: {@code /api/contacts/{id}/...}. */
@RestController
class ContactController {

  private final ConsentRegistry registry;
  private final PersonalData personalData;

  ContactController(ConsentRegistry registry, PersonalData personalData) {
    this.registry = registry;
    this.personalData = personalData;
  }

  /** Current consent per channel. */
  record Consents(String contactId, List<ConsentState> consents) {}

  /** {@code PUT} body: several channels at once. */
  record ConsentsUpdate(Map<String, Boolean> consents, String source, String idempotencyKey) {}

  @GetMapping("/api/contacts/{id}/consents")
  Consents consents(@PathVariable String id) {
    return new Consents(id, registry.current(id));
  }

  @PutMapping("/api/contacts/{id}/consents")
  Consents put(@PathVariable String id, @RequestBody(required = false) ConsentsUpdate update) {
    if (update == null) {
      throw ApiException.badRequest("Request body is required");
    }
    registry.contact(id);
    registry.changeAll(id, update.consents(), update.source(), update.idempotencyKey());
    return new Consents(id, registry.current(id));
  }

  /** One change; 201 when applied, 200 for a replay or a change to the same state. */
  @PostMapping("/api/contacts/{id}/consents")
  ResponseEntity<ChangeResult> post(
      @PathVariable String id, @RequestBody(required = false) ChangeRequest change) {
    if (change == null) {
      throw ApiException.badRequest("Request body is required");
    }
    registry.contact(id);
    ChangeResult result = registry.change(id, change);
    return ResponseEntity.status(result.applied() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(result);
  }

  @GetMapping("/api/contacts/{id}/consents/history")
  List<ConsentChange> history(@PathVariable String id) {
    return registry.history(id);
  }

  @GetMapping("/api/contacts/{id}/export")
  PersonalData.Export export(@PathVariable String id) {
    return personalData.export(id);
  }

  @DeleteMapping("/api/contacts/{id}/personal-data")
  PersonalData.Erasure erase(
      @PathVariable String id, @RequestParam(defaultValue = "data-subject") String requestedBy) {
    return personalData.erase(id, requestedBy);
  }

  @PostMapping("/api/contacts/{id}/erasure")
  PersonalData.Erasure eraseByPost(
      @PathVariable String id, @RequestParam(defaultValue = "data-subject") String requestedBy) {
    return personalData.erase(id, requestedBy);
  }
}
