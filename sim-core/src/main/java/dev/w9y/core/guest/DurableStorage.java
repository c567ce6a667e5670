package dev.w9y.core.guest;

import dev.w9y.core.async.Promise;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * A durable object's storage (Workers: {@code state.storage}), with workerd's semantics: reads
 * close the object's input gate until they complete; writes are visible at once to the object and
 * hold its outputs (responses, outgoing requests) until they are durable. Values are bytes — each
 * guest runtime serializes its own values (JavaScript with structured clone).
 */
public interface DurableStorage {
  /** Longest key, in UTF-8 bytes (as workerd). */
  int MAX_KEY_BYTES = 2048;

  /** Largest value, in bytes (as workerd). */
  int MAX_VALUE_BYTES = 128 * 1024;

  /** Most keys in one multi-key operation (as workerd). */
  int MAX_KEYS_PER_OPERATION = 128;

  Promise<Optional<byte[]>> get(String key);

  /** The values of those of {@code keys} that exist, in key order. */
  Promise<SortedMap<String, byte[]>> get(List<String> keys);

  Promise<Void> put(String key, byte[] value);

  /** Writes every entry in one atomic batch. */
  Promise<Void> put(SortedMap<String, byte[]> entries);

  /** Whether the key existed. */
  Promise<Boolean> delete(String key);

  /** How many of the keys existed. */
  Promise<Long> delete(List<String> keys);

  Promise<SortedMap<String, byte[]>> list(ListOptions options);

  /**
   * Runs {@code body} against a transactional view: its writes commit together when its promise
   * fulfils, and all are discarded if it rejects or throws.
   */
  <T> Promise<T> transaction(Function<DurableStorage, Promise<T>> body);

  /** Deletes every key (not the alarm). */
  Promise<Void> deleteAll();

  /** The alarm time in ms since 1970, if one is set. */
  Promise<OptionalLong> getAlarm();

  Promise<Void> setAlarm(long epochMillis);

  Promise<Void> deleteAlarm();

  /**
   * Options of {@link #list}: keys with {@code prefix}, from {@code start} (inclusive) to {@code
   * end} (exclusive), in reverse order if asked, at most {@code limit} (0 = no limit).
   */
  record ListOptions(String prefix, String start, String end, boolean reverse, int limit) {
    public static final ListOptions ALL = new ListOptions(null, null, null, false, 0);

    public ListOptions {
      if (limit < 0) {
        throw new IllegalArgumentException("list limit must not be negative, was " + limit);
      }
    }

    public static ListOptions prefix(String prefix) {
      return new ListOptions(prefix, null, null, false, 0);
    }

    public ListOptions reversed() {
      return new ListOptions(prefix, start, end, true, limit);
    }

    public ListOptions limit(int max) {
      return new ListOptions(prefix, start, end, reverse, max);
    }

    public ListOptions range(String startInclusive, String endExclusive) {
      return new ListOptions(prefix, startInclusive, endExclusive, reverse, limit);
    }
  }
}
