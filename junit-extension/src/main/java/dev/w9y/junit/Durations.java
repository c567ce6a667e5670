package dev.w9y.junit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses human durations in system properties ({@code 90s}, {@code 10m}, {@code 2h}) and formats
 * wall time for people ({@code 4.2 s}, {@code 12m 30s}, {@code 1h 05m}).
 */
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

  /**
   * A wall-clock span for a progress line or summary: {@code 0.8 s}, {@code 42 s}, {@code 3m 05s}.
   */
  static String format(long nanos) {
    long clamped = Math.max(0, nanos);
    if (clamped < 9_950_000_000L) { // below what %.1f would round up to 10.0
      return String.format(java.util.Locale.ROOT, "%.1f s", clamped / 1e9);
    }
    long seconds = (clamped + 500_000_000L) / 1_000_000_000L; // rounded
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return String.format(java.util.Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
    return String.format(java.util.Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
  }
}
