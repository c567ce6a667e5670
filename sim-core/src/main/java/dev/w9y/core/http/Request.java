package dev.w9y.core.http;

import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP request as it crosses the simulated network: method, absolute URL, headers and body.
 * Immutable; the {@code with...} methods return changed copies.
 */
public record Request(String method, String url, Headers headers, Body body) {
  /** Longest URL accepted, in characters. */
  public static final int MAX_URL_CHARS = 16 * 1024;

  public Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    method = checkMethod(method);
    if (url.length() > MAX_URL_CHARS) {
      throw new IllegalArgumentException("URL longer than " + MAX_URL_CHARS + " characters");
    }
    Url.parse(url); // rejects anything that is not an absolute http(s) URL, with the reason
  }

  public static Request get(String url) {
    return new Request("GET", url, Headers.EMPTY, Body.EMPTY);
  }

  public static Request post(String url, Body body) {
    return new Request("POST", url, Headers.EMPTY, body);
  }

  public static Request post(String url, String text) {
    return post(url, Body.ofText(text));
  }

  public Request withHeader(String name, String value) {
    return new Request(method, url, headers.withReplaced(name, value), body);
  }

  public Request withHeaders(Headers value) {
    return new Request(method, url, value, body);
  }

  public Request withBody(Body value) {
    return new Request(method, url, headers, value);
  }

  public Request withUrl(String value) {
    return new Request(method, value, headers, body);
  }

  /** The parsed URL. */
  public Url parsedUrl() {
    return Url.parse(url);
  }

  private static String checkMethod(String method) {
    if (method.isEmpty()) {
      throw new IllegalArgumentException("empty HTTP method");
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
        throw new IllegalArgumentException("invalid HTTP method '" + method + "'");
      }
    }
    // Fetch normalizes the standard methods to upper case and leaves others alone.
    String upper = method.toUpperCase(Locale.ROOT);
    return switch (upper) {
      case "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT" -> upper;
      default -> method;
    };
  }
}
