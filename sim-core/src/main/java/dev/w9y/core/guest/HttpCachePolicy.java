package dev.w9y.core.guest;

import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Response;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How long Cloudflare's cache keeps a response given to {@code cache.put}: {@code Cache-Control}
 * {@code s-maxage}, else {@code max-age}, else {@code Expires} against the response's {@code Date}
 * (or now); without any of them, the edge defaults by status (200 and 301: 2 hours; 302 and 303: 20
 * minutes; 404 and 410: 3 minutes; anything else is not cached). {@code no-store}, {@code no-cache}
 * and {@code private} are not cached, nor is a response with {@code Set-Cookie} unless {@code
 * private=Set-Cookie} says to store it without that header.
 */
public final class HttpCachePolicy {
  private HttpCachePolicy() {}

  /** What to store and for how long, or empty when the response is not cached. */
  public record Decision(Response stored, long ttlMillis) {}

  /**
   * @param nowEpochMillis the cache's clock (the simulation's virtual wall clock)
   */
  public static Optional<Decision> decide(Response response, long nowEpochMillis) {
    Headers headers = response.headers();
    String cacheControl = headers.get("cache-control").orElse("").toLowerCase(Locale.ROOT);
    Directives directives = Directives.parse(cacheControl);
    if (directives.noStore || directives.noCache || directives.privateAll) {
      return Optional.empty();
    }
    Response stored = response;
    if (headers.has("set-cookie")) {
      if (!directives.privateSetCookie) {
        return Optional.empty();
      }
      stored = new Response(response.status(), headers.without("set-cookie"), response.body());
    }
    long ttlMillis;
    if (directives.sMaxAgeSeconds >= 0) {
      ttlMillis = directives.sMaxAgeSeconds * 1000L;
    } else if (directives.maxAgeSeconds >= 0) {
      ttlMillis = directives.maxAgeSeconds * 1000L;
    } else if (headers.has("expires")) {
      Optional<Long> expires = httpDate(headers.get("expires").get());
      long base = headers.get("date").flatMap(HttpCachePolicy::httpDate).orElse(nowEpochMillis);
      ttlMillis = expires.map(at -> at - base).orElse(0L); // an invalid Expires is in the past
    } else {
      ttlMillis = defaultTtlMillis(response.status());
    }
    return ttlMillis > 0 ? Optional.of(new Decision(stored, ttlMillis)) : Optional.empty();
  }

  static long defaultTtlMillis(int status) {
    return switch (status) {
      case 200, 301 -> 2 * 60 * 60 * 1000L;
      case 302, 303 -> 20 * 60 * 1000L;
      case 404, 410 -> 3 * 60 * 1000L;
      default -> 0;
    };
  }

  /** An HTTP date (RFC 9110 IMF-fixdate, which RFC 1123 parsing covers) in epoch millis. */
  public static Optional<Long> httpDate(String text) {
    try {
      return Optional.of(
          ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant()
              .toEpochMilli());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static final class Directives {
    boolean noStore;
    boolean noCache;
    boolean privateAll;
    boolean privateSetCookie;
    long maxAgeSeconds = -1;
    long sMaxAgeSeconds = -1;

    static Directives parse(String cacheControl) {
      Directives found = new Directives();
      for (String part : splitOutsideQuotes(cacheControl)) {
        String directive = part.trim();
        int equals = directive.indexOf('=');
        String name = equals < 0 ? directive : directive.substring(0, equals).trim();
        String value = equals < 0 ? null : unquote(directive.substring(equals + 1).trim());
        switch (name) {
          case "no-store" -> found.noStore = true;
          case "no-cache" -> found.noCache = value == null; // no-cache="field" only drops a field
          case "private" -> { // private="Set-Cookie" only keeps the cookie out
            if ("set-cookie".equals(value)) {
              found.privateSetCookie = true;
            } else {
              found.privateAll = true;
            }
          }
          case "max-age" -> found.maxAgeSeconds = seconds(value);
          case "s-maxage" -> found.sMaxAgeSeconds = seconds(value);
          default -> {} // public, must-revalidate, immutable...: no effect on storing
        }
      }
      return found;
    }

    private static List<String> splitOutsideQuotes(String text) {
      List<String> parts = new ArrayList<>();
      boolean quoted = false;
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          parts.add(text.substring(start, i));
          start = i + 1;
        }
      }
      parts.add(text.substring(start));
      return parts;
    }

    private static String unquote(String value) {
      return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
          ? value.substring(1, value.length() - 1).trim()
          : value;
    }

    /**
     * A delta-seconds value; a malformed one counts as 0 (stale at once, so not stored), a huge one
     * as 2^31 - 1 seconds (RFC 9111 §1.2.2).
     */
    private static long seconds(String value) {
      if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return 0;
      }
      return value.length() > 10
          ? Integer.MAX_VALUE
          : Math.min(Long.parseLong(value), Integer.MAX_VALUE);
    }
  }
}
