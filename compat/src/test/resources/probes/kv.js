// Differential probe: Workers KV (env.KV), every method and option whose answer does not depend on
// propagation. GET /<op>?p=<prefix> runs one operation group on keys under the prefix and answers a
// JSON list of what each call gave: a value's description or the error it threw/rejected with.
const bytes = (buffer) => Array.from(new Uint8Array(buffer));

async function attempt(what) {
  try {
    return await describe(await what());
  } catch (e) {
    // JSON.parse's messages are the JavaScript engine's (V8's and GraalJS's differ): name only.
    if (e instanceof SyntaxError) return { error: "SyntaxError" };
    return { error: `${e && e.name}: ${e && e.message}` };
  }
}

async function describe(value) {
  if (value === null) return null;
  if (value === undefined) return "undefined";
  if (value instanceof ArrayBuffer) return { arrayBuffer: bytes(value) };
  if (value instanceof ReadableStream) return { stream: await new Response(value).text() };
  if (value instanceof Map) {
    const entries = [];
    for (const [key, v] of value) entries.push([key, await describe(v)]);
    return { map: entries };
  }
  if (typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value)) out[key] = await describe(value[key]);
    return out;
  }
  return value;
}

// A list() page with its expirations made relative to now (the clocks differ by design).
function listed(page, now) {
  return {
    ...page,
    keys: page.keys.map((k) => (k.expiration === undefined ? k : { ...k, expiration: k.expiration - now })),
  };
}

const OPS = {
  async types(p) {
    await env.KV.put(`${p}json`, '{"a":[1,2],"b":"é"}');
    return [
      await attempt(() => env.KV.get(`${p}json`)),
      await attempt(() => env.KV.get(`${p}json`, "text")),
      await attempt(() => env.KV.get(`${p}json`, "json")),
      await attempt(() => env.KV.get(`${p}json`, "arrayBuffer")),
      await attempt(() => env.KV.get(`${p}json`, "stream")),
      await attempt(() => env.KV.get(`${p}json`, { type: "json" })),
      await attempt(() => env.KV.get(`${p}json`, { type: "arrayBuffer", cacheTtl: 60 })),
      await attempt(() => env.KV.get(`${p}json`, {})),
      await attempt(() => env.KV.get(`${p}json`, "yaml")),
      await attempt(() => env.KV.get(`${p}json`, { type: "bytes" })),
      await attempt(() => env.KV.get(`${p}missing`)),
      await attempt(() => env.KV.get(`${p}missing`, "json")),
      await attempt(() => env.KV.get(`${p}missing`, "stream")),
      await attempt(() => env.KV.getWithMetadata(`${p}missing`)),
      await attempt(() => env.KV.getWithMetadata(`${p}json`, "json")),
      await attempt(() => env.KV.get(`${p}json`, { cacheTtl: 10 })),
      await attempt(() => env.KV.get(`${p}json`, { cacheTtl: 30 })),
    ];
  },

  async notJson(p) {
    await env.KV.put(`${p}text`, "not json");
    return [await attempt(() => env.KV.get(`${p}text`, "json"))];
  },

  async values(p) {
    const out = [];
    const puts = [
      ["string", "héllo"],
      ["buffer", new Uint8Array([0, 1, 255]).buffer],
      ["view", new Uint8Array([9, 8, 7, 6]).subarray(1, 3)],
      ["dataview", new DataView(new Uint8Array([5, 6, 7]).buffer, 1)],
      ["stream", new Response("streamed ✓").body],
      ["number", 42],
      ["boolean", true],
      ["empty", ""],
      ["null", null],
      ["undefined", undefined],
      ["object", { a: 1 }],
      ["array", [1, 2]],
      ["function", () => 1],
      ["blob", new Blob(["blob"])],
    ];
    for (const [name, value] of puts) {
      const put = await attempt(() => env.KV.put(`${p}${name}`, value));
      const back = await attempt(() => env.KV.get(`${p}${name}`, "arrayBuffer"));
      out.push({ name, put, back });
    }
    return out;
  },

  async metadata(p) {
    return [
      await attempt(() => env.KV.put(`${p}m1`, "v1", { metadata: { who: "me", n: [1, 2] } })),
      await attempt(() => env.KV.getWithMetadata(`${p}m1`)),
      await attempt(() => env.KV.getWithMetadata(`${p}m1`, { type: "json" })),
      await attempt(() => env.KV.put(`${p}m2`, "v2", { metadata: "a string" })),
      await attempt(() => env.KV.getWithMetadata(`${p}m2`)),
      await attempt(() => env.KV.put(`${p}m3`, "v3", { metadata: null })),
      await attempt(() => env.KV.getWithMetadata(`${p}m3`)),
      await attempt(() => env.KV.put(`${p}m4`, "v4", { metadata: 7 })),
      await attempt(() => env.KV.getWithMetadata(`${p}m4`, "arrayBuffer")),
      await attempt(() => env.KV.put(`${p}m5`, "v5")),
      await attempt(() => env.KV.getWithMetadata(`${p}m5`)),
      await attempt(() => env.KV.put(`${p}m6`, "v6", { metadata: { x: "y".repeat(1016) } })),
      await attempt(() => env.KV.put(`${p}m7`, "v7", { metadata: { x: "y".repeat(1017) } })),
      await attempt(() => env.KV.put(`${p}m8`, "v8", { metadata: { f: () => 1 } })),
      await attempt(() => env.KV.getWithMetadata(`${p}m8`)),
      await attempt(() => env.KV.put(`${p}m9`, "v9", { metadata: { big: 10n } })),
      await attempt(async () => listed(await env.KV.list({ prefix: p }), 0)),
    ];
  },

  async expiration(p) {
    const now = Math.floor(Date.now() / 1000);
    const relative = async (key) => {
      const page = await env.KV.list({ prefix: key });
      return page.keys.map((k) => ({ name: k.name, ttl: k.expiration === undefined ? null : k.expiration - now }));
    };
    // An expiration from a TTL is counted from the put's own clock reading, which may be a second
    // past this one: compared to within 2 s of the TTL.
    const NOMINAL = { ttl60: 60, ttlText: 120, ttlFloat: 90, both: 300 };
    const close = (ttl, name) => (ttl === null || NOMINAL[name] === undefined ? ttl : Math.abs(ttl - NOMINAL[name]) <= 2 ? `about ${NOMINAL[name]}` : ttl);
    const out = [];
    for (const [name, options] of [
      ["ttl60", { expirationTtl: 60 }],
      ["ttl59", { expirationTtl: 59 }],
      ["ttl0", { expirationTtl: 0 }],
      ["ttlNeg", { expirationTtl: -5 }],
      ["ttlText", { expirationTtl: "120" }],
      ["ttlWord", { expirationTtl: "soon" }],
      ["ttlFloat", { expirationTtl: 90.7 }],
      ["ttlNull", { expirationTtl: null }],
      ["exp0", { expiration: 0 }],
      ["expPast", { expiration: now - 10 }],
      ["expSoon", { expiration: now + 30 }],
      ["expOk", { expiration: now + 600 }],
      ["expFloat", { expiration: now + 600.5 }],
      ["expText", { expiration: String(now + 700) }],
      ["both", { expiration: now + 600, expirationTtl: 300 }],
    ]) {
      const put = await attempt(() => env.KV.put(`${p}${name}`, name, options));
      const seen = put === "undefined" ? (await relative(`${p}${name}`)).map((k) => ({ ...k, ttl: close(k.ttl, name) })) : null;
      out.push({ name, put: typeof put === "object" && put !== null ? { error: put.error.replace(String(now - 10), "<past>").replace(String(now + 30), "<soon>") } : put, seen });
    }
    return out;
  },

  async keys(p) {
    const out = [];
    for (const key of ["", ".", "..", "...", "a/./b", " ", "ü", `${"k".repeat(512)}`, `${"k".repeat(513)}`, `${"é".repeat(256)}`, `${"é".repeat(257)}`]) {
      const name = key.length > 40 ? `${key[0]} x${key.length}` : key;
      out.push({
        key: name,
        put: await attempt(() => env.KV.put(key, "v")),
        get: await attempt(() => env.KV.get(key)),
        meta: await attempt(() => env.KV.getWithMetadata(key)),
        del: await attempt(() => env.KV.delete(key)),
      });
    }
    out.push({ number: await attempt(() => env.KV.put(12345, "n")), back: await attempt(() => env.KV.get("12345")) });
    out.push({ nullKey: await attempt(() => env.KV.get(null)), undefinedKey: await attempt(() => env.KV.get(undefined)) });
    out.push({ noArgs: await attempt(() => env.KV.get()), putNoValue: await attempt(() => env.KV.put(`${p}nv`)) });
    out.push({
      metaNoArgs: await attempt(() => env.KV.getWithMetadata()),
      putNoArgs: await attempt(() => env.KV.put()),
      putUndefined: await attempt(() => env.KV.put(`${p}nv`, undefined)),
      putNull: await attempt(() => env.KV.put(`${p}nv`, null)),
      back: await attempt(() => env.KV.get(`${p}nv`)),
      putBadOptions: await attempt(() => env.KV.put(`${p}nv`, "v", "options")),
      getBadOptions: await attempt(() => env.KV.get(`${p}nv`, 5)),
      deleteUndefined: await attempt(() => env.KV.delete(undefined)),
    });
    out.push({
      sync: ["get", "getWithMetadata", "put", "delete"].map((method) => {
        try {
          const pending = env.KV[method]();
          pending.catch(() => {});
          return "rejected";
        } catch (e) {
          return "threw";
        }
      }),
    });
    out.push({ objectKey: await attempt(() => env.KV.get({ toString: () => `${p}obj` })) });
    return out;
  },

  async valueLimit(p) {
    // Strings: W9Y's sandbox caps one typed array at 16 Mi elements (JsSandbox), below the limit.
    const limit = 25 * 1024 * 1024;
    return [
      await attempt(() => env.KV.put(`${p}big`, "x".repeat(limit))),
      await attempt(async () => (await env.KV.get(`${p}big`)).length),
      await attempt(() => env.KV.put(`${p}bigger`, "x".repeat(limit + 1))),
      await attempt(() => env.KV.get(`${p}bigger`)),
    ];
  },

  async deletes(p) {
    return [
      await attempt(() => env.KV.put(`${p}d`, "x")),
      await attempt(() => env.KV.delete(`${p}d`)),
      await attempt(() => env.KV.get(`${p}d`)),
      await attempt(() => env.KV.delete(`${p}d`)),
      await attempt(() => env.KV.delete(`${p}never`)),
      await attempt(() => env.KV.delete("")),
      await attempt(() => env.KV.delete()),
    ];
  },

  async list(p) {
    const names = ["b", "a", "c/1", "c/2", "c/10", "é", "😀", "\uffff", "z", "B", "~", "a\u0000"];
    for (const n of names) await env.KV.put(`${p}${n}`, n, n === "b" ? { metadata: { m: 1 } } : undefined);
    const strip = (page) => ({ ...page, keys: page.keys.map((k) => ({ ...k, name: k.name.slice(p.length) })) });
    const out = [];
    out.push(strip(await env.KV.list({ prefix: p })));
    out.push(strip(await env.KV.list({ prefix: `${p}c/` })));
    out.push(strip(await env.KV.list({ prefix: `${p}nothing` })));
    // Paging: the cursor's shape differs by design (W9Y: base64 of the last key), so only whether
    // there is one is compared; the pages it leads to are.
    const pages = [];
    let cursor;
    for (let i = 0; i < 10; i++) {
      const page = await env.KV.list({ prefix: p, limit: 5, cursor });
      pages.push({ names: page.keys.map((k) => k.name.slice(p.length)), list_complete: page.list_complete, hasCursor: typeof page.cursor === "string" && page.cursor.length > 0, keys: Object.keys(page) });
      if (page.list_complete) break;
      cursor = page.cursor;
    }
    out.push(pages);
    out.push(strip(await env.KV.list({ prefix: p, limit: 12 })));
    out.push(strip(await env.KV.list({ prefix: p, limit: 11 })).list_complete);
    return out;
  },

  async listOptions(p) {
    await env.KV.put(`${p}one`, "1");
    const page = async (options) => {
      const got = await env.KV.list(options);
      return { keys: got.keys.filter((k) => k.name.startsWith(p)).length, list_complete: got.list_complete, cacheStatus: got.cacheStatus };
    };
    return [
      await attempt(() => page({ prefix: p, limit: 0 })),
      await attempt(() => page({ prefix: p, limit: 1000 })),
      await attempt(() => page({ prefix: p, limit: 1001 })),
      await attempt(() => page({ prefix: p, limit: -1 })),
      await attempt(() => page({ prefix: p, limit: "2" })),
      await attempt(() => page({ prefix: p, limit: "many" })),
      await attempt(() => page({ prefix: p, limit: 1.5 })),
      await attempt(() => page({ prefix: p, cursor: "" })),
      await attempt(() => page({ prefix: p, cursor: null })),
      await attempt(() => page({ prefix: p, prefix: null, limit: 1 }).then((r) => r.list_complete)),
      await attempt(() => page({ prefix: p, unknown: 1 })),
      await attempt(() => env.KV.list("string options")),
      await attempt(() => env.KV.list(5)),
      await attempt(() => env.KV.list(null).then((r) => r.list_complete)),
      await attempt(() => env.KV.list(undefined).then((r) => r.list_complete)),
      await attempt(() => env.KV.list({ prefix: p, limit: null }).then((r) => r.keys.length)),
      await attempt(() => env.KV.list({ prefix: p, limit: true }).then((r) => r.keys.length)),
      await attempt(() => env.KV.list({ prefix: "k".repeat(513) })),
      await attempt(() => env.KV.list({ prefix: "k".repeat(512) }).then((r) => r.keys.length)),
    ];
  },

  async bulk(p) {
    await env.KV.put(`${p}x`, '{"x":1}', { metadata: { mx: true } });
    await env.KV.put(`${p}y`, '"y"');
    const many = Array.from({ length: 101 }, (_, i) => `${p}k${i}`);
    return [
      await attempt(() => env.KV.get([`${p}x`, `${p}y`, `${p}none`])),
      await attempt(() => env.KV.get([`${p}x`, `${p}y`], "json")),
      await attempt(() => env.KV.get([`${p}x`, `${p}y`], { type: "json" })),
      await attempt(() => env.KV.get([`${p}x`], "arrayBuffer")),
      await attempt(() => env.KV.get([`${p}x`], "stream")),
      await attempt(() => env.KV.getWithMetadata([`${p}x`, `${p}y`, `${p}none`])),
      await attempt(() => env.KV.getWithMetadata([`${p}x`, `${p}y`], "json")),
      await attempt(() => env.KV.get([])),
      await attempt(() => env.KV.get(many.slice(0, 100)).then((m) => m.size)),
      await attempt(() => env.KV.get(many)),
      await attempt(() => env.KV.get([`${p}x`, `${p}x`])),
      await attempt(() => env.KV.get([`${p}x`, ""])),
      await attempt(() => env.KV.get([`${p}x`, "."])),
      await attempt(() => env.KV.get([`${p}x`, "k".repeat(513)])),
      await attempt(() => env.KV.get([`${p}x`], "yaml")),
      await attempt(() => env.KV.get([`${p}x`], { type: "json", cacheTtl: 10 })),
      await attempt(() => env.KV.getWithMetadata([])),
      await attempt(() => env.KV.getWithMetadata([`${p}x`], "arrayBuffer")),
      await attempt(async () => {
        await env.KV.put(`${p}bad`, "not json");
        return env.KV.get([`${p}bad`, `${p}x`], "json");
      }),
    ];
  },

  async shape(p) {
    return {
      tag: Object.prototype.toString.call(env.KV),
      methods: ["get", "getWithMetadata", "put", "delete", "list"].map((m) => typeof env.KV[m]),
      getReturnsPromise: env.KV.get(`${p}x`) instanceof Promise,
      badTypeRejects: await (async () => {
        let threw = "no";
        try {
          const pending = env.KV.get(`${p}x`, "yaml");
          threw = "rejected";
          await pending;
          threw = "resolved";
        } catch (e) {
          if (threw === "no") threw = "threw";
        }
        return threw;
      })(),
    };
  },
};

let env;
export default {
  async fetch(request, environment) {
    env = environment;
    const url = new URL(request.url);
    const op = OPS[url.pathname.slice(1)];
    if (op === undefined) return new Response(`no op ${url.pathname}`, { status: 404 });
    try {
      return Response.json(await op(url.searchParams.get("p") ?? ""));
    } catch (e) {
      return new Response(`threw ${e && e.name}: ${e && e.message}`, { status: 500 });
    }
  },
};
