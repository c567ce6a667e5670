package dev.w9y.core.guest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a trace names a guest's code: its entry as a path relative to the code's own root and a hash
 * of its content, e.g. {@code js:index.js sha256:1f0c9a3e5b7d2c44}. Never an absolute or as-passed
 * path: the same seed must give the same trace, byte for byte, from any checkout directory and
 * machine, while a change to any file of the code changes the header (a replay of old code is then
 * visibly a different run).
 */
public final class CodeIdentity {
  /** Hex digits of the SHA-256 kept: 64 bits name a code version well enough for a header. */
  private static final int HEX_DIGITS = 16;

  private CodeIdentity() {}

  /** {@code kind:entry sha256:...} over every file (name and bytes, in name order). */
  public static String of(String kind, String entry, SortedMap<String, byte[]> files) {
    MessageDigest sha = sha256();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
      // Lengths before contents, so that no two different file sets hash alike.
      sha.update(lengthOf(name.length));
      sha.update(name);
      sha.update(lengthOf(file.getValue().length));
      sha.update(file.getValue());
    }
    String hex = HexFormat.of().formatHex(sha.digest()).substring(0, HEX_DIGITS);
    return kind + ":" + entry + " sha256:" + hex;
  }

  /** {@code kind:name sha256:...} of code that is a single file. */
  public static String of(String kind, String name, byte[] content) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put(name, content);
    return of(kind, name, files);
  }

  private static byte[] lengthOf(int length) {
    return new byte[] {
      (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length
    };
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
