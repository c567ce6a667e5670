// File API (W3C): Blob and File; XMLHttpRequest Standard §4.3: FormData; HTML §4.10.21.8: the
// multipart/form-data encoding, and Fetch's body parsing of urlencoded and multipart forms.
// Bytes are kept as binary strings, like bodies. A form's multipart boundary is drawn from the
// instance's seeded stream, so the bytes a form sends are the same on every run.
// Needs: encoding.js, url.js (URLSearchParams), runtime.js (internal.randomBytes), streams.js.
(function (internal) {
  "use strict";
  const host = internal.host;
  const utf8Binary = internal.utf8Binary;
  const fromBinary = internal.binaryToBytes;
  const URLSearchParamsClass = globalThis.URLSearchParams;
  const toUSV = internal.toUSV;
  const decodeUtf8 = (binary) => host.utf8Decode(binary, false);

  const BLOBS = new WeakMap(); // Blob -> { binary, type }
  const FILES = new WeakMap(); // File -> { name, lastModified }
  const FORMS = new WeakMap(); // FormData -> entry list [[name, string or File]]

  function blobOf(object) {
    const record = typeof object === "object" && object !== null ? BLOBS.get(object) : undefined;
    if (record === undefined) throw new TypeError("Illegal invocation: not a Blob");
    return record;
  }

  // File API §3.1: a type is kept lower-cased, or dropped if it has a character outside U+0020–7E.
  function normalizeType(type) {
    const text = String(type);
    return /^[\x20-\x7e]*$/.test(text) ? text.toLowerCase() : "";
  }

  // "process blob parts": strings as UTF-8 (endings "native" means LF here), buffers as bytes.
  function partsBinary(parts, endings) {
    if (parts === undefined) return "";
    if (parts === null || typeof parts !== "object" || typeof parts[Symbol.iterator] !== "function") {
      throw new TypeError("Blob: the parts must be an iterable (e.g. an array)");
    }
    let binary = "";
    for (const part of parts) {
      const bytes = internal.bufferSourceBinary(part);
      if (bytes !== null) binary += bytes;
      else if (BLOBS.has(part)) binary += BLOBS.get(part).binary;
      else {
        let text = toUSV(part);
        if (endings === "native") text = text.replace(/\r\n|\r/g, "\n");
        binary += utf8Binary(text);
      }
    }
    return binary;
  }

  function endingsOf(options) {
    const endings = options.endings === undefined ? "transparent" : String(options.endings);
    if (endings !== "transparent" && endings !== "native") throw new TypeError(`Blob: '${endings}' is not a valid endings value`);
    return endings;
  }

  const CREATE = Symbol("create");

  class Blob {
    constructor(blobParts = undefined, options = undefined) {
      const opts = options === undefined || options === null ? {} : options;
      if (blobParts === CREATE) { // built inside the prelude from bytes it already has
        BLOBS.set(this, { binary: opts.binary, type: opts.type });
        return;
      }
      const binary = partsBinary(blobParts, endingsOf(opts));
      BLOBS.set(this, { binary, type: opts.type === undefined ? "" : normalizeType(opts.type) });
    }
    get size() { return blobOf(this).binary.length; }
    get type() { return blobOf(this).type; }

    // File API §3.3.1: negative positions count from the end; the range is clamped.
    slice(start = undefined, end = undefined, contentType = undefined) {
      const { binary } = blobOf(this);
      const size = binary.length;
      const clamp = (value, fallback) => {
        if (value === undefined) return fallback;
        const n = Math.trunc(Number(value)) || 0;
        return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
      };
      const from = clamp(start, 0);
      const to = clamp(end, size);
      const type = contentType === undefined ? "" : normalizeType(contentType);
      return new Blob(CREATE, { binary: binary.slice(from, Math.max(from, to)), type });
    }
    text() {
      try {
        return Promise.resolve(internal.utf8Text(blobOf(this).binary));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    arrayBuffer() {
      try {
        return Promise.resolve(fromBinary(blobOf(this).binary).buffer);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    bytes() {
      try {
        return Promise.resolve(fromBinary(blobOf(this).binary));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    stream() { return internal.streams.ofBytes(fromBinary(blobOf(this).binary)); }
  }
  Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: "Blob", configurable: true });

  class File extends Blob {
    constructor(fileBits, fileName, options = undefined) {
      if (arguments.length < 2) throw new TypeError("File: needs the bits and a file name");
      const opts = options === undefined || options === null ? {} : options;
      super(fileBits, opts);
      const lastModified = opts.lastModified === undefined ? Date.now() : Number(opts.lastModified);
      FILES.set(this, { name: toUSV(fileName), lastModified: Math.trunc(lastModified) || 0 });
    }
    get name() { return fileOf(this).name; }
    get lastModified() { return fileOf(this).lastModified; }
    get webkitRelativePath() { fileOf(this); return ""; }
  }
  Object.defineProperty(File.prototype, Symbol.toStringTag, { value: "File", configurable: true });

  function fileOf(object) {
    const record = typeof object === "object" && object !== null ? FILES.get(object) : undefined;
    if (record === undefined) throw new TypeError("Illegal invocation: not a File");
    return record;
  }

  // A File over bytes the prelude holds (a parsed multipart part, a Blob given a name).
  function newFile(binary, name, type, lastModified) {
    const file = Object.create(File.prototype);
    BLOBS.set(file, { binary, type });
    FILES.set(file, { name, lastModified });
    return file;
  }

  // ---------------------------------------------------------------- FormData (XHR §4.3)

  function entriesOf(object) {
    const list = typeof object === "object" && object !== null ? FORMS.get(object) : undefined;
    if (list === undefined) throw new TypeError("Illegal invocation: not a FormData");
    return list;
  }

  // "create an entry": a Blob value becomes a File named "blob" (or the given file name).
  function entry(name, value, filename, argumentCount) {
    const entryName = toUSV(name);
    if (!BLOBS.has(value)) {
      if (argumentCount > 2) throw new TypeError("FormData: a file name is only allowed with a Blob value");
      return [entryName, toUSV(value)];
    }
    if (FILES.has(value) && filename === undefined) return [entryName, value];
    const name2 = filename !== undefined ? toUSV(filename) : FILES.has(value) ? FILES.get(value).name : "blob";
    const blob = BLOBS.get(value);
    const lastModified = FILES.has(value) ? FILES.get(value).lastModified : Date.now();
    return [entryName, newFile(blob.binary, name2, blob.type, lastModified)];
  }

  class FormData {
    constructor(form = undefined, submitter = undefined) {
      if (form !== undefined) throw new TypeError("FormData: W9Y has no HTML form elements to read");
      void submitter;
      FORMS.set(this, []);
    }
    append(name, value, filename = undefined) {
      if (arguments.length < 2) throw new TypeError("FormData.append needs a name and a value");
      entriesOf(this).push(entry(name, value, filename, arguments.length));
    }
    delete(name) {
      const list = entriesOf(this);
      const key = toUSV(name);
      for (let i = list.length - 1; i >= 0; i--) if (list[i][0] === key) list.splice(i, 1);
    }
    get(name) {
      const key = toUSV(name);
      const found = entriesOf(this).find((pair) => pair[0] === key);
      return found === undefined ? null : found[1];
    }
    getAll(name) {
      const key = toUSV(name);
      return entriesOf(this).filter((pair) => pair[0] === key).map((pair) => pair[1]);
    }
    has(name) {
      const key = toUSV(name);
      return entriesOf(this).some((pair) => pair[0] === key);
    }
    // Replaces the first entry of that name and drops the others, keeping its position.
    set(name, value, filename = undefined) {
      if (arguments.length < 2) throw new TypeError("FormData.set needs a name and a value");
      const list = entriesOf(this);
      const made = entry(name, value, filename, arguments.length);
      const first = list.findIndex((pair) => pair[0] === made[0]);
      if (first < 0) {
        list.push(made);
        return;
      }
      list[first] = made;
      for (let i = list.length - 1; i > first; i--) if (list[i][0] === made[0]) list.splice(i, 1);
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== "function") throw new TypeError("FormData.forEach needs a function");
      const list = entriesOf(this);
      for (let i = 0; i < list.length; i++) callback.call(thisArg, list[i][1], list[i][0], this);
    }
    *entries() {
      const list = entriesOf(this);
      for (let i = 0; i < list.length; i++) yield [list[i][0], list[i][1]];
    }
    *keys() { for (const [name] of this.entries()) yield name; }
    *values() { for (const [, value] of this.entries()) yield value; }
  }
  Object.defineProperty(FormData.prototype, Symbol.iterator, { value: FormData.prototype.entries, writable: true, configurable: true });
  Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: "FormData", configurable: true });

  // ---------------------------------------------------------------- bodies (Fetch §5)

  // HTML's multipart/form-data encoding: names and file names escape LF, CR and '"'; string
  // values normalize line breaks to CRLF.
  const escapeName = (name) => name.replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/"/g, "%22");
  const crlf = (text) => text.replace(/\r\n|\r|\n/g, "\r\n");
  const BOUNDARY_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  function multipart(form) {
    let boundary = "----W9YFormBoundary";
    const random = internal.randomBytes(16);
    for (let i = 0; i < random.length; i++) boundary += BOUNDARY_CHARS[random[i] % BOUNDARY_CHARS.length];
    let binary = "";
    for (const [name, value] of FORMS.get(form)) {
      binary += `--${boundary}\r\nContent-Disposition: form-data; name="${utf8Binary(escapeName(crlf(name)))}"`;
      if (typeof value === "string") {
        binary += `\r\n\r\n${utf8Binary(crlf(value))}\r\n`;
      } else {
        const blob = BLOBS.get(value);
        binary += `; filename="${utf8Binary(escapeName(FILES.get(value).name))}"\r\n`
          + `Content-Type: ${blob.type === "" ? "application/octet-stream" : blob.type}\r\n\r\n${blob.binary}\r\n`;
      }
    }
    binary += `--${boundary}--\r\n`;
    return { binary, type: `multipart/form-data; boundary=${boundary}` };
  }

  // A header's parameter (`boundary=...`, `name="..."`), quoted or not; null when absent.
  function parameter(header, key) {
    const pattern = new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i");
    const match = pattern.exec(header);
    if (match === null) return null;
    return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2];
  }

  function parseMultipart(binary, contentType) {
    const boundary = parameter(contentType, "boundary");
    if (boundary === null || boundary === "") throw new TypeError("formData(): the multipart body's Content-Type has no boundary");
    const delimiter = `--${boundary}`;
    const form = new FormData();
    const list = FORMS.get(form);
    let position = binary.indexOf(delimiter);
    if (position < 0) throw new TypeError("formData(): the body has no multipart delimiter");
    for (;;) {
      position += delimiter.length;
      if (binary.startsWith("--", position)) return form; // the close delimiter
      if (!binary.startsWith("\r\n", position)) throw new TypeError("formData(): a multipart delimiter is not followed by CRLF");
      const headersEnd = binary.indexOf("\r\n\r\n", position + 2);
      if (headersEnd < 0) throw new TypeError("formData(): a multipart part has no end of headers");
      const headerLines = binary.slice(position + 2, headersEnd).split("\r\n");
      const next = binary.indexOf(`\r\n${delimiter}`, headersEnd + 4);
      if (next < 0) throw new TypeError("formData(): the multipart body ends inside a part");
      const content = binary.slice(headersEnd + 4, next);
      let disposition = null;
      let type = "";
      for (const line of headerLines) {
        const colon = line.indexOf(":");
        if (colon < 0) continue;
        const field = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (field === "content-disposition") disposition = value;
        else if (field === "content-type") type = value;
      }
      if (disposition === null || !/^form-data\b/i.test(disposition)) {
        throw new TypeError("formData(): a multipart part has no Content-Disposition: form-data");
      }
      const name = parameter(disposition, "name");
      if (name === null) throw new TypeError("formData(): a multipart part has no name");
      const filename = parameter(disposition, "filename");
      if (filename === null) {
        list.push([decodeUtf8(name), decodeUtf8(content)]);
      } else {
        list.push([decodeUtf8(name), newFile(content, decodeUtf8(filename), normalizeType(type), Date.now())]);
      }
      position = next + 2;
    }
  }

  // Fetch §5 "package data" for formData(): by the body's MIME type.
  internal.parseFormBody = function parseFormBody(binary, contentType) {
    const essence = (contentType ?? "").split(";")[0].trim().toLowerCase();
    if (essence === "multipart/form-data") return parseMultipart(binary, contentType);
    if (essence === "application/x-www-form-urlencoded") {
      const form = new FormData();
      const list = FORMS.get(form);
      for (const [name, value] of new URLSearchParamsClass(decodeUtf8(binary))) list.push([name, value]);
      return form;
    }
    throw new TypeError(`formData(): the body's Content-Type '${contentType ?? ""}' is not a form`);
  };
  // Fetch §5 "extract a body" for a Blob or a FormData; null for anything else.
  internal.extractFormOrBlob = function extractFormOrBlob(value) {
    if (typeof value !== "object" || value === null) return null;
    const blob = BLOBS.get(value);
    if (blob !== undefined) return { binary: blob.binary, type: blob.type === "" ? null : blob.type };
    if (FORMS.has(value)) return multipart(value);
    return null;
  };
  internal.blobFromBinary = (binary, type) => new Blob(CREATE, { binary, type: normalizeType(type ?? "") });
  internal.fileFromBinary = (binary, name, type, lastModified) => newFile(binary, name, normalizeType(type), lastModified);
  // What structured-clone.js stores of a Blob or File; null for any other value.
  internal.blobParts = function blobParts(value) {
    const blob = typeof value === "object" && value !== null ? BLOBS.get(value) : undefined;
    if (blob === undefined) return null;
    return { binary: blob.binary, type: blob.type, file: FILES.has(value) ? FILES.get(value) : null };
  };

  internal.defineGlobal("Blob", Blob);
  internal.defineGlobal("File", File);
  internal.defineGlobal("FormData", FormData);
});
