package dev.w9y.core.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static long at(String instant) {
    return Instant.parse(instant).getEpochSecond() * 1_000_000_000L;
  }

  private static String next(String cron, String after) {
    return Instant.ofEpochSecond(CronSchedule.parse(cron).nextFireAfter(at(after)) / 1_000_000_000L)
        .toString();
  }

  @Test
  void everyMinuteFiresAtTheNextWholeMinuteStrictlyAfter() {
    assertThat(next("* * * * *", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-01T00:01:00Z");
    assertThat(next("* * * * *", "2026-01-01T00:00:59Z")).isEqualTo("2026-01-01T00:01:00Z");
  }

  @Test
  void stepsRangesListsAndNamesCombine() {
    assertThat(next("*/15 * * * *", "2026-01-01T10:16:00Z")).isEqualTo("2026-01-01T10:30:00Z");
    assertThat(next("5,35 9-17/4 * * *", "2026-01-01T13:36:00Z")).isEqualTo("2026-01-01T17:05:00Z");
    assertThat(next("0 12 * MAR-may *", "2026-06-01T00:00:00Z")).isEqualTo("2027-03-01T12:00:00Z");
    assertThat(next("30/10 0 * * *", "2026-01-01T00:45:00Z")).isEqualTo("2026-01-01T00:50:00Z");
  }

  @Test
  void sundayIsBothZeroAndSeven() {
    // 2026-01-04 is a Sunday.
    assertThat(next("0 0 * * 0", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-04T00:00:00Z");
    assertThat(next("0 0 * * 7", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-04T00:00:00Z");
    assertThat(next("0 0 * * SUN", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-04T00:00:00Z");
  }

  @Test
  void restrictedDayOfMonthAndDayOfWeekMatchEitherAsInVixieCron() {
    // The 13th, or any Friday: 2026-01-02 is a Friday, before the 13th.
    assertThat(next("0 0 13 * FRI", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-02T00:00:00Z");
    // With the weekday field a star, only the day of month counts.
    assertThat(next("0 0 13 * *", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-13T00:00:00Z");
  }

  @Test
  void monthEndsLeapDaysAndYearRolloverAreRight() {
    assertThat(next("0 0 31 * *", "2026-04-01T00:00:00Z")).isEqualTo("2026-05-31T00:00:00Z");
    assertThat(next("0 0 29 2 *", "2026-01-01T00:00:00Z")).isEqualTo("2028-02-29T00:00:00Z");
    assertThat(next("59 23 31 12 *", "2026-12-31T23:59:00Z")).isEqualTo("2027-12-31T23:59:00Z");
    assertThat(next("@yearly", "2026-06-15T08:00:00Z")).isEqualTo("2027-01-01T00:00:00Z");
  }

  @Test
  void macrosExpandToTheirSchedules() {
    assertThat(next("@hourly", "2026-01-01T10:00:00Z")).isEqualTo("2026-01-01T11:00:00Z");
    assertThat(next("@daily", "2026-01-01T10:00:00Z")).isEqualTo("2026-01-02T00:00:00Z");
    assertThat(next("@midnight", "2026-01-01T10:00:00Z")).isEqualTo("2026-01-02T00:00:00Z");
    assertThat(next("@weekly", "2026-01-01T10:00:00Z")).isEqualTo("2026-01-04T00:00:00Z");
    assertThat(next("@monthly", "2026-01-01T10:00:00Z")).isEqualTo("2026-02-01T00:00:00Z");
    assertThat(next("@annually", "2026-01-01T10:00:00Z")).isEqualTo("2027-01-01T00:00:00Z");
  }

  @Test
  void businessHoursOverASimulatedWeekFireTheRightNumberOfTimes() {
    CronSchedule schedule = CronSchedule.parse("*/15 9-17 * * MON-FRI");
    long start = at("2026-01-05T00:00:00Z"); // a Monday
    long end = at("2026-01-12T00:00:00Z");
    List<Long> firings = new ArrayList<>();
    for (long t = schedule.nextFireAfter(start - 1); t < end; t = schedule.nextFireAfter(t)) {
      firings.add(t);
    }
    assertThat(firings).hasSize(5 * 9 * 4);
    assertThat(firings.get(0)).isEqualTo(at("2026-01-05T09:00:00Z"));
    assertThat(firings.get(firings.size() - 1)).isEqualTo(at("2026-01-09T17:45:00Z"));
  }

  @Test
  void everyMistakeIsAClearErrorNamingTheField() {
    assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *"))
        .hasMessage("cron '0 25 * * *': hour value 25 is outside 0-23");
    assertThatThrownBy(() -> CronSchedule.parse("* * * *"))
        .hasMessageContaining("expected 5 fields");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * FOO *"))
        .hasMessageContaining("month value 'FOO' is not a number or name");
    assertThatThrownBy(() -> CronSchedule.parse("0 17-9 * * *"))
        .hasMessageContaining("runs backwards");
    assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *"))
        .hasMessageContaining("step value 0");
    assertThatThrownBy(() -> CronSchedule.parse("1,,2 * * * *"))
        .hasMessageContaining("empty list item");
    assertThatThrownBy(() -> CronSchedule.parse("@reboot"))
        .hasMessageContaining("no meaning in a simulation");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *")).hasMessageContaining("never fires");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 31 4 *")).hasMessageContaining("never fires");
    assertThat(CronSchedule.parse("0 0 30 2 MON").expression()).isEqualTo("0 0 30 2 MON");
  }
}
