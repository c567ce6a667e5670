// Encoding Standard: TextEncoder (UTF-8), TextDecoder for UTF-8 here and for the legacy encodings
// through the host (LegacyEncodings.java: the labels and the JDK charsets), and HTML's atob/btoa
// with the forgiving-base64 algorithm.
(function (internal) {
  "use strict";
  const UTF8_LABELS = ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8",
    "x-unicode20utf8"];

  // Bytes and "binary strings" (one char per byte, the form the host moves bytes in).
  internal.bytesToBinary = function bytesToBinary(bytes) {
    if (bytes.length <= 8192) return String.fromCharCode.apply(null, bytes);
    let out = "";
    for (let i = 0; i < bytes.length; i += 8192) {
      out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    }
    return out;
  };
  internal.binaryToBytes = function binaryToBytes(binary) {
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  };
  // ASCII is its own UTF-8: the byte-by-byte coders below run in the interpreter at a few
  // microseconds per character, so ASCII text skips them.
  const NON_ASCII = /[^\x00-\x7f]/;
  // UTF-8 of a string as a binary string (lone surrogates become U+FFFD): ASCII as it is, the
  // rest through the host's encoder.
  internal.utf8Binary = function utf8Binary(text) {
    return NON_ASCII.test(text) ? internal.host.utf8Encode(text) : text;
  };
  // "UTF-8 decode" of bytes (Encoding §6): invalid sequences become U+FFFD, a leading BOM goes.
  internal.utf8Text = function utf8Text(binary) {
    // ASCII bytes decode to themselves (no BOM, no invalid sequence): no host call.
    if (!NON_ASCII.test(binary)) return binary;
    const text = internal.host.utf8Decode(binary, false);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };

  // The bytes a BufferSource (an ArrayBuffer or any view of one) covers, as a Uint8Array over
  // the same memory; null for anything else.
  function bufferSourceBytes(input) {
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    return null;
  }
  // A BufferSource's bytes copied into a binary string (later changes to the buffer are not seen);
  // null for anything else. Bodies, blob parts, stream chunks and crypto.subtle's inputs use it.
  internal.bufferSourceBinary = function bufferSourceBinary(input) {
    const bytes = bufferSourceBytes(input);
    return bytes === null ? null : internal.bytesToBinary(bytes);
  };

  function toBytes(input, what) {
    if (input === undefined) return new Uint8Array(0);
    const bytes = bufferSourceBytes(input);
    if (bytes === null) throw new TypeError(`${what}: the input must be an ArrayBuffer or an ArrayBufferView`);
    return bytes;
  }

  // UTF-8 encode of a USVString: lone surrogates become U+FFFD (EF BF BD).
  function encodeUtf8(text, out, limit) {
    let written = 0;
    let read = 0;
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      let units = 1;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
          units = 2;
        }
      }
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
      const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (written + size > limit) break;
      if (size === 1) {
        out[written] = cp;
      } else if (size === 2) {
        out[written] = 0xc0 | (cp >> 6); out[written + 1] = 0x80 | (cp & 0x3f);
      } else if (size === 3) {
        out[written] = 0xe0 | (cp >> 12); out[written + 1] = 0x80 | ((cp >> 6) & 0x3f);
        out[written + 2] = 0x80 | (cp & 0x3f);
      } else {
        out[written] = 0xf0 | (cp >> 18); out[written + 1] = 0x80 | ((cp >> 12) & 0x3f);
        out[written + 2] = 0x80 | ((cp >> 6) & 0x3f); out[written + 3] = 0x80 | (cp & 0x3f);
      }
      written += size;
      read += units;
      i += units - 1;
    }
    return { read, written };
  }

  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(input = "") {
      const text = String(input);
      if (!NON_ASCII.test(text)) return internal.binaryToBytes(text);
      const out = new Uint8Array(text.length * 3);
      const { written } = encodeUtf8(text, out, out.length);
      return out.slice(0, written);
    }
    encodeInto(source, destination) {
      if (!(destination instanceof Uint8Array)) throw new TypeError("encodeInto needs a Uint8Array");
      return encodeUtf8(String(source), destination, destination.length);
    }
  }
  Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { value: "TextEncoder", configurable: true });

  // The encodings the Encoding Standard lets a decoder strip a leading BOM for.
  const BOM_ENCODINGS = ["utf-8", "utf-16le", "utf-16be"];
  const DECODE_FAILED = "Failed to decode input."; // workerd's words for a fatal decoder's error

  class TextDecoder {
    #encoding; #fatal; #ignoreBOM; #bomSeen = false;
    // The UTF-8 decoder's state between streamed chunks (Encoding Standard §8.1.1).
    #codePoint = 0; #needed = 0; #seen = 0; #lower = 0x80; #upper = 0xbf;
    // Other encodings: the host's decoder (an opaque host object; see #decodeLegacy).
    #legacy = null;

    constructor(label = "utf-8", options = undefined) {
      const name = String(label).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "").toLowerCase();
      const encoding = UTF8_LABELS.includes(name) ? "utf-8" : internal.host.encodingForLabel(name);
      if (encoding === null || encoding === undefined) throw new RangeError(`"${label}" is not a valid encoding.`);
      if (encoding !== "utf-8" && encoding !== "x-user-defined" && !internal.host.encodingDecodable(encoding)) {
        throw new RangeError(`TextDecoder: W9Y cannot decode ${encoding} (the JDK has no charset for it)`);
      }
      this.#encoding = encoding;
      this.#fatal = Boolean(options?.fatal);
      this.#ignoreBOM = Boolean(options?.ignoreBOM);
    }

    get encoding() { return this.#encoding; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }

    // A legacy (or UTF-16) encoding's decoder: the host's (LegacyEncodings.Decoder), made on first
    // use, keeps the state between streamed chunks.
    #decodeLegacy(bytes, stream) {
      const binary = internal.bytesToBinary(bytes);
      if (this.#encoding === "x-user-defined") { // Encoding Standard §14.5: no errors, no state
        return binary.replace(/[\x80-\xff]/g, (c) => String.fromCharCode(0xf780 + c.charCodeAt(0) - 0x80));
      }
      if (this.#legacy === null) this.#legacy = internal.host.legacyDecoder(this.#encoding);
      const text = internal.host.legacyDecode(this.#legacy, binary, this.#fatal, !stream);
      if (text === null) throw new TypeError(DECODE_FAILED);
      return text;
    }

    #stripBOM(text, stream) {
      if (!this.#ignoreBOM && !this.#bomSeen && text.length > 0 && BOM_ENCODINGS.includes(this.#encoding)) {
        this.#bomSeen = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (!stream) this.#bomSeen = false;
      return text;
    }

    decode(input = undefined, options = undefined) {
      const bytes = toBytes(input, "TextDecoder.decode");
      const stream = Boolean(options?.stream);
      if (this.#encoding !== "utf-8") return this.#stripBOM(this.#decodeLegacy(bytes, stream), stream);
      if (!stream && this.#needed === 0) {
        const binary = internal.bytesToBinary(bytes);
        if (!NON_ASCII.test(binary)) { // no BOM, nothing to replace: the bytes are the text
          this.#bomSeen = false;
          return binary;
        }
      }
      const units = [];
      let text = "";
      const emit = (cp) => {
        if (cp > 0xffff) {
          cp -= 0x10000;
          units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
        } else {
          units.push(cp);
        }
        if (units.length >= 8192) { text += String.fromCharCode.apply(null, units); units.length = 0; }
      };
      const error = () => {
        if (this.#fatal) {
          TextDecoder.#reset(this);
          throw new TypeError(DECODE_FAILED);
        }
        emit(0xfffd);
      };
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (this.#needed === 0) {
          if (b <= 0x7f) emit(b);
          else if (b >= 0xc2 && b <= 0xdf) { this.#needed = 1; this.#codePoint = b & 0x1f; }
          else if (b >= 0xe0 && b <= 0xef) {
            if (b === 0xe0) this.#lower = 0xa0;
            if (b === 0xed) this.#upper = 0x9f;
            this.#needed = 2; this.#codePoint = b & 0xf;
          } else if (b >= 0xf0 && b <= 0xf4) {
            if (b === 0xf0) this.#lower = 0x90;
            if (b === 0xf4) this.#upper = 0x8f;
            this.#needed = 3; this.#codePoint = b & 0x7;
          } else error();
          continue;
        }
        if (b < this.#lower || b > this.#upper) {
          TextDecoder.#reset(this);
          i--; // the byte starts over (the spec's "restore to the stream")
          error();
          continue;
        }
        this.#lower = 0x80; this.#upper = 0xbf;
        this.#codePoint = (this.#codePoint << 6) | (b & 0x3f);
        if (++this.#seen === this.#needed) {
          const cp = this.#codePoint;
          TextDecoder.#reset(this);
          emit(cp);
        }
      }
      if (!stream && this.#needed !== 0) {
        TextDecoder.#reset(this);
        error();
      }
      text += String.fromCharCode.apply(null, units);
      return this.#stripBOM(text, stream);
    }

    static #reset(self) {
      self.#codePoint = 0; self.#needed = 0; self.#seen = 0; self.#lower = 0x80; self.#upper = 0xbf;
    }
  }
  Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { value: "TextDecoder", configurable: true });

  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  function invalidCharacter(message) {
    return new internal.DOMException(message, "InvalidCharacterError");
  }

  function btoa(data) {
    if (arguments.length === 0) throw new TypeError("btoa needs an argument");
    const text = String(data);
    let out = "";
    for (let i = 0; i < text.length; i += 3) {
      const a = text.charCodeAt(i);
      const b = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      const c = i + 2 < text.length ? text.charCodeAt(i + 2) : 0;
      if (a > 0xff || b > 0xff || c > 0xff) {
        throw invalidCharacter("btoa: the string contains characters outside of the Latin1 range");
      }
      const bits = (a << 16) | (b << 8) | c;
      out += ALPHABET[bits >> 18] + ALPHABET[(bits >> 12) & 63] +
        (i + 1 < text.length ? ALPHABET[(bits >> 6) & 63] : "=") +
        (i + 2 < text.length ? ALPHABET[bits & 63] : "=");
    }
    return out;
  }

  // HTML "forgiving-base64 decode".
  function atob(data) {
    if (arguments.length === 0) throw new TypeError("atob needs an argument");
    let text = String(data).replace(/[\t\n\f\r ]/g, "");
    if (text.length % 4 === 0) text = text.replace(/==?$/, "");
    if (text.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(text)) {
      throw invalidCharacter("atob: the string to be decoded is not correctly encoded");
    }
    let out = "";
    let buffer = 0;
    let bits = 0;
    for (let i = 0; i < text.length; i++) {
      buffer = (buffer << 6) | ALPHABET.indexOf(text[i]);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += String.fromCharCode((buffer >> bits) & 0xff);
      }
    }
    return out;
  }

  internal.defineGlobal("TextEncoder", TextEncoder);
  internal.defineGlobal("TextDecoder", TextDecoder);
  internal.defineGlobal("btoa", btoa);
  internal.defineGlobal("atob", atob);
});
