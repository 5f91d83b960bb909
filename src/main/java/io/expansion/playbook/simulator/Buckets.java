package io.expansion.playbook.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic hashing for the simulator: buckets of an id (0..9,999) and the seeds of the
 * per-account, per-day random draws, so a draw never depends on the order work is processed in.
 */
final class Buckets {

  static final int BUCKETS = 10_000;

  private Buckets() {}

  /** The bucket of {@code id} under {@code salt}, 0..9,999 (SHA-256, first 8 bytes). */
  static int bucket(String salt, String id) {
    return (int) Math.floorMod(hash(salt + ":" + id), BUCKETS);
  }

  /** A seed for the draws of one thing (an account's day, a message, a task) in a run. */
  static long seed(long runSeed, String... parts) {
    return hash(runSeed + ":" + String.join(":", parts));
  }

  private static long hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (digest[i] & 0xff);
      }
      return value;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
