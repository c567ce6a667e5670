package dev.w9y.guestjs.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.guestjs.JsTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EncodingTest {
  private final JsTestContext js = JsTestContext.with("dom-exception.js", "encoding.js");

  @AfterEach
  void close() {
    js.close();
  }

  @Test
  void encodesUtf8WithLoneSurrogatesReplacedAndEncodeIntoStopsAtWholeCharacters() {
    assertThat(
            js.string(
                "const e = new TextEncoder();"
                    + " const into = new Uint8Array(5); const r = e.encodeInto('a\\u00e9\\ud83d\\ude00', into);"
                    + " return [e.encoding, e.encode('a\\u00e9\\u20ac\\ud83d\\ude00').join('.'), e.encode('\\ud800x').join('.'),"
                    + "  r.read, r.written, e.encode().length].join(' ');"))
        .isEqualTo("utf-8 97.195.169.226.130.172.240.159.152.128 239.191.189.120 2 3 0");
  }

  @Test
  void decodesValidUtf8AndDropsOneLeadingBomUnlessAsked() {
    assertThat(
            js.string(
                "const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);"
                    + " return [new TextDecoder().decode(bytes), new TextDecoder('UTF8', { ignoreBOM: true }).decode(bytes).length,"
                    + "  new TextDecoder(' utf-8 ').decode(bytes.buffer)].join(' ');"))
        .isEqualTo("h\u00e9\ud83d\ude00 5 h\u00e9\ud83d\ude00");
  }

  @Test
  void invalidSequencesBecomeReplacementCharactersPerMaximalSubpart() {
    assertThat(
            js.string(
                "const d = new TextDecoder(); const cps = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(',');"
                    + " return [cps(d.decode(new Uint8Array([0xc0, 0x80]))),"
                    + "  cps(d.decode(new Uint8Array([0xe0, 0x80, 0x41]))),"
                    + "  cps(d.decode(new Uint8Array([0xf0, 0x9f, 0x98]))),"
                    + "  cps(d.decode(new Uint8Array([0xed, 0xa0, 0x80])))].join(' ');"))
        .isEqualTo("fffd,fffd fffd,fffd,41 fffd fffd,fffd,fffd");
  }

  @Test
  void fatalModeThrowsAndStreamingKeepsSplitCharacters() {
    assertThat(
            js.string(
                "let fatal; try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])); }"
                    + " catch (e) { fatal = e.constructor.name; }"
                    + " const d = new TextDecoder(); const a = d.decode(new Uint8Array([0xe2, 0x82]), { stream: true });"
                    + " const b = d.decode(new Uint8Array([0xac]));"
                    + " let label; try { new TextDecoder('utf-32'); } catch (e) { label = e.constructor.name; }"
                    + " return [fatal, JSON.stringify(a), b, label].join(' ');"))
        .isEqualTo("TypeError \"\" \u20ac RangeError");
  }

  /** The code points of what a decoder for {@code label} makes of the bytes, in hex. */
  private String decoded(String label, String bytes) {
    return js.string(
        "try { return Array.from(new TextDecoder('"
            + label
            + "').decode(new Uint8Array(["
            + bytes
            + "])), (c) => c.codePointAt(0).toString(16)).join(' ');"
            + " } catch (e) { return e.name + ': ' + e.message; }");
  }

  @Test
  void legacyLabelsMapToTheirEncodingsAndUnknownOnesAreRefusedInWorkerdsWords() {
    assertThat(
            js.string(
                "return ['latin1', ' ASCII ', 'iso-8859-9', 'tis-620', 'gb2312', 'sjis', 'windows-949',"
                    + " 'utf-16', 'unicodefffe', 'x-mac-ukrainian', 'logical', 'x-user-defined']"
                    + ".map((l) => new TextDecoder(l).encoding).join(' ')"))
        .isEqualTo(
            "windows-1252 windows-1252 windows-1254 windows-874 gbk shift_jis euc-kr utf-16le"
                + " utf-16be x-mac-cyrillic iso-8859-8-i x-user-defined");
    // workerd treats the replacement encoding's labels as unknown, and so does W9Y.
    assertThat(decoded("iso-2022-kr", "0x41"))
        .isEqualTo("RangeError: \"iso-2022-kr\" is not a valid encoding.");
    assertThat(decoded("iso-8859-10", "0x41"))
        .startsWith("RangeError: TextDecoder: W9Y cannot decode");
  }

  @Test
  void singleByteEncodingsFollowTheStandardsIndexWhereTheJdkDiffers() {
    assertThat(decoded("windows-1252", "0x80, 0x81, 0x9f, 0xe9")).isEqualTo("20ac 81 178 e9");
    assertThat(decoded("koi8-u", "0xae, 0xbe, 0xc1")).isEqualTo("45e 40e 430");
    assertThat(decoded("windows-1255", "0xca")).isEqualTo("5ba");
    assertThat(decoded("x-mac-cyrillic", "0xa2, 0xb6, 0xff")).isEqualTo("490 491 20ac");
    assertThat(decoded("iso-8859-3", "0xa5, 0x41")).isEqualTo("fffd 41");
    assertThat(decoded("x-user-defined", "0x41, 0x80, 0xff")).isEqualTo("41 f780 f7ff");
  }

  @Test
  void multiByteEncodingsDecodeAndGiveTheAsciiByteAfterABadSequenceBack() {
    assertThat(decoded("shift_jis", "0x82, 0xa0, 0x93, 0xfa, 0xb1, 0x80, 0x82, 0x20"))
        .isEqualTo("3042 65e5 ff71 80 fffd 20");
    assertThat(decoded("euc-jp", "0xa4, 0xa2, 0xa1, 0xff, 0x41, 0xa1, 0x41"))
        .isEqualTo("3042 fffd 41 fffd 41");
    assertThat(decoded("gbk", "0xc4, 0xe3, 0x80, 0x81, 0x30, 0x81, 0x30"))
        .isEqualTo("4f60 20ac 80");
    assertThat(decoded("big5", "0xa4, 0x40, 0x88, 0x62, 0x88, 0xa5"))
        .isEqualTo("4e00 ca 304 ea 30c");
    assertThat(decoded("euc-kr", "0xb0, 0xa1, 0x81, 0x41")).isEqualTo("ac00 ac02");
    assertThat(decoded("iso-2022-jp", "0x1b, 0x24, 0x42, 0x30, 0x21, 0x1b, 0x28, 0x42, 0x41"))
        .isEqualTo("4e9c 41");
  }

  @Test
  void utf16FollowsTheStandardsDecoderForBomsSurrogatesAndAnOddByte() {
    assertThat(decoded("utf-16le", "0xff, 0xfe, 0x41, 0, 0x3d, 0xd8, 0, 0xde, 0, 0xd8, 0x42"))
        .isEqualTo("41 1f600 fffd");
    assertThat(decoded("utf-16be", "0xfe, 0xff, 0, 0x41, 0xdc, 0, 0")).isEqualTo("41 fffd fffd");
    assertThat(
            js.string(
                "return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(new Uint8Array([0xff, 0xfe, 0x41, 0])).length"))
        .isEqualTo("2");
  }

  @Test
  void legacyDecodersStreamAcrossChunksAndFatalOnesThrowAndStartAfresh() {
    assertThat(
            js.string(
                "const out = [];"
                    + " for (const label of ['shift_jis', 'iso-2022-jp', 'utf-16be']) {"
                    + "   const bytes = { shift_jis: [0x82, 0xa0, 0x93], 'iso-2022-jp': [0x1b, 0x24, 0x42, 0x30, 0x21, 0x1b, 0x28, 0x42],"
                    + "     'utf-16be': [0xd8, 0x3d, 0xde, 0x00] }[label];"
                    + "   const d = new TextDecoder(label); let text = '';"
                    + "   for (const b of bytes) text += d.decode(new Uint8Array([b]), { stream: true });"
                    + "   out.push(text + '|' + d.decode());"
                    + " }"
                    + " const fatal = new TextDecoder('shift_jis', { fatal: true });"
                    + " fatal.decode(new Uint8Array([0x82]), { stream: true });"
                    + " try { fatal.decode(); } catch (e) { out.push(e.name + ': ' + e.message); }"
                    + " out.push(fatal.decode(new Uint8Array([0x41])), fatal.fatal, fatal.encoding);"
                    + " return out.join(' ');"))
        .isEqualTo(
            "\u3042|\ufffd \u4e9c| \ud83d\ude00| TypeError: Failed to decode input. A true"
                + " shift_jis");
  }

  @Test
  void asciiTakesTheDirectPathWithoutLosingDecoderState() {
    // ASCII skips the byte-by-byte coders; a decoder mid-character must still finish it first.
    assertThat(
            js.string(
                "const e = new TextEncoder(); const d = new TextDecoder();"
                    + " const head = d.decode(new Uint8Array([0x41, 0xe2, 0x82]), { stream: true });"
                    + " const tail = d.decode(new Uint8Array([0xac, 0x42]));"
                    + " const view = new Uint8Array([0x78, 0x41, 0x42, 0x43]).subarray(1);"
                    + " const fatal = new TextDecoder('utf-8', { fatal: true });"
                    + " return [e.encode('hi!').join('.'), head, tail, d.decode(view), fatal.decode(view),"
                    + "  d.decode(new Uint8Array(0)) === '', new TextDecoder().decode(new Uint8Array([0x7f, 0x80])).length].join(' ');"))
        .isEqualTo("104.105.33 A \u20acB ABC ABC true 2");
  }

  @Test
  void base64FollowsTheForgivingAlgorithm() {
    assertThat(
            js.string(
                "const errors = [];"
                    + " for (const bad of ['abcde', 'ab=c', '\\u00ffab', 'a===']) {"
                    + "   try { atob(bad); errors.push('ok'); } catch (e) { errors.push(e.name); } }"
                    + " let wide; try { btoa('\\u0100'); } catch (e) { wide = e.name; }"
                    + " return [btoa('hello'), btoa(''), btoa('\\u00ff\\u00fe'), atob('aGVs bG8='), atob('aGVsbG8'),"
                    + "  atob(' YQ== ').charCodeAt(0), errors.join(','), wide].join(' ');"))
        .isEqualTo(
            "aGVsbG8=  //4= hello hello 97 InvalidCharacterError,InvalidCharacterError,"
                + "InvalidCharacterError,InvalidCharacterError InvalidCharacterError");
  }
}
