package dev.w9y.core.http;

import java.util.Objects;

/** An HTTP response: status, headers and body. Immutable. */
public record Response(int status, Headers headers, Body body) {
  public Response {
    if (status < 200 || status > 599) {
      if (status != 101) {
        throw new IllegalArgumentException("HTTP status must be 101 or 200-599, was " + status);
      }
    }
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  public static Response ok(String text) {
    return text(200, text);
  }

  public static Response text(int status, String text) {
    return new Response(
        status, Headers.of("content-type", "text/plain;charset=UTF-8"), Body.ofText(text));
  }

  public static Response json(int status, Object value) {
    return new Response(status, Headers.of("content-type", "application/json"), Body.ofJson(value));
  }

  public static Response status(int status) {
    return new Response(status, Headers.EMPTY, Body.EMPTY);
  }

  public boolean isSuccessful() {
    return status >= 200 && status <= 299;
  }

  public Response withHeader(String name, String value) {
    return new Response(status, headers.withReplaced(name, value), body);
  }
}
