// JSON.parse with V8's error messages. workerd runs V8, whose JSON parser words a SyntaxError
// differently from GraalJS's (`Unexpected token 'x', "x" is not valid JSON`, `Expected ',' or '}'
// after property value in JSON at position 7 (line 1 column 8)`, `Unexpected end of JSON input`),
// and a Worker that answers a malformed body with the error's message shows those words. Both
// parsers accept exactly JSON's grammar, so GraalJS still parses; only when it throws a SyntaxError
// is the text scanned again the way V8's JsonParser scans it (its tokens, its explicit messages,
// its position, line and column, its 10 characters of context), to throw V8's message instead. A
// reviver's own errors pass through untouched. Prelude builds this file's Source as internal, so
// JSON.parse still reads as native code, as V8's built-in does, and no frame of it shows in stacks.
// Needs: nothing (runs first; Response.json() and the other readers call JSON.parse at call time).
(function (internal) {
  "use strict";
  const nativeParse = JSON.parse;
  const CONTEXT = 10; // V8's kMaxContextCharacters
  const SPECIAL = ["[object Object]", "undefined", "Infinity", "NaN"]; // V8's IsSpecialString
  const ESCAPES = "\"\\/bfnrt";

  class Found { // what the scan throws: V8's message for the text's first error
    constructor(message) { this.message = message; }
  }

  const isDigit = (c) => c >= 48 && c <= 57;
  const isHex = (c) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

  function v8Message(source) {
    const length = source.length;
    let pos = 0;
    const at = () => (pos < length ? source.charCodeAt(pos) : -1);
    const skipWhitespace = () => {
      for (let c = at(); c === 32 || c === 9 || c === 10 || c === 13; c = at()) pos++;
    };
    // "at position N (line L column C)": \r\n counts as one line break, as in V8.
    const where = () => {
      let line = 1;
      let lineStart = 0;
      for (let i = 0; i < pos; i++) {
        if (source.charCodeAt(i) === 13 && i < pos - 1 && source.charCodeAt(i + 1) === 10) i++;
        const c = source.charCodeAt(i);
        if (c === 13 || c === 10) {
          line++;
          lineStart = i + 1;
        }
      }
      return `at position ${pos} (line ${line} column ${pos - lineStart + 1})`;
    };
    const fail = (message) => { throw new Found(`${message} in JSON ${where()}`); };
    // A token V8 has no message of its own for: named by its kind, or quoted with some context.
    const unexpected = () => {
      const c = at();
      if (c === -1) throw new Found("Unexpected end of JSON input");
      if (c === 34) fail("Unexpected string");
      if (c === 45 || isDigit(c)) fail("Unexpected number");
      if (SPECIAL.includes(source)) throw new Found(`"${source}" is not valid JSON`);
      const token = `Unexpected token '${source[pos]}', `;
      if (length < CONTEXT * 2 + 1) throw new Found(`${token}"${source}" is not valid JSON`);
      if (pos < CONTEXT) throw new Found(`${token}"${source.slice(0, pos + CONTEXT)}"... is not valid JSON`);
      if (pos < length - CONTEXT) {
        throw new Found(`${token}..."${source.slice(pos - CONTEXT, pos + CONTEXT)}"... is not valid JSON`);
      }
      throw new Found(`${token}..."${source.slice(pos - CONTEXT)}" is not valid JSON`);
    };

    function literal(word) { // true, false, null: the first character matched already
      if (source.startsWith(word, pos)) {
        pos += word.length;
        return;
      }
      const end = Math.min(word.length, length - pos);
      pos++;
      for (let i = 1; i < end; i++, pos++) if (source[pos] !== word[i]) unexpected();
      unexpected(); // the text ended inside the word
    }

    function number() {
      if (at() === 45) pos++;
      if (at() === 48) {
        pos++;
        if (isDigit(at())) unexpected(); // a leading zero
      } else if (!isDigit(at())) {
        fail("No number after minus sign");
      }
      while (isDigit(at())) pos++;
      if (at() === 46) {
        pos++;
        if (!isDigit(at())) fail("Unterminated fractional number");
        while (isDigit(at())) pos++;
      }
      if (at() === 101 || at() === 69) {
        pos++;
        if (at() === 43 || at() === 45) pos++;
        if (!isDigit(at())) fail("Exponent part is missing a number");
        while (isDigit(at())) pos++;
      }
    }

    function string() {
      pos++; // the opening quote
      for (;;) {
        const c = at();
        if (c === -1) fail("Unterminated string");
        if (c === 34) {
          pos++;
          return;
        }
        if (c === 92) {
          pos++;
          const escaped = at();
          // The end, or a character beyond Latin-1, is an unexpected token to V8, not a bad escape.
          if (escaped === -1 || escaped > 0xff) unexpected();
          if (escaped === 117) { // \uXXXX
            for (let i = 0; i < 4; i++) {
              pos++;
              if (!isHex(at())) fail("Bad Unicode escape");
            }
          } else if (!ESCAPES.includes(source[pos])) {
            fail("Bad escaped character");
          }
        } else if (c < 0x20) {
          fail("Bad control character in string literal");
        }
        pos++;
      }
    }

    function object() {
      pos++; // {
      skipWhitespace();
      if (at() === 125) {
        pos++;
        return;
      }
      if (at() !== 34) fail("Expected property name or '}'");
      for (;;) {
        string();
        skipWhitespace();
        if (at() !== 58) fail("Expected ':' after property name");
        pos++;
        value();
        skipWhitespace();
        if (at() === 125) {
          pos++;
          return;
        }
        if (at() !== 44) fail("Expected ',' or '}' after property value");
        pos++;
        skipWhitespace();
        if (at() !== 34) fail("Expected double-quoted property name");
      }
    }

    function array() {
      pos++; // [
      skipWhitespace();
      if (at() === 93) {
        pos++;
        return;
      }
      for (;;) {
        value();
        skipWhitespace();
        if (at() === 93) {
          pos++;
          return;
        }
        if (at() !== 44) fail("Expected ',' or ']' after array element");
        pos++;
      }
    }

    function value() {
      skipWhitespace();
      const c = at();
      if (c === 34) string();
      else if (c === 45 || isDigit(c)) number();
      else if (c === 123) object();
      else if (c === 91) array();
      else if (c === 116) literal("true");
      else if (c === 102) literal("false");
      else if (c === 110) literal("null");
      else unexpected();
    }

    try {
      value();
      skipWhitespace();
      if (pos < length) throw new Found(`Unexpected non-whitespace character after JSON ${where()}`);
    } catch (found) {
      if (found instanceof Found) return found.message;
      throw found;
    }
    return null; // the text is JSON: the SyntaxError was a reviver's
  }

  const parse = {
    parse(text, reviver) {
      const source = typeof text === "string" ? text : `${text}`; // converted once, as the spec does
      try {
        return nativeParse(source, reviver);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        let message = null;
        try {
          message = v8Message(source);
        } catch {
          // the scan itself failed (nesting deeper than the stack): keep GraalJS's error
        }
        if (message === null) throw error;
        throw new SyntaxError(message);
      }
    },
  }.parse;
  Object.defineProperty(JSON, "parse", { value: parse, writable: true, enumerable: false, configurable: true });
});
