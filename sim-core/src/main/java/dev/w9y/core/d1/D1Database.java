package dev.w9y.core.d1;

import dev.w9y.core.guest.GuestException;
import dev.w9y.core.platform.PlatformContext;
import dev.w9y.core.sql.SqliteDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One D1 database: a SQLite database (the same engine as SQLite-backed durable objects, {@link
 * SqliteDatabase}, with the simulation's clock and randomness), shared by every service bound to
 * its id. Each request runs its statements in one transaction, as workerd's local D1 does: all of
 * them take effect or, if one fails, none.
 */
final class D1Database implements AutoCloseable {
  /** Lines Miniflare drops before running: blank, or a comment after leading whitespace. */
  private static final Pattern INDENTED_COMMENT = Pattern.compile("(?m)^\\s+--.*");

  /** D1's words for a write the storage failed (Cloudflare's D1 error list). */
  static final String STORAGE_FAILED = "Internal error in D1 DB storage caused object to be reset.";

  /** D1's words for a request whose answer never came back. */
  static final String CONNECTION_LOST = "Network connection lost.";

  private final PlatformContext platform;
  private final D1DatabaseBinding binding;
  private final String actor;
  private final SqliteDatabase sqlite;

  /** Requests that changed the database, for the storage faults' numbering. */
  private long writes;

  /**
   * Bookmarks handed out so far. Local D1 (Miniflare's D1 object) asks its storage for the current
   * bookmark once per request that succeeded, reads included, and local workerd's ersatz bookmark
   * is a counter that every such ask moves on, starting at 0; a failed request asks nothing.
   */
  private long bookmarks;

  D1Database(PlatformContext platform, D1DatabaseBinding binding) {
    this.platform = platform;
    this.binding = binding;
    this.actor = "d1:" + binding.databaseName();
    this.sqlite =
        SqliteDatabase.open(
            platform.random("d1/" + binding.databaseId() + "/sql"), platform::epochMillis);
    if (binding.migrations() != null) {
      List<String> applied = binding.migrations().applyTo(sqlite, binding.databaseName());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("table", binding.migrations().table());
      details.put("applied", new ArrayList<Object>(applied));
      platform.record(actor, "d1.migrations", details);
    }
  }

  /** The trace actor of the database, e.g. {@code d1:orders}: storage faults name it. */
  String actor() {
    return actor;
  }

  D1DatabaseBinding binding() {
    return binding;
  }

  /** The outcome of one request at the database. */
  record Outcome(D1Reply reply, boolean replyLost, String failedSql) {}

  /**
   * Runs {@code queries} in one transaction; {@code durationMs} is how long each statement took.
   */
  Outcome run(List<D1Query> queries, long durationMs) {
    List<D1Query> statements = new ArrayList<>();
    for (D1Query query : queries) {
      if (!INDENTED_COMMENT.matcher(query.sql()).replaceAll("").trim().isEmpty()) {
        statements.add(query);
      }
    }
    if (statements.isEmpty()) {
      return new Outcome(D1Reply.failed("No SQL statements detected.", false), false, null);
    }
    List<D1Result> results = new ArrayList<>();
    boolean changed = false;
    sqlite.begin();
    for (D1Query query : statements) {
      long changesBefore = sqlite.totalChanges();
      long rowBefore = sqlite.lastInsertRowId();
      long sizeBefore = sqlite.size();
      SqliteDatabase.Outcome outcome;
      try {
        outcome = sqlite.exec(query.sql(), query.params());
      } catch (GuestException e) {
        sqlite.rollback();
        return new Outcome(D1Reply.failed(e.getMessage(), false), false, query.sql());
      }
      long changes = sqlite.totalChanges() - changesBefore;
      long lastRowId = sqlite.lastInsertRowId();
      long size = sqlite.size();
      boolean changedDb = changes != 0 || lastRowId != rowBefore || size != sizeBefore;
      changed |= changedDb || outcome.changed();
      results.add(
          new D1Result(
              outcome.result().columnNames(),
              outcome.result().rows(),
              durationMs,
              changes,
              lastRowId,
              changedDb,
              size,
              outcome.result().rowsRead(),
              outcome.result().rowsWritten()));
    }
    if (changed && platform.storageHooks().failWrite(actor, writes + 1)) {
      writes++;
      sqlite.rollback();
      return new Outcome(D1Reply.failed(STORAGE_FAILED, true), false, null);
    }
    sqlite.commit();
    String bookmark = dev.w9y.core.sql.Bookmarks.format(bookmarks++);
    boolean lost = false;
    if (changed) {
      writes++;
      // The write is durable, but its answer is lost on the way back.
      lost = platform.storageHooks().crashAfterWrite(actor, writes);
    }
    return new Outcome(
        lost ? D1Reply.failed(CONNECTION_LOST, true) : D1Reply.ok(results, bookmark), lost, null);
  }

  /** Extra time a request takes at the database (a slow-storage fault), in nanoseconds. */
  long extraLatencyNanos() {
    return platform.storageHooks().extraLatencyNanos(actor, true);
  }

  /** The database's size in bytes. */
  long size() {
    return sqlite.size();
  }

  /** The engine, for inspection in tests. */
  SqliteDatabase sqlite() {
    return sqlite;
  }

  @Override
  public void close() {
    sqlite.close();
  }
}
