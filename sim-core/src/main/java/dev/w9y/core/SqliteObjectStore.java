package dev.w9y.core;

import dev.w9y.core.sql.SqliteDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The storage of a SQLite-backed durable object: the live database the object reads and writes (its
 * view) and the image that is durable (its disk). Each write batch becomes durable as the image of
 * the database as it stood right after that batch: the image is taken lazily, just before the next
 * statement could change the database (or at the flush, if none did), so a run of reads costs
 * nothing and a crash restores exactly what the last durable batch left.
 */
final class SqliteObjectStore {
  /**
   * Durable states kept for point-in-time recovery: Cloudflare keeps 30 days; W9Y keeps those of
   * the last 30 virtual days, at most this many (a simulation's memory is bounded;
   * docs/JS-GUESTS.md).
   */
  static final int HISTORY_LIMIT = 32;

  static final long HISTORY_MILLIS = 30L * 24 * 60 * 60 * 1000;

  /** Images are kept as pages of this size; a page equal to the previous state's is shared. */
  private static final int PAGE = 4096;

  private final SqliteDatabase database;
  private final java.util.function.LongSupplier epochMillis;
  private byte[] durable;

  /** One durable state: when it became durable, and its image as pages (null: empty database). */
  private record Version(long epochMillis, byte[][] pages, int length) {
    byte[] image() {
      if (pages == null) {
        return null;
      }
      byte[] image = new byte[length];
      for (int i = 0, at = 0; i < pages.length; i++, at += PAGE) {
        System.arraycopy(pages[i], 0, image, at, pages[i].length);
      }
      return image;
    }
  }

  /** Durable states by commit number (the bookmark's sequence); 0 is the empty database. */
  private final TreeMap<Long, Version> history = new TreeMap<>();

  private long commits;

  /** The commit the next restart restores (onNextSessionRestoreBookmark), or -1. */
  private long restoreOnRestart = -1;

  /** Images of batches written but not yet durable, by batch number. */
  private final TreeMap<Long, byte[]> images = new TreeMap<>();

  /** Batches whose image is the database as it is now (not taken yet). */
  private final List<Long> uncaptured = new ArrayList<>();

  /** The event the newest batch was written in: later SQL writes of that event join it. */
  private long newestBatchEvent = -1;

  SqliteObjectStore(SqliteDatabase database, java.util.function.LongSupplier epochMillis) {
    this.database = database;
    this.epochMillis = epochMillis;
    history.put(0L, new Version(epochMillis.getAsLong(), null, 0));
  }

  SqliteDatabase database() {
    return database;
  }

  /**
   * Call before anything may change the database: the batches written so far keep their images.
   * Inside {@code transactionSync} nothing is taken (the batches of a transaction become durable as
   * its outcome, taken after it ends).
   */
  void beforeChange() {
    if (uncaptured.isEmpty() || database.inTransaction()) {
      return;
    }
    byte[] image = database.image();
    for (long batch : uncaptured) {
      images.put(batch, image);
    }
    uncaptured.clear();
  }

  /** Batch {@code number} was written (the database already holds it) in event {@code event}. */
  void written(long number, long event) {
    uncaptured.add(number);
    newestBatchEvent = event;
  }

  /**
   * Whether a SQL write in event {@code event} may join batch {@code newest}: workerd coalesces the
   * writes made without an intervening await into one atomic batch.
   */
  boolean joins(long newest, long event) {
    return event == newestBatchEvent && uncaptured.contains(newest);
  }

  /** Batch {@code number} is durable: its image becomes the disk. */
  void durable(long number) {
    if (uncaptured.contains(number)) {
      beforeChange();
    }
    byte[] image = images.remove(number);
    if (image != null) {
      durable = image;
      commit(image);
    }
    images.headMap(number).clear();
  }

  /** A durable state joins the history (pages equal to the previous state's are shared). */
  private void commit(byte[] image) {
    Version previous = history.lastEntry().getValue();
    int count = image == null ? 0 : (image.length + PAGE - 1) / PAGE;
    byte[][] pages = image == null ? null : new byte[count][];
    for (int i = 0; i < count; i++) {
      byte[] page =
          java.util.Arrays.copyOfRange(image, i * PAGE, Math.min(image.length, (i + 1) * PAGE));
      if (previous.pages() != null
          && i < previous.pages().length
          && java.util.Arrays.equals(previous.pages()[i], page)) {
        page = previous.pages()[i];
      }
      pages[i] = page;
    }
    long now = epochMillis.getAsLong();
    history.put(++commits, new Version(now, pages, image == null ? 0 : image.length));
    while (history.size() > HISTORY_LIMIT
        || history.firstEntry().getValue().epochMillis() < now - HISTORY_MILLIS) {
      history.pollFirstEntry();
    }
  }

  /** The bookmark of the newest durable state. */
  String currentBookmark() {
    return dev.w9y.core.sql.Bookmarks.format(commits);
  }

  /**
   * The bookmark of the state durable at {@code epochMillis} (the newest at or before it).
   *
   * @throws dev.w9y.core.guest.GuestException if that is older than the kept history
   */
  String bookmarkForTime(long epochMillis) {
    long now = this.epochMillis.getAsLong();
    if (epochMillis < now - HISTORY_MILLIS) {
      throw new dev.w9y.core.guest.GuestException(
          "The requested point in time is more than 30 days ago; point-in-time recovery reaches"
              + " back 30 days.");
    }
    Long found = null;
    for (Map.Entry<Long, Version> version : history.entrySet()) {
      if (version.getValue().epochMillis() <= epochMillis) {
        found = version.getKey();
      }
    }
    if (found == null) {
      throw new dev.w9y.core.guest.GuestException(
          "The requested point in time is before the oldest state W9Y keeps ("
              + HISTORY_LIMIT
              + " durable states per object; see docs/JS-GUESTS.md).");
    }
    return dev.w9y.core.sql.Bookmarks.format(found);
  }

  /**
   * The next restart restores the state {@code bookmark} names; the bookmark of the newest durable
   * state now (to undo the restore).
   *
   * @throws dev.w9y.core.guest.GuestException if the bookmark names no state W9Y keeps
   */
  String restoreOnRestart(String bookmark) {
    long sequence = dev.w9y.core.sql.Bookmarks.parse(bookmark);
    if (sequence < 0 || sequence > commits) {
      throw new dev.w9y.core.guest.GuestException("Invalid bookmark: " + bookmark);
    }
    if (!history.containsKey(sequence)) {
      throw new dev.w9y.core.guest.GuestException(
          "The bookmark "
              + bookmark
              + " names a state older than W9Y keeps ("
              + HISTORY_LIMIT
              + " durable states per object, 30 days).");
    }
    restoreOnRestart = sequence;
    return currentBookmark();
  }

  /** The object restarts: the database goes back to the durable image (or a bookmarked one). */
  void reset() {
    images.clear();
    uncaptured.clear();
    newestBatchEvent = -1;
    if (restoreOnRestart >= 0) {
      durable = history.get(restoreOnRestart).image();
      restoreOnRestart = -1;
      commit(durable); // the restored state is a new point in the history
    }
    database.restore(durable);
  }

  /** Whether a restart will restore a bookmarked state. */
  boolean restorePending() {
    return restoreOnRestart >= 0;
  }

  /** The key-value data ({@code _cf_KV}) of the durable image, for checks and inspection. */
  TreeMap<String, byte[]> durableKeyValues() {
    if (durable == null) {
      return new TreeMap<>();
    }
    // A throwaway database: opening one draws nothing from the stream it is given.
    try (SqliteDatabase copy =
        SqliteDatabase.open(dev.w9y.scheduler.RandomStream.root(0), () -> 0L)) {
      copy.restore(durable);
      return copy.kvAll();
    }
  }

  /** Bytes of the durable image (0 before the first durable write). */
  long durableBytes() {
    return durable == null ? 0 : durable.length;
  }

  void close() {
    database.close();
  }
}
