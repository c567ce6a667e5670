// WHATWG URL Standard: URL and URLSearchParams, with the basic URL parser's state machine,
// host parsing (domains, IPv4 in all its forms, IPv6, opaque hosts) and setters' state
// overrides. Domain to ASCII is UTS #46 on the host's ICU4J (Idna.java).
// Needs encoding.js (UTF-8 for percent-encoding).
(function (internal) {
  "use strict";
  const SPECIAL = { "ftp": 21, "file": null, "http": 80, "https": 443, "ws": 80, "wss": 443 };
  const isSpecialScheme = (scheme) => Object.prototype.hasOwnProperty.call(SPECIAL, scheme);
  const FAILURE = Symbol("failure");
  const encoder = new TextEncoder();
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true }); // "UTF-8 decode without BOM"

  // ---------------------------------------------------------------- percent-encoding (§1.3)

  const inC0 = (c) => c < 0x20 || c > 0x7e;
  const inFragment = (c) => inC0(c) || c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x60;
  const inQuery = (c) => inC0(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3c || c === 0x3e;
  const inSpecialQuery = (c) => inQuery(c) || c === 0x27;
  const inPath = (c) => inQuery(c) || c === 0x3f || c === 0x5e || c === 0x60 || c === 0x7b || c === 0x7d;
  const inUserinfo = (c) => inPath(c) || c === 0x2f || c === 0x3a || c === 0x3b || c === 0x3d ||
    c === 0x40 || (c >= 0x5b && c <= 0x5e) || c === 0x7c;
  const inComponent = (c) => inUserinfo(c) || (c >= 0x24 && c <= 0x26) || c === 0x2b || c === 0x2c;
  const inForm = (c) => inComponent(c) || c === 0x21 || (c >= 0x27 && c <= 0x29) || c === 0x7e;

  const HEX = "0123456789ABCDEF";
  function percentEncode(codePointString, inSet, spaceAsPlus = false) {
    let out = "";
    for (const byte of encoder.encode(codePointString)) {
      if (spaceAsPlus && byte === 0x20) out += "+";
      else if (inSet(byte)) out += "%" + HEX[byte >> 4] + HEX[byte & 15];
      else out += String.fromCharCode(byte);
    }
    return out;
  }

  const isHexDigit = (c) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
  function percentDecodeBytes(bytes) {
    const out = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x25 && i + 2 < bytes.length && isHexDigit(bytes[i + 1]) && isHexDigit(bytes[i + 2])) {
        out.push(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
        i += 2;
      } else {
        out.push(b);
      }
    }
    return new Uint8Array(out);
  }
  const percentDecode = (text) => percentDecodeBytes(encoder.encode(text));

  // ---------------------------------------------------------------- hosts (§3)

  const FORBIDDEN_HOST = new Set([0x00, 0x09, 0x0a, 0x0d, 0x20, 0x23, 0x2f, 0x3a, 0x3c, 0x3e,
    0x3f, 0x40, 0x5b, 0x5c, 0x5d, 0x5e, 0x7c]);
  const isForbiddenHost = (c) => FORBIDDEN_HOST.has(c);
  const isForbiddenDomain = (c) => isForbiddenHost(c) || c <= 0x1f || c === 0x25 || c === 0x7f;

  // URL Standard "domain to ASCII": UTS #46 through the host's ICU4J (Idna.java). A domain that
  // is all ASCII is lower-cased and nothing more, even with invalid "xn--" labels: when ToASCII
  // fails on an ASCII domain the standard returns it lower-cased (whatwg/url#914, 2026), and when
  // it succeeds it gives the same; forbidden code points are checked by the caller either way.
  const hostBridge = internal.host;
  function domainToASCII(domain) {
    let ascii;
    if (/^[\x00-\x7f]*$/.test(domain)) {
      ascii = domain.toLowerCase();
    } else {
      ascii = hostBridge.domainToAscii(domain);
      if (ascii === null) return FAILURE;
    }
    return ascii === "" ? FAILURE : ascii;
  }

  function parseIPv4Number(text) {
    if (text === "") return FAILURE;
    let radix = 10;
    if (text.length >= 2 && (text.startsWith("0x") || text.startsWith("0X"))) { text = text.slice(2); radix = 16; }
    else if (text.length >= 2 && text[0] === "0") { text = text.slice(1); radix = 8; }
    if (text === "") return 0;
    const valid = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9A-Fa-f]+$/ : /^[0-7]+$/;
    if (!valid.test(text)) return FAILURE;
    // Exact even for long inputs; anything past 2^32 fails later, so a cap keeps it a Number.
    const value = BigInt((radix === 16 ? "0x" : radix === 8 ? "0o" : "") + text);
    return value > 0xffffffffffffn ? 0xffffffffffff : Number(value);
  }

  function endsInANumber(text) {
    const parts = text.split(".");
    if (parts[parts.length - 1] === "") {
      if (parts.length === 1) return false;
      parts.pop();
    }
    const last = parts[parts.length - 1];
    if (last !== "" && /^[0-9]+$/.test(last)) return true;
    return parseIPv4Number(last) !== FAILURE;
  }

  function parseIPv4(text) {
    const parts = text.split(".");
    if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
    if (parts.length > 4) return FAILURE;
    const numbers = [];
    for (const part of parts) {
      const n = parseIPv4Number(part);
      if (n === FAILURE) return FAILURE;
      numbers.push(n);
    }
    for (let i = 0; i < numbers.length - 1; i++) if (numbers[i] > 255) return FAILURE;
    if (numbers[numbers.length - 1] >= 256 ** (5 - numbers.length)) return FAILURE;
    let ipv4 = numbers[numbers.length - 1];
    for (let i = 0; i < numbers.length - 1; i++) ipv4 += numbers[i] * 256 ** (3 - i);
    return ipv4;
  }

  function serializeIPv4(address) {
    const out = [];
    for (let i = 0; i < 4; i++) { out.unshift(String(address % 256)); address = Math.floor(address / 256); }
    return out.join(".");
  }

  function parseIPv6(text) {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    let piece = 0, compress = null, p = 0;
    const input = Array.from(text, (c) => c.codePointAt(0));
    const at = (i) => input[i];
    const hexValue = (c) => parseInt(String.fromCharCode(c), 16);
    if (at(p) === 0x3a) {
      if (at(p + 1) !== 0x3a) return FAILURE;
      p += 2;
      compress = ++piece;
    }
    while (at(p) !== undefined) {
      if (piece === 8) return FAILURE;
      if (at(p) === 0x3a) {
        if (compress !== null) return FAILURE;
        p++;
        compress = ++piece;
        continue;
      }
      let value = 0, length = 0;
      while (length < 4 && at(p) !== undefined && isHexDigit(at(p))) {
        value = value * 16 + hexValue(at(p));
        p++;
        length++;
      }
      if (at(p) === 0x2e) {
        if (length === 0) return FAILURE;
        p -= length;
        if (piece > 6) return FAILURE;
        let numbersSeen = 0;
        while (at(p) !== undefined) {
          let ipv4Piece = null;
          if (numbersSeen > 0) {
            if (at(p) === 0x2e && numbersSeen < 4) p++;
            else return FAILURE;
          }
          if (at(p) === undefined || !(at(p) >= 0x30 && at(p) <= 0x39)) return FAILURE;
          while (at(p) !== undefined && at(p) >= 0x30 && at(p) <= 0x39) {
            const number = at(p) - 0x30;
            if (ipv4Piece === null) ipv4Piece = number;
            else if (ipv4Piece === 0) return FAILURE;
            else ipv4Piece = ipv4Piece * 10 + number;
            if (ipv4Piece > 255) return FAILURE;
            p++;
          }
          address[piece] = address[piece] * 0x100 + ipv4Piece;
          numbersSeen++;
          if (numbersSeen === 2 || numbersSeen === 4) piece++;
        }
        if (numbersSeen !== 4) return FAILURE;
        break;
      } else if (at(p) === 0x3a) {
        p++;
        if (at(p) === undefined) return FAILURE;
      } else if (at(p) !== undefined) {
        return FAILURE;
      }
      address[piece] = value;
      piece++;
    }
    if (compress !== null) {
      let swaps = piece - compress;
      piece = 7;
      while (piece !== 0 && swaps > 0) {
        const other = compress + swaps - 1;
        [address[piece], address[other]] = [address[other], address[piece]];
        piece--;
        swaps--;
      }
    } else if (piece !== 8) {
      return FAILURE;
    }
    return address;
  }

  function serializeIPv6(address) {
    // Compress the first longest run of two or more zero pieces.
    let best = -1, bestLength = 1;
    for (let i = 0; i < 8; ) {
      if (address[i] !== 0) { i++; continue; }
      let j = i;
      while (j < 8 && address[j] === 0) j++;
      if (j - i > bestLength) { best = i; bestLength = j - i; }
      i = j;
    }
    let out = "";
    let ignore0 = false;
    for (let i = 0; i < 8; i++) {
      if (ignore0 && address[i] === 0) continue;
      ignore0 = false;
      if (best === i) {
        out += i === 0 ? "::" : ":";
        ignore0 = true;
        continue;
      }
      out += address[i].toString(16);
      if (i !== 7) out += ":";
    }
    return "[" + out + "]";
  }

  function parseOpaqueHost(text) {
    for (const ch of text) {
      const c = ch.codePointAt(0);
      if (c !== 0x25 && isForbiddenHost(c)) return FAILURE;
    }
    let out = "";
    for (const ch of text) out += percentEncode(ch, inC0);
    return out;
  }

  function parseHost(input, isOpaque) {
    if (input.startsWith("[")) {
      if (!input.endsWith("]")) return FAILURE;
      const address = parseIPv6(input.slice(1, -1));
      return address === FAILURE ? FAILURE : serializeIPv6(address);
    }
    if (isOpaque) return parseOpaqueHost(input);
    const domain = decoder.decode(percentDecode(input));
    const ascii = domainToASCII(domain);
    if (ascii === FAILURE) return FAILURE;
    for (let i = 0; i < ascii.length; i++) if (isForbiddenDomain(ascii.charCodeAt(i))) return FAILURE;
    if (endsInANumber(ascii)) {
      const ipv4 = parseIPv4(ascii);
      return ipv4 === FAILURE ? FAILURE : serializeIPv4(ipv4);
    }
    return ascii;
  }

  // ---------------------------------------------------------------- the basic URL parser (§4.4)

  const isAlpha = (c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  const isDigit = (c) => c >= 0x30 && c <= 0x39;
  const isWindowsDriveLetter = (s) => s.length === 2 && isAlpha(s.charCodeAt(0)) && (s[1] === ":" || s[1] === "|");
  const isNormalizedWindowsDriveLetter = (s) => isWindowsDriveLetter(s) && s[1] === ":";
  function startsWithWindowsDriveLetter(cps, p) {
    if (cps.length - p < 2) return false;
    if (!isAlpha(cps[p]) || (cps[p + 1] !== 0x3a && cps[p + 1] !== 0x7c)) return false;
    if (cps.length - p === 2) return true;
    const c = cps[p + 2];
    return c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23;
  }
  const isSingleDot = (s) => s === "." || s.toLowerCase() === "%2e";
  const isDoubleDot = (s) => { const l = s.toLowerCase(); return l === ".." || l === ".%2e" || l === "%2e." || l === "%2e%2e"; };

  function shortenPath(url) {
    if (url.scheme === "file" && url.path.length === 1 && isNormalizedWindowsDriveLetter(url.path[0])) return;
    url.path.pop();
  }

  function newRecord() {
    return { scheme: "", username: "", password: "", host: null, port: null, path: [], query: null, fragment: null };
  }
  const hasOpaquePath = (url) => typeof url.path === "string";
  const includesCredentials = (url) => url.username !== "" || url.password !== "";
  const cannotHaveCredentialsOrPort = (url) => url.host === null || url.host === "" || url.scheme === "file";

  function basicParse(input, base = null, url = null, stateOverride = null) {
    if (url === null) {
      url = newRecord();
      input = input.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "");
    }
    input = input.replace(/[\t\n\r]/g, "");
    let state = stateOverride ?? "scheme start";
    let buffer = "";
    let atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
    const cps = Array.from(input, (ch) => ch.codePointAt(0));
    const EOF = undefined;
    // The spec's loop: after each run, stop if the pointer is at EOF, else advance it. A state
    // may move the pointer back (even to -1, to start over), so EOF can be processed twice.
    for (let p = 0; ; p++) {
      const c = cps[p];
      const ch = c === EOF ? "" : String.fromCodePoint(c);
      switch (state) {
        case "scheme start":
          if (c !== EOF && isAlpha(c)) { buffer += ch.toLowerCase(); state = "scheme"; }
          else if (stateOverride === null) { state = "no scheme"; p--; }
          else return FAILURE;
          break;
        case "scheme":
          if (c !== EOF && (isAlpha(c) || isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e)) {
            buffer += ch.toLowerCase();
          } else if (c === 0x3a) {
            if (stateOverride !== null) {
              if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
              if ((includesCredentials(url) || url.port !== null) && buffer === "file") return url;
              if (url.scheme === "file" && url.host === "") return url;
            }
            url.scheme = buffer;
            if (stateOverride !== null) {
              if (url.port === SPECIAL[url.scheme]) url.port = null;
              return url;
            }
            buffer = "";
            if (url.scheme === "file") {
              state = "file";
            } else if (isSpecialScheme(url.scheme) && base !== null && base.scheme === url.scheme) {
              state = "special relative or authority";
            } else if (isSpecialScheme(url.scheme)) {
              state = "special authority slashes";
            } else if (cps[p + 1] === 0x2f) {
              state = "path or authority";
              p++;
            } else {
              url.path = "";
              state = "opaque path";
            }
          } else if (stateOverride === null) {
            buffer = "";
            state = "no scheme";
            p = -1;
          } else {
            return FAILURE;
          }
          break;
        case "no scheme":
          if (base === null || (hasOpaquePath(base) && c !== 0x23)) return FAILURE;
          if (hasOpaquePath(base) && c === 0x23) {
            url.scheme = base.scheme;
            url.path = base.path;
            url.query = base.query;
            url.fragment = "";
            state = "fragment";
          } else if (base.scheme !== "file") {
            state = "relative";
            p--;
          } else {
            state = "file";
            p--;
          }
          break;
        case "special relative or authority":
          if (c === 0x2f && cps[p + 1] === 0x2f) { state = "special authority ignore slashes"; p++; }
          else { state = "relative"; p--; }
          break;
        case "path or authority":
          if (c === 0x2f) state = "authority";
          else { state = "path"; p--; }
          break;
        case "relative":
          url.scheme = base.scheme;
          if (c === 0x2f) state = "relative slash";
          else if (isSpecialScheme(url.scheme) && c === 0x5c) state = "relative slash";
          else {
            url.username = base.username; url.password = base.password; url.host = base.host;
            url.port = base.port; url.path = base.path.slice(); url.query = base.query;
            if (c === 0x3f) { url.query = ""; state = "query"; }
            else if (c === 0x23) { url.fragment = ""; state = "fragment"; }
            else if (c !== EOF) {
              url.query = null;
              shortenPath(url);
              state = "path";
              p--;
            }
          }
          break;
        case "relative slash":
          if (isSpecialScheme(url.scheme) && (c === 0x2f || c === 0x5c)) state = "special authority ignore slashes";
          else if (c === 0x2f) state = "authority";
          else {
            url.username = base.username; url.password = base.password; url.host = base.host;
            url.port = base.port;
            state = "path";
            p--;
          }
          break;
        case "special authority slashes":
          if (c === 0x2f && cps[p + 1] === 0x2f) { state = "special authority ignore slashes"; p++; }
          else { state = "special authority ignore slashes"; p--; }
          break;
        case "special authority ignore slashes":
          if (c !== 0x2f && c !== 0x5c) { state = "authority"; p--; }
          break;
        case "authority":
          if (c === 0x40) {
            if (atSignSeen) buffer = "%40" + buffer;
            atSignSeen = true;
            for (const bch of buffer) {
              if (bch === ":" && !passwordTokenSeen) { passwordTokenSeen = true; continue; }
              const encoded = percentEncode(bch, inUserinfo);
              if (passwordTokenSeen) url.password += encoded; else url.username += encoded;
            }
            buffer = "";
          } else if (c === EOF || c === 0x2f || c === 0x3f || c === 0x23 ||
              (isSpecialScheme(url.scheme) && c === 0x5c)) {
            if (atSignSeen && buffer === "") return FAILURE;
            p -= Array.from(buffer).length + 1;
            buffer = "";
            state = "host";
          } else {
            buffer += ch;
          }
          break;
        case "host":
        case "hostname":
          if (stateOverride !== null && url.scheme === "file") { p--; state = "file host"; }
          else if (c === 0x3a && !insideBrackets) {
            if (buffer === "") return FAILURE;
            if (stateOverride === "hostname") return FAILURE;
            const host = parseHost(buffer, !isSpecialScheme(url.scheme));
            if (host === FAILURE) return FAILURE;
            url.host = host;
            buffer = "";
            state = "port";
          } else if (c === EOF || c === 0x2f || c === 0x3f || c === 0x23 ||
              (isSpecialScheme(url.scheme) && c === 0x5c)) {
            p--;
            if (isSpecialScheme(url.scheme) && buffer === "") return FAILURE;
            if (stateOverride !== null && buffer === "" && (includesCredentials(url) || url.port !== null)) return FAILURE;
            const host = parseHost(buffer, !isSpecialScheme(url.scheme));
            if (host === FAILURE) return FAILURE;
            url.host = host;
            buffer = "";
            state = "path start";
            if (stateOverride !== null) return url;
          } else {
            if (c === 0x5b) insideBrackets = true;
            if (c === 0x5d) insideBrackets = false;
            buffer += ch;
          }
          break;
        case "port":
          if (c !== EOF && isDigit(c)) {
            buffer += ch;
          } else if (c === EOF || c === 0x2f || c === 0x3f || c === 0x23 ||
              (isSpecialScheme(url.scheme) && c === 0x5c) || stateOverride !== null) {
            if (buffer !== "") {
              const port = parseInt(buffer, 10);
              if (port > 65535) return FAILURE;
              url.port = port === SPECIAL[url.scheme] ? null : port;
              buffer = "";
              if (stateOverride !== null) return url;
            }
            if (stateOverride !== null) return FAILURE;
            state = "path start";
            p--;
          } else {
            return FAILURE;
          }
          break;
        case "file":
          url.scheme = "file";
          url.host = "";
          if (c === 0x2f || c === 0x5c) {
            state = "file slash";
          } else if (base !== null && base.scheme === "file") {
            url.host = base.host; url.path = base.path.slice(); url.query = base.query;
            if (c === 0x3f) { url.query = ""; state = "query"; }
            else if (c === 0x23) { url.fragment = ""; state = "fragment"; }
            else if (c !== EOF) {
              url.query = null;
              if (!startsWithWindowsDriveLetter(cps, p)) shortenPath(url);
              else url.path = [];
              state = "path";
              p--;
            }
          } else {
            state = "path";
            p--;
          }
          break;
        case "file slash":
          if (c === 0x2f || c === 0x5c) {
            state = "file host";
          } else {
            if (base !== null && base.scheme === "file") {
              url.host = base.host;
              if (!startsWithWindowsDriveLetter(cps, p) && base.path.length > 0 &&
                  isNormalizedWindowsDriveLetter(base.path[0])) {
                url.path.push(base.path[0]);
              }
            }
            state = "path";
            p--;
          }
          break;
        case "file host":
          if (c === EOF || c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23) {
            p--;
            if (stateOverride === null && isWindowsDriveLetter(buffer)) {
              state = "path";
            } else if (buffer === "") {
              url.host = "";
              if (stateOverride !== null) return url;
              state = "path start";
            } else {
              let host = parseHost(buffer, false);
              if (host === FAILURE) return FAILURE;
              if (host === "localhost") host = "";
              url.host = host;
              if (stateOverride !== null) return url;
              buffer = "";
              state = "path start";
            }
          } else {
            buffer += ch;
          }
          break;
        case "path start":
          if (isSpecialScheme(url.scheme)) {
            state = "path";
            if (c !== 0x2f && c !== 0x5c) p--;
          } else if (stateOverride === null && c === 0x3f) {
            url.query = ""; state = "query";
          } else if (stateOverride === null && c === 0x23) {
            url.fragment = ""; state = "fragment";
          } else if (c !== EOF) {
            state = "path";
            if (c !== 0x2f) p--;
          } else if (stateOverride !== null && url.host === null) {
            url.path.push("");
          }
          break;
        case "path": {
          const slash = c === 0x2f || (isSpecialScheme(url.scheme) && c === 0x5c);
          if (c === EOF || slash || (stateOverride === null && (c === 0x3f || c === 0x23))) {
            if (isDoubleDot(buffer)) {
              shortenPath(url);
              if (!slash) url.path.push("");
            } else if (isSingleDot(buffer) && !slash) {
              url.path.push("");
            } else if (!isSingleDot(buffer)) {
              if (url.scheme === "file" && url.path.length === 0 && isWindowsDriveLetter(buffer)) {
                buffer = buffer[0] + ":";
              }
              url.path.push(buffer);
            }
            buffer = "";
            if (c === 0x3f) { url.query = ""; state = "query"; }
            if (c === 0x23) { url.fragment = ""; state = "fragment"; }
          } else {
            buffer += percentEncode(ch, inPath);
          }
          break;
        }
        case "opaque path":
          if (c === 0x3f) { url.query = ""; state = "query"; }
          else if (c === 0x23) { url.fragment = ""; state = "fragment"; }
          else if (c === 0x20) {
            const next = cps[p + 1];
            url.path += next === 0x3f || next === 0x23 ? "%20" : " ";
          } else if (c !== EOF) {
            url.path += percentEncode(ch, inC0);
          }
          break;
        case "query":
          if ((stateOverride === null && c === 0x23) || c === EOF) {
            url.query += percentEncode(buffer, isSpecialScheme(url.scheme) ? inSpecialQuery : inQuery);
            buffer = "";
            if (c === 0x23) { url.fragment = ""; state = "fragment"; }
          } else if (c !== EOF) {
            buffer += ch;
          }
          break;
        case "fragment":
          if (c !== EOF) url.fragment += percentEncode(ch, inFragment);
          break;
        default:
          throw new Error("URL parser: unknown state " + state);
      }
      if (p >= cps.length) break;
    }
    return url;
  }

  function serializePath(url) {
    if (hasOpaquePath(url)) return url.path;
    let out = "";
    for (const segment of url.path) out += "/" + segment;
    return out;
  }

  function serialize(url, excludeFragment = false) {
    let out = url.scheme + ":";
    if (url.host !== null) {
      out += "//";
      if (includesCredentials(url)) {
        out += url.username;
        if (url.password !== "") out += ":" + url.password;
        out += "@";
      }
      out += url.host;
      if (url.port !== null) out += ":" + url.port;
    } else if (!hasOpaquePath(url) && url.path.length > 1 && url.path[0] === "") {
      out += "/.";
    }
    out += serializePath(url);
    if (url.query !== null) out += "?" + url.query;
    if (!excludeFragment && url.fragment !== null) out += "#" + url.fragment;
    return out;
  }

  function originOf(url) {
    if (url.scheme === "blob") {
      const inner = basicParse(serializePath(url));
      if (inner !== FAILURE && (inner.scheme === "http" || inner.scheme === "https")) return originOf(inner);
      return "null";
    }
    if (isSpecialScheme(url.scheme) && url.scheme !== "file") {
      return url.scheme + "://" + url.host + (url.port !== null ? ":" + url.port : "");
    }
    return "null";
  }

  // ---------------------------------------------------------------- application/x-www-form-urlencoded (§5)

  // Without a '%' the percent-decode and UTF-8 round trip is the identity: skip it.
  function decodeFormComponent(text) {
    const spaced = text.includes("+") ? text.replace(/\+/g, " ") : text;
    return spaced.includes("%") ? decoder.decode(percentDecode(spaced)) : spaced;
  }

  function parseForm(text) {
    const list = [];
    if (text === "") return list;
    const sequences = text.split("&");
    for (let i = 0; i < sequences.length; i++) {
      const sequence = sequences[i];
      if (sequence === "") continue;
      const eq = sequence.indexOf("=");
      const name = eq < 0 ? sequence : sequence.slice(0, eq);
      const value = eq < 0 ? "" : sequence.slice(eq + 1);
      list.push([decodeFormComponent(name), decodeFormComponent(value)]);
    }
    return list;
  }

  // ES2024's String.prototype.toWellFormed is exactly "convert to a scalar value string"; taken
  // now, so a guest that replaces it cannot change URL parsing. (A lone-surrogate regex with
  // lookbehind was 7% of a durable-object request in the interpreter.)
  const toWellFormed = String.prototype.toWellFormed;
  function toUSV(value) {
    return toWellFormed.call(`${value}`); // ToString: a Symbol is a TypeError
  }
  internal.toUSV = toUSV; // WebIDL's USVString conversion, for forms.js too

  const serializeForm = (list) =>
    list.map(([n, v]) => percentEncode(n, inForm, true) + "=" + percentEncode(v, inForm, true)).join("&");

  // ---------------------------------------------------------------- URLSearchParams (§6.2)

  class URLSearchParams {
    #list = [];
    #url = null; // the URL object whose query this is

    // WebIDL's union (sequence<sequence<USVString>> or record<USVString, USVString> or
    // USVString), with workerd's words for a bad pair: an object (a function too) whose
    // Symbol.iterator is a function is a sequence of pairs, each itself iterated; any other
    // object is a record of its own enumerable string keys; anything else a query string.
    constructor(init = "") {
      if (init === "") return;
      if ((typeof init === "object" && init !== null) || typeof init === "function") {
        const iterator = init[Symbol.iterator];
        if (#list in init && iterator === URLSearchParams.prototype[Symbol.iterator]) {
          this.#list = init.#list.map(([n, v]) => [n, v]); // what iterating it would give
        } else if (typeof iterator === "function") {
          for (const pair of { [Symbol.iterator]: () => iterator.call(init) }) {
            if ((typeof pair !== "object" || pair === null) && typeof pair !== "function" ||
                typeof pair[Symbol.iterator] !== "function") {
              throw new TypeError("Incorrect type: the provided value is not of type 'Sequence'.");
            }
            const items = Array.from(pair);
            if (items.length !== 2) throw new TypeError("Invalid URL search params sequence.");
            this.#list.push([toUSV(items[0]), toUSV(items[1])]);
          }
        } else {
          // A record is an ordered map: two keys that convert to the same USVString (lone
          // surrogates become U+FFFD) are one entry, at the first one's place, with the last value.
          const record = new Map();
          for (const key of Reflect.ownKeys(init)) {
            if (typeof key === "symbol") continue;
            const descriptor = Reflect.getOwnPropertyDescriptor(init, key);
            if (descriptor === undefined || !descriptor.enumerable) continue;
            record.set(toUSV(key), toUSV(init[key]));
          }
          for (const [name, value] of record) this.#list.push([name, value]);
        }
      } else {
        let text = toUSV(init);
        if (text.startsWith("?")) text = text.slice(1);
        this.#list = parseForm(text);
      }
    }

    static #update(self) {
      if (self.#url === null) return;
      const record = recordOf(self.#url);
      const serialized = serializeForm(self.#list);
      record.query = serialized === "" ? null : serialized;
      if (record.query === null) stripTrailingSpacesFromOpaquePath(record);
    }

    get size() { return this.#list.length; }
    append(name, value) { this.#list.push([toUSV(name), toUSV(value)]); URLSearchParams.#update(this); }
    delete(name, value = undefined) {
      const n = toUSV(name);
      const v = value === undefined ? undefined : toUSV(value);
      this.#list = this.#list.filter(([ln, lv]) => !(ln === n && (v === undefined || lv === v)));
      URLSearchParams.#update(this);
    }
    get(name) {
      const n = toUSV(name);
      const list = this.#list;
      for (let i = 0; i < list.length; i++) if (list[i][0] === n) return list[i][1];
      return null;
    }
    getAll(name) {
      const n = toUSV(name);
      return this.#list.filter(([ln]) => ln === n).map(([, v]) => v);
    }
    has(name, value = undefined) {
      const n = toUSV(name);
      const v = value === undefined ? undefined : toUSV(value);
      return this.#list.some(([ln, lv]) => ln === n && (v === undefined || lv === v));
    }
    set(name, value) {
      const n = toUSV(name);
      const v = toUSV(value);
      const index = this.#list.findIndex(([ln]) => ln === n);
      if (index < 0) this.#list.push([n, v]);
      else {
        this.#list[index][1] = v;
        this.#list = this.#list.filter(([ln], i) => i <= index || ln !== n);
      }
      URLSearchParams.#update(this);
    }
    sort() {
      // Stable, by code units of the names (Array.prototype.sort is stable).
      this.#list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      URLSearchParams.#update(this);
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== "function") throw new TypeError("URLSearchParams.forEach needs a function");
      for (let i = 0; i < this.#list.length; i++) callback.call(thisArg, this.#list[i][1], this.#list[i][0], this);
    }
    *entries() { for (let i = 0; i < this.#list.length; i++) yield [this.#list[i][0], this.#list[i][1]]; }
    *keys() { for (let i = 0; i < this.#list.length; i++) yield this.#list[i][0]; }
    *values() { for (let i = 0; i < this.#list.length; i++) yield this.#list[i][1]; }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return serializeForm(this.#list); }

    static attach(params, url, query) {
      params.#url = url;
      params.#list = query === null ? [] : parseForm(query);
    }
  }
  const attachParams = URLSearchParams.attach;
  delete URLSearchParams.attach;
  Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: "URLSearchParams", configurable: true });

  function stripTrailingSpacesFromOpaquePath(record) {
    if (!hasOpaquePath(record) || record.fragment !== null || record.query !== null) return;
    record.path = record.path.replace(/ +$/, "");
  }

  // ---------------------------------------------------------------- URL (§6.1)

  let recordOf;

  class URL {
    #record;
    #searchParams = null;

    constructor(url, base = undefined) {
      const parsed = parseWithBase(String(url), base);
      if (parsed === FAILURE) throw new TypeError(`Invalid URL: '${String(url)}'` + (base === undefined ? "" : ` against base '${String(base)}'`));
      this.#record = parsed;
      this.#searchParams = null; // made on first use: most URLs never need one
    }

    static canParse(url, base = undefined) {
      return parseWithBase(String(url), base) !== FAILURE;
    }

    static parse(url, base = undefined) {
      try { return new URL(url, base); } catch (e) { return null; }
    }

    get href() { return serialize(this.#record); }
    set href(value) {
      const parsed = basicParse(toUSV(value));
      if (parsed === FAILURE) throw new TypeError(`Invalid URL: '${String(value)}'`);
      this.#record = parsed;
      URL.#syncSearchParams(this);
    }
    get origin() { return originOf(this.#record); }
    get protocol() { return this.#record.scheme + ":"; }
    set protocol(value) { basicParse(toUSV(value) + ":", null, this.#record, "scheme start"); }
    get username() { return this.#record.username; }
    set username(value) {
      if (cannotHaveCredentialsOrPort(this.#record)) return;
      this.#record.username = percentEncode(toUSV(value), inUserinfo);
    }
    get password() { return this.#record.password; }
    set password(value) {
      if (cannotHaveCredentialsOrPort(this.#record)) return;
      this.#record.password = percentEncode(toUSV(value), inUserinfo);
    }
    get host() {
      const r = this.#record;
      if (r.host === null) return "";
      return r.port === null ? r.host : r.host + ":" + r.port;
    }
    set host(value) {
      if (hasOpaquePath(this.#record)) return;
      URL.#parseInto(this, toUSV(value), "host");
    }
    get hostname() { return this.#record.host ?? ""; }
    set hostname(value) {
      if (hasOpaquePath(this.#record)) return;
      URL.#parseInto(this, toUSV(value), "hostname");
    }
    get port() { return this.#record.port === null ? "" : String(this.#record.port); }
    set port(value) {
      if (cannotHaveCredentialsOrPort(this.#record)) return;
      const text = toUSV(value);
      if (text === "") this.#record.port = null;
      else URL.#parseInto(this, text, "port");
    }
    get pathname() { return serializePath(this.#record); }
    set pathname(value) {
      if (hasOpaquePath(this.#record)) return;
      const saved = this.#record.path;
      this.#record.path = [];
      if (URL.#parseInto(this, toUSV(value), "path start") === FAILURE) this.#record.path = saved;
    }
    get search() {
      const q = this.#record.query;
      return q === null || q === "" ? "" : "?" + q;
    }
    set search(value) {
      let text = toUSV(value);
      if (text === "") {
        this.#record.query = null;
        URL.#syncSearchParams(this);
        stripTrailingSpacesFromOpaquePath(this.#record);
        return;
      }
      if (text.startsWith("?")) text = text.slice(1);
      this.#record.query = "";
      URL.#parseInto(this, text, "query");
      URL.#syncSearchParams(this);
    }
    get searchParams() {
      if (this.#searchParams === null) {
        this.#searchParams = new URLSearchParams();
        attachParams(this.#searchParams, this, this.#record.query);
      }
      return this.#searchParams;
    }
    static #syncSearchParams(self) {
      if (self.#searchParams !== null) attachParams(self.#searchParams, self, self.#record.query);
    }
    get hash() {
      const f = this.#record.fragment;
      return f === null || f === "" ? "" : "#" + f;
    }
    set hash(value) {
      let text = toUSV(value);
      if (text === "") {
        this.#record.fragment = null;
        stripTrailingSpacesFromOpaquePath(this.#record);
        return;
      }
      if (text.startsWith("#")) text = text.slice(1);
      this.#record.fragment = "";
      URL.#parseInto(this, text, "fragment");
    }
    toString() { return this.href; }
    toJSON() { return this.href; }

    // Runs the parser with a state override on a copy, keeping the record if it fails.
    // The setters' "basic URL parse with a state override" works on the URL in place, so what it
    // set before a failure stays (the host setter given "example.com:65536" keeps the host).
    static #parseInto(self, text, state) {
      const copy = { ...self.#record, path: hasOpaquePath(self.#record) ? self.#record.path : self.#record.path.slice() };
      const result = basicParse(text, null, copy, state);
      self.#record = copy;
      return result === FAILURE ? FAILURE : copy;
    }

    static recordOf(url) { return url.#record; }
  }
  recordOf = URL.recordOf;
  delete URL.recordOf;
  Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: "URL", configurable: true });

  // The shape most URLs in a simulation have (http(s), a lower-case host name, plain path and
  // query characters), parsed without the state machine: the interpreter runs the full parser
  // slowly. Anything the pattern does not vouch for goes the full way; UrlTest checks both agree.
  const SIMPLE = /^(https?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::([0-9]{1,5}))?((?:\/[A-Za-z0-9._~%!$&'()*+,;=:@-]*)*)(?:\?([A-Za-z0-9._~%!$&()*+,;=:@\/?-]*))?(?:#([A-Za-z0-9._~%!$&'()*+,;=:@\/?-]*))?$/;
  const DOT_SEGMENT = /(^|\/)(\.|%2e)(\.|%2e)?(\/|$)/i;

  function parseSimple(input) {
    const m = SIMPLE.exec(input);
    if (m === null) return null;
    const host = m[2];
    const lastLabel = host.slice(host.lastIndexOf(".") + 1);
    if (!isAlpha(lastLabel.charCodeAt(0))) return null; // might end in a number: IPv4 rules
    const pathText = m[4];
    if (DOT_SEGMENT.test(pathText)) return null;
    let port = null;
    if (m[3] !== undefined) {
      port = parseInt(m[3], 10);
      if (port > 65535) return null;
      if (port === SPECIAL[m[1]]) port = null;
    }
    return {
      scheme: m[1], username: "", password: "", host, port,
      path: pathText === "" ? [""] : pathText.slice(1).split("/"),
      query: m[5] === undefined ? null : m[5],
      fragment: m[6] === undefined ? null : m[6],
    };
  }

  internal.urlFullParserHref = (input) => {
    const record = basicParse(input);
    return record === FAILURE ? null : serialize(record);
  };
  internal.urlFastPathHref = (input) => {
    const record = parseSimple(input);
    return record === null ? null : serialize(record);
  };

  // Simulations parse the same few URLs over and over; a bounded cache of parsed records (each
  // use gets its own copy) saves the interpreter the work. Insertion-ordered eviction, no GC.
  const CACHE_LIMIT = 256;
  const parsedCache = new Map();
  // Field by field (a record has exactly newRecord()'s fields): object spread is a generic,
  // slow copy in the interpreter.
  const copyRecord = (r) => ({
    scheme: r.scheme, username: r.username, password: r.password, host: r.host, port: r.port,
    path: typeof r.path === "string" ? r.path : r.path.slice(), query: r.query, fragment: r.fragment,
  });

  // A cached parse of an absolute URL: the record (never handed out: copies are), its href and
  // whether it carries credentials (what new Request needs, without building a URL object).
  function parsedAbsolute(url) {
    const cached = parsedCache.get(url);
    if (cached !== undefined) return cached;
    let record = parseSimple(url);
    if (record === null) record = basicParse(toUSV(url));
    if (record === FAILURE) return null;
    if (parsedCache.size >= CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value);
    const entry = {
      record: copyRecord(record), href: serialize(record),
      credentials: record.username !== "" || record.password !== "",
    };
    parsedCache.set(url, entry);
    return entry;
  }
  internal.parseAbsoluteUrl = (url) => parsedAbsolute(String(url));

  function parseWithBase(url, base) {
    if (base === undefined) {
      const entry = parsedAbsolute(url);
      return entry === null ? FAILURE : copyRecord(entry.record);
    }
    const baseRecord = basicParse(toUSV(base));
    if (baseRecord === FAILURE) return FAILURE;
    return basicParse(toUSV(url), baseRecord);
  }

  // URLPattern's "canonicalize a hostname" as workerd (ada) does it: the hostname state of a
  // special URL (a "/", "?", "#" or "\\" ends the host, a ":" fails), domain processing, but a
  // host that ends in a number is kept as written when each label is a number (decimal or 0x-hex)
  // and fails otherwise (measured: "1.2.3" and "256.1.1.1" stay, "abc.1" fails).
  function patternHostname(value) {
    const input = value.replace(/[\t\n\r]/g, "");
    let end = 0;
    let brackets = false;
    for (; end < input.length; end++) {
      const c = input[end];
      if (c === "[") brackets = true;
      else if (c === "]") brackets = false;
      else if (c === ":" && !brackets) return FAILURE;
      else if (c === "/" || c === "?" || c === "#" || c === "\\") break;
    }
    const host = input.slice(0, end);
    if (host === "") return FAILURE;
    if (host.startsWith("[")) return parseHost(host, false);
    const ascii = domainToASCII(decoder.decode(percentDecode(host)));
    if (ascii === FAILURE) return FAILURE;
    for (let i = 0; i < ascii.length; i++) if (isForbiddenDomain(ascii.charCodeAt(i))) return FAILURE;
    if (endsInANumber(ascii)) {
      const labels = ascii.split(".");
      if (labels[labels.length - 1] === "") labels.pop();
      return labels.every((label) => /^(?:[0-9]+|0[xX][0-9a-fA-F]*)$/.test(label)) ? ascii : FAILURE;
    }
    return ascii;
  }

  // What urlpattern.js needs of the URL parser: its canonicalization runs the basic URL parser
  // with state overrides on "dummy" URL records (URLPattern Standard §4.1).
  internal.urlParser = Object.freeze({
    FAILURE, basicParse, newRecord, serializePath, isSpecialScheme, defaultPorts: SPECIAL,
    encodeUserinfo: (text) => percentEncode(text, inUserinfo),
    patternHostname,
  });

  internal.defineGlobal("URL", URL);
  internal.defineGlobal("URLSearchParams", URLSearchParams);
});
