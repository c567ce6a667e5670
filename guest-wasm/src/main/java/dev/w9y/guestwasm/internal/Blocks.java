package dev.w9y.guestwasm.internal;

import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The byte layouts of ABI v1 (docs/WASM-ABI.md) for data the host hands a guest: every integer a
 * little-endian u32, every string length-prefixed UTF-8.
 *
 * <pre>
 * request block:  method, url, header count, (name, value)*, body
 * response block: header count, (name, value)*, body
 * </pre>
 */
final class Blocks {
  private Blocks() {}

  static byte[] request(Request request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    string(out, request.method());
    string(out, request.url());
    headersAndBody(out, request.headers(), request.body());
    return out.toByteArray();
  }

  static byte[] response(Response response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    headersAndBody(out, response.headers(), response.body());
    return out.toByteArray();
  }

  /** A list result: entry count, then per entry key (string) and value (bytes). */
  static byte[] entries(java.util.SortedMap<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u32(out, entries.size());
    for (java.util.Map.Entry<String, byte[]> entry : entries.entrySet()) {
      string(out, entry.getKey());
      bytes(out, entry.getValue());
    }
    return out.toByteArray();
  }

  private static void headersAndBody(ByteArrayOutputStream out, Headers headers, Body body) {
    u32(out, headers.size());
    for (Headers.Entry entry : headers.entries()) {
      string(out, entry.name());
      string(out, entry.value());
    }
    bytes(out, body.bytes());
  }

  private static void string(ByteArrayOutputStream out, String text) {
    bytes(out, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void bytes(ByteArrayOutputStream out, byte[] data) {
    u32(out, data.length);
    out.writeBytes(data);
  }

  private static void u32(ByteArrayOutputStream out, int value) {
    out.write(value & 0xFF);
    out.write((value >>> 8) & 0xFF);
    out.write((value >>> 16) & 0xFF);
    out.write((value >>> 24) & 0xFF);
  }
}
