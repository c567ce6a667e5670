package dev.w9y.core.guest;

import java.util.List;
import java.util.function.Supplier;

/**
 * A SQLite-backed durable object's database (Workers: {@code ctx.storage.sql}). Statements run at
 * once (no input gate: SQLite is local and synchronous, as in workerd); a statement that changes
 * the database holds the object's outputs until the change is durable, like a key-value write.
 */
public interface SqlStorage {
  /**
   * Runs {@code query} (one statement, or several separated by semicolons of which only the last
   * may have parameters) with {@code bindings} ({@code Double}, {@code String}, {@code byte[]} or
   * null).
   *
   * @throws GuestException with SQLite's message as workerd shows it ({@code no such table: t:
   *     SQLITE_ERROR})
   */
  SqlResult exec(String query, List<Object> bindings);

  /** Bytes the database uses (pages in use times the page size), as workerd counts them. */
  long databaseSize();

  /**
   * Runs {@code body} in a transaction: its changes (SQL and key-value) commit together when it
   * returns, and are rolled back if it throws (the exception propagates).
   */
  <T> T transactionSync(Supplier<T> body);

  /** Workers: {@code ctx.storage.kv.get}: the value now, null if none (no input gate). */
  byte[] kvGet(String key);

  /** Workers: {@code ctx.storage.kv.put}: a write batch, as the asynchronous {@code put}. */
  void kvPut(String key, byte[] value);

  /** Workers: {@code ctx.storage.kv.delete}: whether the key existed. */
  boolean kvDelete(String key);

  /** Workers: {@code ctx.storage.kv.list}. */
  java.util.SortedMap<String, byte[]> kvList(DurableStorage.ListOptions options);

  /**
   * Workers: {@code ctx.storage.getCurrentBookmark()}: the bookmark of the object's state once its
   * writes so far are durable (the answer waits for them).
   */
  dev.w9y.core.async.Promise<String> currentBookmark();

  /**
   * Workers: {@code ctx.storage.getBookmarkForTime(t)}: the bookmark of the newest durable state at
   * or before {@code epochMillis}; rejected with a {@link GuestException} beyond the history.
   */
  dev.w9y.core.async.Promise<String> bookmarkForTime(long epochMillis);

  /**
   * Workers: {@code ctx.storage.onNextSessionRestoreBookmark(b)}: the next time the object
   * restarts, its storage is the state {@code bookmark} names; answers the bookmark of the state
   * before the restore.
   */
  dev.w9y.core.async.Promise<String> onNextSessionRestoreBookmark(String bookmark);
}
