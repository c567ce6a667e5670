package dev.w9y.debugger;

import dev.w9y.scheduler.VirtualTime;

/** Reads a virtual time as the debugger's {@code goto} takes it: {@code +HH:MM:SS.fraction}. */
final class TimeText {
  private TimeText() {}

  /**
   * {@code +00:01:02.5} to nanoseconds; also {@code +MM:SS.s} and {@code +SS.s}.
   *
   * @throws IllegalArgumentException naming the text
   */
  static long parse(String text) {
    String body = text.startsWith("+") ? text.substring(1) : text;
    String[] parts = body.split(":", -1);
    if (parts.length > 3 || body.isEmpty()) {
      throw bad(text);
    }
    try {
      long nanos = 0;
      for (int i = 0; i < parts.length - 1; i++) {
        long unit =
            parts.length - 1 - i == 2 ? VirtualTime.NANOS_PER_HOUR : VirtualTime.NANOS_PER_MINUTE;
        nanos += Long.parseLong(parts[i]) * unit;
      }
      String seconds = parts[parts.length - 1];
      int dot = seconds.indexOf('.');
      String whole = dot < 0 ? seconds : seconds.substring(0, dot);
      String fraction = dot < 0 ? "" : seconds.substring(dot + 1);
      if (whole.isEmpty()
          || fraction.length() > 9
          || !fraction.chars().allMatch(Character::isDigit)) {
        throw bad(text);
      }
      nanos += Long.parseLong(whole) * VirtualTime.NANOS_PER_SECOND;
      nanos += fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
      return nanos;
    } catch (NumberFormatException e) {
      throw bad(text);
    }
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException(
        "'" + text + "' is not a virtual time (+HH:MM:SS.fraction, e.g. +00:01:02.5)");
  }
}
