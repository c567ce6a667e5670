// nodejs_compat's I/O modules: node:fs over workerd's virtual file system, node:stream,
// node:http served through cloudflare:node's httpServerHandler, node:url, node:querystring,
// node:string_decoder. Each path answers lines of results.
import fs from "node:fs";
import { writeFile, readFile } from "node:fs/promises";
import { Readable, Writable, Transform, PassThrough, pipeline } from "node:stream";
import { pipeline as pipelinePromise } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { createServer } from "node:http";
import { httpServerHandler } from "cloudflare:node";
import url from "node:url";
import querystring from "node:querystring";
import { scryptSync } from "node:crypto";

// (counters such as the next file descriptor belong to the isolate, which the oracle keeps
// between tests: the probe checks their shape, not their values)
const attempt = (fn) => {
  try {
    const value = fn();
    return value === undefined ? "undefined" : JSON.stringify(value);
  } catch (e) {
    return `${e.name} ${e.code} ${e.message} ${e.syscall} ${e.path} ${e.errno}`;
  }
};

const server = createServer(async (req, res) => {
  if (req.url.startsWith("/http/info")) {
    let body = "";
    for await (const chunk of req) body += chunk;
    res.setHeader("X-A", ["1", "2"]);
    res.setHeader("Set-Cookie", ["a=1", "b=2"]);
    res.end(JSON.stringify({ url: req.url, method: req.method, x: req.headers["x-test"], body,
      sc: res.statusCode, sm: res.statusMessage, sent: res.headersSent, names: res.getHeaderNames(),
      version: req.httpVersion, types: [req.constructor.name, res.constructor.name] }));
  } else if (req.url === "/http/stream") {
    res.statusCode = 201;
    res.write("a");
    res.write(Buffer.from("b"));
    setTimeout(() => res.end("c"), 5);
  } else if (req.url === "/http/head") {
    res.writeHead(302, "Moved", { Location: "/x", "x-b": 3 });
    res.end();
  } else if (req.url === "/http/late") {
    res.write("x");
    try { res.setHeader("a", "b"); } catch (e) { res.end(`${e.code} ${e.message}`); }
  } else if (req.url === "/http/twice") {
    res.end("once");
    res.end("twice");
  } else {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("Not Found");
  }
});
server.listen(8080);
const handler = httpServerHandler({ port: 8080 });
const missing = httpServerHandler({ port: 9999 });

const routes = {
  fs() {
    const bundle = fs.readdirSync("/bundle");
    return [
      attempt(() => fs.readdirSync("/")), bundle.length, attempt(() => fs.readdirSync("/dev")),
      fs.readFileSync(`/bundle/${bundle[0]}`, "utf8").includes("node:fs"), process.cwd(),
      attempt(() => fs.readdirSync("/tmp")), attempt(() => fs.writeFileSync("/tmp/a", "hello")),
      attempt(() => fs.readFileSync("/tmp/a", "utf8")),
      attempt(() => { fs.appendFileSync("/tmp/a", " world"); return fs.readFileSync("/tmp/a", "utf8"); }),
      attempt(() => { const s = fs.statSync("/tmp/a"); return [s.size, s.isFile(), s.isDirectory(), s.mode, s.mtimeMs, s.nlink, String(s.mtime.getTime())]; }),
      attempt(() => [fs.statSync("/tmp").mode, fs.statSync("/bundle").mode, fs.statSync("/").mode, fs.statSync(`/bundle/${bundle[0]}`).mode]),
      attempt(() => fs.statSync("/tmp/nope")), attempt(() => fs.statSync("/tmp/nope", { throwIfNoEntry: false })),
      attempt(() => fs.readFileSync("/tmp/nope")), attempt(() => fs.writeFileSync("/bundle/x", "a")),
      attempt(() => fs.writeFileSync("/x", "a")), attempt(() => fs.writeFileSync("x", "a")),
      attempt(() => fs.readFileSync("x", "utf8")),
      attempt(() => fs.mkdirSync("/tmp/d/e")), attempt(() => fs.mkdirSync("/tmp/d/e", { recursive: true })),
      attempt(() => fs.mkdirSync("/tmp/d")), attempt(() => fs.mkdirSync("/tmp/d", { recursive: true })),
      attempt(() => fs.readdirSync("/tmp", { withFileTypes: true }).map((d) => [d.name, d.isFile(), d.isDirectory(), d.parentPath])),
      attempt(() => fs.readdirSync("/tmp/a")), attempt(() => fs.readFileSync("/tmp/d")), attempt(() => fs.unlinkSync("/tmp/d")),
      attempt(() => fs.rmdirSync("/tmp/d")), attempt(() => fs.rmSync("/tmp/d")), attempt(() => fs.rmSync("/tmp/d", { recursive: true })),
      attempt(() => fs.rmSync("/tmp/d")), attempt(() => fs.rmSync("/tmp/d", { force: true })),
      attempt(() => { fs.renameSync("/tmp/a", "/tmp/b"); return fs.readdirSync("/tmp"); }),
      attempt(() => { fs.copyFileSync("/tmp/b", "/tmp/c"); return fs.readdirSync("/tmp"); }),
      attempt(() => { fs.unlinkSync("/tmp/c"); return fs.readdirSync("/tmp"); }),
      attempt(() => fs.unlinkSync("/tmp/c")), attempt(() => [fs.readFileSync("/dev/null").length, fs.writeFileSync("/dev/null", "x")]),
      attempt(() => fs.readFileSync("/dev/zero").length),
      attempt(() => fs.accessSync("/bundle", fs.constants.W_OK)), attempt(() => fs.accessSync("/tmp/b", fs.constants.W_OK)),
      attempt(() => fs.accessSync("/tmp/zz")),
      attempt(() => { const fd = fs.openSync("/tmp/b", "r"); const b = Buffer.alloc(5); const n = fs.readSync(fd, b); fs.closeSync(fd); return [fd >= 3, n, b.toString()]; }),
      attempt(() => fs.writeFileSync("/tmp/e", 123)), attempt(() => fs.readFileSync("/tmp/b", { encoding: "hex" })),
      attempt(() => /^\/tmp\/foo-\d+$/.test(fs.mkdtempSync("/tmp/foo-"))), attempt(() => fs.realpathSync("/tmp/../tmp/b")),
      attempt(() => fs.readFileSync(new URL("file:///tmp/b"), "utf8")),
      attempt(() => { fs.truncateSync("/tmp/b", 2); return fs.readFileSync("/tmp/b", "utf8"); }),
      attempt(() => fs.writeFileSync("/tmp/b", "z", { flag: "wx" })),
      attempt(() => fs.existsSync("/tmp/b")), attempt(() => fs.existsSync("/nope")),
    ];
  },

  async fsAsync() {
    const out = [attempt(() => fs.readdirSync("/tmp"))];
    await writeFile("/tmp/p", "promised");
    out.push(await readFile("/tmp/p", "utf8"));
    out.push(await readFile("/tmp/zz").catch((e) => `${e.code} ${e.message} ${e.syscall}`));
    out.push(await fs.promises.writeFile("/bundle/zz", "a").catch((e) => `${e.code} ${e.message}`));
    out.push(await fs.promises.stat("/tmp/p").then((s) => s.size));
    out.push(await new Promise((resolve) => fs.readFile("/tmp/zz", (err, data) => resolve(`${err.code} ${data}`))));
    out.push(await new Promise((resolve) => fs.readFile("/tmp/p", "utf8", (err, data) => resolve(`${err} ${data}`))));
    out.push(await new Promise((resolve) => fs.exists("/tmp/p", resolve)));
    return out;
  },

  async stream() {
    const out = [];
    const chunks = [];
    const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });
    const sink = new Writable({ write(chunk, enc, cb) { chunks.push(chunk.toString()); cb(); } });
    await new Promise((resolve, reject) => pipeline(Readable.from(["a", "b", "c"]), upper, sink, (err) => (err ? reject(err) : resolve())));
    out.push(chunks.join(","));
    const collected = [];
    for await (const item of Readable.from([1, 2, 3])) collected.push(item);
    out.push(collected.join(","));
    const pt = new PassThrough();
    pt.end("pass");
    let text = "";
    for await (const c of pt) text += c;
    out.push(text, pt.readableEnded);
    const slow = new Writable({ highWaterMark: 2, write(c, e, cb) { setTimeout(cb, 1); } });
    const ok = slow.write("abc");
    await new Promise((resolve) => slow.once("drain", resolve));
    out.push(ok, slow.writableLength);
    const order = [];
    const r = new Readable({ read() {} });
    r.on("data", (d) => order.push(`data:${d}`));
    r.on("end", () => order.push("end"));
    r.on("close", () => order.push("close"));
    r.push("x");
    r.push("y");
    r.push(null);
    await new Promise((resolve) => setTimeout(resolve, 5));
    out.push(order.join(","));
    const failing = new Readable({ read() { this.destroy(new Error("bad")); } });
    out.push(await pipelinePromise(failing, new PassThrough()).catch((e) => e.message));
    const w = new Writable({ write(c, e, cb) { cb(); } });
    w.end();
    const errors = [];
    w.on("error", (e) => errors.push(`${e.code} ${e.message}`));
    w.write("late");
    await new Promise((resolve) => setTimeout(resolve, 5));
    out.push(errors.join(","));
    const d = new StringDecoder("utf8");
    const euro = Buffer.from("€");
    out.push(`${d.write(euro.subarray(0, 1))}|${d.write(euro.subarray(1))}|${d.end()}`);
    const paused = new Readable({ read() {} });
    paused.push("ab");
    paused.push("cd");
    paused.push(null);
    await new Promise((resolve) => paused.once("readable", resolve));
    out.push(String(paused.read(3)), String(paused.read()));
    return out;
  },

  url() {
    const u = url.parse("http://user:pw@Host.com:8080/p/a/t/h?query=string#hash", true);
    return [
      u.protocol, u.auth, u.host, u.port, u.hostname, u.pathname, u.search, JSON.stringify(u.query), u.hash, u.path, u.href,
      url.format({ protocol: "https", hostname: "example.com", pathname: "/x", query: { a: 1, b: ["c", "d"] } }),
      url.resolve("http://a.com/b/c", "../d"), url.fileURLToPath("file:///tmp/a%20b"), url.pathToFileURL("/tmp/a b").href,
      url.URL === URL, JSON.stringify(querystring.parse("a=1&b=2&a=3&c=x+y%21")), querystring.stringify({ a: [1, 2], b: "x y!" }),
      querystring.escape("a b&c"), querystring.unescape("a%20b"),
    ];
  },

  scrypt() {
    return [scryptSync("password", "NaCl", 32, { N: 1024, r: 8, p: 2 }).toString("hex")];
  },
};

export default {
  async fetch(request, env, ctx) {
    const path = new URL(request.url).pathname;
    if (path === "/http/none") {
      try { await missing.fetch(request, env, ctx); } catch (e) { return new Response(`${e.name} ${e.code} ${e.message}`); }
    }
    if (path.startsWith("/http/")) {
      const response = await handler.fetch(request, env, ctx);
      return new Response(`${response.status} ${response.headers.get("x-a")} ${response.headers.get("location")} ${response.headers.getSetCookie()} ${await response.text()}`);
    }
    const route = routes[path.slice(1)];
    if (route === undefined) return new Response("no route", { status: 404 });
    const lines = await route(request, env, ctx);
    return new Response(lines.join("\n"));
  },
};
