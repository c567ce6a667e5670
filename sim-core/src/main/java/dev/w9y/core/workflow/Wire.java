package dev.w9y.core.workflow;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Guest values as the engine keeps them: structured-clone bytes in binary strings. */
final class Wire {
  private Wire() {}

  /** A binary string (one char per byte) as base64, for the trace and histories. */
  static String b64(String binary) {
    return binary == null
        ? null
        : Base64.getEncoder().encodeToString(binary.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The binary string {@code base64} encodes. */
  static String unb64(String base64) {
    return base64 == null
        ? null
        : new String(Base64.getDecoder().decode(base64), StandardCharsets.ISO_8859_1);
  }
}
