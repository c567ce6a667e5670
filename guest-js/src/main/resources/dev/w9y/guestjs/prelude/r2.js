// R2 buckets: env.BUCKET as workerd has it (src/workerd/api/r2-bucket.c++): head, get (onlyIf,
// range), put (strings, buffers, views, Blobs, streams; httpMetadata, customMetadata, checksums,
// onlyIf), delete, list (prefix, delimiter, cursor, startAfter, include), multipart uploads. The
// host (dev.w9y.core.r2 via R2Bridge) keeps the objects and answers in R2's words; this file checks
// arguments as workerd does and shapes R2Object / R2ObjectBody. Installs no globals.
// Needs: encoding.js, forms.js (Blob), fetch.js (Headers, Response), workers.js
// (internal.platformBindings).
(function (internal) {
  "use strict";

  const HASHES = [["md5", "MD5", 16], ["sha1", "SHA-1", 20], ["sha256", "SHA-256", 32],
    ["sha384", "SHA-384", 48], ["sha512", "SHA-512", 64]];
  const HTTP_FIELDS = [["contentType", "content-type"], ["contentLanguage", "content-language"],
    ["contentDisposition", "content-disposition"], ["contentEncoding", "content-encoding"],
    ["cacheControl", "cache-control"]];

  function fromHost(start) {
    return new Promise((resolve, reject) => {
      start(resolve, (name, message, flags) => reject(internal.hostError(name, message, flags)));
    });
  }

  function required(args, count, method, parameter, type) {
    if (args.length < count || args[count - 1] === undefined) {
      throw new TypeError(`Failed to execute '${method}' on 'R2Bucket': parameter ${parameter} is not of type '${type}'.`);
    }
  }

  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  function hexBuffer(text) {
    const bytes = new Uint8Array(text.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.substr(i * 2, 2), 16);
    return bytes.buffer;
  }

  // A checksum option as workerd takes it: the digest's bytes or its hex text.
  function checksum(value, name, size) {
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      const bytes = value instanceof ArrayBuffer ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      if (bytes.length !== size) throw new TypeError(`${name} is ${size} bytes, not ${bytes.length}`);
      return hex(bytes);
    }
    const text = String(value);
    if (text.length !== size * 2) throw new TypeError(`${name} is ${size * 2} hex characters, not ${text.length}`);
    if (!/^[0-9a-fA-F]*$/.test(text)) throw new TypeError(`Provided ${name} wasn't a valid hex string`);
    return text.toLowerCase();
  }

  function etagOption(value, field) {
    if (typeof value !== "string") {
      throw new TypeError(`Incorrect type for the '${field}' field on 'Conditional': the provided value is not of type 'string'.`);
    }
    if (value === "*") return [{ type: "wildcard" }];
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      throw new TypeError(`Conditional ETag should not be wrapped in quotes (${value}).`);
    }
    return [{ type: "strong", value }];
  }

  // An If-Match / If-None-Match header: a list of quoted etags, W/ for weak ones, or *.
  function etagHeader(text) {
    const etags = [];
    for (const part of text.split(",")) {
      const item = part.trim();
      if (item === "") continue;
      if (item === "*") etags.push({ type: "wildcard" });
      else if (item.startsWith('W/"') && item.endsWith('"')) etags.push({ type: "weak", value: item.slice(3, -1) });
      else if (item.startsWith('"') && item.endsWith('"') && item.length >= 2) etags.push({ type: "strong", value: item.slice(1, -1) });
      else etags.push({ type: "strong", value: item });
    }
    return etags;
  }

  function dateMillis(value) {
    return value instanceof Date ? value.getTime() : new Date(value).getTime();
  }

  function conditional(onlyIf) {
    if (onlyIf === undefined || onlyIf === null) return undefined;
    if (onlyIf instanceof Headers) {
      const out = { secondsGranularity: true };
      const ifMatch = onlyIf.get("if-match");
      const ifNoneMatch = onlyIf.get("if-none-match");
      const since = onlyIf.get("if-modified-since");
      const unmodified = onlyIf.get("if-unmodified-since");
      if (ifMatch !== null) out.etagMatches = etagHeader(ifMatch);
      if (ifNoneMatch !== null) out.etagDoesNotMatch = etagHeader(ifNoneMatch);
      if (since !== null) out.uploadedAfter = Date.parse(since);
      if (unmodified !== null) out.uploadedBefore = Date.parse(unmodified);
      return out;
    }
    const out = {};
    if (onlyIf.etagMatches !== undefined) out.etagMatches = etagOption(onlyIf.etagMatches, "etagMatches");
    if (onlyIf.etagDoesNotMatch !== undefined) out.etagDoesNotMatch = etagOption(onlyIf.etagDoesNotMatch, "etagDoesNotMatch");
    if (onlyIf.uploadedBefore !== undefined) out.uploadedBefore = dateMillis(onlyIf.uploadedBefore);
    if (onlyIf.uploadedAfter !== undefined) out.uploadedAfter = dateMillis(onlyIf.uploadedAfter);
    if (onlyIf.secondsGranularity !== undefined) out.secondsGranularity = Boolean(onlyIf.secondsGranularity);
    return out;
  }

  function rangeOptions(range, out) {
    if (range === undefined || range === null) return;
    if (range instanceof Headers) {
      const header = range.get("range");
      if (header !== null) out.rangeHeader = header;
      return;
    }
    const r = {};
    if (range.offset !== undefined) {
      r.offset = Math.trunc(Number(range.offset));
      if (r.offset < 0) throw new RangeError(`Invalid range. Starting offset (${r.offset}) must be greater than or equal to 0.`);
    }
    if (range.length !== undefined) {
      r.length = Math.trunc(Number(range.length));
      if (r.length < 0) throw new RangeError(`Invalid range. Length (${r.length}) must be greater than or equal to 0.`);
    }
    if (range.suffix !== undefined) {
      if (range.offset !== undefined || range.length !== undefined) {
        throw new TypeError(range.offset !== undefined ? "Suffix is incompatible with offset." : "Suffix is incompatible with length.");
      }
      r.suffix = Math.trunc(Number(range.suffix));
      if (r.suffix < 0) throw new RangeError(`Invalid suffix. Suffix (${r.suffix}) must be greater than or equal to 0.`);
    }
    out.range = r;
  }

  function httpMetadataOption(value) {
    if (value === undefined || value === null) return undefined;
    const out = {};
    if (value instanceof Headers) {
      for (const [field, header] of HTTP_FIELDS) {
        const v = value.get(header);
        if (v !== null) out[field] = v;
      }
      const expires = value.get("expires");
      if (expires !== null) out.cacheExpiry = Date.parse(expires);
      return out;
    }
    for (const [field] of HTTP_FIELDS) if (value[field] !== undefined) out[field] = String(value[field]);
    if (value.cacheExpiry !== undefined) out.cacheExpiry = dateMillis(value.cacheExpiry);
    return out;
  }

  function customMetadataOption(value) {
    if (value === undefined || value === null) return undefined;
    const out = {};
    for (const key of Object.keys(value)) out[key] = String(value[key]);
    return out;
  }

  class Checksums {
    constructor(known) {
      // Own properties in workerd's order, absent digests undefined.
      for (let i = HASHES.length - 1; i >= 0; i--) {
        const [field] = HASHES[i];
        this[field] = known[field] === undefined ? undefined : hexBuffer(known[field]);
      }
    }
    toJSON() {
      const out = {};
      for (const [field] of HASHES) if (this[field] !== undefined) out[field] = hex(new Uint8Array(this[field]));
      return out;
    }
  }

  function httpMetadataOf(raw) {
    const out = {};
    for (const [field] of HTTP_FIELDS) if (raw[field] !== undefined) out[field] = raw[field];
    if (raw.cacheExpiry !== undefined) out.cacheExpiry = new Date(raw.cacheExpiry);
    return out;
  }

  // R2Object: workerd names its class HeadResult (R2ObjectBody: GetResult).
  class HeadResult {
    constructor(raw) {
      this.ssecKeyMd5 = undefined;
      this.storageClass = ""; // what workerd's local R2 reports for every object
      this.range = raw.range === undefined ? undefined : { offset: raw.range.offset, length: raw.range.length };
      this.customMetadata = { ...raw.customMetadata };
      this.httpMetadata = httpMetadataOf(raw.httpMetadata);
      this.uploaded = new Date(raw.uploaded);
      this.checksums = new Checksums(raw.checksums);
      this.httpEtag = `"${raw.etag}"`;
      this.etag = raw.etag;
      this.size = raw.size;
      this.version = raw.version;
      this.key = raw.key;
    }
    writeHttpMetadata(headers) {
      const m = this.httpMetadata;
      for (const [field, header] of HTTP_FIELDS) if (m[field] !== undefined) headers.set(header, m[field]);
      if (m.cacheExpiry !== undefined) headers.set("expires", m.cacheExpiry.toUTCString());
    }
  }
  Object.defineProperty(HeadResult.prototype, Symbol.toStringTag, { value: "HeadResult" });

  const RESPONSES = new WeakMap();
  // The body to read, once: a second read rejects in workerd's words for R2 bodies.
  function unread(result) {
    const response = RESPONSES.get(result);
    if (response.bodyUsed) {
      throw new TypeError("Body has already been used. It can only be used once. Use tee() first if you need to read it twice.");
    }
    return response;
  }
  class GetResult extends HeadResult {
    constructor(raw, binary) {
      super(raw);
      RESPONSES.set(this, new Response(internal.binaryToBytes(binary)));
    }
    get body() { return RESPONSES.get(this).body; }
    get bodyUsed() { return RESPONSES.get(this).bodyUsed; }
    async arrayBuffer() { return unread(this).arrayBuffer(); }
    async bytes() { return new Uint8Array(await unread(this).arrayBuffer()); }
    async text() { return unread(this).text(); }
    async json() { return unread(this).json(); }
    async blob() {
      const buffer = await unread(this).arrayBuffer();
      return new Blob([buffer], { type: this.httpMetadata.contentType ?? "" });
    }
  }
  Object.defineProperty(GetResult.prototype, Symbol.toStringTag, { value: "GetResult" });

  const object = (json) => (json === null ? null : new HeadResult(JSON.parse(json)));

  // A value put() stores, as a binary string.
  async function bodyBinary(value, method) {
    if (value === null || value === undefined) return "";
    if (typeof value === "string") return internal.utf8Binary(value);
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return internal.bufferSourceBinary(value);
    if (value instanceof ReadableStream) {
      return internal.bytesToBinary(new Uint8Array(await new Response(value).arrayBuffer()));
    }
    const blob = internal.blobParts(value);
    if (blob !== null) return blob.binary;
    throw new TypeError(`Failed to execute '${method}' on '${method === "put" ? "R2Bucket" : "R2MultipartUpload"}': parameter 2 is not of type 'ReadableStream or ArrayBuffer or ArrayBufferView or string or Blob'.`);
  }

  class R2MultipartUpload {
    #fns;
    constructor(fns, key, uploadId) {
      this.#fns = fns;
      this.uploadId = uploadId;
      this.key = key;
    }
    async uploadPart(partNumber, value) {
      const fns = this.#fns;
      const number = Math.trunc(Number(partNumber));
      if (!(number >= 1 && number <= 10000)) {
        throw new TypeError(`Part number must be between 1 and 10000 (inclusive). Actual value was: ${number}`);
      }
      const binary = await bodyBinary(value, "uploadPart");
      const etag = await fromHost((ok, fail) => fns.uploadPart(this.key, this.uploadId, number, binary, ok, fail));
      return { partNumber: number, etag };
    }
    async abort() {
      const fns = this.#fns;
      await fromHost((ok, fail) => fns.abortMultipartUpload(this.key, this.uploadId, () => ok(undefined), fail));
    }
    async complete(uploadedParts) {
      const fns = this.#fns;
      const parts = JSON.stringify(Array.from(uploadedParts, (p) => ({ part: Number(p.partNumber), etag: String(p.etag) })));
      return object(await fromHost((ok, fail) => fns.completeMultipartUpload(this.key, this.uploadId, parts, ok, fail)));
    }
  }
  Object.defineProperty(R2MultipartUpload.prototype, Symbol.toStringTag, { value: "R2MultipartUpload" });

  class R2Bucket {
    #fns;
    constructor(fns) {
      this.#fns = fns;
    }

    async head(key) {
      required(arguments, 1, "head", 1, "string");
      const fns = this.#fns;
      return object(await fromHost((ok, fail) => fns.head(String(key), ok, fail)));
    }

    async get(key, options = undefined) {
      required(arguments, 1, "get", 1, "string");
      const fns = this.#fns;
      const opts = options ?? {};
      const request = {};
      const onlyIf = conditional(opts.onlyIf);
      if (onlyIf !== undefined) request.onlyIf = onlyIf;
      rangeOptions(opts.range, request);
      const found = await fromHost((ok, fail) => fns.get(String(key), JSON.stringify(request), ok, fail));
      if (found === null) return null;
      if (found[1] === null) return new HeadResult(JSON.parse(found[0]));
      return new GetResult(JSON.parse(found[0]), found[1]);
    }

    async put(key, value, options = undefined) {
      required(arguments, 1, "put", 1, "string");
      const fns = this.#fns;
      const name = String(key);
      const opts = options ?? {};
      const request = { checksums: {} };
      const httpMetadata = httpMetadataOption(opts.httpMetadata);
      if (httpMetadata !== undefined) request.httpMetadata = httpMetadata;
      const customMetadata = customMetadataOption(opts.customMetadata);
      if (customMetadata !== undefined) request.customMetadata = customMetadata;
      const onlyIf = conditional(opts.onlyIf);
      if (onlyIf !== undefined) request.onlyIf = onlyIf;
      for (const [field, name2, size] of HASHES) {
        if (opts[field] !== undefined) request.checksums[field] = checksum(opts[field], name2, size);
      }
      const binary = await bodyBinary(value, "put");
      return object(await fromHost((ok, fail) => fns.put(name, binary, JSON.stringify(request), ok, fail)));
    }

    async delete(keys) {
      required(arguments, 1, "delete", 1, "string or Array");
      const fns = this.#fns;
      const list = Array.isArray(keys) ? keys.map(String) : [String(keys)];
      await fromHost((ok, fail) => fns.delete(JSON.stringify(list), () => ok(undefined), fail));
    }

    async list(options = undefined) {
      const fns = this.#fns;
      const opts = options ?? {};
      const request = {};
      for (const field of ["prefix", "cursor", "delimiter", "startAfter"]) {
        if (opts[field] !== undefined && opts[field] !== null) request[field] = String(opts[field]);
      }
      if (opts.limit !== undefined && opts.limit !== null) request.limit = Math.trunc(Number(opts.limit));
      if (opts.include !== undefined && opts.include !== null) {
        request.include = Array.from(opts.include, (value) => {
          if (value !== "httpMetadata" && value !== "customMetadata") throw new RangeError(`Unsupported include value ${value}`);
          return value;
        });
      }
      const page = JSON.parse(await fromHost((ok, fail) => fns.list(JSON.stringify(request), ok, fail)));
      const result = { objects: page.objects.map((raw) => new HeadResult(raw)), truncated: page.truncated };
      result.cursor = page.truncated ? page.cursor : undefined; // an own property either way
      result.delimitedPrefixes = page.delimitedPrefixes;
      return result;
    }

    async createMultipartUpload(key, options = undefined) {
      required(arguments, 1, "createMultipartUpload", 1, "string");
      const fns = this.#fns;
      const name = String(key);
      const opts = options ?? {};
      const request = {};
      const httpMetadata = httpMetadataOption(opts.httpMetadata);
      if (httpMetadata !== undefined) request.httpMetadata = httpMetadata;
      const customMetadata = customMetadataOption(opts.customMetadata);
      if (customMetadata !== undefined) request.customMetadata = customMetadata;
      const uploadId = await fromHost((ok, fail) => fns.createMultipartUpload(name, JSON.stringify(request), ok, fail));
      return new R2MultipartUpload(fns, name, uploadId);
    }

    resumeMultipartUpload(key, uploadId) {
      required(arguments, 1, "resumeMultipartUpload", 1, "string");
      required(arguments, 2, "resumeMultipartUpload", 2, "string");
      return new R2MultipartUpload(this.#fns, String(key), String(uploadId));
    }
  }
  Object.defineProperty(R2Bucket.prototype, Symbol.toStringTag, { value: "R2Bucket" });

  internal.platformBindings.r2 = (name, fns) => new R2Bucket(fns);
});
