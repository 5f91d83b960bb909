package io.expansion.playbook.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users who sign in with a password (HTTP Basic, the login form) or an API key: the demo users
 * when {@code expansion.security.demo-users} is on, plus {@code expansion.security.users}. Plain
 * passwords are hashed with bcrypt at start-up; API keys are kept as SHA-256 digests only.
 */
final class UserDirectory implements UserDetailsService {

  private static final Pattern ENCODED = Pattern.compile("^\\{([^}]*)}(.+)$");
  private static final Set<String> HASHES =
      Set.of(
          "bcrypt",
          "argon2",
          "argon2@SpringSecurity_v5_8",
          "pbkdf2",
          "pbkdf2@SpringSecurity_v5_8",
          "scrypt",
          "scrypt@SpringSecurity_v5_8");
  private static final int MIN_API_KEY_LENGTH = 16;

  private record Entry(
      String username,
      String passwordHash,
      Set<Role> roles,
      Set<String> groups,
      byte[] apiKeyDigest,
      String displayName) {}

  private final Map<String, Entry> users;

  private UserDirectory(Map<String, Entry> users) {
    this.users = users;
  }

  /**
   * Builds the directory, refusing anything that would make a user unusable or unsafe.
   *
   * @throws IllegalArgumentException naming the user and the problem
   */
  static UserDirectory of(List<SecurityProperties.User> configured, PasswordEncoder encoder) {
    Map<String, Entry> users = new LinkedHashMap<>();
    Map<String, String> hashed = new HashMap<>();
    for (int i = 0; i < configured.size(); i++) {
      SecurityProperties.User u = configured.get(i);
      String where = "expansion.security.users[" + i + "]";
      if (u.username() == null || u.username().isBlank()) {
        throw new IllegalArgumentException(where + ": 'username' is required");
      }
      String name = u.username().trim();
      where = where + " (" + name + ")";
      if (name.equals("system") || name.length() > 100) {
        throw new IllegalArgumentException(where + ": the name is reserved or too long");
      }
      if (users.containsKey(name)) {
        throw new IllegalArgumentException(where + ": the username is configured twice");
      }
      if (u.roles() == null || u.roles().isEmpty()) {
        throw new IllegalArgumentException(where + ": give at least one role");
      }
      Set<Role> roles = new LinkedHashSet<>();
      for (String role : u.roles()) {
        roles.add(Role.of(role, where));
      }
      Set<String> groups = new TreeSet<>();
      if (u.groups() == null || u.groups().isEmpty()) {
        roles.forEach(r -> groups.add(r.code()));
      } else {
        u.groups().stream().map(String::trim).filter(g -> !g.isEmpty()).forEach(groups::add);
      }
      byte[] apiKey = null;
      if (u.apiKey() != null && !u.apiKey().isBlank()) {
        if (!roles.contains(Role.INTEGRATION)) {
          throw new IllegalArgumentException(
              where + ": an apiKey is for integration clients only (role integration)");
        }
        if (u.apiKey().length() < MIN_API_KEY_LENGTH) {
          throw new IllegalArgumentException(
              where + ": the apiKey must have at least " + MIN_API_KEY_LENGTH + " characters");
        }
        apiKey = digest(u.apiKey());
      }
      String hash = hash(u.password(), encoder, hashed, where);
      String display =
          u.displayName() == null || u.displayName().isBlank() ? name : u.displayName();
      users.put(name, new Entry(name, hash, Set.copyOf(roles), groups, apiKey, display));
    }
    return new UserDirectory(users);
  }

  /** A fresh copy each time: authentication erases the credentials of the user it returns. */
  @Override
  public DirectoryUser loadUserByUsername(String username) {
    Entry e = users.get(username);
    if (e == null) {
      throw new UsernameNotFoundException("Unknown user");
    }
    return user(e);
  }

  /** The integration client whose API key this is (compared as digests, in constant time). */
  Optional<DirectoryUser> byApiKey(String key) {
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    byte[] given = digest(key);
    Entry found = null;
    for (Entry e : users.values()) {
      if (e.apiKeyDigest() != null && MessageDigest.isEqual(e.apiKeyDigest(), given)) {
        found = e;
      }
    }
    return Optional.ofNullable(found).map(UserDirectory::user);
  }

  List<String> usernames() {
    return new ArrayList<>(users.keySet());
  }

  private static DirectoryUser user(Entry e) {
    return new DirectoryUser(
        e.username(),
        e.passwordHash(),
        e.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(),
        e.displayName(),
        e.groups());
  }

  private static String hash(
      String password, PasswordEncoder encoder, Map<String, String> hashed, String where) {
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException(where + ": 'password' is required");
    }
    Matcher encoded = ENCODED.matcher(password);
    if (encoded.matches()) {
      if (!HASHES.contains(encoded.group(1))) {
        throw new IllegalArgumentException(
            where
                + ": password encoding {"
                + encoded.group(1)
                + "} is not accepted; give the plain password (hashed at start-up) or a hash"
                + " with one of "
                + new TreeSet<>(HASHES));
      }
      return password;
    }
    // One bcrypt hash per distinct password: the demo users share theirs.
    return hashed.computeIfAbsent(password, encoder::encode);
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
