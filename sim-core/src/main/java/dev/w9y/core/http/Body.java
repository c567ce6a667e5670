package dev.w9y.core.http;

import dev.w9y.scheduler.W9yException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An immutable, size-bounded HTTP body of bytes, with helpers for UTF-8 text and JSON. */
public final class Body {
  /** The largest body W9Y carries: bigger ones are a guest bug or a runaway loop. */
  public static final int MAX_BYTES = 8 * 1024 * 1024;

  public static final Body EMPTY = new Body(new byte[0]);

  private static final JsonMapper JSON = Json.MAPPER;

  private final byte[] bytes;

  private Body(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A body of a copy of {@code bytes}. */
  public static Body of(byte[] bytes) {
    checkSize(bytes.length);
    return bytes.length == 0 ? EMPTY : new Body(bytes.clone());
  }

  public static Body ofText(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code value} serialized as canonical JSON (object keys sorted). */
  public static Body ofJson(Object value) {
    return of(JSON.writeValueAsBytes(value));
  }

  private static void checkSize(long size) {
    if (size > MAX_BYTES) {
      throw new BodyTooLarge(size);
    }
  }

  public int size() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes decoded as UTF-8, malformed sequences replaced (as TextDecoder does by default). */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The bytes as strict UTF-8 text, if they are valid UTF-8. */
  public Optional<String> strictText() {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** The body parsed as JSON. */
  public JsonNode json() {
    return JSON.readTree(bytes);
  }

  /** SHA-256 of the bytes as lower-case hex: how traces record bodies too large to inline. */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Body that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Body[" + bytes.length + " bytes]";
  }

  /** A body past {@link #MAX_BYTES}. */
  public static final class BodyTooLarge extends W9yException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge(long size) {
      super("body of " + size + " bytes is larger than the maximum of " + MAX_BYTES + " bytes");
    }
  }
}
