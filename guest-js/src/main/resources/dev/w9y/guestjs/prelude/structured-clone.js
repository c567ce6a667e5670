// HTML §2.7 structured serialize / deserialize, as bytes: how durable-object storage keeps
// values (they must survive a crash and a fresh context) and what structuredClone() does.
// internal.serialize(value) returns a binary string (one char per byte); internal.deserialize
// reverses it. The byte format is stored data, so it is versioned and must stay readable.
// Needs: encoding.js (internal.bytesToBinary).
(function (internal) {
  "use strict";
  const FORMAT_VERSION = 1;
  const T = {
    UNDEFINED: 0, NULL: 1, TRUE: 2, FALSE: 3, NUMBER: 4, LATIN1: 5, UTF16: 6, BIGINT: 7,
    DATE: 8, REGEXP: 9, ARRAY_BUFFER: 10, TYPED_ARRAY: 11, DATA_VIEW: 12, MAP: 13, SET: 14,
    ARRAY: 15, OBJECT: 16, ERROR: 17, BOOLEAN_OBJECT: 18, NUMBER_OBJECT: 19,
    STRING_OBJECT: 20, BIGINT_OBJECT: 21, REFERENCE: 22, BLOB: 23, FILE: 24,
    // Only in RPC messages (rpc.js), never stored: a value passed by reference, as a stub id.
    STUB: 25,
    DOM_EXCEPTION: 26, // serializable per WebIDL: its name and message
  };
  // Order is part of the format: a typed array's kind is its index here.
  const TYPED_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
    Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
  const ERROR_TYPES = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  // Platform objects that have no serialization steps.
  const NOT_CLONEABLE_TAGS = new Set(["Request", "Response", "Headers", "AbortSignal",
    "AbortController", "URL", "URLSearchParams", "TextEncoder", "TextDecoder", "EventTarget",
    "WeakMap", "WeakSet", "WeakRef", "Promise", "Generator", "AsyncGenerator", "FormData",
    "ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamDefaultController",
    "WritableStream", "WritableStreamDefaultWriter", "WritableStreamDefaultController",
    "TransformStream", "TransformStreamDefaultController", "TextEncoderStream",
    "TextDecoderStream", "SubtleCrypto", "Crypto",
    // Serializable in browsers; not yet in W9Y's stored format, so refused rather than emptied.
    "CryptoKey"]);

  function cloneError(what) {
    return new internal.DOMException(`${what} could not be cloned.`, "DataCloneError");
  }

  // The pieces of the format as binary strings, shared by the Writer and the direct path for
  // lone primitives (serializePrimitive below).
  const scratch = new DataView(new ArrayBuffer(8));
  const NOT_LATIN1 = /[^\x00-\xff]/;
  const byteText = (b) => String.fromCharCode(b);
  // The format's doubles are big-endian (DataView's default). Where the platform is
  // little-endian, the same bytes go through a Float64Array and a Uint8Array over the scratch
  // buffer, read and written by index in reverse: the DataView path's sixteen method calls per
  // number cost the interpreter more than a durable object's storage call itself (a CPU profile
  // of the DO counter, docs/PERFORMANCE.md). NaN keeps the DataView path, so its bits stay as
  // they were.
  const scratchDouble = new Float64Array(scratch.buffer);
  const scratchBytes = new Uint8Array(scratch.buffer);
  const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
  function doubleBytes(x) {
    if (LITTLE_ENDIAN && x === x) {
      const b = scratchBytes;
      scratchDouble[0] = x;
      return String.fromCharCode(b[7], b[6], b[5], b[4], b[3], b[2], b[1], b[0]);
    }
    scratch.setFloat64(0, x);
    return String.fromCharCode(scratch.getUint8(0), scratch.getUint8(1), scratch.getUint8(2),
      scratch.getUint8(3), scratch.getUint8(4), scratch.getUint8(5), scratch.getUint8(6), scratch.getUint8(7));
  }
  function doubleAt(text, at) {
    if (LITTLE_ENDIAN) {
      const b = scratchBytes;
      b[7] = text.charCodeAt(at); b[6] = text.charCodeAt(at + 1);
      b[5] = text.charCodeAt(at + 2); b[4] = text.charCodeAt(at + 3);
      b[3] = text.charCodeAt(at + 4); b[2] = text.charCodeAt(at + 5);
      b[1] = text.charCodeAt(at + 6); b[0] = text.charCodeAt(at + 7);
      const x = scratchDouble[0];
      if (x === x) return x;
    }
    for (let i = 0; i < 8; i++) scratch.setUint8(i, text.charCodeAt(at + i));
    return scratch.getFloat64(0);
  }
  function varintText(n) {
    let text = "";
    do {
      let b = n % 128;
      n = Math.floor(n / 128);
      if (n > 0) b |= 0x80;
      text += String.fromCharCode(b);
    } while (n > 0);
    return text;
  }
  // A string: LATIN1 and its chars as bytes, or UTF16 and two bytes per code unit (big-endian).
  function stringBytes(s) {
    if (!NOT_LATIN1.test(s)) return byteText(T.LATIN1) + varintText(s.length) + s;
    let units = "";
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      units += String.fromCharCode(c >> 8, c & 0xff);
    }
    return byteText(T.UTF16) + varintText(s.length) + units;
  }

  // Collects the serialization as binary-string parts, joined once at the end.
  // hooks (RPC, and structuredClone for what it passes by reference): { byReference(value),
  // write(value) -> stub id, read(id) -> stub, rpc } or null.
  class Writer {
    constructor(hooks) {
      this.hooks = hooks;
      this.parts = [];
      this.objects = new Map(); // object -> index, in order of first appearance
    }
    byte(b) { this.parts.push(byteText(b)); }
    varint(n) { this.parts.push(varintText(n)); }
    double(x) { this.parts.push(doubleBytes(x)); }
    string(s) { this.parts.push(stringBytes(s)); }
    rawBytes(view) { this.parts.push(internal.bytesToBinary(view)); }
    bigint(value) {
      const negative = value < 0n;
      let hex = (negative ? -value : value).toString(16);
      if (hex.length % 2) hex = "0" + hex;
      this.byte(negative ? 1 : 0);
      this.varint(hex.length / 2);
      for (let i = 0; i < hex.length; i += 2) this.byte(parseInt(hex.slice(i, i + 2), 16));
    }
    result() { return this.parts.join(""); }
  }

  function tagOf(value) {
    return Object.prototype.toString.call(value).slice(8, -1);
  }

  function write(w, value) {
    switch (typeof value) {
      case "undefined": w.byte(T.UNDEFINED); return;
      case "boolean": w.byte(value ? T.TRUE : T.FALSE); return;
      case "number": w.byte(T.NUMBER); w.double(value); return;
      case "string": w.string(value); return;
      case "bigint": w.byte(T.BIGINT); w.bigint(value); return;
      case "symbol": throw cloneError(value.toString()); // as V8 (workerd) words it
      case "function":
        if (w.hooks === null || !w.hooks.byReference(value)) {
          throw cloneError(Function.prototype.toString.call(value));
        }
        break;
      default: break;
    }
    if (value === null) { w.byte(T.NULL); return; }
    const seen = w.objects.get(value);
    if (seen !== undefined) { w.byte(T.REFERENCE); w.varint(seen); return; }
    w.objects.set(value, w.objects.size);
    if (w.hooks !== null && w.hooks.byReference(value)) { w.byte(T.STUB); w.string(w.hooks.write(value)); return; }
    const tag = tagOf(value);
    if (NOT_CLONEABLE_TAGS.has(tag) || value instanceof Promise) throw cloneError(tag);
    // Blob and File (forms.js, installed later; absent when a test loads this file alone).
    const blob = internal.blobParts === undefined ? null : internal.blobParts(value);
    if (blob !== null) {
      if (blob.file === null) {
        w.byte(T.BLOB);
      } else {
        w.byte(T.FILE); w.string(blob.file.name); w.double(blob.file.lastModified);
      }
      w.string(blob.type); w.string(blob.binary);
      return;
    }
    if (value instanceof Date) { w.byte(T.DATE); w.double(value.getTime()); return; }
    if (value instanceof RegExp) { w.byte(T.REGEXP); w.string(value.source); w.string(value.flags); return; }
    if (tag === "SharedArrayBuffer") {
      // Only structuredClone shares one (byReference above): stored or sent, it has no meaning.
      throw cloneError("#<SharedArrayBuffer>");
    }
    if (value instanceof ArrayBuffer) {
      w.byte(T.ARRAY_BUFFER); w.varint(value.byteLength); w.rawBytes(new Uint8Array(value)); return;
    }
    if (ArrayBuffer.isView(value)) {
      if (value instanceof DataView) {
        w.byte(T.DATA_VIEW); w.varint(value.byteOffset); w.varint(value.byteLength);
      } else {
        const kind = TYPED_ARRAYS.findIndex((type) => value instanceof type);
        if (kind < 0) throw cloneError(tag);
        w.byte(T.TYPED_ARRAY); w.byte(kind); w.varint(value.byteOffset); w.varint(value.length);
      }
      write(w, value.buffer);
      return;
    }
    if (value instanceof Map) {
      w.byte(T.MAP); w.varint(value.size);
      for (const [k, v] of value) { write(w, k); write(w, v); }
      return;
    }
    if (value instanceof Set) {
      w.byte(T.SET); w.varint(value.size);
      for (const v of value) write(w, v);
      return;
    }
    if (value instanceof internal.DOMException) {
      w.byte(T.DOM_EXCEPTION); w.string(String(value.name)); w.string(String(value.message));
      return;
    }
    if (value instanceof Error) {
      w.byte(T.ERROR);
      const known = Object.prototype.hasOwnProperty.call(ERROR_TYPES, value.name);
      w.string(known ? value.name : "Error");
      const message = Object.getOwnPropertyDescriptor(value, "message");
      if (message === undefined) {
        w.byte(0);
      } else {
        // Over RPC workerd keeps a custom error's name in its message ("Refused: ..."); storage
        // and structuredClone (V8's serializer) drop it.
        const prefix = w.hooks !== null && w.hooks.rpc && !known && value.name ? `${value.name}: ` : "";
        w.byte(1); w.string(prefix + String(message.value));
      }
      return;
    }
    switch (tag) {
      case "Boolean": w.byte(T.BOOLEAN_OBJECT); w.byte(value.valueOf() ? 1 : 0); return;
      case "Number": w.byte(T.NUMBER_OBJECT); w.double(value.valueOf()); return;
      case "String": w.byte(T.STRING_OBJECT); w.string(value.valueOf()); return;
      case "BigInt": w.byte(T.BIGINT_OBJECT); w.bigint(value.valueOf()); return;
      default: break;
    }
    if (w.hooks !== null && w.hooks.rpc && !Array.isArray(value)) {
      // workerd's RPC serializer takes plain objects only (V8's, for storage, takes any).
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        const type = typeof proto.constructor === "function" && proto.constructor.name ? proto.constructor.name : tag;
        throw new internal.DOMException(
          `Could not serialize object of type "${type}". This type does not support serialization.`,
          "DataCloneError");
      }
    }
    const keys = Object.keys(value);
    if (Array.isArray(value)) {
      w.byte(T.ARRAY); w.varint(value.length);
    } else {
      w.byte(T.OBJECT);
    }
    w.varint(keys.length);
    for (let i = 0; i < keys.length; i++) { w.string(keys[i]); write(w, value[keys[i]]); }
  }

  class Reader {
    constructor(binary, hooks) {
      this.hooks = hooks;
      this.text = binary;
      this.at = 0;
      this.objects = [];
    }
    byte() {
      if (this.at >= this.text.length) throw new TypeError("stored value is truncated");
      return this.text.charCodeAt(this.at++);
    }
    varint() {
      let n = 0;
      let scale = 1;
      for (;;) {
        const b = this.byte();
        n += (b & 0x7f) * scale;
        if ((b & 0x80) === 0) return n;
        scale *= 128;
      }
    }
    double() {
      if (this.at + 8 > this.text.length) throw new TypeError("stored value is truncated");
      const x = doubleAt(this.text, this.at);
      this.at += 8;
      return x;
    }
    string() {
      const tag = this.byte();
      const length = this.varint();
      if (tag === T.LATIN1) {
        const s = this.text.slice(this.at, this.at + length);
        this.at += length;
        return s;
      }
      if (tag !== T.UTF16) throw new TypeError(`stored value is corrupt: string tag ${tag}`);
      let s = "";
      for (let i = 0; i < length; i++) s += String.fromCharCode((this.byte() << 8) | this.byte());
      return s;
    }
    bigint() {
      const negative = this.byte() === 1;
      const length = this.varint();
      let hex = "";
      for (let i = 0; i < length; i++) hex += this.byte().toString(16).padStart(2, "0");
      const magnitude = length === 0 ? 0n : BigInt("0x" + hex);
      return negative ? -magnitude : magnitude;
    }
  }

  function read(r) {
    const tag = r.byte();
    switch (tag) {
      case T.UNDEFINED: return undefined;
      case T.NULL: return null;
      case T.TRUE: return true;
      case T.FALSE: return false;
      case T.NUMBER: return r.double();
      case T.LATIN1: case T.UTF16: r.at--; return r.string();
      case T.BIGINT: return r.bigint();
      case T.REFERENCE: {
        const index = r.varint();
        if (index >= r.objects.length) throw new TypeError("stored value is corrupt: bad reference");
        return r.objects[index];
      }
      default: break;
    }
    const slot = r.objects.length;
    r.objects.push(undefined);
    const keep = (object) => { r.objects[slot] = object; return object; };
    switch (tag) {
      case T.DATE: return keep(new Date(r.double()));
      case T.REGEXP: { const source = r.string(); return keep(new RegExp(source, r.string())); }
      case T.ARRAY_BUFFER: {
        const length = r.varint();
        const bytes = new Uint8Array(length);
        for (let i = 0; i < length; i++) bytes[i] = r.byte();
        return keep(bytes.buffer);
      }
      case T.TYPED_ARRAY: {
        const type = TYPED_ARRAYS[r.byte()];
        const offset = r.varint();
        const length = r.varint();
        return keep(new type(read(r), offset, length));
      }
      case T.DATA_VIEW: {
        const offset = r.varint();
        const length = r.varint();
        return keep(new DataView(read(r), offset, length));
      }
      case T.MAP: {
        const map = keep(new Map());
        const size = r.varint();
        for (let i = 0; i < size; i++) { const k = read(r); map.set(k, read(r)); }
        return map;
      }
      case T.SET: {
        const set = keep(new Set());
        const size = r.varint();
        for (let i = 0; i < size; i++) set.add(read(r));
        return set;
      }
      case T.ERROR: {
        const name = r.string();
        const error = keep(Object.create((ERROR_TYPES[name] ?? Error).prototype));
        if (r.byte() === 1) {
          Object.defineProperty(error, "message", { value: r.string(), writable: true, configurable: true });
        }
        return error;
      }
      case T.BLOB: { const type = r.string(); return keep(internal.blobFromBinary(r.string(), type)); }
      case T.FILE: {
        const name = r.string();
        const lastModified = r.double();
        const type = r.string();
        return keep(internal.fileFromBinary(r.string(), name, type, lastModified));
      }
      case T.DOM_EXCEPTION: {
        const name = r.string();
        return keep(new internal.DOMException(r.string(), name));
      }
      case T.STUB: {
        if (r.hooks === null || r.hooks.read === null) throw new TypeError("stored value is corrupt: a stub outside RPC");
        return keep(r.hooks.read(r.string()));
      }
      case T.BOOLEAN_OBJECT: return keep(Object(r.byte() === 1));
      case T.NUMBER_OBJECT: return keep(Object(r.double()));
      case T.STRING_OBJECT: return keep(Object(r.string()));
      case T.BIGINT_OBJECT: return keep(Object(r.bigint()));
      case T.ARRAY: case T.OBJECT: {
        const object = keep(tag === T.ARRAY ? new Array(r.varint()) : {});
        const count = r.varint();
        for (let i = 0; i < count; i++) {
          const key = r.string();
          // Assignment is define here (plain data properties, none yet) except for "__proto__",
          // whose inherited setter would change the prototype instead.
          if (key === "__proto__") {
            Object.defineProperty(object, key, { value: read(r), writable: true, enumerable: true, configurable: true });
          } else {
            object[key] = read(r);
          }
        }
        return object;
      }
      default: throw new TypeError(`stored value is corrupt: tag ${tag}`);
    }
  }

  // Durable-object storage mostly holds numbers and short strings: a lone primitive is written
  // directly (the same bytes), without a Writer, its parts and its object map.
  const PRIMITIVE_HEAD = String.fromCharCode(FORMAT_VERSION);
  const NUMBER_HEAD = PRIMITIVE_HEAD + byteText(T.NUMBER);
  function serializePrimitive(value) {
    switch (typeof value) {
      case "number": return NUMBER_HEAD + doubleBytes(value);
      case "boolean": return PRIMITIVE_HEAD + byteText(value ? T.TRUE : T.FALSE);
      case "undefined": return PRIMITIVE_HEAD + byteText(T.UNDEFINED);
      case "string": return PRIMITIVE_HEAD + stringBytes(value);
      default: return value === null ? PRIMITIVE_HEAD + byteText(T.NULL) : null;
    }
  }

  // `hooks`: only RPC passes them (see Writer).
  internal.serialize = function serialize(value, hooks = null) {
    const direct = serializePrimitive(value);
    if (direct !== null) return direct;
    const w = new Writer(hooks);
    w.byte(FORMAT_VERSION);
    write(w, value);
    return w.result();
  };

  internal.deserialize = function deserialize(binary, hooks = null) {
    if (binary.length === 10 && binary.charCodeAt(0) === FORMAT_VERSION && binary.charCodeAt(1) === T.NUMBER) {
      return doubleAt(binary, 2);
    }
    const r = new Reader(binary, hooks);
    const version = r.byte();
    if (version !== FORMAT_VERSION) throw new TypeError(`stored value has format version ${version}, expected ${FORMAT_VERSION}`);
    return read(r);
  };

  // structuredClone(value, { transfer }) as workerd does it: the clone shares each
  // SharedArrayBuffer with the original (one thread, so nothing races on it) and takes over each
  // transferred ArrayBuffer's memory, detaching the original. workerd's checks are looser than
  // HTML's: a listed view stands for its buffer, a repeated or already detached buffer is accepted,
  // and the buffers are detached even when the value then fails to clone.
  const TRANSFER_NOT_ARRAY = "Incorrect type for the 'transfer' field on 'StructuredCloneOptions': " +
    "the provided value is not of type 'Array'.";
  function transferList(options) {
    if (options === undefined || options === null) return [];
    const transfer = options.transfer;
    if (transfer === undefined) return [];
    if (!Array.isArray(transfer)) throw new TypeError(TRANSFER_NOT_ARRAY);
    return transfer.map((item) => {
      const buffer = ArrayBuffer.isView(item) ? item.buffer : item;
      if (!(buffer instanceof ArrayBuffer)) throw new TypeError("Object is not transferable");
      return buffer;
    });
  }
  internal.structuredClone = function structuredClone(value, options = undefined) {
    const transferred = new Map(); // buffer -> its memory, moved once the value is serialized
    for (const buffer of transferList(options)) transferred.set(buffer, null);
    const shared = [];
    const hooks = {
      rpc: false,
      byReference: (v) => transferred.has(v) || tagOf(v) === "SharedArrayBuffer",
      write(v) {
        shared.push(v);
        return String(shared.length - 1);
      },
      read: (index) => {
        const v = shared[Number(index)];
        return transferred.has(v) ? transferred.get(v) : v;
      },
    };
    let binary;
    try {
      binary = internal.serialize(value, hooks);
    } finally {
      for (const buffer of transferred.keys()) {
        transferred.set(buffer, buffer.detached ? new ArrayBuffer(0) : buffer.transfer());
      }
    }
    return internal.deserialize(binary, hooks);
  };
  internal.defineGlobal("structuredClone", internal.structuredClone);
});
