package dev.w9y.core.kv;

import dev.w9y.core.platform.PlatformContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every KV namespace of a run (the world's one {@link PlatformContext#shared shared} KV state):
 * each key's writes in order, when each reached each location, and what each location has cached.
 */
final class KvStore {
  /** Cloudflare's documented propagation window: a write reaches every location within ~60 s. */
  static final long PROPAGATION_WINDOW_NANOS = 60_000_000_000L;

  /** The read cache's default {@code cacheTtl} (seconds), and its minimum. */
  static final long DEFAULT_CACHE_TTL_SECONDS = 60;

  static final long MIN_CACHE_TTL_SECONDS = 30;

  /** Keys sorted by their UTF-8 bytes, as KV lists them. */
  static final Comparator<String> UTF8_ORDER = dev.w9y.core.platform.KeyOrder.UTF8;

  private final KvHooks hooks;
  private final Map<String, Map<String, List<Version>>> namespaces = new TreeMap<>();

  /** (location, namespace, key) → the version read there and until when it is kept. */
  private final Map<String, Cached> cache = new TreeMap<>();

  private long writes;

  KvStore(PlatformContext platform) {
    this.hooks = platform.hooks(KvHooks.class, KvHooks.NONE);
  }

  /** One write of a key: a value, or a deletion ({@code value == null}). */
  static final class Version {
    final long sequence;
    final byte[] value;
    final String metadata;
    final Long expiration;
    final long writtenAtNanos;
    final String writer;
    final Map<String, Long> visibleAt = new TreeMap<>();

    Version(
        long sequence,
        byte[] value,
        String metadata,
        Long expiration,
        long writtenAtNanos,
        String writer) {
      this.sequence = sequence;
      this.value = value;
      this.metadata = metadata;
      this.expiration = expiration;
      this.writtenAtNanos = writtenAtNanos;
      this.writer = writer;
    }

    boolean liveAt(long epochSeconds) {
      return value != null && (expiration == null || expiration > epochSeconds);
    }
  }

  private record Cached(Version version, long untilNanos) {}

  /** What one read saw: the version (null: never written), and whether it was stale or cached. */
  record Read(Version version, boolean stale, boolean cached) {}

  private Map<String, List<Version>> namespace(String id) {
    return namespaces.computeIfAbsent(id, n -> new TreeMap<>(UTF8_ORDER));
  }

  private static String cacheKey(String location, String namespace, String key) {
    return location + "\u0000" + namespace + "\u0000" + key;
  }

  void write(
      KvNamespaceBinding binding,
      String location,
      String key,
      byte[] value,
      String metadata,
      Long expiration,
      long nowNanos,
      long cacheTtlNanos) {
    Version version = new Version(++writes, value, metadata, expiration, nowNanos, location);
    namespace(binding.namespace()).computeIfAbsent(key, k -> new ArrayList<>()).add(version);
    if (!binding.strict()) {
      // The writer's location sees its own write at once (and keeps it as a read would).
      cache.put(
          cacheKey(location, binding.namespace(), key),
          new Cached(version, nowNanos + cacheTtlNanos));
    }
  }

  /** The newest version of {@code key} that has reached {@code location}, or null. */
  private Version visible(
      String namespace, String location, String key, List<Version> versions, long nowNanos) {
    for (int i = versions.size() - 1; i >= 0; i--) {
      Version version = versions.get(i);
      Long at = version.visibleAt.get(location);
      if (at == null) {
        long delay =
            version.writer.equals(location)
                ? 0
                : Math.min(
                    PROPAGATION_WINDOW_NANOS,
                    Math.max(0, hooks.kvPropagationNanos(location, namespace, key)));
        at = version.writtenAtNanos + delay;
        version.visibleAt.put(location, at);
      }
      if (at <= nowNanos) {
        return version;
      }
    }
    return null;
  }

  Read read(
      KvNamespaceBinding binding, String location, String key, long nowNanos, long cacheTtlNanos) {
    List<Version> versions = namespace(binding.namespace()).getOrDefault(key, List.of());
    Version latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
    if (binding.strict()) {
      return new Read(latest, false, false);
    }
    String cacheKey = cacheKey(location, binding.namespace(), key);
    Cached cached = cache.get(cacheKey);
    if (cached != null && cached.untilNanos() > nowNanos) {
      return new Read(cached.version(), cached.version() != latest, true);
    }
    Version seen = visible(binding.namespace(), location, key, versions, nowNanos);
    cache.put(cacheKey, new Cached(seen, nowNanos + cacheTtlNanos));
    return new Read(seen, seen != latest, false);
  }

  /** One key as {@code list()} gives it. */
  record Listed(String name, Long expiration, String metadata) {}

  /** A page of {@code list()}: keys, whether it is the last page, and the next page's cursor. */
  record Page(List<Listed> keys, boolean complete, String cursor, boolean stale) {}

  Page list(
      KvNamespaceBinding binding,
      String location,
      String prefix,
      int limit,
      String cursor,
      long nowNanos,
      long epochSeconds) {
    Map<String, List<Version>> entries = namespace(binding.namespace());
    String after = cursor == null || cursor.isEmpty() ? null : decodeCursor(cursor);
    List<Listed> keys = new ArrayList<>();
    boolean complete = true;
    boolean stale = false;
    for (Map.Entry<String, List<Version>> entry : entries.entrySet()) {
      String key = entry.getKey();
      if (prefix != null && !key.startsWith(prefix)) {
        continue;
      }
      if (after != null && UTF8_ORDER.compare(key, after) <= 0) {
        continue;
      }
      List<Version> versions = entry.getValue();
      Version latest = versions.get(versions.size() - 1);
      Version seen =
          binding.strict()
              ? latest
              : visible(binding.namespace(), location, key, versions, nowNanos);
      stale |= seen != latest;
      if (seen == null || !seen.liveAt(epochSeconds)) {
        continue;
      }
      if (keys.size() == limit) {
        complete = false;
        break;
      }
      keys.add(new Listed(key, seen.expiration, seen.metadata));
    }
    String next =
        complete || keys.isEmpty() ? null : encodeCursor(keys.get(keys.size() - 1).name());
    return new Page(keys, complete, next, stale);
  }

  static String encodeCursor(String lastKey) {
    return Base64.getEncoder().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeCursor(String cursor) {
    try {
      return new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new KvException("KV GET failed: 400 Invalid cursor " + cursor);
    }
  }
}
