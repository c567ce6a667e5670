// Differential probe: R2 buckets (env.R2), every method and option whose answer does not depend on
// the clock or the random stream. GET /<op>?p=<prefix> runs one operation group on keys under the
// prefix and answers a JSON list of what each call gave: an object's description or the error it
// threw/rejected with. `uploaded` and `version` (and upload ids, part etags) are compared by shape.
const bytes = (buffer) => Array.from(new Uint8Array(buffer));
const HEX32 = /^[0-9a-f]{32}$/;

async function attempt(what) {
  try {
    return await describe(await what());
  } catch (e) {
    if (e instanceof SyntaxError) return { error: "SyntaxError" };
    return { error: `${e && e.name}: ${e && e.message}` };
  }
}

async function describe(value) {
  if (value === null) return null;
  if (value === undefined) return "undefined";
  if (value instanceof ArrayBuffer) return { arrayBuffer: bytes(value) };
  if (typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out = [];
    for (const v of value) out.push(await describe(v));
    return out;
  }
  const tag = Object.prototype.toString.call(value);
  if (tag === "[object HeadResult]" || tag === "[object GetResult]") return object(value);
  const out = {};
  for (const key of Object.keys(value)) out[key] = await describe(value[key]);
  return out;
}

// An R2Object (or R2ObjectBody) with every field workerd gives, the clock's and the random
// stream's by shape; the body read as text.
async function object(o) {
  const out = {
    tag: Object.prototype.toString.call(o),
    own: Object.getOwnPropertyNames(o),
    key: o.key,
    version: HEX32.test(o.version),
    size: o.size,
    etag: o.etag,
    httpEtag: o.httpEtag,
    uploaded: o.uploaded instanceof Date && Number.isFinite(o.uploaded.getTime()),
    httpMetadata: o.httpMetadata,
    cacheExpiry: o.httpMetadata.cacheExpiry instanceof Date ? o.httpMetadata.cacheExpiry.getTime() : null,
    customMetadata: o.customMetadata,
    checksums: o.checksums.toJSON(),
    checksumKeys: Object.keys(o.checksums),
    md5: o.checksums.md5 === undefined ? null : bytes(o.checksums.md5),
    range: o.range === undefined ? "undefined" : o.range,
    storageClass: o.storageClass,
    hasBody: "body" in o,
  };
  const headers = new Headers();
  o.writeHttpMetadata(headers);
  out.headers = [...headers];
  if ("body" in o) {
    out.bodyUsed = o.bodyUsed;
    out.text = await o.text();
    out.bodyUsedAfter = o.bodyUsed;
    out.again = await attempt(() => o.text());
  }
  return out;
}

// Whether a call throws at once or returns a promise (that may reject): workerd rejects for every
// R2Bucket method but resumeMultipartUpload.
function how(call) {
  try {
    const value = call();
    if (value && typeof value.catch === "function") {
      value.catch(() => {});
      return "promise";
    }
    return typeof value;
  } catch (e) {
    return `throws ${e.name}: ${e.message}`;
  }
}

const OPS = {
  async sync(p, R2) {
    await R2.put(`${p}a`, "abc");
    const read = await R2.get(`${p}a`);
    await read.text();
    return [
      how(() => R2.get()),
      how(() => R2.head()),
      how(() => R2.put()),
      how(() => R2.delete()),
      how(() => R2.get(`${p}a`, { range: { offset: -1 } })),
      how(() => R2.get(`${p}a`, { onlyIf: { etagMatches: '"x"' } })),
      how(() => R2.put(`${p}a`, {})),
      how(() => R2.put(`${p}a`, "x", { md5: "00" })),
      how(() => R2.list({ include: ["x"] })),
      how(() => R2.resumeMultipartUpload(`${p}a`)),
      how(() => R2.resumeMultipartUpload()),
      how(() => read.text()),
      how(() => read.arrayBuffer()),
      Object.prototype.toString.call(R2),
      Object.keys(R2),
    ];
  },

  async basics(p, R2) {
    return [
      await attempt(() => R2.put(`${p}a`, "hello", { httpMetadata: { contentType: "text/plain", cacheExpiry: new Date(5000) }, customMetadata: { x: "1", y: 2 } })),
      await attempt(() => R2.head(`${p}a`)),
      await attempt(() => R2.get(`${p}a`)),
      await attempt(() => R2.get(`${p}missing`)),
      await attempt(() => R2.head(`${p}missing`)),
      await attempt(() => R2.get(5)),
      await attempt(() => R2.get()),
      await attempt(() => R2.head()),
      await attempt(() => R2.get(`${p}` + "k".repeat(1025))),
      await attempt(() => R2.put(`${p}` + "k".repeat(1025), "x")),
      await attempt(() => R2.delete(`${p}` + "k".repeat(1025))),
    ];
  },

  async values(p, R2) {
    const out = [];
    const puts = [
      ["string", "héllo"],
      ["buffer", new Uint8Array([0, 1, 255]).buffer],
      ["view", new Uint8Array([9, 8, 7, 6]).subarray(1, 3)],
      ["dataview", new DataView(new Uint8Array([5, 6, 7]).buffer, 1)],
      ["blob", new Blob(["blob ", "parts"])],
      ["response", new Response("streamed ✓").body],
      ["null", null],
      ["undefined", undefined],
      ["number", 42],
      ["object", { a: 1 }],
    ];
    for (const [name, value] of puts) {
      out.push([name, await attempt(() => R2.put(`${p}${name}`, value))]);
      out.push([name, await attempt(async () => { const o = await R2.get(`${p}${name}`); return o && bytes(await o.arrayBuffer()); })]);
    }
    out.push(await attempt(async () => { const o = await R2.get(`${p}string`); return bytes(await o.bytes()); }));
    out.push(await attempt(async () => { await R2.put(`${p}json`, '{"a":[1]}', { httpMetadata: { contentType: "application/json" } }); const o = await R2.get(`${p}json`); return o.json(); }));
    out.push(await attempt(async () => { const o = await R2.get(`${p}json`); const b = await o.blob(); return { type: b.type, size: b.size, text: await b.text() }; }));
    out.push(await attempt(async () => { const o = await R2.get(`${p}json`); return new Response(o.body).text(); }));
    return out;
  },

  async metadata(p, R2) {
    const headers = new Headers({ "content-type": "a/b", "cache-control": "no-store", "content-disposition": "inline", "content-encoding": "gzip", "content-language": "en", expires: "Thu, 01 Jan 1970 00:00:05 GMT", "x-other": "1" });
    return [
      await attempt(() => R2.put(`${p}h`, "x", { httpMetadata: headers })),
      await attempt(() => R2.get(`${p}h`)),
      await attempt(() => R2.put(`${p}o`, "x", { httpMetadata: { bogus: 1, contentType: 5, cacheControl: "max-age=1" } })),
      await attempt(() => R2.put(`${p}c`, "x", { customMetadata: { n: 5, "é": "ü" } })),
      await attempt(() => R2.put(`${p}big`, "x", { customMetadata: { a: "x".repeat(2047) } })),
      await attempt(() => R2.put(`${p}big`, "x", { customMetadata: { a: "x".repeat(2048) } })),
      await attempt(() => R2.put(`${p}big`, "x", { customMetadata: { a: "é".repeat(1023) } })),
      await attempt(() => R2.put(`${p}big`, "x", { customMetadata: { a: "ā".repeat(1023) } })),
      await attempt(() => R2.put(`${p}sc`, "x", { storageClass: "InfrequentAccess" })),
    ];
  },

  async checksums(p, R2) {
    return [
      await attempt(() => R2.put(`${p}a`, "x", { md5: "9dd4e461268c8034f5c8564e155c67a6" })),
      await attempt(() => R2.put(`${p}a`, "x", { md5: "00000000000000000000000000000000" })),
      await attempt(() => R2.put(`${p}a`, "x", { md5: new Uint8Array(16).buffer })),
      await attempt(() => R2.put(`${p}a`, "x", { md5: new Uint8Array(3) })),
      await attempt(() => R2.put(`${p}a`, "x", { md5: "00" })),
      await attempt(() => R2.put(`${p}a`, "x", { sha1: "00".repeat(20) })),
      await attempt(() => R2.put(`${p}a`, "x", { sha1: "zz".repeat(20) })),
      await attempt(() => R2.put(`${p}a`, "x", { sha256: "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881" })),
      await attempt(() => R2.head(`${p}a`)),
      await attempt(() => R2.put(`${p}a`, "x", { sha384: "00".repeat(48) })),
      await attempt(() => R2.put(`${p}a`, "x", { sha512: "00".repeat(64) })),
    ];
  },

  async conditionals(p, R2) {
    const put = await R2.put(`${p}a`, "abc");
    const etag = put.etag;
    const only = (onlyIf) => attempt(() => R2.get(`${p}a`, { onlyIf }));
    return [
      await only({ etagMatches: etag }),
      await only({ etagMatches: "nope" }),
      await only({ etagMatches: "*" }),
      await only({ etagMatches: `"${etag}"` }),
      await only({ etagMatches: [etag] }),
      await only({ etagDoesNotMatch: etag }),
      await only({ etagDoesNotMatch: "nope" }),
      await only({ etagDoesNotMatch: `W/"${etag}"` }),
      await only({ uploadedBefore: new Date(0) }),
      await only({ uploadedAfter: new Date(0) }),
      await only({ uploadedAfter: new Date(0), etagDoesNotMatch: etag }),
      await only({ uploadedBefore: new Date(0), etagMatches: etag }),
      await only(new Headers({ "if-match": `"${etag}"` })),
      await only(new Headers({ "if-match": '"nope"' })),
      await only(new Headers({ "if-match": "*" })),
      await only(new Headers({ "if-none-match": `W/"${etag}"` })),
      await only(new Headers({ "if-none-match": `"x", "${etag}"` })),
      await only(new Headers({ "if-modified-since": "Thu, 01 Jan 2099 00:00:00 GMT" })),
      await only(new Headers({ "if-unmodified-since": "Thu, 01 Jan 1970 00:00:00 GMT" })),
      await attempt(() => R2.get(`${p}missing`, { onlyIf: { etagMatches: "x" } })),
      await attempt(() => R2.put(`${p}a`, "new", { onlyIf: { etagMatches: "nope" } })),
      await attempt(() => R2.put(`${p}a`, "new", { onlyIf: { etagDoesNotMatch: "*" } })),
      await attempt(() => R2.put(`${p}b`, "new", { onlyIf: { etagDoesNotMatch: "*" } })),
      await attempt(() => R2.put(`${p}a`, "new", { onlyIf: { etagMatches: etag } })),
      await attempt(() => R2.get(`${p}a`)),
    ];
  },

  async ranges(p, R2) {
    await R2.put(`${p}a`, "abcdefghij");
    const range = (r) => attempt(() => R2.get(`${p}a`, { range: r }));
    return [
      await range({ offset: 1, length: 2 }),
      await range({ offset: 3 }),
      await range({ length: 4 }),
      await range({ suffix: 3 }),
      await range({ suffix: 30 }),
      await range({ offset: 8, length: 100 }),
      await range({ offset: 10 }),
      await range({ offset: 11 }),
      await range({ length: 0 }),
      await range({ suffix: 0 }),
      await range({ offset: -1 }),
      await range({ offset: 1, length: -1 }),
      await range({ suffix: -1 }),
      await range({ offset: 1, suffix: 1 }),
      await range({ length: 1, suffix: 1 }),
      await range(new Headers({ range: "bytes=2-4" })),
      await range(new Headers({ range: "bytes=7-" })),
      await range(new Headers({ range: "bytes=-2" })),
      await range(new Headers({ range: "bytes=20-30" })),
      await range(new Headers({ range: "bytes=0-1,3-4" })),
      await range(new Headers({ range: "bytes=0-100" })),
      await range(new Headers({ range: "items=0-1" })),
      await range(new Headers({})),
      await attempt(() => R2.get(`${p}a`, { range: { offset: 1, length: 2 }, onlyIf: { etagMatches: "nope" } })),
    ];
  },

  async deletes(p, R2) {
    for (const k of ["a", "b", "c"]) await R2.put(`${p}${k}`, k);
    return [
      await attempt(() => R2.delete(`${p}a`)),
      await attempt(() => R2.head(`${p}a`)),
      await attempt(() => R2.delete([`${p}b`, `${p}c`, `${p}zzz`])),
      await attempt(() => R2.list({ prefix: p })),
      await attempt(() => R2.delete(`${p}never`)),
      await attempt(() => R2.delete([])),
      await attempt(() => R2.delete()),
    ];
  },

  async list(p, R2) {
    for (const k of ["a/1", "a/2", "a/b/3", "b", "c/x", "c/y", "d", "é", "z"]) {
      await R2.put(`${p}${k}`, k, { httpMetadata: { contentType: "t/" + k.length }, customMetadata: { k } });
    }
    const list = (o) => attempt(() => R2.list({ prefix: p, ...o }));
    const pages = async (o) => {
      const seen = [];
      let cursor;
      for (let i = 0; i < 10; i++) {
        const page = await R2.list({ prefix: p, ...o, cursor });
        seen.push(await describe(page));
        if (!page.truncated) break;
        cursor = page.cursor;
      }
      return seen;
    };
    return [
      await list({}),
      await list({ delimiter: "/" }),
      await pages({ delimiter: "/", limit: 2 }),
      await pages({ limit: 3 }),
      await list({ prefix: `${p}a/`, delimiter: "/" }),
      await list({ startAfter: `${p}b`, limit: 2 }),
      await list({ include: ["httpMetadata"] }),
      await list({ include: ["customMetadata", "httpMetadata"], limit: 2 }),
      await list({ include: ["bogus"] }),
      await list({ limit: 0 }),
      await list({ limit: 1001 }),
      await list({ limit: 1.5 }),
      await list({ delimiter: "" }),
      await list({ prefix: `${p}nothing` }),
    ];
  },

  async multipart(p, R2) {
    const five = "x".repeat(5 * 1024 * 1024);
    return [
      await attempt(async () => {
        const u = await R2.createMultipartUpload(`${p}m`, { customMetadata: { a: "b" }, httpMetadata: { contentType: "t/m" } });
        const shape = { tag: Object.prototype.toString.call(u), own: Object.getOwnPropertyNames(u), key: u.key, id: typeof u.uploadId };
        const p1 = await u.uploadPart(1, five);
        const p2 = await u.uploadPart(2, "yy");
        const done = await u.complete([p1, p2]);
        const got = await R2.get(`${p}m`, { range: { suffix: 3 } });
        return { shape, part: [p1.partNumber, typeof p1.etag, Object.keys(p1)], done, got, size: (await R2.head(`${p}m`)).size };
      }),
      await attempt(async () => {
        const u = await R2.createMultipartUpload(`${p}small`);
        const p1 = await u.uploadPart(1, "small");
        const p2 = await u.uploadPart(2, "yy");
        return u.complete([p1, p2]);
      }),
      await attempt(async () => {
        const u = await R2.createMultipartUpload(`${p}uneven`);
        const p1 = await u.uploadPart(1, five);
        const p2 = await u.uploadPart(2, five + "x");
        return u.complete([p1, p2]);
      }),
      await attempt(async () => {
        const u = await R2.createMultipartUpload(`${p}aborted`);
        await u.uploadPart(1, "small");
        await u.abort();
        await u.abort();
        return u.uploadPart(2, "x");
      }),
      await attempt(async () => {
        const u = await R2.createMultipartUpload(`${p}resumed`);
        const again = R2.resumeMultipartUpload(`${p}resumed`, u.uploadId);
        const part = await again.uploadPart(1, "only");
        return u.complete([part]);
      }),
      await attempt(() => R2.resumeMultipartUpload(`${p}x`, "nope").uploadPart(1, "x")),
      await attempt(() => R2.resumeMultipartUpload(`${p}x`, "nope").complete([])),
      await attempt(() => R2.resumeMultipartUpload(`${p}x`, "nope").abort()),
      await attempt(async () => (await R2.createMultipartUpload(`${p}empty`)).complete([])),
      await attempt(async () => (await R2.createMultipartUpload(`${p}n`)).uploadPart(0, "x")),
      await attempt(async () => (await R2.createMultipartUpload(`${p}n`)).uploadPart(10001, "x")),
      await attempt(async () => {
        const u = await R2.createMultipartUpload(`${p}bad`);
        await u.uploadPart(1, "x");
        return u.complete([{ partNumber: 1, etag: "bad" }]);
      }),
    ];
  },
};

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const op = OPS[url.pathname.slice(1)];
    if (!op) return new Response("no such op", { status: 404 });
    return Response.json(await op(url.searchParams.get("p") ?? "", env.R2));
  },
};
