package io.expansion.playbook.security;

import java.util.Collection;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A user of the configured directory (demo users or {@code expansion.security.users}). */
final class DirectoryUser extends User {

  private final String displayName;
  private final Set<String> groups;

  DirectoryUser(
      String username,
      String passwordHash,
      Collection<? extends GrantedAuthority> authorities,
      String displayName,
      Set<String> groups) {
    super(username, passwordHash, authorities);
    this.displayName = displayName;
    this.groups = Set.copyOf(groups);
  }

  String displayName() {
    return displayName;
  }

  Set<String> groups() {
    return groups;
  }

  // User's equals and hashCode (by username) are what sessions and tests rely on; the extra fields
  // follow from the username.
  @Override
  public boolean equals(Object other) {
    return super.equals(other);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
