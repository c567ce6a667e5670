package dev.w9y.core.sql;

import dev.w9y.scheduler.RandomStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.sqlite.Function;

/**
 * Replaces SQLite's nondeterministic functions on a connection, so a seed gives the same answers:
 * {@code random()} and {@code randomblob(n)} draw from the object's seeded stream, and the clock
 * SQLite reads for {@code 'now'} ({@code datetime('now')}, {@code CURRENT_TIMESTAMP}, {@code
 * unixepoch()} ...) is the object's virtual clock.
 *
 * <p>Application-defined functions take precedence over SQLite's built-ins of the same name. The
 * date functions keep SQLite's own implementation: the override puts the virtual time where the
 * argument says {@code 'now'} (or where none is given) and asks a second, plain connection to
 * evaluate the built-in with it.
 */
final class VirtualFunctions {
  /** SQLite's date functions whose time-value is their first argument. */
  private static final String[] DATE_FUNCTIONS = {
    "date", "time", "datetime", "julianday", "unixepoch"
  };

  private static final DateTimeFormatter SQLITE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private VirtualFunctions() {}

  static void install(
      Connection connection, Connection plain, RandomStream random, LongSupplier epochMillis)
      throws SQLException {
    Function.create(
        connection,
        "random",
        new Function() {
          @Override
          protected void xFunc() throws SQLException {
            result(random.nextLong());
          }
        },
        0,
        0);
    Function.create(
        connection,
        "randomblob",
        new Function() {
          @Override
          protected void xFunc() throws SQLException {
            // As SQLite: N < 1 gives one byte.
            long n = value_type(0) == 5 ? 1 : Math.max(1, value_long(0));
            byte[] bytes = new byte[(int) Math.min(n, 1_000_000_000L)];
            for (int i = 0; i < bytes.length; i += 8) {
              long word = random.nextLong();
              for (int j = i; j < Math.min(bytes.length, i + 8); j++) {
                bytes[j] = (byte) word;
                word >>>= 8;
              }
            }
            result(bytes);
          }
        },
        1,
        0);
    for (String name : DATE_FUNCTIONS) {
      Function.create(connection, name, new NowAware(plain, name, 0, epochMillis), -1, 0);
    }
    Function.create(connection, "strftime", new NowAware(plain, "strftime", 1, epochMillis), -1, 0);
    Function.create(
        connection, "timediff", new NowAware(plain, "timediff", 0, 1, epochMillis), -1, 0);
    // CURRENT_TIMESTAMP, CURRENT_DATE and CURRENT_TIME are calls of these names with no argument.
    Function.create(
        connection, "current_timestamp", new NowAware(plain, "datetime", 0, epochMillis), 0, 0);
    Function.create(connection, "current_date", new NowAware(plain, "date", 0, epochMillis), 0, 0);
    Function.create(connection, "current_time", new NowAware(plain, "time", 0, epochMillis), 0, 0);
  }

  static String sqliteTime(long epochMillis) {
    return SQLITE_TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * A date function with the current time read from the virtual clock: where a time-value argument
   * is {@code 'now'} (or {@code 'subsec'}, which SQLite also reads as the current time), or where
   * the function is called without one.
   */
  private static final class NowAware extends Function {
    private final Connection plain;
    private final String builtin;
    private final int firstTimeArgument;
    private final int lastTimeArgument;
    private final LongSupplier epochMillis;

    NowAware(Connection plain, String builtin, int timeArgument, LongSupplier epochMillis) {
      this(plain, builtin, timeArgument, timeArgument, epochMillis);
    }

    NowAware(
        Connection plain,
        String builtin,
        int firstTimeArgument,
        int lastTimeArgument,
        LongSupplier epochMillis) {
      this.plain = plain;
      this.builtin = builtin;
      this.firstTimeArgument = firstTimeArgument;
      this.lastTimeArgument = lastTimeArgument;
      this.epochMillis = epochMillis;
    }

    @Override
    protected void xFunc() throws SQLException {
      List<Object> values = new ArrayList<>();
      boolean subsec = false;
      for (int i = 0; i < args(); i++) {
        Object value = argument(i);
        if (value instanceof String text) {
          String word = text.trim().toLowerCase(Locale.ROOT);
          boolean timeValue = i >= firstTimeArgument && i <= lastTimeArgument;
          if (timeValue
              && (word.equals("now") || word.equals("subsec") || word.equals("subsecond"))) {
            subsec |= !word.equals("now");
            value = sqliteTime(epochMillis.getAsLong());
          } else if (i > lastTimeArgument && (word.equals("localtime") || word.equals("utc"))) {
            // Workers run in UTC: the host's time zone must not leak into a run.
            value = "+0 seconds";
          }
        }
        values.add(value);
      }
      if (args() <= firstTimeArgument) {
        // date() is date('now'); strftime(format) likewise.
        while (values.size() < firstTimeArgument) {
          values.add(null);
        }
        values.add(sqliteTime(epochMillis.getAsLong()));
      }
      if (subsec) {
        values.add("subsec");
      }
      StringBuilder sql = new StringBuilder("SELECT ").append(builtin).append('(');
      for (int i = 0; i < values.size(); i++) {
        sql.append(i == 0 ? "?" : ",?");
      }
      sql.append(')');
      try (PreparedStatement statement = plain.prepareStatement(sql.toString())) {
        for (int i = 0; i < values.size(); i++) {
          statement.setObject(i + 1, values.get(i));
        }
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          Object value = rows.getObject(1);
          if (value == null) {
            result();
          } else if (value instanceof Double d) {
            result(d);
          } else if (value instanceof Number number) {
            result(number.longValue());
          } else {
            result(value.toString());
          }
        }
      }
    }

    private Object argument(int i) throws SQLException {
      return switch (value_type(i)) {
        case 1 -> value_long(i);
        case 2 -> value_double(i);
        case 4 -> value_blob(i);
        case 5 -> null;
        default -> value_text(i);
      };
    }
  }
}
