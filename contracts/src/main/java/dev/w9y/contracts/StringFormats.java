package dev.w9y.contracts;

import dev.w9y.scheduler.RandomStream;
import java.util.Base64;
import java.util.Locale;

/** Strings of the well-known JSON Schema and OpenAPI {@code format}s, drawn from the seed. */
final class StringFormats {
  private StringFormats() {}

  /** A value of {@code format}, or null for a format this does not know (any string then). */
  static String value(String format, RandomStream random) {
    return switch (format) {
      case "date-time" -> date(random) + "T" + time(random) + "Z";
      case "date" -> date(random);
      case "time" -> time(random) + "Z";
      case "email" -> "user" + random.nextInt(1000) + "@example.com";
      case "uuid" -> uuid(random);
      case "uri", "url", "iri" -> "https://example.com/r/" + random.nextInt(1000);
      case "uri-reference", "iri-reference" -> "/r/" + random.nextInt(1000);
      case "hostname", "idn-hostname" -> "host" + random.nextInt(1000) + ".example.com";
      case "ipv4" ->
          "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
      case "ipv6" -> "2001:db8::" + Integer.toHexString(random.nextInt(65536));
      case "byte" -> Base64.getEncoder().encodeToString(bytes(random, 1 + random.nextInt(12)));
      case "duration" -> "PT" + (1 + random.nextInt(3600)) + "S";
      default -> null;
    };
  }

  private static String date(RandomStream random) {
    return String.format(
        Locale.ROOT,
        "20%02d-%02d-%02d",
        20 + random.nextInt(10),
        1 + random.nextInt(12),
        1 + random.nextInt(28));
  }

  private static String time(RandomStream random) {
    return String.format(
        Locale.ROOT, "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
  }

  /** A version-4 UUID from the seed's bits (never {@code UUID.randomUUID}). */
  private static String uuid(RandomStream random) {
    String hex = String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-4"
        + hex.substring(13, 16)
        + "-"
        + "89ab".charAt(random.nextInt(4))
        + hex.substring(17, 20)
        + "-"
        + hex.substring(20, 32);
  }

  private static byte[] bytes(RandomStream random, int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }
}
