package dev.w9y.guestjs.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * TextDecoder's encodings other than UTF-8 (Encoding Standard §4 labels, §9–§14 decoders), decoded
 * by the JDK charset that holds the same index: windows-31j for Shift_JIS, windows-949 for EUC-KR,
 * GB18030 for GBK, Big5-HKSCS for Big5, and so on. encoding.js maps a label to its encoding through
 * {@link #encodingForLabel} and decodes through {@link #decode}; UTF-8 and x-user-defined stay in
 * JavaScript. The label table is here rather than in the prelude so a context's boot does not pay
 * for it. Where the standard's index has a byte the JDK leaves unmapped, the standard wins: the
 * windows-125x and windows-874 holes in 0x80–0x9F are the C1 controls of the same value.
 */
public final class LegacyEncodings {
  private LegacyEncodings() {}

  /** Encoding Standard name -> the JDK charset that decodes it. */
  private static final Map<String, String> CHARSETS = new LinkedHashMap<>();

  /** Lower-cased label -> Encoding Standard name. */
  private static final Map<String, String> BY_LABEL = new TreeMap<>();

  private static void encoding(String name, String charset, String... labels) {
    if (charset != null) {
      CHARSETS.put(name, charset);
    }
    for (String label : labels) {
      BY_LABEL.put(label, name);
    }
  }

  static {
    encoding(
        "utf-8",
        "UTF-8",
        "unicode-1-1-utf-8",
        "unicode11utf8",
        "unicode20utf8",
        "utf-8",
        "utf8",
        "x-unicode20utf8");
    encoding("ibm866", "IBM866", "866", "cp866", "csibm866", "ibm866");
    encoding(
        "iso-8859-2",
        "ISO-8859-2",
        "csisolatin2",
        "iso-8859-2",
        "iso-ir-101",
        "iso8859-2",
        "iso88592",
        "iso_8859-2",
        "iso_8859-2:1987",
        "l2",
        "latin2");
    encoding(
        "iso-8859-3",
        "ISO-8859-3",
        "csisolatin3",
        "iso-8859-3",
        "iso-ir-109",
        "iso8859-3",
        "iso88593",
        "iso_8859-3",
        "iso_8859-3:1988",
        "l3",
        "latin3");
    encoding(
        "iso-8859-4",
        "ISO-8859-4",
        "csisolatin4",
        "iso-8859-4",
        "iso-ir-110",
        "iso8859-4",
        "iso88594",
        "iso_8859-4",
        "iso_8859-4:1988",
        "l4",
        "latin4");
    encoding(
        "iso-8859-5",
        "ISO-8859-5",
        "csisolatincyrillic",
        "cyrillic",
        "iso-8859-5",
        "iso-ir-144",
        "iso8859-5",
        "iso88595",
        "iso_8859-5",
        "iso_8859-5:1988");
    encoding(
        "iso-8859-6",
        "ISO-8859-6",
        "arabic",
        "asmo-708",
        "csiso88596e",
        "csiso88596i",
        "csisolatinarabic",
        "ecma-114",
        "iso-8859-6",
        "iso-8859-6-e",
        "iso-8859-6-i",
        "iso-ir-127",
        "iso8859-6",
        "iso88596",
        "iso_8859-6",
        "iso_8859-6:1987");
    encoding(
        "iso-8859-7",
        "ISO-8859-7",
        "csisolatingreek",
        "ecma-118",
        "elot_928",
        "greek",
        "greek8",
        "iso-8859-7",
        "iso-ir-126",
        "iso8859-7",
        "iso88597",
        "iso_8859-7",
        "iso_8859-7:1987",
        "sun_eu_greek");
    encoding(
        "iso-8859-8",
        "ISO-8859-8",
        "csiso88598e",
        "csisolatinhebrew",
        "hebrew",
        "iso-8859-8",
        "iso-8859-8-e",
        "iso-ir-138",
        "iso8859-8",
        "iso88598",
        "iso_8859-8",
        "iso_8859-8:1988",
        "visual");
    encoding("iso-8859-8-i", "ISO-8859-8", "csiso88598i", "iso-8859-8-i", "logical");
    // No JDK charset: known labels, refused by TextDecoder with a message that says why.
    encoding(
        "iso-8859-10",
        null,
        "csisolatin6",
        "iso-8859-10",
        "iso-ir-157",
        "iso8859-10",
        "iso885910",
        "l6",
        "latin6");
    encoding("iso-8859-13", "ISO-8859-13", "iso-8859-13", "iso8859-13", "iso885913");
    encoding("iso-8859-14", null, "iso-8859-14", "iso8859-14", "iso885914");
    encoding(
        "iso-8859-15",
        "ISO-8859-15",
        "csisolatin9",
        "iso-8859-15",
        "iso8859-15",
        "iso885915",
        "iso_8859-15",
        "l9");
    encoding("iso-8859-16", "ISO-8859-16", "iso-8859-16");
    encoding("koi8-r", "KOI8-R", "cskoi8r", "koi", "koi8", "koi8-r", "koi8_r");
    encoding("koi8-u", "KOI8-U", "koi8-ru", "koi8-u");
    encoding("macintosh", "x-MacRoman", "csmacintosh", "mac", "macintosh", "x-mac-roman");
    encoding(
        "windows-874",
        "x-windows-874",
        "dos-874",
        "iso-8859-11",
        "iso8859-11",
        "iso885911",
        "tis-620",
        "windows-874");
    encoding("windows-1250", "windows-1250", "cp1250", "windows-1250", "x-cp1250");
    encoding("windows-1251", "windows-1251", "cp1251", "windows-1251", "x-cp1251");
    encoding(
        "windows-1252",
        "windows-1252",
        "ansi_x3.4-1968",
        "ascii",
        "cp1252",
        "cp819",
        "csisolatin1",
        "ibm819",
        "iso-8859-1",
        "iso-ir-100",
        "iso8859-1",
        "iso88591",
        "iso_8859-1",
        "iso_8859-1:1987",
        "l1",
        "latin1",
        "us-ascii",
        "windows-1252",
        "x-cp1252");
    encoding("windows-1253", "windows-1253", "cp1253", "windows-1253", "x-cp1253");
    encoding(
        "windows-1254",
        "windows-1254",
        "cp1254",
        "csisolatin5",
        "iso-8859-9",
        "iso-ir-148",
        "iso8859-9",
        "iso88599",
        "iso_8859-9",
        "iso_8859-9:1989",
        "l5",
        "latin5",
        "windows-1254",
        "x-cp1254");
    encoding("windows-1255", "windows-1255", "cp1255", "windows-1255", "x-cp1255");
    encoding("windows-1256", "windows-1256", "cp1256", "windows-1256", "x-cp1256");
    encoding("windows-1257", "windows-1257", "cp1257", "windows-1257", "x-cp1257");
    encoding("windows-1258", "windows-1258", "cp1258", "windows-1258", "x-cp1258");
    encoding("x-mac-cyrillic", "x-MacCyrillic", "x-mac-cyrillic", "x-mac-ukrainian");
    encoding(
        "gbk",
        "GB18030", // the Encoding Standard decodes gbk with the gb18030 decoder
        "chinese",
        "csgb2312",
        "csiso58gb231280",
        "gb2312",
        "gb_2312",
        "gb_2312-80",
        "gbk",
        "iso-ir-58",
        "x-gbk");
    encoding("gb18030", "GB18030", "gb18030");
    encoding("big5", "Big5-HKSCS", "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5");
    encoding("euc-jp", "EUC-JP", "cseucpkdfmtjapanese", "euc-jp", "x-euc-jp");
    encoding("iso-2022-jp", "ISO-2022-JP", "csiso2022jp", "iso-2022-jp");
    encoding(
        "shift_jis",
        "windows-31j",
        "csshiftjis",
        "ms932",
        "ms_kanji",
        "shift-jis",
        "shift_jis",
        "sjis",
        "windows-31j",
        "x-sjis");
    encoding(
        "euc-kr",
        "x-windows-949",
        "cseuckr",
        "csksc56011987",
        "euc-kr",
        "iso-ir-149",
        "korean",
        "ks_c_5601-1987",
        "ks_c_5601-1989",
        "ksc5601",
        "ksc_5601",
        "windows-949");
    // workerd refuses the replacement encoding's labels as unknown; so does W9Y (not listed).
    encoding("utf-16be", "UTF-16BE", "unicodefffe", "utf-16be");
    encoding(
        "utf-16le",
        "UTF-16LE",
        "csunicode",
        "iso-10646-ucs-2",
        "ucs-2",
        "unicode",
        "unicodefeff",
        "utf-16",
        "utf-16le");
    encoding("x-user-defined", null, "x-user-defined"); // decoded in encoding.js
  }

  /**
   * The Encoding Standard's name for a label (already trimmed of ASCII whitespace), or null for a
   * label it does not know.
   */
  public static String encodingForLabel(String label) {
    return BY_LABEL.get(label.toLowerCase(java.util.Locale.ROOT));
  }

  /** Whether this JDK has a charset for the encoding (all but iso-8859-10 and iso-8859-14). */
  public static boolean decodable(String encoding) {
    String charset = CHARSETS.get(encoding);
    return charset != null && Charset.isSupported(charset);
  }

  /**
   * Encodings the JDK's CharsetDecoder decodes; the other legacy ones go through a {@link #table}.
   */
  private static final java.util.Set<String> MULTI_BYTE =
      new java.util.TreeSet<>(
          java.util.Arrays.asList(
              "gbk", "gb18030", "big5", "euc-jp", "iso-2022-jp", "shift_jis", "euc-kr"));

  /** Marks a byte the encoding's index does not map (an error) in a single-byte table. */
  private static final char UNMAPPED = '\uFFFF';

  /** Single-byte encodings' tables for bytes 0x80–0xFF, built on first use. */
  private static final Map<String, char[]> TABLES = new TreeMap<>();

  /**
   * Where the Encoding Standard's index and the JDK's charset differ for a single-byte encoding:
   * {byte, code point} pairs, the standard's (checked against workerd by compat's
   * WebApiCompatTest).
   */
  private static final Map<String, int[]> INDEX_FIXES = new TreeMap<>();

  static {
    INDEX_FIXES.put("koi8-u", new int[] {0xAE, 0x045E, 0xBE, 0x040E}); // KOI8-RU's letters
    INDEX_FIXES.put("windows-1255", new int[] {0xCA, 0x05BA});
    // The standard's x-mac-cyrillic is Mac OS Ukrainian.
    INDEX_FIXES.put("x-mac-cyrillic", new int[] {0xA2, 0x0490, 0xB6, 0x0491, 0xFF, 0x20AC});
  }

  private static synchronized char[] table(String encoding) {
    return TABLES.computeIfAbsent(
        encoding,
        name -> {
          Charset charset = Charset.forName(CHARSETS.get(name));
          char[] table = new char[128];
          for (int b = 0x80; b <= 0xff; b++) {
            CharsetDecoder decoder =
                charset
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
              table[b - 0x80] = decoder.decode(ByteBuffer.wrap(new byte[] {(byte) b})).charAt(0);
            } catch (java.nio.charset.CharacterCodingException e) {
              // The windows-* indexes fill their holes in 0x80-0x9F with the C1 controls.
              table[b - 0x80] = name.startsWith("windows-") && b <= 0x9f ? (char) b : UNMAPPED;
            }
          }
          int[] fixes = INDEX_FIXES.getOrDefault(name, new int[0]);
          for (int i = 0; i < fixes.length; i += 2) {
            table[fixes[i] - 0x80] = (char) fixes[i + 1];
          }
          return table;
        });
  }

  /**
   * One TextDecoder's decoder for a legacy encoding or UTF-16: the JDK decoder's state
   * (ISO-2022-JP's mode) and the bytes of an incomplete sequence carry over between streamed
   * chunks. encoding.js keeps it in a private field, where guest code cannot reach it (and it has
   * no members anyway).
   */
  public static final class Decoder {
    private final String encoding;
    private final char[] singleByte;
    private final CharsetDecoder multiByte;
    private byte[] pending = new byte[0];
    private final boolean utf16;
    private final boolean bigEndian;
    // UTF-16's decoder state (Encoding Standard §11.2.1): a byte waiting for its pair, a lead
    // surrogate waiting for its trail; -1 for none.
    private int leadByte = -1;
    private int leadSurrogate = -1;

    Decoder(String encoding) {
      this.encoding = encoding;
      this.utf16 = encoding.startsWith("utf-16");
      this.bigEndian = encoding.equals("utf-16be");
      if (utf16) {
        singleByte = null;
        multiByte = null;
      } else if (MULTI_BYTE.contains(encoding)) {
        singleByte = null;
        multiByte =
            Charset.forName(CHARSETS.get(encoding))
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
      } else {
        singleByte = table(encoding);
        multiByte = null;
      }
    }

    /**
     * Decodes a chunk (a binary string, one char per byte).
     *
     * @param flush whether the input ends here; if not, an incomplete sequence at its end waits for
     *     the next chunk (TextDecoder's {@code stream: true})
     * @return the text, or null when {@code fatal} and the input has an error (the decoder then
     *     starts afresh)
     */
    public String decode(String binary, boolean fatal, boolean flush) {
      byte[] chunk = Wire.bytes(binary);
      String text;
      if (utf16) {
        text = decodeUtf16(chunk, fatal, flush);
      } else {
        text = singleByte != null ? decodeSingle(chunk, fatal) : decodeMulti(chunk, fatal, flush);
      }
      if (text == null || flush) {
        pending = new byte[0];
        leadByte = -1;
        leadSurrogate = -1;
        if (multiByte != null) {
          multiByte.reset();
        }
      }
      return text;
    }

    // The JDK's UTF-16 decoders count a bad sequence's bytes differently from the standard, so
    // UTF-16 follows §11.2.1 step by step.
    private String decodeUtf16(byte[] bytes, boolean fatal, boolean flush) {
      StringBuilder text = new StringBuilder(bytes.length / 2 + 1);
      for (byte value : bytes) {
        int b = value & 0xff;
        if (leadByte < 0) {
          leadByte = b;
          continue;
        }
        int unit = bigEndian ? (leadByte << 8) | b : (b << 8) | leadByte;
        leadByte = -1;
        if (leadSurrogate >= 0) {
          int lead = leadSurrogate;
          leadSurrogate = -1;
          if (unit >= 0xDC00 && unit <= 0xDFFF) {
            text.append((char) lead).append((char) unit);
            continue;
          }
          if (fatal) {
            return null;
          }
          text.append('\uFFFD'); // the unit is looked at again below
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
          leadSurrogate = unit;
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
          if (fatal) {
            return null;
          }
          text.append('\uFFFD');
        } else {
          text.append((char) unit);
        }
      }
      if (flush && (leadByte >= 0 || leadSurrogate >= 0)) {
        if (fatal) {
          return null;
        }
        text.append('\uFFFD');
      }
      return text.toString();
    }

    private String decodeSingle(byte[] bytes, boolean fatal) {
      StringBuilder text = new StringBuilder(bytes.length);
      for (byte value : bytes) {
        int b = value & 0xff;
        char c = b < 0x80 ? (char) b : singleByte[b - 0x80];
        if (c == UNMAPPED) {
          if (fatal) {
            return null;
          }
          c = '\uFFFD';
        }
        text.append(c);
      }
      return text.toString();
    }

    private String decodeMulti(byte[] chunk, boolean fatal, boolean flush) {
      byte[] bytes = new byte[pending.length + chunk.length];
      System.arraycopy(pending, 0, bytes, 0, pending.length);
      System.arraycopy(chunk, 0, bytes, pending.length, chunk.length);
      ByteBuffer in = ByteBuffer.wrap(bytes);
      CharBuffer out = CharBuffer.allocate(bytes.length * 2 + 16);
      StringBuilder text = new StringBuilder(bytes.length + 16);
      while (true) {
        CoderResult result = multiByte.decode(in, out, flush);
        if (result.isOverflow()) {
          text.append(out.flip());
          out.clear();
          continue;
        }
        if (result.isUnderflow()) {
          if (flush) {
            multiByte.flush(out);
            if (in.hasRemaining()) { // an incomplete sequence ends the input
              if (fatal) {
                return null;
              }
              out.put('\uFFFD');
              in.position(in.limit());
            }
          }
          break;
        }
        int at = in.position();
        int length = result.length();
        String standard = standardWhereJdkFails(encoding, bytes, at, length);
        if (standard != null) {
          out.put(standard);
          length = standard.length() == 2 ? 2 : length;
        } else if (fatal) {
          return null;
        } else {
          out.put('\uFFFD');
          // The standard's multi-byte decoders give an ASCII byte that ends a bad sequence back
          // to the input; the JDK's count it in the error.
          if (length > 1 && (bytes[at + length - 1] & 0xff) < 0x80) {
            length--;
          }
        }
        in.position(at + length);
        if (out.remaining() < 4) {
          text.append(out.flip());
          out.clear();
        }
      }
      text.append(out.flip());
      pending = java.util.Arrays.copyOfRange(bytes, in.position(), bytes.length);
      return text.toString();
    }
  }

  /**
   * What the Encoding Standard decodes where the JDK's multi-byte charset reports an error at
   * {@code at} (for {@code length} bytes), or null where the standard has an error too. A two-char
   * answer stands for two bytes (Big5's four sequences that decode to a letter and a combining
   * mark).
   */
  private static String standardWhereJdkFails(String encoding, byte[] bytes, int at, int length) {
    int b = bytes[at] & 0xff;
    if (length == 1 && b == 0x80) {
      if (encoding.equals("gbk") || encoding.equals("gb18030")) {
        return "\u20AC"; // gb18030's decoder: 0x80 is the euro sign
      }
      if (encoding.equals("shift_jis")) {
        return "\u0080"; // Shift_JIS: ASCII bytes and 0x80 are themselves
      }
    }
    if (encoding.equals("big5") && b == 0x88 && at + 1 < bytes.length) {
      switch (bytes[at + 1] & 0xff) {
        case 0x62:
          return "\u00CA\u0304";
        case 0x64:
          return "\u00CA\u030C";
        case 0xA3:
          return "\u00EA\u0304";
        case 0xA5:
          return "\u00EA\u030C";
        default:
          return null;
      }
    }
    return null;
  }

  /** The host functions encoding.js needs (the host bridge and prelude tests install them). */
  public static Map<String, ProxyExecutable> hostFunctions() {
    Map<String, ProxyExecutable> functions = new LinkedHashMap<>();
    functions.put("encodingForLabel", args -> encodingForLabel(args[0].asString()));
    functions.put("encodingDecodable", args -> decodable(args[0].asString()));
    functions.put("legacyDecoder", args -> new Decoder(args[0].asString()));
    functions.put(
        "legacyDecode",
        args -> {
          Decoder decoder = args[0].asHostObject();
          return decoder.decode(args[1].asString(), args[2].asBoolean(), args[3].asBoolean());
        });
    return functions;
  }
}
