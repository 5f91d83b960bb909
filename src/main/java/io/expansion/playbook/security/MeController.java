package io.expansion.playbook.security;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who is signed in, with their roles and task candidate groups. */
@RestController
class MeController {

  private final CurrentUser currentUser;

  MeController(CurrentUser currentUser) {
    this.currentUser = currentUser;
  }

  /** The signed-in user as the front end needs it. */
  record Me(String username, String displayName, List<String> roles, List<String> groups) {}

  @GetMapping("/api/me")
  Me me() {
    SignedInUser user = currentUser.get();
    return new Me(
        user.username(),
        user.displayName(),
        user.roleCodes(),
        user.groups().stream().sorted().toList());
  }
}
