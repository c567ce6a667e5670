// Node.js compatibility (workerd's nodejs_compat): the node:* modules Workers code uses most,
// written for W9Y (not copied from Node or workerd) and deterministic like the rest of the
// prelude: randomness comes from the instance's seeded stream, time from the virtual clock.
// Nothing is installed unless the service's flags ask (internal.nodeModules, set by JsInstance);
// each module is built on first import or require, so a context that never imports one pays
// for the parse only. modules/node-*.mjs are the modules' ES faces; docs/JS-GUESTS.md lists
// what is provided and where W9Y knowingly departs from workerd.
(function (internal) {
  "use strict";
  const provided = Array.from(internal.nodeModules ?? []);
  if (provided.length === 0) return;
  const host = internal.host;

  // ---------------------------------------------------------------- errors with Node's codes

  function nodeError(Type, code, message) {
    const error = new Type(message);
    Object.defineProperty(error, "code", { value: code, enumerable: true, configurable: true, writable: true });
    return error;
  }
  function typeName(value) {
    if (value === null) return "null";
    if (value === undefined) return "undefined";
    if (typeof value === "function") return `function ${value.name}`;
    if (typeof value === "object") {
      const name = value.constructor?.name;
      return name ? `an instance of ${name}` : inspect(value, { depth: -1 });
    }
    let shown = inspect(value);
    if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
    return `type ${typeof value} (${shown})`;
  }
  function invalidArgType(name, expected, value) {
    return nodeError(TypeError, "ERR_INVALID_ARG_TYPE",
      `The "${name}" argument must be ${expected}. Received ${typeName(value)}`);
  }
  function outOfRange(name, range, value) {
    return nodeError(RangeError, "ERR_OUT_OF_RANGE",
      `The value of "${name}" is out of range. It must be ${range}. Received ${inspect(value)}`);
  }

  // ---------------------------------------------------------------- util.inspect

  const customInspect = Symbol.for("nodejs.util.inspect.custom");
  const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

  function quote(text) {
    const q = !text.includes("'") ? "'" : !text.includes('"') ? '"' : !text.includes("`") ? "`" : "'";
    const escaped = text.replace(/[\\\n\t\r\b\f\v\0]/g, (c) => ({
      "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f", "\v": "\\v", "\0": "\\x00",
    })[c]);
    return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
  }

  function functionText(fn) {
    let source = "";
    try { source = Function.prototype.toString.call(fn); } catch (e) { /* a proxy */ }
    if (source.startsWith("class")) {
      const parent = Object.getPrototypeOf(fn);
      return `[class ${fn.name || "(anonymous)"}${parent && parent.name ? ` extends ${parent.name}` : ""}]`;
    }
    const kind = fn.constructor?.name === "AsyncFunction" ? "AsyncFunction"
      : fn.constructor?.name === "GeneratorFunction" ? "GeneratorFunction"
        : fn.constructor?.name === "AsyncGeneratorFunction" ? "AsyncGeneratorFunction" : "Function";
    return `[${kind}${fn.name ? `: ${fn.name}` : " (anonymous)"}]`;
  }

  function keyText(key) {
    if (typeof key === "symbol") return `[${key.toString()}]`;
    return IDENTIFIER.test(key) ? key : quote(key);
  }

  // Node's line breaking: entries on one line while they fit in 80 columns, else one per line.
  // compact: false (assert's diffs) puts every entry on its own line.
  let expanded = false;
  function joinEntries(start, entries, braces, indent) {
    if (entries.length === 0) return `${start ? `${start} ` : ""}${braces[0]}${braces[1]}`;
    const total = entries.reduce((sum, e) => sum + e.length, entries.length) + start.length;
    const prefix = start ? `${start} ` : "";
    if (!expanded && total + entries.length <= 80 && !entries.some((e) => e.includes("\n"))) {
      return `${prefix}${braces[0]} ${entries.join(", ")} ${braces[1]}`;
    }
    const pad = " ".repeat(indent + 2);
    return `${prefix}${braces[0]}\n${pad}${entries.join(`,\n${pad}`)}\n${" ".repeat(indent)}${braces[1]}`;
  }

  function inspectValue(value, ctx, depth, indent) {
    switch (typeof value) {
      case "string": return quote(value);
      case "number": return Object.is(value, -0) ? "-0" : String(value);
      case "bigint": return `${value}n`;
      case "symbol": return value.toString();
      case "undefined": return "undefined";
      case "boolean": return String(value);
      case "function": if (ownKeys(value).length === 0) return functionText(value); break;
      default: if (value === null) return "null";
    }
    if (ctx.seen.includes(value)) {
      if (!ctx.circular.has(value)) ctx.circular.set(value, ctx.circular.size + 1);
      return `[Circular *${ctx.circular.get(value)}]`;
    }
    if (typeof value[customInspect] === "function" && value[customInspect] !== inspect) {
      const result = value[customInspect](ctx.depth - depth, { ...ctx.options, depth: ctx.depth - depth }, inspect);
      return typeof result === "string" ? result : inspectValue(result, ctx, depth, indent);
    }
    if (value instanceof Error) return errorText(value);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
    if (value instanceof RegExp) return String(value);
    if (depth > ctx.depth) {
      if (Array.isArray(value)) return "[Array]";
      const name = constructorName(value);
      return `[${name || "Object"}]`;
    }
    ctx.seen.push(value);
    try {
      const text = inspectContainer(value, ctx, depth, indent);
      const ref = ctx.circular.get(value);
      return ref === undefined ? text : `<ref *${ref}> ${text}`;
    } finally {
      ctx.seen.pop();
    }
  }

  function constructorName(value) {
    const proto = Object.getPrototypeOf(value);
    if (proto === null) return null;
    const ctor = proto.constructor;
    return typeof ctor === "function" ? ctor.name : "";
  }

  function ownKeys(value) {
    return Object.keys(value).concat(Object.getOwnPropertySymbols(value)
      .filter((s) => Object.prototype.propertyIsEnumerable.call(value, s)));
  }

  function property(value, key, ctx, depth, indent) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    let shown;
    if (descriptor && (descriptor.get || descriptor.set) && !("value" in descriptor)) {
      shown = descriptor.get && descriptor.set ? "[Getter/Setter]" : descriptor.get ? "[Getter]" : "[Setter]";
    } else {
      shown = inspectValue(value[key], ctx, depth + 1, indent + 2);
    }
    return `${keyText(key)}: ${shown}`;
  }

  function inspectContainer(value, ctx, depth, indent) {
    const nested = (v) => inspectValue(v, ctx, depth + 1, indent + 2);
    const name = constructorName(value);
    if (typeof value === "function") {
      return joinEntries(functionText(value), ownKeys(value).map((k) => property(value, k, ctx, depth, indent)), "{}", indent);
    }
    if (Array.isArray(value)) {
      const entries = [];
      let holes = 0;
      const flush = () => { if (holes) entries.push(`<${holes} empty item${holes > 1 ? "s" : ""}>`); holes = 0; };
      const shown = Math.min(value.length, 100);
      for (let i = 0; i < shown; i++) {
        if (!Object.prototype.hasOwnProperty.call(value, i)) { holes++; continue; }
        flush();
        entries.push(nested(value[i]));
      }
      flush();
      if (value.length > shown) entries.push(`... ${value.length - shown} more item${value.length - shown > 1 ? "s" : ""}`);
      if (ctx.options.showHidden) entries.push(`[length]: ${value.length}`);
      for (const key of ownKeys(value)) {
        if (typeof key === "string" && /^\d+$/.test(key)) continue;
        if (key === "length") continue;
        entries.push(property(value, key, ctx, depth, indent));
      }
      const start = name === "Array" ? "" : `${name}(${value.length})`;
      return joinEntries(start, entries, "[]", indent);
    }
    if (value instanceof Buffer) {
      const shown = Array.from(value.subarray(0, 50), (b) => b.toString(16).padStart(2, "0")).join(" ");
      return `<Buffer${shown ? ` ${shown}` : ""}${value.length > 50 ? ` ... ${value.length - 50} more bytes` : ""}>`;
    }
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const shown = Array.from(value.subarray(0, 100), (v) => inspectValue(v, ctx, depth + 1, indent + 2));
      if (value.length > 100) shown.push(`... ${value.length - 100} more item${value.length - 100 > 1 ? "s" : ""}`);
      return joinEntries(`${name}(${value.length})`, shown, "[]", indent);
    }
    if (value instanceof ArrayBuffer) {
      const bytes = Array.from(new Uint8Array(value, 0, Math.min(value.byteLength, 50)), (b) => b.toString(16).padStart(2, "0"));
      const contents = `<${bytes.join(" ")}${value.byteLength > 50 ? ` ... ${value.byteLength - 50} more bytes` : ""}>`;
      return joinEntries("ArrayBuffer", [`[Uint8Contents]: ${contents}`, `byteLength: ${value.byteLength}`], "{}", indent);
    }
    if (value instanceof Map) {
      const entries = Array.from(value, ([k, v]) => `${nested(k)} => ${nested(v)}`);
      return joinEntries(`${name}(${value.size})`, entries, "{}", indent);
    }
    if (value instanceof Set) {
      return joinEntries(`${name}(${value.size})`, Array.from(value, nested), "{}", indent);
    }
    if (value instanceof Promise) return "Promise { <pending> }";
    if (value instanceof WeakMap) return "WeakMap { <items unknown> }";
    if (value instanceof WeakSet) return "WeakSet { <items unknown> }";
    const keys = ownKeys(value);
    if (ctx.options.sorted) keys.sort((x, y) => (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0));
    const entries = keys.map((k) => property(value, k, ctx, depth, indent));
    for (const [Box, label] of [[Number, "Number"], [String, "String"], [Boolean, "Boolean"]]) {
      if (value instanceof Box) {
        const inner = inspectValue(Box.prototype.valueOf.call(value), ctx, depth, indent);
        if (label === "String") entries.splice(0, value.length);
        return entries.length ? joinEntries(`[${label}: ${inner}]`, entries, "{}", indent) : `[${label}: ${inner}]`;
      }
    }
    let start = name === null ? "[Object: null prototype]" : name === "Object" ? "" : name;
    const tag = value[Symbol.toStringTag];
    if (typeof tag === "string" && tag !== "" && tag !== name) start = `${start || "Object"} [${tag}]`;
    return joinEntries(start, entries, "{}", indent);
  }

  function errorText(error) {
    const stack = typeof error.stack === "string" && error.stack ? error.stack : `${error.name}: ${error.message}`;
    return stack.startsWith(`${error.name}`) || !error.name ? stack : `${error.name}: ${error.message}`;
  }

  function inspect(value, options) {
    const opts = typeof options === "object" && options !== null ? options : {};
    const depth = opts.depth === null ? Infinity : typeof opts.depth === "number" ? opts.depth : 2;
    const outer = expanded;
    expanded = opts.compact === false;
    try {
      return inspectValue(value, { depth, options: opts, seen: [], circular: new Map() }, 0, 0);
    } finally {
      expanded = outer;
    }
  }
  inspect.custom = customInspect;
  inspect.defaultOptions = Object.freeze({ depth: 2, colors: false, breakLength: 80, compact: 3 });

  function format(...args) { return formatWithOptions({}, ...args); }
  function formatWithOptions(options, ...args) {
    const first = args[0];
    let index = 0;
    let out = "";
    if (typeof first === "string") {
      index = 1;
      out = first.replace(/%([sdifjoOc%])/g, (match, code) => {
        if (code === "%") return "%";
        if (index >= args.length) return match;
        const arg = args[index++];
        switch (code) {
          case "s":
            if (typeof arg === "string") return arg;
            if (typeof arg === "bigint") return `${arg}n`;
            if (typeof arg === "number") return Object.is(arg, -0) ? "-0" : String(arg);
            if (typeof arg === "object" && arg !== null) return inspect(arg, { ...options, depth: 0 });
            return typeof arg === "symbol" ? arg.toString() : String(arg);
          case "d": case "i": {
            if (typeof arg === "bigint") return `${arg}n`;
            if (typeof arg === "symbol") return "NaN";
            const n = Number(arg);
            return code === "i" ? String(Math.trunc(n)) : Object.is(n, -0) ? "-0" : String(n);
          }
          case "f": return typeof arg === "symbol" ? "NaN" : String(Number.parseFloat(arg));
          case "j": try { return JSON.stringify(arg); } catch (e) { return "[Circular]"; }
          case "c": return "";
          case "o": return inspect(arg, { ...options, depth: 4, showHidden: true });
          default: return inspect(arg, options);
        }
      });
    }
    for (; index < args.length; index++) {
      const arg = args[index];
      out += (out || index > 0 ? " " : "") + (typeof arg === "string" ? arg : inspect(arg, options));
    }
    return out;
  }

  // ---------------------------------------------------------------- buffer

  const ENCODINGS = ["utf8", "utf-8", "hex", "base64", "base64url", "latin1", "binary", "ascii",
    "ucs2", "ucs-2", "utf16le", "utf-16le"];
  function normalizeEncoding(encoding) {
    if (encoding === undefined || encoding === null || encoding === "") return "utf8";
    const lower = String(encoding).toLowerCase();
    switch (lower) {
      case "utf8": case "utf-8": return "utf8";
      case "hex": case "base64": case "base64url": case "latin1": case "ascii": return lower;
      case "binary": return "latin1";
      case "ucs2": case "ucs-2": case "utf16le": case "utf-16le": return "utf16le";
      default:
        throw nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`);
    }
  }

  const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const BASE64_VALUES = new Map();
  for (let i = 0; i < 64; i++) BASE64_VALUES.set(BASE64[i], i);
  BASE64_VALUES.set("-", 62);
  BASE64_VALUES.set("_", 63);

  // Node's decoders are lenient: characters outside both alphabets are skipped, padding ends it.
  function base64Bytes(text) {
    const out = [];
    let bits = 0;
    let count = 0;
    for (const c of text) {
      if (c === "=") break;
      const v = BASE64_VALUES.get(c);
      if (v === undefined) continue;
      bits = (bits << 6) | v;
      count += 6;
      if (count >= 8) {
        count -= 8;
        out.push((bits >> count) & 0xff);
      }
    }
    return Uint8Array.from(out);
  }
  function base64Text(bytes, url) {
    let out = "";
    for (let i = 0; i < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63];
      out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : url ? "" : "=";
      out += i + 2 < bytes.length ? BASE64[n & 63] : url ? "" : "=";
    }
    return url ? out.replace(/\+/g, "-").replace(/\//g, "_") : out;
  }
  function hexBytes(text) {
    const out = [];
    for (let i = 0; i + 1 < text.length; i += 2) {
      const byte = Number.parseInt(text.slice(i, i + 2), 16);
      if (!/^[0-9a-fA-F]{2}$/.test(text.slice(i, i + 2))) break; // Node stops at the first bad pair
      out.push(byte);
    }
    return Uint8Array.from(out);
  }

  function encode(text, encoding) {
    switch (normalizeEncoding(encoding)) {
      case "utf8": return internal.binaryToBytes(internal.utf8Binary(text));
      case "hex": return hexBytes(text);
      case "base64": case "base64url": return base64Bytes(text);
      case "latin1": case "ascii": return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
      case "utf16le": {
        const out = new Uint8Array(text.length * 2);
        for (let i = 0; i < text.length; i++) {
          const unit = text.charCodeAt(i);
          out[2 * i] = unit & 0xff;
          out[2 * i + 1] = unit >> 8;
        }
        return out;
      }
    }
  }

  function decode(bytes, encoding) {
    switch (normalizeEncoding(encoding)) {
      case "utf8": return host.utf8Decode(internal.bytesToBinary(bytes), false);
      case "hex": return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      case "base64": return base64Text(bytes, false);
      case "base64url": return base64Text(bytes, true);
      case "latin1": return internal.bytesToBinary(bytes);
      case "ascii": return internal.bytesToBinary(bytes.map((b) => b & 0x7f));
      case "utf16le": {
        let out = "";
        for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
        return out;
      }
    }
  }

  function bytesOf(value, what) {
    if (value instanceof Uint8Array) return value;
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    throw invalidArgType(what, "an instance of Buffer, TypedArray, or DataView", value);
  }

  class Buffer extends Uint8Array {
    // new Buffer(...) is deprecated in Node but still works; typed array methods that make a new
    // array (subarray, map, filter) come here with (length) or (buffer, offset, length).
    constructor(arg, encodingOrOffset, length) {
      if (typeof arg === "number" || arg instanceof ArrayBuffer) {
        super(arg, encodingOrOffset, length);
      } else {
        const bytes = Buffer.from(arg, encodingOrOffset, length);
        super(bytes.length);
        this.set(bytes);
      }
    }

    static from(value, encodingOrOffset, length) {
      if (typeof value === "string") return fromBytes(encode(value, encodingOrOffset));
      if (value instanceof ArrayBuffer) {
        const offset = encodingOrOffset === undefined ? 0 : Number(encodingOrOffset);
        if (offset > value.byteLength) throw nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", '"offset" is outside of buffer bounds');
        const count = length === undefined ? value.byteLength - offset : Number(length);
        if (offset + count > value.byteLength) throw nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", '"length" is outside of buffer bounds');
        return new Buffer(value, offset, count);
      }
      if (ArrayBuffer.isView(value)) {
        const bytes = value instanceof Uint8Array ? value : Uint8Array.from(value);
        return fromBytes(Uint8Array.prototype.slice.call(bytes));
      }
      if (value !== null && typeof value === "object") {
        if (typeof value[Symbol.toPrimitive] === "function" || typeof value.valueOf === "function") {
          const primitive = typeof value[Symbol.toPrimitive] === "function"
            ? value[Symbol.toPrimitive]("string") : value.valueOf();
          if (primitive !== value && (typeof primitive === "string" || primitive instanceof ArrayBuffer)) {
            return Buffer.from(primitive, encodingOrOffset, length);
          }
        }
        if (value.type === "Buffer" && Array.isArray(value.data)) return fromBytes(Uint8Array.from(value.data));
        if (typeof value.length === "number" || Array.isArray(value)) return fromBytes(Uint8Array.from(value));
      }
      throw invalidArgType("first argument",
        "of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object", value);
    }

    static alloc(size, fill, encoding) {
      checkSize(size);
      const buffer = new Buffer(size);
      if (fill !== undefined && fill !== 0 && size > 0) buffer.fill(fill, encoding);
      return buffer;
    }
    static allocUnsafe(size) { checkSize(size); return new Buffer(size); }
    static allocUnsafeSlow(size) { checkSize(size); return new Buffer(size); }

    static byteLength(value, encoding) {
      if (typeof value === "string") return encode(value, encoding).length;
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
      throw invalidArgType("string", "of type string or an instance of Buffer or ArrayBuffer", value);
    }

    static concat(list, totalLength) {
      if (!Array.isArray(list)) throw invalidArgType("list", "an instance of Array", list);
      const parts = list.map((item, i) => {
        if (!(item instanceof Uint8Array)) throw invalidArgType(`list[${i}]`, "an instance of Buffer or Uint8Array", item);
        return item;
      });
      const length = totalLength === undefined ? parts.reduce((sum, p) => sum + p.length, 0) : totalLength;
      const out = Buffer.alloc(length);
      let at = 0;
      for (const part of parts) {
        if (at >= length) break;
        const slice = part.subarray(0, length - at);
        out.set(slice, at);
        at += slice.length;
      }
      return out;
    }

    static compare(a, b) {
      return compareBytes(bytesOf(a, "buf1"), bytesOf(b, "buf2"));
    }
    static isBuffer(value) { return value instanceof Buffer; }
    static isEncoding(encoding) {
      return typeof encoding === "string" && ENCODINGS.includes(encoding.toLowerCase());
    }

    toString(encoding, start = 0, end = this.length) {
      start = Math.max(0, start | 0);
      end = Math.min(this.length, end === undefined ? this.length : end | 0);
      if (end <= start) return "";
      return decode(this.subarray(start, end), encoding);
    }
    toJSON() { return { type: "Buffer", data: Array.from(this) }; }
    equals(other) { return compareBytes(this, bytesOf(other, "otherBuffer")) === 0; }
    compare(target, targetStart = 0, targetEnd = target.length, sourceStart = 0, sourceEnd = this.length) {
      return compareBytes(this.subarray(sourceStart, sourceEnd), bytesOf(target, "target").subarray(targetStart, targetEnd));
    }
    // Node's slice shares memory (unlike Uint8Array's); both return a Buffer.
    slice(start, end) { return this.subarray(start, end); }
    subarray(start, end) { return fromView(Uint8Array.prototype.subarray.call(this, start, end)); }
    write(text, offset, length, encoding) {
      if (typeof offset === "string") { encoding = offset; offset = 0; length = undefined; }
      else if (typeof length === "string") { encoding = length; length = undefined; }
      offset = offset === undefined ? 0 : offset >>> 0;
      const bytes = encode(String(text), encoding);
      const count = Math.min(bytes.length, this.length - offset, length === undefined ? Infinity : length);
      this.set(bytes.subarray(0, count), offset);
      return count;
    }
    fill(value, offset, end, encoding) {
      if (typeof offset === "string") { encoding = offset; offset = 0; end = this.length; }
      if (typeof end === "string") { encoding = end; end = this.length; }
      offset = offset === undefined ? 0 : offset;
      end = end === undefined ? this.length : end;
      if (typeof value === "number") return Uint8Array.prototype.fill.call(this, value & 255, offset, end);
      const pattern = typeof value === "string" ? encode(value, encoding) : bytesOf(value, "value");
      if (pattern.length === 0) throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", "The argument 'value' is invalid.");
      for (let i = offset, j = 0; i < end; i++, j = (j + 1) % pattern.length) this[i] = pattern[j];
      return this;
    }
    copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
      const part = this.subarray(sourceStart, Math.min(sourceEnd, sourceStart + target.length - targetStart));
      target.set(part, targetStart);
      return part.length;
    }
    indexOf(value, byteOffset = 0, encoding) {
      if (typeof value === "number") return Uint8Array.prototype.indexOf.call(this, value & 255, byteOffset);
      const needle = typeof value === "string" ? encode(value, encoding) : bytesOf(value, "value");
      const from = byteOffset < 0 ? Math.max(0, this.length + byteOffset) : byteOffset;
      outer: for (let i = from; i <= this.length - needle.length; i++) {
        for (let j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
        return i;
      }
      return -1;
    }
    includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; }
    swap16() { return swap(this, 2); }
    swap32() { return swap(this, 4); }
    swap64() { return swap(this, 8); }
  }
  Buffer.poolSize = 8192;

  // read/write of numbers: Node's names over DataView, offsets checked as Node checks them.
  const NUMBER_ACCESS = [
    ["UInt8", "Uint8", 1], ["Int8", "Int8", 1], ["UInt16", "Uint16", 2], ["Int16", "Int16", 2],
    ["UInt32", "Uint32", 4], ["Int32", "Int32", 4], ["Float", "Float32", 4], ["Double", "Float64", 8],
    ["BigUInt64", "BigUint64", 8], ["BigInt64", "BigInt64", 8],
  ];
  function checkOffset(buffer, offset, size) {
    if (offset === undefined) offset = 0;
    if (typeof offset !== "number") throw invalidArgType("offset", "of type number", offset);
    if (!Number.isInteger(offset) || offset < 0 || offset > buffer.length - size) {
      if (buffer.length - size < 0) throw nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", "Attempt to access memory outside buffer bounds");
      throw outOfRange("offset", `>= 0 and <= ${buffer.length - size}`, offset);
    }
    return offset;
  }
  function view(buffer) { return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength); }
  for (const [name, dataView, size] of NUMBER_ACCESS) {
    const ends = size === 1 ? [""] : ["LE", "BE"];
    for (const end of ends) {
      const little = end === "LE";
      const read = function (offset) {
        offset = checkOffset(this, offset, size);
        return view(this)[`get${dataView}`](offset, little);
      };
      const write = function (value, offset) {
        offset = checkOffset(this, offset, size);
        view(this)[`set${dataView}`](offset, value, little);
        return offset + size;
      };
      for (const alias of name.startsWith("UInt") || name.startsWith("BigUInt")
        ? [name, name.replace("UInt", "Uint")] : [name]) {
        Buffer.prototype[`read${alias}${end}`] = read;
        Buffer.prototype[`write${alias}${end}`] = write;
      }
    }
  }

  function swap(buffer, size) {
    if (buffer.length % size !== 0) {
      throw nodeError(RangeError, "ERR_INVALID_BUFFER_SIZE", `Buffer size must be a multiple of ${size * 8}-bits`);
    }
    for (let i = 0; i < buffer.length; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) {
        const t = buffer[a]; buffer[a] = buffer[b]; buffer[b] = t;
      }
    }
    return buffer;
  }
  function checkSize(size) {
    if (typeof size !== "number") throw invalidArgType("size", "of type number", size);
    if (!(size >= 0 && size <= 2 ** 32)) throw outOfRange("size", `>= 0 && <= ${2 ** 32}`, size);
  }
  function fromBytes(bytes) { return new Buffer(bytes.buffer, bytes.byteOffset, bytes.length); }
  function fromView(view) { return new Buffer(view.buffer, view.byteOffset, view.length); }
  function compareBytes(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }

  // ---------------------------------------------------------------- events

  const kCapture = Symbol("kCapture");
  const errorMonitor = Symbol("events.errorMonitor");

  class EventEmitter {
    constructor() { EventEmitter.init.call(this); }
    static init() {
      if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
        this._events = Object.create(null);
        this._eventsCount = 0;
      }
      this._maxListeners = this._maxListeners ?? undefined;
    }
    setMaxListeners(n) {
      if (typeof n !== "number" || n < 0 || Number.isNaN(n)) throw outOfRange("n", "a non-negative number", n);
      this._maxListeners = n;
      return this;
    }
    getMaxListeners() { return this._maxListeners ?? EventEmitter.defaultMaxListeners; }
    emit(type, ...args) {
      const events = this._events ?? {};
      if (type === "error" && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
      const listeners = events[type];
      if (listeners === undefined) {
        if (type !== "error") return false;
        const error = args[0];
        if (error instanceof Error) throw error;
        const unhandled = nodeError(Error, "ERR_UNHANDLED_ERROR", `Unhandled error. (${inspect(error)})`);
        unhandled.context = error;
        throw unhandled;
      }
      for (const listener of listeners.slice()) listener.apply(this, args);
      return true;
    }
    addListener(type, listener) { return addListener(this, type, listener, false); }
    on(type, listener) { return addListener(this, type, listener, false); }
    prependListener(type, listener) { return addListener(this, type, listener, true); }
    once(type, listener) { return addListener(this, type, onceWrapper(this, type, listener), false); }
    prependOnceListener(type, listener) { return addListener(this, type, onceWrapper(this, type, listener), true); }
    removeListener(type, listener) {
      checkListener(listener);
      const events = this._events;
      const list = events?.[type];
      if (list === undefined) return this;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          const [removed] = list.splice(i, 1);
          if (list.length === 0) { delete events[type]; this._eventsCount--; }
          if (events.removeListener !== undefined) this.emit("removeListener", type, removed.listener ?? removed);
          break;
        }
      }
      return this;
    }
    off(type, listener) { return this.removeListener(type, listener); }
    removeAllListeners(type) {
      const events = this._events;
      if (events === undefined) return this;
      const types = type === undefined ? Reflect.ownKeys(events).filter((t) => t !== "removeListener").concat(
        events.removeListener ? ["removeListener"] : []) : [type];
      for (const t of types) {
        const list = events[t];
        if (list === undefined) continue;
        for (let i = list.length - 1; i >= 0; i--) this.removeListener(t, list[i]);
      }
      return this;
    }
    listeners(type) { return (this._events?.[type] ?? []).map((l) => l.listener ?? l); }
    rawListeners(type) { return (this._events?.[type] ?? []).slice(); }
    listenerCount(type, listener) {
      const list = this._events?.[type] ?? [];
      return listener === undefined ? list.length : list.filter((l) => l === listener || l.listener === listener).length;
    }
    eventNames() { return this._events ? Reflect.ownKeys(this._events) : []; }
    static listenerCount(emitter, type) { return emitter.listenerCount(type); }
  }
  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;
  EventEmitter.defaultMaxListeners = 10;
  EventEmitter.errorMonitor = errorMonitor;
  EventEmitter.captureRejectionSymbol = Symbol.for("nodejs.rejection");
  EventEmitter.captureRejections = false;
  void kCapture;

  function checkListener(listener) {
    if (typeof listener !== "function") throw invalidArgType("listener", "of type function", listener);
  }
  function addListener(target, type, listener, prepend) {
    checkListener(listener);
    if (target._events === undefined) EventEmitter.init.call(target);
    const events = target._events;
    if (events.newListener !== undefined) target.emit("newListener", type, listener.listener ?? listener);
    let list = events[type];
    if (list === undefined) { list = events[type] = []; target._eventsCount++; }
    if (prepend) list.unshift(listener); else list.push(listener);
    return target;
  }
  function onceWrapper(target, type, listener) {
    checkListener(listener);
    let fired = false;
    const wrapper = function (...args) {
      if (fired) return undefined;
      fired = true;
      target.removeListener(type, wrapper);
      return listener.apply(this, args);
    };
    wrapper.listener = listener;
    return wrapper;
  }

  // events.once: resolves with the event's arguments; an 'error' event first rejects.
  function once(emitter, name, options = {}) {
    const signal = options?.signal;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) { reject(abortError(signal)); return; }
      const onEvent = (...args) => { cleanup(); resolve(args); };
      const onError = (error) => { cleanup(); reject(error); };
      const onAbort = () => { cleanup(); reject(abortError(signal)); };
      function cleanup() {
        if (typeof emitter.removeListener === "function") {
          emitter.removeListener(name, onEvent);
          if (name !== "error") emitter.removeListener("error", onError);
        } else {
          emitter.removeEventListener(name, onEvent);
        }
        signal?.removeEventListener("abort", onAbort);
      }
      if (typeof emitter.on === "function") {
        emitter.on(name, onEvent);
        if (name !== "error") emitter.on("error", onError);
      } else if (typeof emitter.addEventListener === "function") {
        emitter.addEventListener(name, onEvent, { once: true });
      } else {
        throw invalidArgType("emitter", "an instance of EventEmitter or EventTarget", emitter);
      }
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
  function abortError(signal) {
    const error = new Error("The operation was aborted", { cause: signal?.reason });
    error.name = "AbortError";
    error.code = "ABORT_ERR";
    return error;
  }

  const events = Object.assign(EventEmitter, {
    EventEmitter, once, errorMonitor,
    getEventListeners: (emitter, name) => typeof emitter.listeners === "function" ? emitter.listeners(name) : [],
    setMaxListeners: (n = EventEmitter.defaultMaxListeners, ...targets) => {
      if (targets.length === 0) EventEmitter.defaultMaxListeners = n;
      for (const t of targets) if (typeof t.setMaxListeners === "function") t.setMaxListeners(n);
    },
    listenerCount: (emitter, type) => emitter.listenerCount(type),
  });

  // ---------------------------------------------------------------- assert

  class AssertionError extends Error {
    constructor(options) {
      if (options === null || typeof options !== "object") throw invalidArgType("options", "of type object", options);
      const { message, actual, expected, operator } = options;
      super(message !== undefined ? String(message) : assertionMessage(actual, expected, operator));
      this.generatedMessage = message === undefined && (GENERATED.includes(operator) || !(operator in STRICT_OPERATORS));
      this.code = "ERR_ASSERTION";
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    get name() { return "AssertionError"; }
    toString() { return `AssertionError [ERR_ASSERTION]: ${this.message}`; }
  }
  Object.defineProperty(AssertionError.prototype, "name", { value: "AssertionError", writable: true, configurable: true });

  // Messages as workerd's node:assert words them (checked against workerd by compat's
  // NodeCompatCompatTest), which differ from Node's own: equal and deepEqual are the strict
  // comparisons, and strictEqual's message is a diff that workerd marks as not generated.
  function assertionMessage(actual, expected, operator) {
    switch (operator) {
      case "strictEqual": {
        const a = inspect(actual, { depth: 1000 });
        const e = inspect(expected, { depth: 1000 });
        if (isObject(actual) && isObject(expected) && a === e) {
          return `Values have the same structure but are not reference-equal:\n\n${indentLines(a, "    ")}\n`;
        }
        if (typeof actual === "string" && typeof expected === "string") {
          return `${NOT_STRICTLY_EQUAL}${indentLines(actual, "-   ")}\n${indentLines(expected, "+   ")}\n\n`;
        }
        return `${NOT_STRICTLY_EQUAL}${indentLines(a, "-   ")}\n${indentLines(e, "+   ")}\n`;
      }
      case "notStrictEqual":
        return "Expected actual to be strictly unequal to expected";
      case "deepStrictEqual":
        return diffMessage("Expected values to be strictly deep-equal:",
          inspect(actual, { depth: 1000, sorted: true }), inspect(expected, { depth: 1000, sorted: true }));
      case "notDeepStrictEqual":
        return "Expected actual to not be deeply strictly equal to expected";
      default:
        return `${inspect(actual)} ${operator} ${inspect(expected)}`;
    }
  }
  const STRICT_OPERATORS = { strictEqual: 1, notStrictEqual: 1, deepStrictEqual: 1, notDeepStrictEqual: 1, throws: 1, rejects: 1, doesNotThrow: 1, doesNotReject: 1 };
  const NOT_STRICTLY_EQUAL = "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n";
  const GENERATED = ["deepStrictEqual"];
  const isObject = (value) => (typeof value === "object" && value !== null) || typeof value === "function";
  const indentLines = (text, prefix) => text.split("\n").map((line) => prefix + line).join("\n");

  // + actual - expected: one line each with a caret under the first difference, or a line diff.
  function diffMessage(headline, actualText, expectedText) {
    const a = actualText.split("\n");
    const e = expectedText.split("\n");
    if (a.length === 1 && e.length === 1) {
      let i = 0;
      while (i < actualText.length && actualText[i] === expectedText[i]) i++;
      // the caret only while both fit in 80 columns together
      const caret = i > 2 && actualText.length + expectedText.length < 80 ? `\n  ${" ".repeat(i)}^` : "";
      return `${headline}\n+ actual - expected\n\n+ ${actualText}\n- ${expectedText}${caret}`;
    }
    // Longest common subsequence of lines: common lines stay, the rest are + (actual) or -.
    const common = Array.from({ length: a.length + 1 }, () => new Array(e.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = e.length - 1; j >= 0; j--) {
        common[i][j] = a[i] === e[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    const lines = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < e.length) {
      if (i < a.length && j < e.length && a[i] === e[j]) { lines.push(`  ${a[i]}`); i++; j++; }
      else if (j >= e.length || (i < a.length && common[i + 1][j] >= common[i][j + 1])) lines.push(`+ ${a[i++]}`);
      else lines.push(`- ${e[j++]}`);
    }
    return `${headline}\n+ actual - expected\n\n${lines.join("\n")}`;
  }

  function fail(actual, expected, message, operator, stackStartFn) {
    if (message instanceof Error) throw message;
    const error = new AssertionError({ actual, expected, message, operator });
    if (typeof Error.captureStackTrace === "function" && stackStartFn) Error.captureStackTrace(error, stackStartFn);
    throw error;
  }

  function ok(...args) {
    if (args.length === 0) {
      fail(undefined, true, "No value argument passed to `assert.ok()`", "==", ok);
    }
    if (!args[0]) fail(args[0], true, args[1], "==", ok); // workerd: "0 == true"
  }
  function isDeepEqual(a, b, strict, memo = []) {
    if (strict ? Object.is(a, b) : a == b || (Number.isNaN(a) && Number.isNaN(b))) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
      return false;
    }
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const tagA = Object.prototype.toString.call(a);
    if (tagA !== Object.prototype.toString.call(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    for (const [x, y] of memo) if (x === a && y === b) return true;
    memo = memo.concat([[a, b]]);
    if (a instanceof Date) { if (a.getTime() !== b.getTime()) return false; }
    else if (a instanceof RegExp) { if (String(a) !== String(b) || a.lastIndex !== b.lastIndex) return false; }
    else if (a instanceof Error) { if (a.message !== b.message || a.name !== b.name) return false; }
    else if (ArrayBuffer.isView(a) || a instanceof ArrayBuffer) {
      const x = bytesOf(a, "actual");
      const y = bytesOf(b, "expected");
      if (!(a instanceof Float32Array || a instanceof Float64Array)) {
        if (compareBytes(x, y) !== 0) return false;
      } else if (a.length !== b.length || Array.prototype.some.call(a, (v, i) => !(strict ? Object.is(v, b[i]) : v == b[i]))) {
        return false;
      }
    } else if (a instanceof Number || a instanceof String || a instanceof Boolean) {
      if (!Object.is(a.valueOf(), b.valueOf())) return false;
    }
    if (a instanceof Map) {
      if (a.size !== b.size) return false;
      for (const [key, value] of a) {
        if (b.has(key)) { if (!isDeepEqual(value, b.get(key), strict, memo)) return false; continue; }
        let found = false;
        for (const [k2, v2] of b) {
          if (isDeepEqual(key, k2, strict, memo) && isDeepEqual(value, v2, strict, memo)) { found = true; break; }
        }
        if (!found) return false;
      }
    } else if (a instanceof Set) {
      if (a.size !== b.size) return false;
      for (const value of a) {
        if (b.has(value)) continue;
        let found = false;
        for (const v2 of b) if (isDeepEqual(value, v2, strict, memo)) { found = true; break; }
        if (!found) return false;
      }
    }
    const keysOf = (o) => (ArrayBuffer.isView(o) ? Object.keys(o).filter((k) => !/^\d+$/.test(k)) : Object.keys(o))
      .concat(strict ? Object.getOwnPropertySymbols(o).filter((s) => Object.prototype.propertyIsEnumerable.call(o, s)) : []);
    const ka = keysOf(a);
    const kb = keysOf(b);
    if (ka.length !== kb.length) return false;
    for (const key of ka) {
      if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
      if (!isDeepEqual(a[key], b[key], strict, memo)) return false;
    }
    return true;
  }

  // What a thrown (or rejected) error is checked against: a class, a RegExp, a function or an
  // object of expected properties.
  function matches(actual, expected, message, fn) {
    if (expected === undefined) return;
    if (typeof expected === "function") {
      if (expected.prototype !== undefined && actual instanceof expected) return;
      if (Error.isPrototypeOf(expected) || expected === Error) throw actual;
      if (expected.call({}, actual) === true) return;
      throw actual;
    }
    if (expected instanceof RegExp) {
      if (expected.test(String(actual))) return;
      fail(actual, expected, message ?? `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(String(actual))}\n`, fn.name, fn);
    }
    if (typeof expected === "object" && expected !== null) {
      for (const key of Object.keys(expected)) {
        const want = expected[key];
        const got = actual?.[key];
        if (want instanceof RegExp && typeof got === "string" ? want.test(got) : isDeepEqual(got, want, true)) continue;
        fail(actual, expected, message, "deepStrictEqual", fn);
      }
    }
  }
  function expectedName(expected) {
    return typeof expected === "function" && expected.prototype !== undefined && expected.name ? ` (${expected.name})` : "";
  }
  function throws(fn, expected, message) {
    if (typeof fn !== "function") throw invalidArgType("fn", "of type function", fn);
    if (typeof expected === "string") { message = expected; expected = undefined; }
    try {
      fn();
    } catch (error) {
      matches(error, expected, message, throws);
      return;
    }
    fail(undefined, expected, message ?? `Missing expected exception${expectedName(expected)}.`, "throws", throws);
  }
  function doesNotThrow(fn, expected, message) {
    try { fn(); } catch (error) {
      if (typeof expected === "string") message = expected;
      fail(error, expected, message ?? `Got unwanted exception.\nActual message: "${error?.message}"`, "doesNotThrow", doesNotThrow);
    }
  }
  async function rejects(promiseFn, expected, message) {
    if (typeof expected === "string") { message = expected; expected = undefined; }
    try {
      await (typeof promiseFn === "function" ? promiseFn() : promiseFn);
    } catch (error) {
      matches(error, expected, message, rejects);
      return;
    }
    fail(undefined, expected, message ?? `Missing expected rejection${expectedName(expected)}.`, "rejects", rejects);
  }
  async function doesNotReject(promiseFn, expected, message) {
    try { await (typeof promiseFn === "function" ? promiseFn() : promiseFn); } catch (error) {
      if (typeof expected === "string") message = expected;
      fail(error, expected, message ?? `Got unwanted rejection.\nActual message: "${error?.message}"`, "doesNotReject", doesNotReject);
    }
  }

  const compare = (name, test) => function (actual, expected, message) {
    if (!test(actual, expected)) fail(actual, expected, message, name, this?.[name] ?? assert[name]);
  };
  const assert = function assert(...args) { ok(...args); };
  Object.assign(assert, {
    ok, fail: (message = "Failed") => fail(undefined, undefined, message, "fail"),
    strictEqual: compare("strictEqual", Object.is),
    notStrictEqual: compare("notStrictEqual", (a, b) => !Object.is(a, b)),
    deepStrictEqual: compare("deepStrictEqual", (a, b) => isDeepEqual(a, b, true)),
    notDeepStrictEqual: compare("notDeepStrictEqual", (a, b) => !isDeepEqual(a, b, true)),
    throws, doesNotThrow, rejects, doesNotReject,
    match: (text, regexp, message) => {
      if (!regexp.test(text)) fail(text, regexp, message ?? `The input did not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(text)}\n`, "match");
    },
    doesNotMatch: (text, regexp, message) => {
      if (regexp.test(text)) fail(text, regexp, message ?? `The input was expected to not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(text)}\n`, "doesNotMatch");
    },
    ifError: (value) => { if (value !== null && value !== undefined) throw value; },
    AssertionError,
  });
  // workerd's node:assert compares strictly in its legacy methods too.
  Object.assign(assert, {
    equal: assert.strictEqual, notEqual: assert.notStrictEqual,
    deepEqual: assert.deepStrictEqual, notDeepEqual: assert.notDeepStrictEqual,
  });
  assert.strict = Object.assign(function strict(...args) { ok(...args); }, assert);
  assert.strict.strict = assert.strict;

  // ---------------------------------------------------------------- async_hooks

  // GraalJS's AsyncContext (on for these contexts, see JsSandbox) carries a Variable's value
  // through await and promise reactions; runtime.js carries it through timers. Without it (the
  // GraalJS of the JIT opt-in, if it lacks the option) a store is seen by synchronous code only.
  const AsyncContextApi = internal.AsyncContext;
  class SyncVariable {
    #value = undefined;
    get() { return this.#value; }
    run(value, fn, ...args) {
      const previous = this.#value;
      this.#value = value;
      try { return fn(...args); } finally { this.#value = previous; }
    }
  }
  const snapshotNow = () => (AsyncContextApi ? new AsyncContextApi.Snapshot() : null);
  const runIn = (snapshot, fn, thisArg, args) =>
    snapshot ? snapshot.run(() => fn.apply(thisArg, args)) : fn.apply(thisArg, args);

  class AsyncLocalStorage {
    #variable = AsyncContextApi ? new AsyncContextApi.Variable() : new SyncVariable();
    run(store, fn, ...args) { return this.#variable.run(store, fn, ...args); }
    exit(fn, ...args) { return this.#variable.run(undefined, fn, ...args); }
    getStore() { return this.#variable.get(); }
    // workerd has no enterWith; disable is a no-op there too.
    disable() {}
    static bind(fn) { return AsyncResource.bind(fn); }
    static snapshot() {
      const snapshot = snapshotNow();
      return (fn, ...args) => runIn(snapshot, fn, undefined, args);
    }
  }
  class AsyncResource {
    #snapshot = snapshotNow();
    constructor(type) {
      if (typeof type !== "string") throw invalidArgType("type", "of type string", type);
    }
    runInAsyncScope(fn, thisArg, ...args) { return runIn(this.#snapshot, fn, thisArg, args); }
    bind(fn, thisArg) {
      const bound = (...args) => this.runInAsyncScope(fn, thisArg, ...args);
      Object.defineProperty(bound, "length", { value: fn.length });
      bound.asyncResource = this;
      return bound;
    }
    emitDestroy() { return this; }
    asyncId() { return 0; }
    triggerAsyncId() { return 0; }
    static bind(fn, type, thisArg) { return new AsyncResource(type ?? (fn.name || "bound-anonymous-fn")).bind(fn, thisArg); }
  }

  // ---------------------------------------------------------------- crypto

  const HASHES = { md5: "MD5", sha1: "SHA-1", sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" };
  function hashName(algorithm) {
    const name = HASHES[String(algorithm).toLowerCase().replace(/^rsa-/, "").replace(/-/g, "")];
    if (name === undefined) throw new Error("Digest method not supported");
    return name;
  }
  function dataBinary(data, encoding, what) {
    if (typeof data === "string") return internal.bytesToBinary(encode(data, encoding));
    if (ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return internal.bytesToBinary(bytesOf(data, what));
    throw invalidArgType(what, "of type string or an instance of Buffer, TypedArray, or DataView", data);
  }
  function hostBytes(result) {
    if (typeof result === "object" && result !== null && "error" in result) throw new Error(result.message);
    return internal.binaryToBytes(result);
  }
  // Hash and Hmac keep the input until digest(): the host hashes it in one call.
  class Hash {
    #name; #chunks = []; #done = false; #key;
    constructor(name, key) { this.#name = name; this.#key = key; }
    update(data, encoding) {
      if (this.#done) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      this.#chunks.push(dataBinary(data, encoding, "data"));
      return this;
    }
    digest(encoding) {
      if (this.#done) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      this.#done = true;
      const data = this.#chunks.join("");
      const bytes = hostBytes(this.#key === undefined ? host.digest(this.#name, data) : host.hmac(this.#name, this.#key, data));
      const buffer = fromBytes(bytes);
      return encoding === undefined || encoding === "buffer" ? buffer : buffer.toString(encoding);
    }
    copy() {
      if (this.#done) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      const copy = new Hash(this.#name, this.#key);
      for (const chunk of this.#chunks) copy.#chunks.push(chunk);
      return copy;
    }
  }
  function randomBytes(size, callback) {
    checkSize(size);
    const bytes = fromBytes(internal.randomBytes(size));
    if (typeof callback === "function") {
      queueMicrotask(() => callback(null, bytes));
      return undefined;
    }
    return bytes;
  }
  function randomInt(min, max, callback) {
    if (max === undefined || typeof max === "function") { callback = max; max = min; min = 0; }
    if (!Number.isSafeInteger(min)) throw invalidArgType("min", "a safe integer", min);
    if (!Number.isSafeInteger(max)) throw invalidArgType("max", "a safe integer", max);
    if (max <= min) throw outOfRange("max", `greater than the value of "min" (${min})`, max);
    const range = max - min;
    // Rejection sampling over 48 random bits, so every value is equally likely.
    const limit = 2 ** 48 - (2 ** 48 % range);
    let n;
    do {
      const b = internal.randomBytes(6);
      n = ((b[0] * 256 + b[1]) * 256 + b[2]) * 2 ** 24 + ((b[3] * 256 + b[4]) * 256 + b[5]);
    } while (n >= limit);
    const value = min + (n % range);
    if (typeof callback === "function") { queueMicrotask(() => callback(null, value)); return undefined; }
    return value;
  }
  function timingSafeEqual(a, b) {
    const x = bytesOf(a, "buf1");
    const y = bytesOf(b, "buf2");
    if (x.byteLength !== y.byteLength) {
      throw new TypeError("Input buffers must have the same byte length."); // workerd's words
    }
    let diff = 0;
    for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
    return diff === 0;
  }
  const nodeCrypto = {
    createHash: (algorithm) => new Hash(hashName(algorithm)),
    createHmac: (algorithm, key) => {
      const name = hashName(algorithm);
      return new Hash(name, typeof key === "string" ? internal.utf8Binary(key) : dataBinary(key, undefined, "key"));
    },
    hash: (algorithm, data, encoding = "hex") => new Hash(hashName(algorithm)).update(data).digest(encoding),
    getHashes: () => Object.keys(HASHES),
    randomBytes, randomInt, timingSafeEqual,
    randomUUID: () => crypto.randomUUID(),
    getRandomValues: (array) => crypto.getRandomValues(array),
    randomFillSync: (buffer, offset = 0, size) => {
      const bytes = bytesOf(buffer, "buf");
      const count = size === undefined ? bytes.length - offset : size;
      bytes.set(internal.randomBytes(count), offset);
      return buffer;
    },
    webcrypto: crypto,
    subtle: crypto.subtle,
  };

  // ---------------------------------------------------------------- path (POSIX)

  function checkPath(value, name = "path") {
    if (typeof value !== "string") throw invalidArgType(name, "of type string", value);
  }
  function normalizeParts(parts, absolute) {
    const out = [];
    for (const part of parts) {
      if (part === "" || part === ".") continue;
      if (part === "..") {
        if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
        else if (!absolute) out.push("..");
      } else {
        out.push(part);
      }
    }
    return out;
  }
  const path = {
    sep: "/",
    delimiter: ":",
    normalize(p) {
      checkPath(p);
      if (p === "") return ".";
      const absolute = p.startsWith("/");
      const trailing = p.endsWith("/");
      let out = normalizeParts(p.split("/"), absolute).join("/");
      if (out === "" && !absolute) out = ".";
      if (out !== "" && trailing) out += "/";
      return absolute ? `/${out}` : out;
    },
    join(...parts) {
      parts.forEach((p) => checkPath(p));
      const joined = parts.filter((p) => p !== "").join("/");
      return joined === "" ? "." : path.normalize(joined);
    },
    // The working directory of a Worker is "/", as in workerd.
    resolve(...parts) {
      let resolved = "";
      for (let i = parts.length - 1; i >= 0 && !resolved.startsWith("/"); i--) {
        checkPath(parts[i], `paths[${i}]`);
        if (parts[i] !== "") resolved = resolved === "" ? parts[i] : `${parts[i]}/${resolved}`;
      }
      if (!resolved.startsWith("/")) resolved = `/${resolved}`;
      return `/${normalizeParts(resolved.split("/"), true).join("/")}`;
    },
    isAbsolute(p) { checkPath(p); return p.startsWith("/"); },
    relative(from, to) {
      checkPath(from, "from");
      checkPath(to, "to");
      const a = path.resolve(from).split("/").filter(Boolean);
      const b = path.resolve(to).split("/").filter(Boolean);
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return a.slice(i).map(() => "..").concat(b.slice(i)).join("/");
    },
    dirname(p) {
      checkPath(p);
      if (p === "") return ".";
      const trimmed = p.replace(/\/+$/, "");
      if (trimmed === "") return "/";
      const slash = trimmed.lastIndexOf("/");
      if (slash < 0) return ".";
      const dir = trimmed.slice(0, slash).replace(/\/+$/, "");
      return dir === "" ? "/" : dir;
    },
    basename(p, ext) {
      checkPath(p);
      if (ext !== undefined) checkPath(ext, "ext");
      const trimmed = p.replace(/\/+$/, "");
      let base = trimmed.slice(trimmed.lastIndexOf("/") + 1);
      if (ext !== undefined && ext !== base && base.endsWith(ext)) base = base.slice(0, base.length - ext.length);
      return base;
    },
    extname(p) {
      checkPath(p);
      const base = path.basename(p);
      const dot = base.lastIndexOf(".");
      return dot <= 0 || base === ".." ? "" : base.slice(dot);
    },
    parse(p) {
      checkPath(p);
      const root = p.startsWith("/") ? "/" : "";
      if (p === "" || p === root) return { root, dir: root, base: "", ext: "", name: "" };
      const base = path.basename(p);
      const ext = path.extname(p);
      const trimmed = p.replace(/\/+$/, "");
      const slash = trimmed.lastIndexOf("/");
      const dir = slash < 0 ? "" : slash === 0 ? "/" : trimmed.slice(0, slash);
      return { root, dir, base, ext, name: ext ? base.slice(0, base.length - ext.length) : base };
    },
    format(parts) {
      if (parts === null || typeof parts !== "object") throw invalidArgType("pathObject", "of type object", parts);
      const dir = parts.dir || parts.root || "";
      const base = parts.base || `${parts.name || ""}${parts.ext ? (parts.ext.startsWith(".") ? "" : ".") + parts.ext : ""}`;
      return dir === "" ? base : dir === parts.root ? `${dir}${base}` : `${dir}/${base}`;
    },
    toNamespacedPath: (p) => p,
    matchesGlob: undefined,
  };
  delete path.matchesGlob;
  path.posix = path;

  // ---------------------------------------------------------------- util

  function promisify(original) {
    if (typeof original !== "function") throw invalidArgType("original", "of type function", original);
    if (original[promisify.custom]) return original[promisify.custom];
    function promisified(...args) {
      return new Promise((resolve, reject) => {
        original.call(this, ...args, (error, ...values) => {
          if (error) reject(error); else resolve(values[0]);
        });
      });
    }
    Object.setPrototypeOf(promisified, Object.getPrototypeOf(original));
    return Object.defineProperties(promisified, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = Symbol.for("nodejs.util.promisify.custom");
  function callbackify(original) {
    if (typeof original !== "function") throw invalidArgType("original", "of type function", original);
    return function (...args) {
      const callback = args.pop();
      if (typeof callback !== "function") throw invalidArgType("last argument", "of type function", callback);
      original.apply(this, args).then((value) => queueMicrotask(() => callback(null, value)), (reason) => {
        if (!reason) {
          const wrapped = nodeError(Error, "ERR_FALSY_VALUE_REJECTION", "Promise was rejected with falsy value");
          wrapped.reason = reason;
          reason = wrapped;
        }
        queueMicrotask(() => callback(reason));
      });
    };
  }
  function inherits(ctor, superCtor) {
    if (typeof ctor !== "function") throw invalidArgType("ctor", "of type function", ctor);
    if (typeof superCtor !== "function") throw invalidArgType("superCtor", "of type function", superCtor);
    if (superCtor.prototype === undefined) throw invalidArgType("superCtor.prototype", "of type object", superCtor.prototype);
    Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }
  // Node prints a DeprecationWarning once per code; W9Y writes it to the console once.
  const warned = new Set();
  function deprecate(fn, message, code) {
    if (typeof fn !== "function") throw invalidArgType("fn", "of type function", fn);
    return function deprecated(...args) {
      const key = code ?? message;
      if (!warned.has(key)) {
        warned.add(key);
        console.warn(`${code ? `[${code}] ` : ""}DeprecationWarning: ${message}`);
      }
      return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
    };
  }
  const tagOf = (value) => Object.prototype.toString.call(value).slice(8, -1);
  const TYPED = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
    "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"];
  const types = {
    isPromise: (v) => v instanceof Promise,
    isDate: (v) => tagOf(v) === "Date" && typeof v === "object",
    isRegExp: (v) => v instanceof RegExp,
    isMap: (v) => v instanceof Map,
    isSet: (v) => v instanceof Set,
    isWeakMap: (v) => v instanceof WeakMap,
    isWeakSet: (v) => v instanceof WeakSet,
    isArrayBuffer: (v) => v instanceof ArrayBuffer,
    isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || v instanceof SharedArrayBuffer,
    isSharedArrayBuffer: (v) => v instanceof SharedArrayBuffer,
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isDataView: (v) => v instanceof DataView,
    isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView),
    isAsyncFunction: (v) => typeof v === "function" && ["AsyncFunction", "AsyncGeneratorFunction"].includes(tagOf(v)),
    isGeneratorFunction: (v) => typeof v === "function" && ["GeneratorFunction", "AsyncGeneratorFunction"].includes(tagOf(v)),
    isGeneratorObject: (v) => tagOf(v) === "Generator",
    isNativeError: (v) => v instanceof Error,
    isBoxedPrimitive: (v) => v instanceof Number || v instanceof String || v instanceof Boolean ||
      (typeof v === "object" && v !== null && (tagOf(v) === "Symbol" || tagOf(v) === "BigInt")),
    isNumberObject: (v) => v instanceof Number,
    isStringObject: (v) => v instanceof String,
    isBooleanObject: (v) => v instanceof Boolean,
    isSymbolObject: (v) => typeof v === "object" && v !== null && tagOf(v) === "Symbol",
    isBigIntObject: (v) => typeof v === "object" && v !== null && tagOf(v) === "BigInt",
    isMapIterator: (v) => tagOf(v) === "Map Iterator",
    isSetIterator: (v) => tagOf(v) === "Set Iterator",
    isProxy: () => false, // not observable from JavaScript; documented
    isModuleNamespaceObject: (v) => tagOf(v) === "Module",
    isArgumentsObject: (v) => tagOf(v) === "Arguments",
    isKeyObject: () => false,
    isCryptoKey: (v) => typeof CryptoKey === "function" && v instanceof CryptoKey,
  };
  for (const name of TYPED) types[`is${name}`] = (v) => ArrayBuffer.isView(v) && tagOf(v) === name;
  const util = {
    format, formatWithOptions, inspect, promisify, callbackify, inherits, deprecate, types,
    isDeepStrictEqual: (a, b) => isDeepEqual(a, b, true),
    isArray: Array.isArray,
    TextEncoder, TextDecoder,
    debuglog: () => Object.assign(() => {}, { enabled: false }),
    toUSVString: (text) => String(text).toWellFormed(),
    stripVTControlCharacters: (text) => String(text).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ""),
    aborted: (signal) => new Promise((resolve) => {
      if (signal.aborted) resolve(); else signal.addEventListener("abort", () => resolve(), { once: true });
    }),
  };

  // ---------------------------------------------------------------- process

  const env = {};
  const jsonVars = Array.from(internal.jsonVarNames ?? []);
  for (const key of Object.keys(internal.processEnv ?? {})) {
    const text = String(internal.processEnv[key]);
    // workerd: a JSON variable whose value is a string gives that string, any other its JSON text.
    const parsed = jsonVars.includes(key) ? JSON.parse(text) : text;
    env[key] = typeof parsed === "string" ? parsed : text;
  }
  // setImmediate as workerd runs it: a zero-delay timer, so it runs after microtasks and after
  // timers set before it, in the order set; it answers an Immediate (Node's shape).
  const setTimeoutOf = globalThis.setTimeout, clearTimeoutOf = globalThis.clearTimeout;
  // workerd's Immediate keeps no event loop alive: hasRef() is false, ref()/unref() do nothing.
  class Immediate {
    #timer;
    constructor(timer) { this.#timer = timer; }
    hasRef() { return false; }
    ref() {}
    unref() {}
    static timerOf(immediate) { return immediate.#timer; }
  }
  function setImmediate(callback, ...args) {
    if (typeof callback !== "function") {
      throw new TypeError("Failed to execute 'setImmediate' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'function'.");
    }
    return new Immediate(setTimeoutOf(() => callback(...args), 0));
  }
  function clearImmediate(immediate) {
    if (immediate instanceof Immediate) clearTimeoutOf(Immediate.timerOf(immediate));
  }
  function nextTick(callback, ...args) {
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    queueMicrotask(() => callback(...args));
  }
  function hrtime(previous) {
    const now = performance.now();
    let seconds = Math.floor(now / 1000);
    let nanos = Math.round((now % 1000) * 1e6);
    if (Array.isArray(previous)) {
      seconds -= previous[0];
      nanos -= previous[1];
      if (nanos < 0) { seconds--; nanos += 1e9; }
    }
    return [seconds, nanos];
  }
  hrtime.bigint = () => BigInt(Math.round(performance.now() * 1e6));
  const processObject = new EventEmitter();
  Object.assign(processObject, {
    env, nextTick, hrtime,
    argv: [], execArgv: [], platform: "linux", arch: "x64", title: "workerd", pid: 1, ppid: 0,
    version: "v22.14.0", versions: { node: "22.14.0" }, release: { name: "node" },
    features: {}, exitCode: undefined,
    cwd: () => "/bundle", chdir: () => { throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The chdir() method is not implemented"); },
    uptime: () => performance.now() / 1000,
    emitWarning: (warning) => console.warn(typeof warning === "string" ? `Warning: ${warning}` : String(warning)),
    getBuiltinModule: (name) => {
      const bare = String(name).replace(/^node:/, "");
      return provided.includes(bare) ? require(bare) : undefined;
    },
  });
  Object.defineProperty(processObject, Symbol.toStringTag, { value: "process" });

  // ---------------------------------------------------------------- registry

  const factories = {
    assert: () => assert,
    async_hooks: () => ({ AsyncLocalStorage, AsyncResource }),
    buffer: () => ({
      Buffer, kMaxLength: 2 ** 32, kStringMaxLength: 2 ** 29 - 24, constants: { MAX_LENGTH: 2 ** 32, MAX_STRING_LENGTH: 2 ** 29 - 24 },
      SlowBuffer: Buffer, INSPECT_MAX_BYTES: 50, atob, btoa, Blob, File,
      isUtf8: (input) => { try { new TextDecoder("utf-8", { fatal: true }).decode(input); return true; } catch (e) { return false; } },
      isAscii: (input) => bytesOf(input, "input").every((b) => b < 0x80),
      transcode: undefined,
    }),
    crypto: () => nodeCrypto,
    events: () => events,
    path: () => path,
    process: () => processObject,
    util: () => util,
  };
  // The I/O modules (fs, http, stream, url, ...) live in node-*.js prelude files that run after
  // this one and add their factories here, with the helpers they share.
  internal.nodeFactories = factories;
  internal.nodeShared = { nodeError, invalidArgType, outOfRange, inspect, Buffer, EventEmitter, bytesOf, normalizeEncoding, path, require: (name) => require(name) };
  const built = new Map();
  function require(name) {
    const allowed = provided.includes(name) || (internal.nodeGlobals && name === "cloudflare:node");
    if (!allowed || factories[name] === undefined) return undefined;
    if (!built.has(name)) {
      const module = factories[name]();
      if (name === "buffer") delete module.transcode;
      built.set(name, module);
    }
    return built.get(name);
  }
  // require("node:x") from CommonJS (modules.js) and the ES faces (modules/node-*.mjs).
  internal.nodeRequire = function nodeRequire(specifier) {
    const bare = specifier.startsWith("node:") ? specifier.slice(5) : internal.nodeGlobals ? specifier : null;
    return bare === null ? undefined : require(bare);
  };
  Object.defineProperty(globalThis, "__w9yNode", {
    value: Object.freeze({ require: (name) => require(String(name)) }),
    enumerable: false, configurable: false, writable: false,
  });
  if (internal.nodeGlobals) {
    // workerd's nodejs_compat (v2, compatibility dates from 2024-09-23): Buffer, process, global
    // (globalThis itself), setImmediate and clearImmediate are globals (measured 2026-12-04 with
    // compatibility dates 2024-10-01 and 2025-10-08).
    internal.defineGlobal("Buffer", Buffer);
    internal.defineGlobal("process", processObject);
    internal.defineGlobal("global", globalThis);
    internal.defineGlobal("setImmediate", setImmediate);
    internal.defineGlobal("clearImmediate", clearImmediate);
  }
});
