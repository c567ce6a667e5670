package dev.w9y.core.guest;

import dev.w9y.core.async.Promise;
import java.util.function.Supplier;

/**
 * The host API of a durable object: a service host plus its id, storage and concurrency control.
 */
public interface DurableObjectHost extends ServiceHost {
  /** Workers: {@code state.id}. */
  DurableObjectId id();

  /** Workers: {@code state.storage}. */
  DurableStorage storage();

  /**
   * Workers: {@code ctx.storage.sql}, for a SQLite-backed object ({@link GuestCode#isSqliteClass});
   * null for a key-value-backed one.
   */
  default SqlStorage sql() {
    return null;
  }

  /**
   * Runs {@code body} with every other event held back until its promise settles (Workers: {@code
   * state.blockConcurrencyWhile}).
   */
  <T> Promise<T> blockConcurrencyWhile(Supplier<Promise<T>> body);

  /**
   * Workers: {@code ctx.abort(reason)}: the object restarts (its memory goes, its storage falls
   * back to what is durable, or to a bookmark {@code onNextSessionRestoreBookmark} chose) as soon
   * as the current event ends; its requests in flight fail.
   */
  default void abort(String reason) {
    throw new GuestException(actor() + " cannot abort");
  }

  /** The object's WebSockets accepted for hibernation (Workers: {@code ctx.acceptWebSocket}). */
  default HibernatableWebSockets hibernatableWebSockets() {
    throw new GuestException(actor() + " has no hibernatable WebSockets");
  }
}
