package dev.w9y.core;

import dev.w9y.core.sql.SqliteDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The storage of a SQLite-backed durable object: the live database the object reads and writes (its
 * view) and the image that is durable (its disk). Each write batch becomes durable as the image of
 * the database as it stood right after that batch: the image is taken lazily, just before the next
 * statement could change the database (or at the flush, if none did), so a run of reads costs
 * nothing and a crash restores exactly what the last durable batch left.
 */
final class SqliteObjectStore {
  private final SqliteDatabase database;
  private byte[] durable;

  /** Images of batches written but not yet durable, by batch number. */
  private final TreeMap<Long, byte[]> images = new TreeMap<>();

  /** Batches whose image is the database as it is now (not taken yet). */
  private final List<Long> uncaptured = new ArrayList<>();

  /** The event the newest batch was written in: later SQL writes of that event join it. */
  private long newestBatchEvent = -1;

  SqliteObjectStore(SqliteDatabase database) {
    this.database = database;
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
    }
    images.headMap(number).clear();
  }

  /** The object restarts: the database goes back to the durable image. */
  void reset() {
    images.clear();
    uncaptured.clear();
    newestBatchEvent = -1;
    database.restore(durable);
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
