package io.expansion.playbook.delivery;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signing keys: the configured secret when there is one, else a random key made on first use and
 * kept in {@code delivery_keys}, so signed links survive a restart and no secret sits in the
 * repository.
 */
@Component
class DeliveryKeys {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  DeliveryKeys(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  byte[] key(String name, String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured.getBytes(StandardCharsets.UTF_8);
    }
    return cache.computeIfAbsent(name, this::storedOrNew);
  }

  private byte[] storedOrNew(String name) {
    var stored = read(name);
    if (stored != null) {
      return stored;
    }
    byte[] fresh = new byte[32];
    random.nextBytes(fresh);
    try {
      jdbc.sql("INSERT INTO delivery_keys (name, secret, created_at) VALUES (?, ?, ?)")
          .params(name, Base64.getEncoder().encodeToString(fresh), OffsetDateTime.now(clock))
          .update();
      return fresh;
    } catch (DuplicateKeyException madeConcurrently) {
      return read(name);
    }
  }

  private byte[] read(String name) {
    return jdbc.sql("SELECT secret FROM delivery_keys WHERE name = ?")
        .param(name)
        .query(String.class)
        .optional()
        .map(Base64.getDecoder()::decode)
        .orElse(null);
  }
}
