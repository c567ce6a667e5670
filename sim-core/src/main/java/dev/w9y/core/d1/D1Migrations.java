package dev.w9y.core.d1;

import dev.w9y.core.guest.GuestException;
import dev.w9y.core.sql.SqliteDatabase;
import dev.w9y.scheduler.RandomStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A D1 database's migrations (wrangler: {@code migrations_dir}, {@code migrations_table}), applied
 * to the database when it is made, before any query reaches it, as {@code wrangler d1 migrations
 * apply --local} applies them before {@code wrangler dev}: every {@code .sql} file of the directory
 * in name order ({@code 0001_create.sql}, {@code 0002_index.sql}), each followed by the row that
 * records it in the migrations table, which has wrangler's columns ({@code id}, {@code name},
 * {@code applied_at}).
 *
 * @param directory the migrations directory
 * @param table the migrations table's name
 */
public record D1Migrations(Path directory, String table) {
  /** wrangler's default directory, relative to its configuration file. */
  public static final String DEFAULT_DIRECTORY = "migrations";

  /** wrangler's default table. */
  public static final String DEFAULT_TABLE = "d1_migrations";

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public D1Migrations {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("migrations directory not found: " + directory);
    }
    if (table == null || !TABLE_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "migrations table '" + table + "' must be a plain SQL name (letters, digits, _)");
    }
  }

  /** The migration files, in the order they apply (by name, as wrangler sorts them). */
  public List<Path> files() {
    try (Stream<Path> entries = Files.list(directory)) {
      List<Path> files = new ArrayList<>();
      entries
          .filter(path -> path.getFileName().toString().endsWith(".sql"))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .forEach(files::add);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list migrations in " + directory, e);
    }
  }

  /**
   * Applies every migration to a scratch database, which is then thrown away, so that a file SQLite
   * refuses is found where the migrations are declared (a topology file) rather than when a run
   * first opens the database. Its clock and randomness are fixed: nothing of it reaches a run.
   *
   * @throws IllegalArgumentException as {@link #applyTo} does
   */
  public void check(String database) {
    try (SqliteDatabase scratch = SqliteDatabase.open(RandomStream.root(0), () -> 0L)) {
      applyTo(scratch, database);
    }
  }

  /**
   * Applies every migration to {@code sqlite}; the names applied, in order.
   *
   * @throws IllegalArgumentException naming the database, the file and SQLite's message if a
   *     migration fails (the ones before it stay applied, as with wrangler)
   */
  List<String> applyTo(SqliteDatabase sqlite, String database) {
    sqlite.exec(
        "CREATE TABLE IF NOT EXISTS "
            + table
            + "(\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  name TEXT UNIQUE,\n"
            + "  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL\n)",
        List.of());
    List<String> applied = new ArrayList<>();
    for (Path file : files()) {
      String name = file.getFileName().toString();
      String sql;
      try {
        sql = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("d1 database " + database + ": cannot read " + file, e);
      }
      // One transaction per file, as wrangler sends each file as one D1 request: a failing
      // migration leaves nothing of itself behind.
      sqlite.begin();
      try {
        sqlite.exec(sql + "\n;INSERT INTO " + table + " (name) VALUES (?)", List.of(name));
        sqlite.commit();
      } catch (GuestException e) {
        sqlite.rollback();
        throw new IllegalArgumentException(
            "d1 database " + database + ": migration " + file + " failed: " + e.getMessage(), e);
      }
      applied.add(name);
    }
    return applied;
  }
}
