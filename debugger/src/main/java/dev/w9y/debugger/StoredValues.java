package dev.w9y.debugger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A durable-storage value as the state shows it. Storage holds bytes whose format is the guest's:
 * JavaScript guests store the structured-clone format (guest-js {@code structured-clone.js},
 * version 1), so its lone primitives — what storage mostly holds — read as JavaScript literals
 * ({@code 3}, {@code "sold"}, {@code true}); other UTF-8 reads as text, anything else as hex.
 */
final class StoredValues {
  private static final int FORMAT_VERSION = 1;
  private static final int UNDEFINED = 0;
  private static final int NULL = 1;
  private static final int TRUE = 2;
  private static final int FALSE = 3;
  private static final int NUMBER = 4;
  private static final int LATIN1 = 5;

  private StoredValues() {}

  static String text(byte[] value) {
    String primitive = clonedPrimitive(value);
    if (primitive != null) {
      return primitive;
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
      if (text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
        return text;
      }
    } catch (CharacterCodingException e) {
      // not text: hex below
    }
    return "0x" + HexFormat.of().formatHex(value);
  }

  /** A lone primitive in the structured-clone format, as a JavaScript literal; else null. */
  private static String clonedPrimitive(byte[] value) {
    if (value.length < 2 || value[0] != FORMAT_VERSION) {
      return null;
    }
    int tag = value[1];
    if (value.length == 2) {
      return switch (tag) {
        case UNDEFINED -> "undefined";
        case NULL -> "null";
        case TRUE -> "true";
        case FALSE -> "false";
        default -> null;
      };
    }
    if (tag == NUMBER && value.length == 10) {
      double number = ByteBuffer.wrap(value, 2, 8).getDouble();
      return number == Math.rint(number) && Math.abs(number) < 1e15
          ? Long.toString((long) number)
          : Double.toString(number);
    }
    if (tag == LATIN1) {
      long length = 0;
      int shift = 0;
      int at = 2;
      while (at < value.length) {
        int b = value[at++] & 0xff;
        length |= (long) (b & 0x7f) << shift;
        shift += 7;
        if ((b & 0x80) == 0) {
          break;
        }
      }
      if (at + length != value.length) {
        return null;
      }
      StringBuilder text = new StringBuilder("\"");
      for (int i = at; i < value.length; i++) {
        char c = (char) (value[i] & 0xff);
        text.append(c == '"' || c == '\\' ? "\\" + c : String.valueOf(c));
      }
      return text.append('"').toString();
    }
    return null;
  }
}
