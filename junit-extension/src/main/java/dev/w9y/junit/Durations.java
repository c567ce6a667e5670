package dev.w9y.junit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses human durations in system properties: {@code 90s}, {@code 10m}, {@code 2h}. */
final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  static long parse(String text, String property) {
    Matcher matcher = DURATION.matcher(text == null ? "" : text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "-D" + property + " must be a duration like 90s, 10m or 2h, was '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> amount * 1_000_000L;
      case "s" -> amount * 1_000_000_000L;
      case "m" -> amount * 60_000_000_000L;
      default -> amount * 3_600_000_000_000L;
    };
  }
}
