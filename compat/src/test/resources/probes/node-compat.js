// nodejs_compat: node:* modules as Workers code uses them. Each path answers lines of results.
import { Buffer } from "node:buffer";
import { EventEmitter, once } from "node:events";
import assert from "node:assert";
import util from "node:util";
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import path from "node:path";

const als = new AsyncLocalStorage();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const attempt = (fn) => {
  try {
    return String(fn());
  } catch (e) {
    return `${e.name} ${e.code}: ${e.message}`;
  }
};

const routes = {
  async immediate() {
    const log = [];
    setTimeout(() => log.push("t0"), 0);
    const first = setImmediate(() => log.push("imm1"));
    Promise.resolve().then(() => log.push("micro"));
    const cleared = setImmediate(() => log.push("cleared"));
    clearImmediate(cleared);
    clearImmediate(undefined);
    setImmediate((a, b) => log.push("imm2:" + a + b), "x", "y");
    await sleep(5);
    return [
      typeof globalThis.global, globalThis.global === globalThis, typeof setImmediate, typeof clearImmediate,
      first.constructor.name, first.hasRef(), first.unref() === first, first.hasRef(),
      attempt(() => setImmediate("nope")), log.join("/"),
    ];
  },
  buffer() {
    const b = Buffer.from("héllo wörld", "utf8");
    const n = Buffer.alloc(8);
    n.writeUInt16BE(0x1234, 0);
    n.writeInt32LE(-2, 2);
    const c = Buffer.concat([Buffer.from("ab"), Buffer.from("cd")]);
    const s = c.slice(1, 3);
    s[0] = 0x7a;
    return [
      b.length, b.toString("hex"), b.toString("base64"), b.toString("base64url"), b.toString("latin1"),
      Buffer.from("aGk/Pz8+", "base64").toString(), Buffer.from("aGk_Pz8-", "base64url").toString(),
      Buffer.from("ff00zz", "hex").toString("hex"), Buffer.byteLength("héllo"), Buffer.byteLength("abcd", "base64"),
      c.toString(), Buffer.compare(Buffer.from("a"), Buffer.from("b")), c.equals(Buffer.from("azcd")),
      Buffer.isBuffer(s), Buffer.isBuffer(new Uint8Array(1)), n.toString("hex"), n.readUInt16LE(0), n.readInt32LE(2),
      attempt(() => n.readUInt32BE(6)), JSON.stringify(Buffer.from("hi")), Buffer.alloc(5, "ab").toString(),
      typeof globalThis.Buffer, Buffer.from("hello").indexOf("ll"), Buffer.from("utf16", "utf16le").toString("hex"),
      attempt(() => Buffer.from("x", "nope")), util.inspect(Buffer.from("hi")), Buffer.from([1, 2, 3]).reverse().toString("hex"),
    ];
  },

  async events() {
    const e = new EventEmitter();
    const seen = [];
    const a = (v) => seen.push(`a${v}`);
    e.on("x", a);
    e.prependListener("x", (v) => seen.push(`first${v}`));
    e.once("x", (v) => seen.push(`once${v}`));
    e.emit("x", 1);
    e.emit("x", 2);
    const out = [seen.join(" "), e.listenerCount("x")];
    e.off("x", a);
    out.push(e.listenerCount("x"), e.emit("nothing"));
    e.removeAllListeners();
    out.push(e.eventNames().length);
    out.push(attempt(() => e.emit("error", new TypeError("boom"))));
    out.push(attempt(() => e.emit("error", "plain")));
    setTimeout(() => e.emit("ready", 42, "x"), 10);
    out.push(JSON.stringify(await once(e, "ready")));
    setTimeout(() => e.emit("error", new Error("failed")), 10);
    try {
      await once(e, "never");
    } catch (err) {
      out.push(`rejected: ${err.message}`);
    }
    return out;
  },

  async assert() {
    const shape = (fn) => {
      try {
        fn();
        return "passed";
      } catch (e) {
        return `${e instanceof assert.AssertionError} ${e.name} ${e.code} ${e.operator} ${e.generatedMessage}: ${e.message}`;
      }
    };
    const out = [
      shape(() => assert.strictEqual(1, 2)),
      shape(() => assert.strictEqual("a", "b")),
      shape(() => assert.equal(1, "1")),
      shape(() => assert.equal(1, 2)),
      shape(() => assert.notStrictEqual(1, 1)),
      shape(() => assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })),
      shape(() => assert.deepStrictEqual([1], ["1"])),
      shape(() => assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] })),
      shape(() => assert.strictEqual({ a: 1 }, { a: 1 })),
      shape(() => assert.deepEqual([1], ["1"])),
      shape(() => assert.throws(() => { throw new TypeError("x"); }, TypeError)),
      shape(() => assert.throws(() => {})),
      shape(() => assert.throws(() => {}, TypeError)),
      shape(() => assert.strictEqual(1, 2, "custom")),
      shape(() => assert.ok(0)),
      shape(() => assert(false, "with message")),
      shape(() => assert.notDeepStrictEqual([1], [1])),
      shape(() => assert.deepStrictEqual({ long: "x".repeat(50), b: 1 }, { long: "x".repeat(50), b: 2 })),
    ];
    try {
      await assert.rejects(Promise.resolve(1));
    } catch (e) {
      out.push(e.message);
    }
    return out;
  },

  async util() {
    const circular = { name: "c" };
    circular.self = circular;
    const late = util.promisify((a, cb) => setTimeout(() => cb(null, a * 2), 5));
    function A() {}
    function B() {}
    util.inherits(B, A);
    return [
      util.format("%s:%d:%i:%j %%", "a", 4.5, 4.5, { k: 1 }, "extra", 7),
      util.format("%s|%s|%s", { a: { b: 1 } }, [1, 2], null), util.format(1, "a", { x: "y" }),
      util.inspect({ a: 1, s: "it's", n: null, u: undefined, l: [1, [2, [3, [4]]]] }),
      util.inspect(new Map([["k", new Set([1])]])), util.inspect("str"), util.inspect(-0),
      util.inspect(circular), util.inspect(class Foo {}), util.inspect(function bar() {}),
      util.inspect({ long: "x".repeat(40), other: "y".repeat(40) }),
      util.inspect([1, , 3]), util.inspect(Object.create(null)), util.inspect(new Uint8Array(2)),
      await late(21),
      util.types.isPromise(Promise.resolve()), util.types.isUint8Array(new Uint8Array()),
      new B() instanceof A, util.isDeepStrictEqual([1, { a: 2 }], [1, { a: 2 }]),
    ];
  },

  async als(request, env, ctx) {
    const id = new URL(request.url).searchParams.get("id");
    const outside = String(als.getStore());
    return als.run({ id }, async () => {
      const seen = [outside, als.getStore().id];
      await null;
      seen.push(als.getStore().id);
      await sleep(10);
      seen.push(als.getStore().id);
      const answer = await env.BACK.fetch("http://back/");
      seen.push(`${als.getStore().id}:${await answer.text()}`);
      seen.push(await new Promise((resolve) => setTimeout(() => resolve(als.getStore().id), 5)));
      seen.push(await new Promise((resolve) => queueMicrotask(() => resolve(als.getStore().id))));
      seen.push(als.exit(() => String(als.getStore())));
      seen.push(als.run({ id: "inner" }, () => als.getStore().id), als.getStore().id);
      const bound = AsyncLocalStorage.bind(() => als.getStore()?.id);
      seen.push(als.run({ id: "other" }, () => bound()));
      return seen;
    });
  },

  crypto() {
    return [
      crypto.createHash("sha256").update("a").update("bc").digest("hex"),
      crypto.createHash("sha1").update("abc").digest("base64"),
      crypto.createHash("md5").update("").digest("hex"),
      crypto.createHash("sha512").update(Buffer.from("abc")).digest("base64url"),
      crypto.createHmac("sha256", "key").update("The quick brown fox jumps over the lazy dog").digest("hex"),
      crypto.createHmac("sha1", Buffer.from("k")).update("m").digest("base64"),
      crypto.timingSafeEqual(Buffer.from("ab"), Buffer.from("ab")),
      attempt(() => crypto.timingSafeEqual(Buffer.from("a"), Buffer.from("ab"))),
      crypto.randomBytes(16).length, /^[0-9a-f-]{36}$/.test(crypto.randomUUID()),
      crypto.webcrypto === globalThis.crypto, typeof crypto.subtle.digest,
    ];
  },

  path() {
    return [
      path.join("/a/b", "../c", "./d.txt"), path.normalize("a//b/../c/"), path.resolve("/x", "../y"),
      path.dirname("/a/b/c.txt"), path.basename("/a/b/c.txt", ".txt"), path.extname("x.tar.gz"),
      path.relative("/a/b/c", "/a/d"), path.isAbsolute("a"), JSON.stringify(path.parse("/home/u/f.txt")),
      path.format({ dir: "/x", name: "f", ext: ".js" }), path.posix === path, path.sep,
    ];
  },

  process(request, env) {
    return [typeof process, typeof process.nextTick, JSON.stringify(process.env), typeof process.env];
  },
};

export default {
  async fetch(request, env, ctx) {
    const route = routes[new URL(request.url).pathname.slice(1)];
    if (route === undefined) return new Response("no route", { status: 404 });
    const lines = await route(request, env, ctx);
    return new Response(lines.join("\n"));
  },
};
