package dev.w9y.contracts;

import dev.w9y.core.http.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The small pieces of HTTP the checks need: query strings, media types, percent-decoding. */
final class Http {
  private Http() {}

  static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // a malformed escape stays as sent; the schema then sees it verbatim
    }
  }

  /** Query parameters in order of appearance, each with all its values. */
  static Map<String, List<String>> query(String pathAndQuery) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    int start = pathAndQuery.indexOf('?');
    if (start < 0) {
      return values;
    }
    for (String pair : pathAndQuery.substring(start + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq)).replace('+', ' ');
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1).replace('+', ' '));
      values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return values;
  }

  /** {@code application/json} of {@code Application/JSON; charset=utf-8}; null without a header. */
  static String mediaType(Headers headers) {
    return headers
        .get("content-type")
        .map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
        .orElse(null);
  }

  static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /**
   * The declared media type {@code actual} falls under ({@code application/json}, then {@code
   * application/*}, then {@code *}{@code /*}), or null.
   */
  static String matchMediaType(Iterable<String> declared, String actual) {
    String range = actual.contains("/") ? actual.substring(0, actual.indexOf('/')) + "/*" : null;
    String best = null;
    int bestRank = Integer.MAX_VALUE;
    for (String candidate : declared) {
      String type = candidate.toLowerCase(Locale.ROOT);
      int rank = type.equals(actual) ? 0 : type.equals(range) ? 1 : type.equals("*/*") ? 2 : -1;
      if (rank >= 0 && rank < bestRank) {
        best = candidate;
        bestRank = rank;
      }
    }
    return best;
  }
}
