// Web API corners the web-platform-tests found (issue 16 item 6), each path one question:
// SharedArrayBuffer and Atomics, TextDecoder's legacy encodings, byte streams and BYOB readers, a
// consumed body's stream, URLSearchParams' constructor, structuredClone's transfer list, and the
// conversion of timer delays. Each answers with what it observed, or the error's name and message.
const hex = (text) => Array.from(text, (c) => c.codePointAt(0).toString(16)).join(" ");
const tag = (v) => Object.prototype.toString.call(v);
const describe = (s) => (s === null ? "null" : `${s.constructor.name} locked=${s.locked}`);

// Fires timers with these delays; answers the order of those that fired within 200 ms.
const fired = (delays) => new Promise((resolve) => {
  const seen = [];
  const ids = delays.map((d, i) => setTimeout(() => seen.push(i), d));
  setTimeout(() => { ids.forEach(clearTimeout); resolve(seen.join(",")); }, 200);
});

const SINGLE_BYTE = ["ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6",
  "iso-8859-7", "iso-8859-8", "iso-8859-13", "iso-8859-15", "iso-8859-16", "koi8-r", "koi8-u",
  "macintosh", "windows-874", "windows-1250", "windows-1251", "windows-1252", "windows-1253",
  "windows-1254", "windows-1255", "windows-1256", "windows-1257", "windows-1258", "x-mac-cyrillic",
  "x-user-defined"];
const HIGH_BYTES = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
// Multi-byte samples: [label, bytes], valid text and errors both.
const SAMPLES = [
  ["shift_jis", [0x82, 0xa0, 0x93, 0xfa, 0x96, 0x7b, 0xb1, 0x41]],
  ["shift_jis", [0x82, 0x20, 0xff, 0x80, 0xa0, 0xfd, 0x87, 0x40, 0xed, 0x40]],
  ["euc-jp", [0xa4, 0xa2, 0x8e, 0xb1, 0x8f, 0xb0, 0xa1, 0xa1, 0xa1, 0xff, 0x41]],
  ["iso-2022-jp", [0x1b, 0x24, 0x42, 0x30, 0x21, 0x1b, 0x28, 0x42, 0x41, 0x1b, 0x28, 0x4a, 0x5c]],
  ["gbk", [0xc4, 0xe3, 0xba, 0xc3, 0x80, 0x41, 0xff]],
  ["gb18030", [0x81, 0x30, 0x81, 0x30, 0xa1, 0xa1, 0x95, 0x32, 0x82, 0x36, 0x84, 0x31, 0xa4, 0x39]],
  ["big5", [0xa4, 0x40, 0xa4, 0x48, 0x88, 0x62, 0x88, 0x64, 0xa1, 0x40, 0x80]],
  ["euc-kr", [0xb0, 0xa1, 0xc7, 0xd1, 0x81, 0x41, 0xff]],
  ["utf-16le", [0xff, 0xfe, 0x41, 0x00, 0x3d, 0xd8, 0x00, 0xde, 0x00, 0xd8, 0x42]],
  ["utf-16be", [0xfe, 0xff, 0x00, 0x41, 0xdc, 0x00, 0x00]],
];

// Texts JSON.parse refuses (and a few it takes), each reaching another branch of V8's parser.
const JSON_INPUTS = ["", " ", "{", "}", "x", "[1,]", '{"a":1,}', '{"a" 1}', "[1 2]", '{"a":1 "b"}', '"abc', "1 2",
  '"\\x"', '"a\u0001"', "-", "1.", "1e", "1e+", "01", "-01", "[", "[1", '{"a"', '{"a":', '{"a":1', "tru", "nul",
  "truex", "trux", 't"', "tr-", "fals3", "{1:2}", "'a'", "undefined", "NaN", "Infinity", "[object Object]",
  "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,x]", "[x,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]",
  "[1,2,3,4,5,6,7,8,9,10,x,12,13,14,15,16,17,18]", '{"long key name here": [1, 2, 3], "another": tru}',
  '\n\n  {"a":\n x}', '{\r\n"a":\r\n1\r\n\r\n x}', '{"a":\r1,\n\r"b" 2}', '"\\u12"', '"\\uzzzz"',
  '"\\u12', '"\\', '"\\\u20ac"', '"\\\u00e9"', "[-]", "[.5]", '{"a":1}}', "\u00a0{}", '"\ud800"x',
  '[1, 2, "three", {"four": [5, {"six": 7}]}, null, true, false, -0.5e-3]', "  42  ", '"\\n\\u0041"',
  "[[[[[[[[[[]]]]]]]]]", "[[[[[[[[[[]]]]]]]]]]]", "1e5x", "-Infinity", "+1", ".1", "0x10", "[,]", "{,}",
  '{"a":}', '["a",]', "[\"\t\"]"];

const tests = {
  // ---- SharedArrayBuffer and Atomics
  "sab/globals": () => [typeof SharedArrayBuffer, typeof Atomics, typeof Atomics.waitAsync, tag(Atomics)].join(),
  "sab/ops": () => {
    const s = new SharedArrayBuffer(16);
    const a = new Int32Array(s);
    Atomics.add(a, 0, 5);
    Atomics.store(a, 1, 7);
    return [Atomics.load(a, 0), Atomics.exchange(a, 1, 3), Atomics.compareExchange(a, 1, 3, 9), a[1],
      Atomics.sub(a, 0, 2), Atomics.and(a, 0, 1), Atomics.or(a, 2, 6), Atomics.xor(a, 2, 3), a.join(":"),
      Atomics.isLockFree(4), Atomics.notify(a, 0, 1), s.byteLength, s.growable, tag(s), tag(s.slice(1))].join();
  },
  "sab/grow": () => {
    const s = new SharedArrayBuffer(4, { maxByteLength: 16 });
    s.grow(8);
    return [s.byteLength, s.growable, s.maxByteLength].join();
  },
  "sab/wait": () => Atomics.wait(new Int32Array(new SharedArrayBuffer(16)), 0, 0, 10),
  "sab/wait-not-equal": () => Atomics.wait(new Int32Array(new SharedArrayBuffer(16)), 0, 1),
  "sab/wait-unshared": () => Atomics.wait(new Int32Array(4), 0, 0),
  "sab/wait-async": () => {
    const a = new Int32Array(new SharedArrayBuffer(16));
    const waits = [Atomics.waitAsync(a, 0, 0), Atomics.waitAsync(a, 0, 0), Atomics.waitAsync(a, 1, 0)];
    return [waits.map((w) => `${w.async}:${tag(w.value)}`).join(" "), JSON.stringify(Atomics.waitAsync(a, 0, 0, 0)),
      JSON.stringify(Atomics.waitAsync(a, 0, 5, 10)), Atomics.notify(a, 0, 1), Atomics.notify(a, 0),
      Atomics.notify(a, 0), Atomics.notify(a, 1), Atomics.notify(new Int32Array(4), 0)].join(" | ");
  },
  "sab/clone": () => {
    const s = new SharedArrayBuffer(4);
    const c = structuredClone({ view: new Uint8Array(s) });
    c.view[0] = 9;
    // workerd's clone is another SharedArrayBuffer object over the same memory; W9Y's is the same
    // object (see docs/JS-GUESTS.md), so identity is not compared.
    return [new Uint8Array(s)[0], tag(c.view.buffer)].join();
  },

  // ---- TextDecoder
  "decoder/labels": () => ["utf-8", "UTF8", " latin1 ", "ascii", "iso-8859-1", "iso-8859-9", "iso-8859-11",
    "tis-620", "gb2312", "x-gbk", "big5-hkscs", "sjis", "ms932", "windows-949", "ks_c_5601-1987", "utf-16",
    "ucs-2", "unicodefffe", "x-mac-ukrainian", "koi8-ru", "iso-8859-8-i", "logical", "replacement",
    "iso-2022-kr", "hz-gb-2312", "utf-32", "foo", ""].map((label) => {
    try {
      return `${label}=${new TextDecoder(label).encoding}`;
    } catch (e) {
      return `${label}!${e.name}: ${e.message}`;
    }
  }).join("\n"),
  "decoder/single-byte": () => SINGLE_BYTE.map((l) => `${l}: ${hex(new TextDecoder(l).decode(HIGH_BYTES))}`).join("\n"),
  "decoder/multi-byte": () => SAMPLES.map(([l, b]) => `${l}: ${hex(new TextDecoder(l).decode(new Uint8Array(b)))}`).join("\n"),
  "decoder/fatal": () => SAMPLES.concat([["windows-1252", [0x81]], ["iso-8859-3", [0xa5]], ["windows-1253", [0xaa]]]).map(([l, b]) => {
    try {
      return `${l}: ${hex(new TextDecoder(l, { fatal: true }).decode(new Uint8Array(b)))}`;
    } catch (e) {
      return `${l}! ${e.name}: ${e.message}`;
    }
  }).join("\n"),
  "decoder/stream": () => SAMPLES.map(([l, b]) => {
    const decoder = new TextDecoder(l);
    let out = "";
    for (const byte of b) out += decoder.decode(new Uint8Array([byte]), { stream: true });
    return `${l}: ${hex(out + decoder.decode())}`;
  }).join("\n"),
  "decoder/bom": () => [["utf-16le", [0xff, 0xfe, 0x41, 0]], ["utf-16be", [0xfe, 0xff, 0, 0x41]],
    ["windows-1252", [0xef, 0xbb, 0xbf]], ["utf-16le", [0xfe, 0xff, 0x41, 0]]].map(([l, b]) =>
    `${hex(new TextDecoder(l).decode(new Uint8Array(b)))} / ${hex(new TextDecoder(l, { ignoreBOM: true }).decode(new Uint8Array(b)))}`).join("\n"),
  "decoder/attributes": () => {
    const d = new TextDecoder("Shift_JIS", { fatal: 1, ignoreBOM: "yes" });
    return [d.encoding, d.fatal, d.ignoreBOM, new TextDecoderStream("latin1").encoding].join();
  },
  "decoder/stream-class": async () => {
    const s = new TextDecoderStream("shift_jis");
    const w = s.writable.getWriter();
    w.write(new Uint8Array([0x82]));
    w.write(new Uint8Array([0xa0, 0x82]));
    w.write(new Uint8Array([0xa2]));
    w.close();
    let out = "";
    for await (const chunk of s.readable) out += chunk;
    return out;
  },

  // ---- byte streams and BYOB readers
  "byob/body": async () => {
    const reader = new Response("hello world").body.getReader({ mode: "byob" });
    const a = await reader.read(new Uint8Array(4));
    const b = await reader.read(new Uint8Array(100));
    const c = await reader.read(new Uint8Array(100));
    return JSON.stringify([a.done, a.value.length, a.value.buffer.byteLength, new TextDecoder().decode(a.value),
      b.done, new TextDecoder().decode(b.value), c.done, c.value.length, reader.constructor.name, tag(reader)]);
  },
  "byob/request": async (request) => {
    const reader = request.body.getReader({ mode: "byob" });
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(3));
      if (done) break;
      total += value.length;
    }
    return total;
  },
  "byob/enqueued": async () => {
    const s = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2, 3, 4, 5])); c.close(); } });
    const reader = s.getReader({ mode: "byob" });
    const a = await reader.read(new Uint8Array(2));
    const b = await reader.read(new Uint8Array(10));
    const c = await reader.read(new Uint8Array(10));
    return JSON.stringify([Array.from(a.value), Array.from(b.value), c.done, c.value.length]);
  },
  "byob/auto-allocate": async () => {
    let pulls = 0;
    const s = new ReadableStream({
      type: "bytes",
      autoAllocateChunkSize: 8,
      pull(c) {
        const v = c.byobRequest.view;
        v[0] = 9; v[1] = 8;
        c.byobRequest.respond(2);
        if (++pulls >= 2) c.close();
      },
    });
    const reader = s.getReader();
    const a = await reader.read();
    const b = await reader.read();
    const c = await reader.read();
    return JSON.stringify([Array.from(a.value), a.value.buffer.byteLength, Array.from(b.value), c.done]);
  },
  "byob/respond": async () => {
    const s = new ReadableStream({
      type: "bytes",
      pull(c) {
        const v = c.byobRequest.view;
        v.set([7, 7, 7].slice(0, v.length));
        c.byobRequest.respond(Math.min(3, v.length));
        c.close();
        c.byobRequest?.respond(0);
      },
    });
    const reader = s.getReader({ mode: "byob" });
    const a = await reader.read(new Uint8Array(2));
    const b = await reader.read(new Uint8Array(2));
    return JSON.stringify([Array.from(a.value), b.done, b.value.length]);
  },
  "byob/new-view": async () => {
    const s = new ReadableStream({
      type: "bytes",
      pull(c) {
        const view = c.byobRequest.view;
        view[0] = 42;
        c.byobRequest.respondWithNewView(new Uint8Array(view.buffer, view.byteOffset, 1));
      },
    });
    const { value } = await s.getReader({ mode: "byob" }).read(new Uint8Array(3));
    return Array.from(value).join();
  },
  "byob/wider-views": async () => {
    const s = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2, 3, 4, 5, 6])); c.close(); } });
    const reader = s.getReader({ mode: "byob" });
    const a = await reader.read(new Uint16Array(2));
    const b = await reader.read(new DataView(new ArrayBuffer(4)));
    return JSON.stringify([a.value.constructor.name, Array.from(a.value), b.value.constructor.name, b.value.byteLength, b.value.getUint8(0)]);
  },
  "byob/detaches": async () => {
    const s = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2, 3])); } });
    const buffer = new Uint8Array(10);
    const { value } = await s.getReader({ mode: "byob" }).read(buffer);
    return JSON.stringify([buffer.byteLength, buffer.buffer.detached, value.byteOffset, value.byteLength, value.buffer.byteLength]);
  },
  "byob/tee": async () => {
    const s = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); } });
    const [a, b] = s.tee();
    const first = await a.getReader().read();
    const second = await b.getReader({ mode: "byob" }).read(new Uint8Array(5));
    return JSON.stringify([Array.from(first.value), Array.from(second.value)]);
  },
  "byob/controller": () => {
    let controller;
    new ReadableStream({ type: "bytes", start(c) { controller = c; } });
    return [controller.constructor.name, controller.desiredSize, controller.byobRequest, typeof ReadableStreamBYOBReader,
      typeof ReadableByteStreamController, typeof ReadableStreamBYOBRequest].join();
  },
  "byob/default-stream": () => new ReadableStream().getReader({ mode: "byob" }),
  "byob/empty-view": () => new ReadableStream({ type: "bytes" }).getReader({ mode: "byob" }).read(new Uint8Array(0)),
  "byob/no-view": () => new ReadableStream({ type: "bytes" }).getReader({ mode: "byob" }).read(),
  "byob/enqueue-empty": () => {
    let error;
    new ReadableStream({ type: "bytes", start(c) { try { c.enqueue(new Uint8Array(0)); } catch (e) { error = `${e.name}: ${e.message}`; } } });
    return error;
  },
  "byob/enqueue-string": () => {
    let error;
    new ReadableStream({ type: "bytes", start(c) { try { c.enqueue("x"); } catch (e) { error = `${e.name}: ${e.message}`; } } });
    return error;
  },
  "byob/min": async () => {
    const s = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2])); c.enqueue(new Uint8Array([3])); c.close(); } });
    const { value } = await s.getReader({ mode: "byob" }).read(new Uint8Array(4), { min: 3 });
    return Array.from(value).join();
  },

  // ---- a consumed body
  "body/after-text": async () => {
    const r = new Response("hello");
    await r.text();
    const body = r.body;
    return [r.bodyUsed, describe(body), body === r.body].join();
  },
  "body/asked-before-text": async () => {
    const r = new Response("hello");
    const body = r.body;
    await r.text();
    return [r.bodyUsed, describe(body), body === r.body].join();
  },
  "body/request": async (request) => {
    await request.text();
    const made = new Request("http://x/", { method: "POST", body: "hi" });
    await made.arrayBuffer();
    return [request.bodyUsed, describe(request.body), made.bodyUsed, describe(made.body)].join();
  },
  "body/reader-after-text": async () => {
    const r = new Response("hello");
    await r.text();
    r.body.getReader();
  },
  "body/as-body": async () => {
    const r = new Response("hello");
    await r.arrayBuffer();
    new Response(r.body);
  },
  "body/read-partly": async () => {
    const r = new Response("hello");
    const reader = r.body.getReader();
    const first = await reader.read();
    return [r.bodyUsed, first.value.length, first.done, describe(r.body)].join();
  },
  "body/cancelled": async () => {
    const r = new Response("hello");
    await r.body.cancel();
    return [r.bodyUsed, describe(r.body)].join();
  },
  "body/text-twice": async () => {
    const r = new Response("hello");
    await r.text();
    await r.text();
  },
  "body/null": async () => {
    const r = new Response(null);
    await r.text();
    return [r.bodyUsed, describe(r.body)].join();
  },

  // ---- URLSearchParams' constructor
  "params/surrogates": () => [new URLSearchParams("a=\uD800&b\uDC00=c"), new URLSearchParams([["a\uD800", "b\uDC00"]]),
    new URLSearchParams({ "a\uD800": "x\uDFFF", "\uD83D\uDE00": "ok" }), new URLSearchParams("?a=1\uD83D")].join(" "),
  "params/iterables": () => {
    const custom = { *[Symbol.iterator]() { yield ["x", "1"]; yield new Set(["y", "2"]); yield (function* () { yield "z"; yield "3"; })(); } };
    const overridden = new URLSearchParams("a=1");
    overridden[Symbol.iterator] = function* () { yield ["q", "r"]; };
    const record = { a: "1", b: "2" };
    Object.defineProperty(record, "hidden", { value: "3", enumerable: false });
    record[Symbol("s")] = "x";
    return [new URLSearchParams(custom), new URLSearchParams(overridden), new URLSearchParams(record),
      new URLSearchParams(new Map([["m", "1"]])), new URLSearchParams({ [Symbol.iterator]: 5, k: "v" }),
      new URLSearchParams({ [Symbol.iterator]: null, a: 1 }), new URLSearchParams(function () {}),
      new URLSearchParams(new Proxy({ p: "1" }, {})), new URLSearchParams(new URLSearchParams("c=3&d=4"))].join(" ");
  },
  "params/one-item": () => new URLSearchParams([["a"]]),
  // A record whose keys convert to the same USVString (lone surrogates become U+FFFD): one entry,
  // at the first key's place, holding the last value.
  "params/record-collisions": () => [new URLSearchParams({ "a\uD800": "1", b: "2", "a\uDC00": "3" }),
    new URLSearchParams({ "\uD800": "x", "\uFFFD": "y", "\uDBFF": "z" })].map(String).join(" "),
  "params/three-items": () => new URLSearchParams([["a", "b", "c"]]),
  "params/string-pair": () => new URLSearchParams(["ab"]),
  "params/array-like-pair": () => new URLSearchParams([{ 0: "a", 1: "b", length: 2 }]),

  // ---- structuredClone's transfer list
  "clone/transfer": () => {
    const b = new ArrayBuffer(8);
    new Uint8Array(b)[0] = 7;
    const c = structuredClone(b, { transfer: [b] });
    return [b.byteLength, b.detached, c.byteLength, new Uint8Array(c)[0]].join();
  },
  "clone/transfer-views": () => {
    const b = new ArrayBuffer(8);
    const u = new Uint8Array(b, 2, 4);
    const c = structuredClone({ u, b }, { transfer: [b] });
    return [b.detached, u.length, c.u.buffer === c.b, c.u.length, c.u.byteOffset].join();
  },
  "clone/transfer-lenient": () => {
    const b = new ArrayBuffer(8);
    structuredClone(b, { transfer: [b, b] });
    const again = structuredClone(b, { transfer: [b] });
    const view = new Uint8Array(2);
    const one = structuredClone(1, { transfer: [view] });
    return [b.detached, again.byteLength, one, view.buffer.detached].join();
  },
  "clone/transfer-resizable": () => {
    const b = new ArrayBuffer(8, { maxByteLength: 16 });
    const c = structuredClone(b, { transfer: [b] });
    return [c.resizable, c.maxByteLength, b.detached].join();
  },
  "clone/transfer-then-fail": () => {
    const b = new ArrayBuffer(8);
    try {
      structuredClone(() => 1, { transfer: [b] });
    } catch (e) {
      return `${e.name} ${b.detached}`;
    }
  },
  "clone/transfer-number": () => structuredClone(1, { transfer: 5 }),
  "clone/transfer-null": () => structuredClone(1, { transfer: null }),
  "clone/transfer-set": () => structuredClone(1, { transfer: new Set() }),
  "clone/transfer-shared": () => {
    const s = new SharedArrayBuffer(4);
    structuredClone(s, { transfer: [s] });
  },
  "clone/transfer-object": () => structuredClone(1, { transfer: [{}] }),
  "clone/transfer-stream": () => {
    const { readable } = new TransformStream();
    structuredClone(readable, { transfer: [readable] });
  },

  // ---- timer delays
  "timers/delays": () => fired([50, 2 ** 32, -5, NaN, "30", 2 ** 32 + 20, "abc", 2 ** 31, 1e20, 40.9, null,
    undefined, { valueOf() { return 10; } }, -(2 ** 32) + 25, 2 ** 31 - 1, -Infinity, Infinity, true, [], [15]]),
  "timers/bigint": () => setTimeout(() => {}, 1n),
  "timers/symbol": () => setTimeout(() => {}, Symbol("s")),
  // ---- JSON.parse's SyntaxErrors (V8's words, position, line and column, context)
  "json/errors": () => JSON_INPUTS.map((text) => {
    try {
      return `ok ${JSON.stringify(JSON.parse(text))}`;
    } catch (e) {
      return `${e.name}: ${e.message}`;
    }
  }).join("\n"),
  "json/readers": async () => {
    const out = [];
    for (const read of [() => new Response("{bad").json(), () => new Request("http://x/", { method: "POST", body: "[1," }).json(),
      () => new Response("").json(), () => new Blob(["nul"]).text().then(JSON.parse)]) {
      try { out.push(JSON.stringify(await read())); } catch (e) { out.push(`${e.name}: ${e.message}`); }
    }
    return out.join("\n");
  },
  "json/function": () => {
    const d = Object.getOwnPropertyDescriptor(JSON, "parse");
    const reviverError = (() => { try { JSON.parse("[1]", () => { throw new SyntaxError("mine"); }); } catch (e) { return e.message; } })();
    return [JSON.parse.name, JSON.parse.length, String(JSON.parse), d.writable, d.enumerable, d.configurable,
      JSON.parse("[1,2]", (k, v) => (typeof v === "number" ? v * 10 : v)).join(), reviverError,
      JSON.parse({ toString: () => "7" }), (() => { try { JSON.parse(Symbol("s")); } catch (e) { return e.name; } })()].join(" | ");
  },
  // ---- W9Y's Web APIs print as native code, as workerd's built-in ones do
  "native/to-string": () => [Response, Request, Headers, fetch, setTimeout, structuredClone, URL, TextEncoder,
    ReadableStream, AbortController, Headers.prototype.get, Response.json, crypto.subtle.digest, crypto.getRandomValues,
    atob, queueMicrotask, EventTarget.prototype.addEventListener].map(String).join("\n"),
  "timers/interval": () => {
    const id = setInterval(() => {}, 2 ** 32);
    clearInterval(id);
    return typeof id;
  },
};

export default {
  async fetch(request) {
    const name = new URL(request.url).pathname.slice(1);
    const test = tests[name];
    if (test === undefined) return new Response(`no test ${name}`, { status: 404 });
    try {
      return new Response(String(await test(request)));
    } catch (e) {
      return new Response(`${e.name}: ${e.message}`);
    }
  },
};
