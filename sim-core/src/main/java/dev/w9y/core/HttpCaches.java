package dev.w9y.core;

import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.HttpCache;
import dev.w9y.core.guest.HttpCachePolicy;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A service's HTTP caches by name. They belong to the service, not to an instance: like
 * Cloudflare's per-data-center cache they are shared by every instance and durable object of the
 * service and outlive crashes. Keys are URLs without their fragment; entries expire on the world's
 * virtual wall clock. Sorted maps only, so eviction order is the same on every run.
 */
final class HttpCaches {
  /** Entries one cache holds; a put past it evicts the entry that would expire first. */
  static final int MAX_ENTRIES_PER_CACHE = 10_000;

  private record Entry(Response response, long storedAtMillis, long expiresAtMillis) {}

  private final World world;
  private final Map<String, TreeMap<String, Entry>> caches = new TreeMap<>();

  HttpCaches(World world) {
    this.world = world;
  }

  /** The cache {@code name} as seen by {@code actor} (whose operations the trace records). */
  HttpCache cache(String name, String actor) {
    TreeMap<String, Entry> entries = caches.computeIfAbsent(name, n -> new TreeMap<>());
    return new HttpCache() {
      @Override
      public Optional<Response> match(Request request) {
        String key = key(request);
        long now = world.epochMillis();
        Entry entry = request.method().equals("GET") ? entries.get(key) : null;
        if (entry != null && entry.expiresAtMillis() <= now) {
          entries.remove(key);
          entry = null;
        }
        if (entry == null) {
          record(actor, "cache.match", name, key, "result", "miss");
          return Optional.empty();
        }
        Headers headers =
            entry
                .response()
                .headers()
                .withReplaced("cf-cache-status", "HIT")
                .withReplaced("age", Long.toString((now - entry.storedAtMillis()) / 1000));
        if (notModified(request.headers(), entry.response().headers())) {
          record(actor, "cache.match", name, key, "result", "not-modified");
          return Optional.of(new Response(304, headers.without("content-length"), Body.EMPTY));
        }
        record(actor, "cache.match", name, key, "result", "hit");
        return Optional.of(
            new Response(entry.response().status(), headers, entry.response().body()));
      }

      @Override
      public boolean put(Request request, Response response) {
        if (!request.method().equals("GET")) {
          throw new GuestException("Cannot cache response to non-GET request.");
        }
        if (response.status() == 206) {
          throw new GuestException(
              "Cannot cache response to a range request (206 Partial Content).");
        }
        if (response.headers().getAll("vary").stream().anyMatch(v -> v.contains("*"))) {
          throw new GuestException("Cannot cache response with 'Vary: *' header.");
        }
        String key = key(request);
        long now = world.epochMillis();
        Optional<HttpCachePolicy.Decision> decision = HttpCachePolicy.decide(response, now);
        if (decision.isEmpty()) {
          record(actor, "cache.put", name, key, "stored", false);
          return false;
        }
        if (!entries.containsKey(key) && entries.size() >= MAX_ENTRIES_PER_CACHE) {
          evictOne(actor, name, entries);
        }
        long ttl = decision.get().ttlMillis();
        entries.put(key, new Entry(decision.get().stored(), now, now + ttl));
        Map<String, Object> details = World.details("cache", name, "url", key, "stored", true);
        details.put("ttlMs", ttl);
        world.record(actor, "cache.put", details);
        return true;
      }

      @Override
      public boolean delete(Request request) {
        String key = key(request);
        boolean deleted = entries.remove(key) != null;
        record(actor, "cache.delete", name, key, "deleted", deleted);
        return deleted;
      }
    };
  }

  private void record(
      String actor, String kind, String cache, String url, String what, Object value) {
    world.record(actor, kind, World.details("cache", cache, "url", url, what, value));
  }

  private void evictOne(String actor, String name, TreeMap<String, Entry> entries) {
    String victim = null;
    long soonest = Long.MAX_VALUE;
    for (Map.Entry<String, Entry> entry : entries.entrySet()) { // key order: a stable tie-break
      if (entry.getValue().expiresAtMillis() < soonest) {
        soonest = entry.getValue().expiresAtMillis();
        victim = entry.getKey();
      }
    }
    entries.remove(victim);
    record(actor, "cache.evicted", name, victim, "reason", "full");
  }

  private static String key(Request request) {
    String url = request.url();
    int hash = url.indexOf('#');
    return hash < 0 ? url : url.substring(0, hash);
  }

  /**
   * RFC 9110 §13.1: If-None-Match (weak comparison, "*" matches) decides when present; otherwise
   * If-Modified-Since against the stored Last-Modified.
   */
  static boolean notModified(Headers request, Headers stored) {
    Optional<String> ifNoneMatch = request.get("if-none-match");
    if (ifNoneMatch.isPresent()) {
      Optional<String> etag = stored.get("etag");
      if (etag.isEmpty()) {
        return false;
      }
      String current = weak(etag.get());
      for (String candidate : ifNoneMatch.get().split(",")) {
        String tag = candidate.trim();
        if (tag.equals("*") || weak(tag).equals(current)) {
          return true;
        }
      }
      return false;
    }
    Optional<Long> since = request.get("if-modified-since").flatMap(HttpCachePolicy::httpDate);
    Optional<Long> modified = stored.get("last-modified").flatMap(HttpCachePolicy::httpDate);
    return since.isPresent() && modified.isPresent() && modified.get() <= since.get();
  }

  private static String weak(String tag) {
    String trimmed = tag.trim();
    return trimmed.toUpperCase(Locale.ROOT).startsWith("W/") ? trimmed.substring(2) : trimmed;
  }
}
