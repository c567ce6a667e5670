package dev.w9y.core.kv;

import dev.w9y.core.async.Promise;
import dev.w9y.core.platform.PlatformAccess;
import dev.w9y.core.platform.PlatformContext;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.RandomStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One guest's handle on a KV namespace: {@code get}, {@code getWithMetadata}, {@code put}, {@code
 * delete}, {@code list}, with Cloudflare's limits checked in workerd's words. Each operation takes
 * a seeded latency and runs as an event of its own; its result reaches the guest through the
 * guest's input gate (or never, if the guest crashed meanwhile).
 */
public final class KvHandle {
  /** Cloudflare's limits (developers.cloudflare.com/kv/platform/limits; Miniflare's KVLimits). */
  public static final int MAX_KEY_BYTES = 512;

  public static final int MAX_VALUE_BYTES = 25 * 1024 * 1024;
  public static final int MAX_METADATA_BYTES = 1024;
  public static final int MAX_LIST_KEYS = 1000;
  public static final long MIN_EXPIRATION_TTL_SECONDS = 60;
  public static final int MAX_BULK_KEYS = 100;

  /** A KV operation's latency: a hot read or write at the edge. */
  static final Distribution LATENCY = new Distribution.Uniform(500_000L, 5_000_000L);

  private final PlatformAccess access;
  private final KvNamespaceBinding binding;
  private final PlatformContext platform;
  private final RandomStream latency;

  KvHandle(PlatformAccess access, KvNamespaceBinding binding) {
    this.access = access;
    this.binding = binding;
    this.platform = access.platform();
    this.latency = platform.random("kv/latency/" + access.actor());
  }

  /** A value read, with its metadata (JSON text, or null). */
  public record Value(byte[] bytes, String metadata) {}

  /** One key of a {@link #list} page. */
  public record Key(String name, Long expiration, String metadata) {}

  /** A page of keys: {@code cursor} is null on the last page. */
  public record ListPage(List<Key> keys, boolean listComplete, String cursor) {}

  private KvStore store() {
    return platform.shared(KvStore.class, KvStore::new);
  }

  /**
   * Reads {@code key} ({@code cacheTtlSeconds} 0: the default 60 s): its value and metadata, or
   * null if it has none here (never written, deleted, expired, or not yet propagated).
   */
  public Promise<Value> get(String key, long cacheTtlSeconds) {
    return run(
        "kv.get",
        key,
        () -> {
          checkKey("GET", key);
          checkCacheTtl("GET", cacheTtlSeconds);
        },
        details -> read(key, cacheTtlSeconds, details));
  }

  /**
   * Reads 1 to 100 keys in one operation (a bulk get: {@code get([...])}), checked as KV checks a
   * bulk request (its errors say {@code GET_BULK}): one value (or null) per key, in order.
   */
  public Promise<List<Value>> getBulk(List<String> keys, long cacheTtlSeconds) {
    return run(
        "kv.getBulk",
        keys.isEmpty() ? "" : keys.get(0),
        () -> {
          if (keys.isEmpty()) {
            throw new KvException("KV GET_BULK failed: 400 You must request a minimum of 1 key");
          }
          if (keys.size() > MAX_BULK_KEYS) {
            throw new KvException(
                "KV GET_BULK failed: 400 You can request a maximum of " + MAX_BULK_KEYS + " keys");
          }
          for (String key : keys) {
            if (key.isEmpty()) {
              throw new KvException("KV GET_BULK failed: 400 Key names must not be empty");
            }
            if (key.equals(".") || key.equals("..")) {
              throw new KvException(
                  "KV GET_BULK failed: 400 Illegal key name \""
                      + key
                      + "\". Please use a different name.");
            }
            checkKeyLength("GET_BULK", key);
          }
          checkCacheTtl("GET_BULK", cacheTtlSeconds);
        },
        details -> {
          List<Value> values = new ArrayList<>();
          long found = 0;
          for (String key : keys) {
            Value value = read(key, cacheTtlSeconds, new LinkedHashMap<>());
            found += value == null ? 0 : 1;
            values.add(value);
          }
          details.put("keys", (long) keys.size());
          details.put("found", found);
          return values;
        });
  }

  private static void checkCacheTtl(String operation, long cacheTtlSeconds) {
    if (cacheTtlSeconds != 0 && cacheTtlSeconds < KvStore.MIN_CACHE_TTL_SECONDS) {
      throw new KvException(
          "KV "
              + operation
              + " failed: 400 Invalid cache_ttl of "
              + cacheTtlSeconds
              + ". Cache TTL must be at least "
              + KvStore.MIN_CACHE_TTL_SECONDS
              + ".");
    }
  }

  /** One key as this location sees it now; what the read saw goes into {@code details}. */
  private Value read(String key, long cacheTtlSeconds, Map<String, Object> details) {
    long ttl = cacheTtlSeconds == 0 ? KvStore.DEFAULT_CACHE_TTL_SECONDS : cacheTtlSeconds;
    KvStore.Read read =
        store().read(binding, access.actor(), key, platform.nowNanos(), ttl * 1_000_000_000L);
    KvStore.Version version = read.version();
    boolean live = version != null && version.liveAt(epochSeconds());
    details.put("found", live);
    details.put("version", version == null ? 0L : version.sequence);
    if (read.stale()) {
      details.put("stale", true);
    }
    if (read.cached()) {
      details.put("cached", true);
    }
    return live ? new Value(version.value, version.metadata) : null;
  }

  /**
   * Writes {@code value} under {@code key}; {@code expiration} (epoch seconds) or {@code
   * expirationTtl} (seconds from now, at least 60) may be null; {@code metadata} is JSON text or
   * null.
   */
  public Promise<Void> put(
      String key, byte[] value, Long expiration, Long expirationTtl, String metadata) {
    long nowSeconds = epochSeconds();
    return run(
        "kv.put",
        key,
        () -> {
          checkKey("PUT", key);
          if (expirationTtl != null) {
            if (expirationTtl <= 0) {
              throw new KvException(
                  "KV PUT failed: 400 Invalid expiration_ttl of "
                      + expirationTtl
                      + ". Please specify integer greater than 0.");
            }
            if (expirationTtl < MIN_EXPIRATION_TTL_SECONDS) {
              throw new KvException(
                  "KV PUT failed: 400 Invalid expiration_ttl of "
                      + expirationTtl
                      + ". Expiration TTL must be at least "
                      + MIN_EXPIRATION_TTL_SECONDS
                      + ".");
            }
          } else if (expiration != null) {
            if (expiration <= nowSeconds) {
              throw new KvException(
                  "KV PUT failed: 400 Invalid expiration of "
                      + expiration
                      + ". Please specify integer greater than the current number of seconds"
                      + " since the UNIX epoch.");
            }
            if (expiration < nowSeconds + MIN_EXPIRATION_TTL_SECONDS) {
              throw new KvException(
                  "KV PUT failed: 400 Invalid expiration of "
                      + expiration
                      + ". Expiration times must be at least "
                      + MIN_EXPIRATION_TTL_SECONDS
                      + " seconds in the future.");
            }
          }
          if (value.length > MAX_VALUE_BYTES) {
            throw new KvException(
                "KV PUT failed: 413 Value length of "
                    + value.length
                    + " exceeds limit of "
                    + MAX_VALUE_BYTES
                    + ".");
          }
          if (metadata != null) {
            int length = metadata.getBytes(StandardCharsets.UTF_8).length;
            if (length > MAX_METADATA_BYTES) {
              throw new KvException(
                  "KV PUT failed: 413 Metadata length of "
                      + length
                      + " exceeds limit of "
                      + MAX_METADATA_BYTES
                      + ".");
            }
          }
        },
        details -> {
          Long expires =
              expirationTtl != null ? Long.valueOf(nowSeconds + expirationTtl) : expiration;
          details.put("bytes", (long) value.length);
          if (expires != null) {
            details.put("expiration", expires);
          }
          store()
              .write(
                  binding,
                  access.actor(),
                  key,
                  value,
                  metadata,
                  expires,
                  platform.nowNanos(),
                  KvStore.DEFAULT_CACHE_TTL_SECONDS * 1_000_000_000L);
          return null;
        });
  }

  /** Deletes {@code key} (a write like any other: it propagates as puts do). */
  public Promise<Void> delete(String key) {
    return run(
        "kv.delete",
        key,
        () -> checkKey("DELETE", key),
        details -> {
          store()
              .write(
                  binding,
                  access.actor(),
                  key,
                  null,
                  null,
                  null,
                  platform.nowNanos(),
                  KvStore.DEFAULT_CACHE_TTL_SECONDS * 1_000_000_000L);
          return null;
        });
  }

  /**
   * Up to {@code limit} (1..1000; 0: 1000) keys starting with {@code prefix} (null: all), after
   * {@code cursor} (null: from the first), sorted by their UTF-8 bytes.
   */
  public Promise<ListPage> list(String prefix, int limit, String cursor) {
    return run(
        "kv.list",
        prefix == null ? "" : prefix,
        () -> {
          if (limit > MAX_LIST_KEYS) {
            throw new KvException(
                "KV GET failed: 400 Invalid key_count_limit of "
                    + limit
                    + ". Please specify an integer less than "
                    + MAX_LIST_KEYS
                    + ".");
          }
          if (limit < 0) {
            throw new KvException(
                "KV GET failed: 400 Invalid key_count_limit of "
                    + limit
                    + ". Please specify an integer greater than 0.");
          }
          if (prefix != null) {
            checkKeyLength("GET", prefix);
          }
        },
        details -> {
          KvStore.Page page =
              store()
                  .list(
                      binding,
                      access.actor(),
                      prefix,
                      limit == 0 ? MAX_LIST_KEYS : limit,
                      cursor,
                      platform.nowNanos(),
                      epochSeconds());
          List<Key> keys = new ArrayList<>();
          for (KvStore.Listed listed : page.keys()) {
            keys.add(new Key(listed.name(), listed.expiration(), listed.metadata()));
          }
          details.put("keys", (long) keys.size());
          details.put("complete", page.complete());
          if (page.stale()) {
            details.put("stale", true);
          }
          return new ListPage(keys, page.complete(), page.cursor());
        });
  }

  private long epochSeconds() {
    return Math.floorDiv(platform.epochMillis(), 1000L);
  }

  private static void checkKey(String operation, String key) {
    if (key.isEmpty()) {
      throw new KvException("Key name cannot be empty.");
    }
    if (key.equals(".") || key.equals("..")) {
      throw new KvException("\"" + key + "\" is not allowed as a key name.");
    }
    checkKeyLength(operation, key);
  }

  private static void checkKeyLength(String operation, String key) {
    int length = key.getBytes(StandardCharsets.UTF_8).length;
    if (length > MAX_KEY_BYTES) {
      throw new KvException(
          "KV "
              + operation
              + " failed: 414 UTF-8 encoded length of "
              + length
              + " exceeds key length limit of "
              + MAX_KEY_BYTES
              + ".");
    }
  }

  /**
   * One operation: checked now (a bad call rejects when its event runs, with the error in the
   * record), done as the event {@code kind} after a seeded latency, its result delivered through
   * the guest's input gate.
   */
  private <T> Promise<T> run(
      String kind, String key, Runnable check, Function<Map<String, Object>, T> perform) {
    PlatformAccess.Operation operation = access.operation();
    Promise.Deferred<T> result = Promise.deferred();
    KvException refused;
    try {
      check.run();
      refused = null;
    } catch (KvException e) {
      refused = e;
    }
    KvException error = refused;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("namespace", binding.namespace());
    details.put("key", key);
    if (error != null) {
      details.put("error", error.getMessage());
    }
    long delay = latency.sampleNanos(LATENCY);
    platform.schedule(
        delay,
        access.actor(),
        kind,
        details,
        () -> {
          if (error != null) {
            operation.complete(() -> result.reject(error));
            return;
          }
          Map<String, Object> outcome = new LinkedHashMap<>();
          T value = perform.apply(outcome);
          if (!outcome.isEmpty()) {
            outcome.put("key", key);
            platform.record(access.actor(), kind + ".result", outcome);
          }
          operation.complete(() -> result.resolve(value));
        });
    return result.promise();
  }

  /** {@code text} as UTF-8 (values and metadata cross as bytes and JSON text). */
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
