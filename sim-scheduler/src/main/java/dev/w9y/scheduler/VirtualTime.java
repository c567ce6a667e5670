package dev.w9y.scheduler;

/** Units and the human-readable format of virtual time, which is a {@code long} of nanoseconds. */
public final class VirtualTime {
  public static final long NANOS_PER_MICRO = 1_000L;
  public static final long NANOS_PER_MILLI = 1_000_000L;
  public static final long NANOS_PER_SECOND = 1_000_000_000L;
  public static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
  public static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;
  public static final long NANOS_PER_DAY = 24 * NANOS_PER_HOUR;

  private VirtualTime() {}

  /**
   * Formats to millisecond precision as {@code +HH:MM:SS.mmm}, with a day count once a day has
   * passed ({@code +2d03:04:05.006}). Negative values (clock skews) get a minus sign.
   */
  public static String format(long nanos) {
    return format(nanos, false);
  }

  /**
   * Like {@link #format(long)} but keeps all nine fractional digits: {@code +00:00:01.000000250}.
   */
  public static String formatPrecise(long nanos) {
    return format(nanos, true);
  }

  private static String format(long nanos, boolean precise) {
    StringBuilder out = new StringBuilder(24);
    out.append(nanos < 0 ? '-' : '+');
    // Work with the magnitude as an unsigned value so Long.MIN_VALUE formats too.
    long magnitude = nanos < 0 ? -nanos : nanos;
    long days = Long.divideUnsigned(magnitude, NANOS_PER_DAY);
    long rest = Long.remainderUnsigned(magnitude, NANOS_PER_DAY);
    if (days > 0) {
      out.append(Long.toUnsignedString(days)).append('d');
    }
    appendPadded(out, rest / NANOS_PER_HOUR, 2).append(':');
    appendPadded(out, rest / NANOS_PER_MINUTE % 60, 2).append(':');
    appendPadded(out, rest / NANOS_PER_SECOND % 60, 2).append('.');
    long fraction = rest % NANOS_PER_SECOND;
    if (precise) {
      appendPadded(out, fraction, 9);
    } else {
      appendPadded(out, fraction / NANOS_PER_MILLI, 3);
    }
    return out.toString();
  }

  private static StringBuilder appendPadded(StringBuilder out, long value, int width) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }
}
