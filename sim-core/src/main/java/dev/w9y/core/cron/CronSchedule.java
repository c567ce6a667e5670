package dev.w9y.core.cron;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A 5-field cron expression ({@code minute hour day-of-month month day-of-week}) evaluated in UTC,
 * as Cloudflare's cron triggers are. Supports {@code *}, numbers, ranges {@code a-b}, steps
 * ({@code *&#47;n}, {@code a-b/n}, {@code a/n}), lists, month names {@code JAN}-{@code DEC}, day
 * names {@code SUN}-{@code SAT} (0 and 7 are both Sunday) and the macros {@code @yearly}, {@code
 * @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code
 * @hourly}. As in Vixie cron, when both day fields are restricted a day matches if either does.
 *
 * <p>Times are nanoseconds since 1970-01-01T00:00:00Z; firings fall on whole minutes.
 */
public final class CronSchedule {
  /**
   * How far ahead {@link #nextFireAfter} searches: more than the longest leap-day gap (8 years).
   */
  public static final int MAX_SEARCH_YEARS = 10;

  private static final long NANOS_PER_MINUTE = 60_000_000_000L;
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean eitherDayMatches;

  private CronSchedule(String expression, String[] fields) {
    this.expression = expression;
    this.minutes = field(fields[0], "minute", 0, 59, null, 0);
    this.hours = field(fields[1], "hour", 0, 23, null, 0);
    this.daysOfMonth = field(fields[2], "day-of-month", 1, 31, null, 0);
    this.months = field(fields[3], "month", 1, 12, MONTHS, 1);
    BitSet days = field(fields[4], "day-of-week", 0, 7, DAYS, 0);
    if (days.get(7)) {
      days.set(0); // 7 is Sunday too
      days.clear(7);
    }
    this.daysOfWeek = days;
    this.eitherDayMatches = !fields[2].startsWith("*") && !fields[4].startsWith("*");
  }

  /** Parses an expression; every mistake is an IllegalArgumentException naming the field. */
  public static CronSchedule parse(String expression) {
    if (expression == null) {
      throw new IllegalArgumentException("cron expression is missing");
    }
    String trimmed = expression.strip();
    String expanded =
        switch (trimmed.toLowerCase(Locale.ROOT)) {
          case "@yearly", "@annually" -> "0 0 1 1 *";
          case "@monthly" -> "0 0 1 * *";
          case "@weekly" -> "0 0 * * 0";
          case "@daily", "@midnight" -> "0 0 * * *";
          case "@hourly" -> "0 * * * *";
          case "@reboot" ->
              throw new IllegalArgumentException(
                  "cron '"
                      + expression
                      + "': @reboot has no meaning in a simulation; use a workload");
          default -> trimmed;
        };
    if (expanded.startsWith("@")) {
      throw new IllegalArgumentException("cron '" + expression + "': unknown macro " + expanded);
    }
    String[] fields = expanded.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "cron '"
              + expression
              + "': expected 5 fields (minute hour day-of-month month day-of-week), found "
              + fields.length);
    }
    CronSchedule schedule;
    try {
      schedule = new CronSchedule(expression, fields);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cron '" + expression + "': " + e.getMessage(), e);
    }
    if (schedule.search(0) < 0) {
      throw new IllegalArgumentException(
          "cron '" + expression + "': never fires (no such day in any year)");
    }
    return schedule;
  }

  public String expression() {
    return expression;
  }

  /** The first firing strictly after {@code epochNanos}, in nanoseconds since 1970 (UTC). */
  public long nextFireAfter(long epochNanos) {
    long next = search(epochNanos);
    if (next < 0) {
      throw new IllegalStateException(
          "cron '" + expression + "' does not fire within " + MAX_SEARCH_YEARS + " years");
    }
    return next;
  }

  /** The next firing after {@code epochNanos}, or -1 if none within the search bound. */
  private long search(long epochNanos) {
    long minute = Math.floorDiv(epochNanos, NANOS_PER_MINUTE) + 1;
    LocalDateTime at = LocalDateTime.ofEpochSecond(minute * 60, 0, ZoneOffset.UTC);
    LocalDateTime limit = at.plusYears(MAX_SEARCH_YEARS);
    while (at.isBefore(limit)) {
      if (!months.get(at.getMonthValue())) {
        at = at.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      } else if (!dayMatches(at.toLocalDate())) {
        at = at.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!hours.get(at.getHour())) {
        int nextHour = hours.nextSetBit(at.getHour() + 1);
        at =
            nextHour < 0
                ? at.toLocalDate().plusDays(1).atStartOfDay()
                : at.toLocalDate().atTime(nextHour, 0);
      } else if (!minutes.get(at.getMinute())) {
        int nextMinute = minutes.nextSetBit(at.getMinute() + 1);
        at = nextMinute < 0 ? at.withMinute(0).plusHours(1) : at.withMinute(nextMinute);
      } else {
        return at.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
      }
    }
    return -1;
  }

  private boolean dayMatches(LocalDate date) {
    boolean dom = daysOfMonth.get(date.getDayOfMonth());
    boolean dow = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
    return eitherDayMatches ? dom || dow : dom && dow;
  }

  private static BitSet field(
      String text, String name, int min, int max, List<String> names, int nameBase) {
    BitSet values = new BitSet(max + 1);
    for (String item : text.split(",", -1)) {
      if (item.isEmpty()) {
        throw new IllegalArgumentException(name + " has an empty list item in '" + text + "'");
      }
      int step = 1;
      String range = item;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        step = number(item.substring(slash + 1), name + " step", 1, Integer.MAX_VALUE, null, 0);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else {
        int dash = range.indexOf('-');
        if (dash > 0) {
          from = number(range.substring(0, dash), name, min, max, names, nameBase);
          to = number(range.substring(dash + 1), name, min, max, names, nameBase);
          if (to < from) {
            throw new IllegalArgumentException(name + " range " + range + " runs backwards");
          }
        } else {
          from = number(range, name, min, max, names, nameBase);
          to = slash >= 0 ? max : from; // "a/n" means a through the maximum, every n
        }
      }
      for (int value = from; value <= to; value += step) {
        values.set(value);
      }
    }
    return values;
  }

  private static int number(
      String text, String name, int min, int max, List<String> names, int nameBase) {
    if (names != null) {
      int index = names.indexOf(text.toUpperCase(Locale.ROOT));
      if (index >= 0) {
        return index + nameBase;
      }
    }
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " value '" + text + "' is not a number or name");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name
              + " value "
              + value
              + " is outside "
              + min
              + "-"
              + (max == Integer.MAX_VALUE ? "" : max));
    }
    return value;
  }

  @Override
  public String toString() {
    return "CronSchedule[" + expression + "]";
  }
}
