package io.expansion.playbook.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 (the JDK's), and a comparison that takes the same time however much matches. */
final class Hmac {

  private static final String ALGORITHM = "HmacSHA256";

  private Hmac() {}

  static byte[] sha256(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  static String sha256Hex(byte[] key, String data) {
    return HexFormat.of().formatHex(sha256(key, data));
  }

  static boolean equal(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
