package dev.w9y.guestjs.internal;

import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * Requests and responses as they cross into and out of a JavaScript context. Bytes travel as
 * "binary strings" (one char per byte, 0-255): GraalJS moves strings cheaply, and a binary string
 * is exactly what the prelude stores and converts to a Uint8Array when asked.
 */
final class Wire {
  private Wire() {}

  static String binary(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  static byte[] bytes(String binary) {
    // Every char of a binary string is 0..255; anything else means the prelude has a bug.
    for (int i = 0; i < binary.length(); i++) {
      if (binary.charAt(i) > 0xFF) {
        throw new IllegalStateException("not a binary string: char " + (int) binary.charAt(i));
      }
    }
    return binary.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** [method, url, [name, value, name, value...], body or null]. */
  static ProxyArray request(Request request) {
    return ProxyArray.fromArray(
        request.method(),
        request.url(),
        headers(request.headers()),
        request.body().isEmpty() ? null : binary(request.body().bytes()));
  }

  /** [status, [name, value...], body or null]. */
  static ProxyArray response(Response response) {
    return ProxyArray.fromArray(
        response.status(),
        headers(response.headers()),
        response.body().isEmpty() ? null : binary(response.body().bytes()));
  }

  static Request request(Value parts) {
    return new Request(
        parts.getArrayElement(0).asString(),
        parts.getArrayElement(1).asString(),
        headers(parts.getArrayElement(2)),
        body(parts.getArrayElement(3)));
  }

  static Response response(Value parts) {
    return new Response(
        parts.getArrayElement(0).asInt(),
        headers(parts.getArrayElement(1)),
        body(parts.getArrayElement(2)));
  }

  private static ProxyArray headers(Headers headers) {
    List<Object> flat = new ArrayList<>(headers.size() * 2);
    for (Headers.Entry entry : headers.entries()) {
      flat.add(entry.name());
      flat.add(entry.value());
    }
    return ProxyArray.fromList(flat);
  }

  private static Headers headers(Value flat) {
    String[] namesAndValues = new String[(int) flat.getArraySize()];
    for (int i = 0; i < namesAndValues.length; i++) {
      namesAndValues[i] = flat.getArrayElement(i).asString();
    }
    return Headers.of(namesAndValues);
  }

  private static Body body(Value binary) {
    return binary.isNull() ? Body.EMPTY : Body.of(bytes(binary.asString()));
  }
}
