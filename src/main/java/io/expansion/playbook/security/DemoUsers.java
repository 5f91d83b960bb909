package io.expansion.playbook.security;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo users of the embedded default: the Telco book's eight owners {@code csm-01} … {@code
 * csm-08}, a {@code manager}, a {@code leader}, {@code ops}, {@code privacy} and the {@code
 * integration} client (which may also send {@code X-API-Key}), all with one password.
 */
final class DemoUsers {

  /** The Telco book's mapping deals its accounts round-robin to this many CSMs. */
  static final int CSMS = 8;

  static final List<String> MANAGER_GROUPS =
      List.of("csm", "sales-managers", "csm-managers", "revenue-leadership");

  private DemoUsers() {}

  static List<SecurityProperties.User> of(String password, String integrationApiKey) {
    List<SecurityProperties.User> users = new ArrayList<>();
    for (int n = 1; n <= CSMS; n++) {
      String name = String.format("csm-%02d", n);
      users.add(user(name, password, "csm", List.of("csm"), null, "CSM " + name.substring(4)));
    }
    users.add(
        user("manager", password, "manager", MANAGER_GROUPS, null, "Customer success manager"));
    users.add(user("leader", password, "leadership", null, null, "Revenue leadership"));
    users.add(user("ops", password, "ops", null, null, "Revenue operations"));
    users.add(user("privacy", password, "privacy", null, null, "Privacy officer"));
    users.add(
        user(
            "integration", password, "integration", null, integrationApiKey, "Integration client"));
    return users;
  }

  private static SecurityProperties.User user(
      String name,
      String password,
      String role,
      List<String> groups,
      String apiKey,
      String displayName) {
    return new SecurityProperties.User(name, password, List.of(role), groups, apiKey, displayName);
  }
}
