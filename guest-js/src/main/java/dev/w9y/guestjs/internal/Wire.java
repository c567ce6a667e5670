package dev.w9y.guestjs.internal;

import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Value;

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

  /**
   * UTF-8 of a JavaScript string as the Encoding Standard encodes it: a lone surrogate becomes
   * U+FFFD (EF BF BD), where {@link String#getBytes} would write '?'.
   */
  static byte[] utf8(String text) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
    try {
      ByteBuffer encoded = encoder.encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("replacement cannot fail", e);
    }
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

  /**
   * [method, url, headers (see {@link #headers(Headers)}), body or null], as separate arguments of
   * one guest call.
   */
  static Object[] requestParts(Request request) {
    return new Object[] {
      request.method(),
      request.url(),
      headers(request.headers()),
      request.body().isEmpty() ? null : binary(request.body().bytes())
    };
  }

  /** [status, headers, body or null], as separate arguments of one guest call. */
  static Object[] responseParts(Response response) {
    return new Object[] {
      response.status(),
      headers(response.headers()),
      response.body().isEmpty() ? null : binary(response.body().bytes())
    };
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

  /** "name\nvalue\nname\nvalue": one string is one boundary crossing; neither part has a LF. */
  private static String headers(Headers headers) {
    StringBuilder text = new StringBuilder();
    for (Headers.Entry entry : headers.entries()) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(entry.name()).append('\n').append(entry.value());
    }
    return text.toString();
  }

  private static Headers headers(Value text) {
    String joined = text.asString();
    if (joined.isEmpty()) {
      return Headers.EMPTY;
    }
    String[] namesAndValues = joined.split("\n", -1);
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalStateException("header names and values must not contain line feeds");
    }
    return Headers.of(namesAndValues);
  }

  private static Body body(Value binary) {
    return binary.isNull() ? Body.EMPTY : Body.of(bytes(binary.asString()));
  }
}
