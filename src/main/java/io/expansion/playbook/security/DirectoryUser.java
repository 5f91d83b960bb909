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
}
