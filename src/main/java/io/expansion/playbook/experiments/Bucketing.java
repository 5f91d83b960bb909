package io.expansion.playbook.experiments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Deterministic assignment: SHA-256 of {@code salt:accountId}, its first eight bytes as an unsigned
 * number modulo {@link #BUCKETS}. Arms own consecutive bucket ranges in the order given, each as
 * many buckets as its weight in hundredths of a per cent.
 */
public final class Bucketing {

  public static final int BUCKETS = 10_000;

  private Bucketing() {}

  public static int bucket(String salt, String accountId) {
    byte[] hash = sha256((salt + ":" + accountId).getBytes(StandardCharsets.UTF_8));
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (hash[i] & 0xFF);
    }
    return (int) Long.remainderUnsigned(value, BUCKETS);
  }

  /** The arm whose bucket range holds the bucket (weights sum to 100 %). */
  public static Arm arm(List<Arm> arms, int bucket) {
    int upper = 0;
    for (Arm arm : arms) {
      upper += arm.basisPoints();
      if (bucket < upper) {
        return arm;
      }
    }
    return arms.getLast();
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
