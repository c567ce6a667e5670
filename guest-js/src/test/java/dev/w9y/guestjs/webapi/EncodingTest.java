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
                    + " let label; try { new TextDecoder('latin2'); } catch (e) { label = e.constructor.name; }"
                    + " return [fatal, JSON.stringify(a), b, label].join(' ');"))
        .isEqualTo("TypeError \"\" \u20ac RangeError");
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
