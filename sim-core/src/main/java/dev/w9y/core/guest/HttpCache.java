package dev.w9y.core.guest;

import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.util.Optional;

/**
 * One named HTTP cache of a service (Workers: {@code caches.default}, {@code caches.open(name)}).
 * It is the data center's cache, not the isolate's: shared by the service's instances and durable
 * objects, and it survives their crashes. Entries expire on the simulation's virtual wall clock.
 * Operations complete at once, in the calling event, and are recorded in the trace.
 */
public interface HttpCache {
  /**
   * The fresh response stored for the request's URL, as Cloudflare's cache answers {@code
   * cache.match}: with {@code CF-Cache-Status: HIT} and {@code Age}, or a 304 (no body) when the
   * request's {@code If-None-Match} or {@code If-Modified-Since} says the caller's copy is current.
   * Only GET requests are looked up (the caller decides about {@code ignoreMethod}).
   */
  Optional<Response> match(Request request);

  /**
   * Stores {@code response} under the request's URL if its headers allow, with the time to live
   * they give (see {@link HttpCachePolicy}); returns whether it was stored.
   *
   * @throws GuestException for what Workers refuse with a TypeError: a request other than GET, a
   *     206 response, a {@code Vary: *} response
   */
  boolean put(Request request, Response response);

  /** Removes the entry for the request's URL; returns whether there was one. */
  boolean delete(Request request);
}
