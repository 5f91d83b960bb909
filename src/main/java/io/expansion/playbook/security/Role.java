package io.expansion.playbook.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The people (and the one machine) who use the engine. Configuration and the API name a role in
 * lower case ({@code csm}); Spring Security knows it as the authority {@code ROLE_CSM}.
 */
public enum Role {
  /** The queue, their own accounts, tasks of their groups or assigned to them, quotes, consent. */
  CSM,
  /** What a CSM may, for every account, plus approvals, any task and running plays by hand. */
  MANAGER,
  /** Reads everything, changes nothing. */
  LEADERSHIP,
  /** Models, guardrails, catalog, scoring models and calibration, imports, signal catalog. */
  OPS,
  /** Personal-data export and erasure. */
  PRIVACY,
  /** The machine identity that sends signals and imports books. */
  INTEGRATION;

  static final String AUTHORITY_PREFIX = "ROLE_";

  /** The lower-case name used in configuration and the API, e.g. {@code csm}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The Spring Security authority, e.g. {@code ROLE_CSM}. */
  public String authority() {
    return AUTHORITY_PREFIX + name();
  }

  /** The role a name stands for: {@code csm}, {@code CSM} or {@code ROLE_CSM}. */
  public static Optional<Role> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String upper = name.trim().toUpperCase(Locale.ROOT);
    String bare =
        upper.startsWith(AUTHORITY_PREFIX) ? upper.substring(AUTHORITY_PREFIX.length()) : upper;
    return Arrays.stream(values()).filter(r -> r.name().equals(bare)).findFirst();
  }

  /** The role named in configuration; an unknown name is a start-up error naming the choices. */
  static Role of(String name, String where) {
    return parse(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    where
                        + ": unknown role '"
                        + name
                        + "'; expected one of "
                        + Arrays.stream(values()).map(Role::code).toList()));
  }
}
