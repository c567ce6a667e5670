package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.http.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nodejs_compat's I/O modules: node:fs over workerd's virtual file system, node:stream, node:http
 * with cloudflare:node's httpServerHandler, node:url, node:querystring, node:string_decoder and
 * crypto's scrypt/pbkdf2 — behaviour, loading by import and require, bare and {@code node:} names,
 * errors, determinism.
 */
class NodeIoModulesTest {
  private static final List<String> NODEJS_COMPAT = List.of("nodejs_compat");

  // guest, serve and answer: NodeCompatTest's (a service with nodejs_compat, lines of results)
  private static JsGuest guest(String source) {
    return NodeCompatTest.guest(source);
  }

  private static JsWorld serve(String source, Request... requests) {
    return NodeCompatTest.serve(source, requests);
  }

  private static List<String> answer(String imports, String body) {
    return NodeCompatTest.answer(imports, body);
  }

  // ------------------------------------------------------------------ fs

  @Test
  void fsReadsTheBundleWritesTmpAndNamesErrorsAsWorkerd() {
    List<String> out =
        answer(
            "import fs, { readFileSync, existsSync } from \"node:fs\";",
            """
            const t = (f) => { try { return JSON.stringify(f()); } catch (e) { return `${e.code} ${e.message} ${e.syscall} ${e.path}`; } };
            out.push(t(() => fs.readdirSync("/")), t(() => fs.readdirSync("/bundle")), t(() => fs.readdirSync("/dev")));
            out.push(t(() => readFileSync("/bundle/index.js", "utf8").startsWith("import fs")), process.cwd());
            out.push(t(() => fs.writeFileSync("/tmp/a", "hello")), t(() => readFileSync("/tmp/a", "utf8")));
            fs.appendFileSync("/tmp/a", " world");
            const s = fs.statSync("/tmp/a");
            out.push(s.size, s.isFile(), s.isDirectory(), s.mode, s.mtimeMs, s.mtime.toISOString(), fs.statSync("/bundle").mode);
            out.push(t(() => fs.statSync("/tmp/nope")), fs.statSync("/tmp/nope", { throwIfNoEntry: false }));
            out.push(t(() => readFileSync("/tmp/nope")), t(() => fs.writeFileSync("/bundle/x", "a")));
            out.push(t(() => fs.readFileSync("index.js").length > 0), existsSync("/bundle/index.js"), existsSync("/tmp/b"));
            out.push(t(() => fs.mkdirSync("/tmp/d/e")), t(() => fs.mkdirSync("/tmp/d/e", { recursive: true })), t(() => fs.mkdirSync("/tmp/d")));
            out.push(t(() => fs.readdirSync("/tmp", { withFileTypes: true }).map((d) => [d.name, d.isDirectory(), d.parentPath])));
            out.push(t(() => fs.readdirSync("/tmp/a")), t(() => readFileSync("/tmp/d")), t(() => fs.unlinkSync("/tmp/d")));
            out.push(t(() => fs.rmSync("/tmp/d")), t(() => fs.rmSync("/tmp/d", { recursive: true })), t(() => fs.rmSync("/tmp/d")));
            fs.renameSync("/tmp/a", "/tmp/b"); fs.copyFileSync("/tmp/b", "/tmp/c");
            out.push(t(() => fs.readdirSync("/tmp")), t(() => fs.unlinkSync("/tmp/nope")), t(() => fs.writeFileSync("/tmp/b", "z", { flag: "wx" })));
            out.push(readFileSync("/dev/null").length, readFileSync("/tmp/b", { encoding: "hex" }));
            out.push(t(() => fs.writeFileSync("/tmp/n", 123)), t(() => fs.accessSync("/bundle", fs.constants.W_OK)));
            const fd = fs.openSync("/tmp/b", "r"); const buf = Buffer.alloc(5);
            out.push(fd, fs.readSync(fd, buf), buf.toString()); fs.closeSync(fd);
            """);
    assertThat(out)
        .containsExactly(
            "[\"bundle\",\"tmp\",\"dev\"]",
            "[\"index.js\"]",
            "[\"null\",\"zero\",\"full\",\"random\"]",
            "true",
            "/bundle",
            "5",
            "\"hello\"",
            "11",
            "true",
            "false",
            "33206",
            "0",
            "1970-01-01T00:00:00.000Z",
            "16676",
            "ENOENT no such file or directory, stat '/tmp/nope' stat /tmp/nope",
            "",
            "ENOENT no such file or directory, readAll '/tmp/nope' readAll /tmp/nope",
            "EPERM operation not permitted writeAll undefined",
            "true",
            "true",
            "false",
            "ENOENT no such file or directory, mkdir 'e' mkdir e",
            "\"/tmp/d\"",
            "",
            "[[\"a\",false,\"/tmp\"],[\"d\",true,\"/tmp\"]]",
            "ENOTDIR not a directory, readdir '/tmp/a' readdir /tmp/a",
            "EISDIR illegal operation on a directory readAll undefined",
            "EISDIR Cannot unlink a directory unlink undefined",
            "ENOTEMPTY directory not empty, rm 'd' rm d",
            "",
            "",
            "[\"b\",\"c\"]",
            "ENOENT File not found unlink nope",
            "EEXIST file already exists writeAll undefined",
            "0",
            "68656c6c6f20776f726c64",
            "ERR_INVALID_ARG_TYPE The \"data\" argument must be of type string or an instance of"
                + " Buffer, TypedArray, or DataView. Received type number (123) undefined"
                + " undefined",
            "ENOENT no such file or directory, access '/bundle' access /bundle",
            "3",
            "5",
            "hello");
  }

  @Test
  void fsTmpIsEmptyAtEachRequestAndPromisesAndCallbacksAgree() {
    String source =
        """
        import { promises as fsp, readFile, readdirSync, writeFileSync } from "node:fs";
        import { writeFile } from "node:fs/promises";
        export default {
          async fetch(request) {
            const before = readdirSync("/tmp").join(",");
            await writeFile("/tmp/x", new URL(request.url).pathname);
            writeFileSync("/tmp/y", "sync");
            const text = await fsp.readFile("/tmp/x", "utf8");
            const missing = await fsp.readFile("/tmp/zz").catch((e) => e.code);
            const viaCallback = await new Promise((resolve) => readFile("/tmp/y", "utf8", (err, data) => resolve([err, data])));
            return new Response([before, text, missing, JSON.stringify(viaCallback)].join(" "));
          },
        };
        """;
    JsWorld world = serve(source, Request.get("http://api/one"), Request.get("http://api/two"));
    assertThat(world.outcomes)
        .containsExactly("200  /one ENOENT [null,\"sync\"]", "200  /two ENOENT [null,\"sync\"]");
  }

  @Test
  void fsAndHttpRunTheSameForTheSameSeed() {
    String source =
        """
        import { writeFileSync, readFileSync } from "node:fs";
        import { createServer } from "node:http";
        import { httpServerHandler } from "cloudflare:node";
        createServer(async (req, res) => {
          writeFileSync("/tmp/r", String(Math.random()) + readFileSync("/dev/random").length);
          const random = readFileSync("/tmp/r", "utf8");
          await new Promise((resolve) => setTimeout(resolve, 5));
          res.writeHead(200, { "content-type": "text/plain" });
          res.end(`${req.url} ${random} ${Date.now()}`);
        }).listen(8080);
        export default httpServerHandler({ port: 8080 });
        """;
    JsWorld first = serve(source, Request.get("http://api/a"), Request.get("http://api/b"));
    JsWorld again = serve(source, Request.get("http://api/a"), Request.get("http://api/b"));
    assertThat(first.outcomes).hasSize(2).allMatch(o -> o.startsWith("200 /"));
    assertThat(again.outcomes).isEqualTo(first.outcomes);
    assertThat(again.result.traceSha256()).isEqualTo(first.result.traceSha256());
  }

  // ------------------------------------------------------------------ http

  @Test
  void httpServerHandlerServesAnIncomingMessageAndStreamsTheResponse() {
    String source =
        """
        import { httpServerHandler } from "cloudflare:node";
        import http, { createServer } from "node:http";
        const server = createServer(async (req, res) => {
          if (req.url.startsWith("/info")) {
            let body = "";
            for await (const chunk of req) body += chunk;
            res.setHeader("X-A", ["1", "2"]);
            res.end(JSON.stringify({ url: req.url, method: req.method, x: req.headers["x-test"], body,
              sc: res.statusCode, sm: res.statusMessage, sent: res.headersSent, names: res.getHeaderNames(),
              types: [req.constructor.name, res.constructor.name, req instanceof http.IncomingMessage] }));
          } else if (req.url === "/stream") {
            res.statusCode = 201;
            res.write("a"); res.write(Buffer.from("b"));
            setTimeout(() => res.end("c"), 10);
          } else if (req.url === "/head") {
            res.writeHead(302, "Moved", { Location: "/x", "x-b": 3 }); res.end();
          } else if (req.url === "/late") {
            res.write("x");
            try { res.setHeader("a", "b"); } catch (e) { res.end(`${e.code} ${e.message}`); }
          } else {
            res.writeHead(404, { "Content-Type": "text/plain" }); res.end("Not Found"); res.end("again");
          }
        });
        const events = [];
        server.on("listening", () => events.push("listening"));
        server.listen(8080);
        const handler = httpServerHandler({ port: 8080 });
        const missing = httpServerHandler({ port: 9999 });
        export default {
          async fetch(request, env, ctx) {
            if (new URL(request.url).pathname === "/none") {
              try { await missing.fetch(request, env, ctx); } catch (e) { return new Response(`${e.code} ${e.message}`); }
            }
            const response = await handler.fetch(request, env, ctx);
            return new Response(`${response.status} ${response.headers.get("x-a") ?? response.headers.get("location") ?? ""} ${events} ${await response.text()}`);
          },
        };
        """;
    JsWorld world =
        JsWorld.oneASecond(
            JsWorld.publicApi(guest(source)),
            Request.post("http://api/info?q=1", "hello").withHeader("X-Test", "v"),
            Request.get("http://api/stream"),
            Request.get("http://api/head"),
            Request.get("http://api/late"),
            Request.get("http://api/nope"),
            Request.get("http://api/none"));
    assertThat(world.outcomes)
        .containsExactly(
            "200 200 1, 2 listening {\"url\":\"/info?q=1\",\"method\":\"POST\",\"x\":\"v\","
                + "\"body\":\"hello\",\"sc\":200,\"sm\":\"unknown\",\"sent\":false,"
                + "\"names\":[\"x-a\"],\"types\":[\"IncomingMessage\",\"ServerResponse\",true]}",
            "200 201  listening abc",
            "200 302 /x listening ",
            "200 200  listening xERR_HTTP_HEADERS_SENT Cannot set headers after they are sent to"
                + " the client",
            "200 404  listening Not Found",
            "200 ERR_INVALID_ARG_VALUE Http server with port 9999 not found. This is likely a bug"
                + " with your code. You should check if server.listen() was called with the same"
                + " port (9999)");
  }

  @Test
  void httpGetGoesOutThroughTheSimulatedFetch() {
    String front =
        """
        const http = require("http");
        module.exports = {
          fetch: () => new Promise((resolve, reject) => {
            http.get("http://back/hello?x=1", (res) => {
              let body = "";
              res.setEncoding("utf8");
              res.on("data", (chunk) => { body += chunk; });
              res.on("end", () => resolve(new Response(`${res.statusCode} ${res.headers["x-b"]} ${body}`)));
            }).on("error", reject);
          }),
        };
        """;
    dev.w9y.core.Topology topology =
        dev.w9y.core.Topology.builder()
            .service(
                dev.w9y.core.ServiceSpec.of(
                        "front",
                        JsGuest.fromSource(
                                "front.js", "import lib from './lib.cjs';\nexport default lib;")
                            .withFile("lib.cjs", front)
                            .withCompatibilityFlags(NODEJS_COMPAT))
                    .withBinding("BACK", "back")
                    .asPublic())
            .service(
                dev.w9y.core.ServiceSpec.of(
                    "back",
                    JsGuest.fromSource(
                        "back.js",
                        "export default { fetch: (r) => new Response(new URL(r.url).pathname +"
                            + " new URL(r.url).search, { headers: { 'x-b': 'yes' } }) };")))
            .build();
    JsWorld world = JsWorld.run(topology, 1, Request.get("http://front/"));
    assertThat(world.outcomes).as(world.result.summary()).containsExactly("200 200 yes /hello?x=1");
  }

  // ------------------------------------------------------------------ stream

  @Test
  void streamsPipeTransformAndReportTheirEndsInNodesOrder() {
    List<String> out =
        answer(
            """
            import { Readable, Writable, Transform, PassThrough, pipeline, finished, Duplex } from "node:stream";
            import { pipeline as pipelinePromise } from "node:stream/promises";
            import { StringDecoder } from "node:string_decoder";
            """,
            """
            const events = [];
            const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });
            const chunks = [];
            const sink = new Writable({ write(chunk, enc, cb) { chunks.push(chunk.toString()); cb(); } });
            sink.on("finish", () => events.push("finish"));
            await new Promise((resolve, reject) => pipeline(Readable.from(["a", "b", "c"]), upper, sink, (err) => err ? reject(err) : resolve()));
            out.push(chunks.join(","), events.join(","));
            const collected = [];
            for await (const item of Readable.from([1, 2, 3])) collected.push(item);
            out.push(collected.join(","));
            const pt = new PassThrough();
            pt.end("pass");
            let text = ""; for await (const c of pt) text += c;
            out.push(text, pt.readableEnded, pt instanceof Writable, new Duplex() instanceof Readable);
            const slow = new Writable({ highWaterMark: 2, write(c, e, cb) { setTimeout(cb, 1); } });
            const ok = slow.write("abc");
            await new Promise((resolve) => slow.once("drain", resolve));
            out.push(ok, slow.writableLength);
            const order = [];
            const r = new Readable({ read() {} });
            r.on("data", (d) => order.push(`data:${d}`));
            r.on("end", () => order.push("end"));
            r.on("close", () => order.push("close"));
            r.push("x"); r.push("y"); r.push(null);
            await new Promise((resolve) => finished(r, resolve));
            await new Promise((resolve) => setTimeout(resolve, 1));
            out.push(order.join(","));
            const failing = new Readable({ read() { this.destroy(new Error("bad")); } });
            try { await pipelinePromise(failing, new PassThrough()); } catch (e) { out.push(e.message); }
            const w = new Writable({ write(c, e, cb) { cb(); } });
            w.end();
            w.on("error", (e) => out.push(`${e.code} ${e.message}`));
            w.write("late");
            await new Promise((resolve) => setTimeout(resolve, 1));
            const d = new StringDecoder("utf8");
            const euro = Buffer.from("€");
            out.push(d.write(euro.subarray(0, 1)) + "|" + d.write(euro.subarray(1)) + "|" + d.end());
            const paused = new Readable({ read() {} });
            paused.push("ab"); paused.push("cd"); paused.push(null);
            await new Promise((resolve) => paused.once("readable", resolve));
            out.push(String(paused.read(3)), String(paused.read()));
            """);
    assertThat(out)
        .containsExactly(
            "A,B,C",
            "finish",
            "1,2,3",
            "pass",
            "true",
            "true",
            "true",
            "false",
            "0",
            "data:x,data:y,end,close",
            "bad",
            "ERR_STREAM_WRITE_AFTER_END write after end",
            "|€|",
            "abc",
            "d");
  }

  // ------------------------------------------------------------------ url, querystring, crypto

  @Test
  void urlAndQuerystringParseAndFormatAsNode() {
    List<String> out =
        answer(
            "import url, { fileURLToPath, pathToFileURL } from \"node:url\";\n"
                + "import qs from \"querystring\";",
            """
            const u = url.parse("http://user:pw@Host.com:8080/p/a/t/h?query=string#hash", true);
            out.push(u.protocol, u.auth, u.host, u.port, u.hostname, u.pathname, u.search, JSON.stringify(u.query), u.hash, u.path, u.href);
            out.push(url.format({ protocol: "https", hostname: "example.com", pathname: "/x", query: { a: 1, b: ["c", "d"] } }));
            out.push(url.resolve("http://a.com/b/c", "../d"), fileURLToPath("file:///tmp/a%20b"), pathToFileURL("/tmp/a b").href);
            out.push(url.URL === URL, JSON.stringify(qs.parse("a=1&b=2&a=3&c=x+y%21")), qs.stringify({ a: [1, 2], b: "x y!" }));
            """);
    assertThat(out)
        .containsExactly(
            "http:",
            "user:pw",
            "host.com:8080",
            "8080",
            "host.com",
            "/p/a/t/h",
            "?query=string",
            "{\"query\":\"string\"}",
            "#hash",
            "/p/a/t/h?query=string",
            "http://user:pw@host.com:8080/p/a/t/h?query=string#hash",
            "https://example.com/x?a=1&b=c&b=d",
            "http://a.com/d",
            "/tmp/a b",
            "file:///tmp/a%20b",
            "true",
            "{\"a\":[\"1\",\"3\"],\"b\":\"2\",\"c\":\"x y!\"}",
            "a=1&a=2&b=x%20y!");
  }

  @Test
  void scryptAndPbkdf2MatchTheRfcVectors() {
    List<String> out =
        answer(
            "import { scrypt, scryptSync, pbkdf2Sync } from \"node:crypto\";",
            """
            out.push(scryptSync("", "", 64, { N: 16, r: 1, p: 1 }).toString("hex"));
            out.push(await new Promise((resolve) => scrypt("password", "NaCl", 64, { N: 1024, r: 8, p: 16 }, (e, k) => resolve(k.toString("hex")))));
            out.push(pbkdf2Sync("password", "salt", 2, 20, "sha1").toString("hex"));
            try { scryptSync("a", "b", 16, { N: 3 }); } catch (e) { out.push(`${e.name} ${e.code}`); }
            """);
    assertThat(out)
        .containsExactly(
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
            "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
            "RangeError ERR_CRYPTO_INVALID_SCRYPT_PARAMS");
  }

  // ------------------------------------------------------------------ loading

  @Test
  void theModulesLoadByImportAndRequireBareAndPrefixed() {
    String source =
        """
        const names = ["fs", "fs/promises", "http", "https", "stream", "stream/promises", "string_decoder", "url", "querystring"];
        module.exports = {
          fetch: () => new Response(names.map((n) => {
            const bare = require(n); const prefixed = require("node:" + n);
            return `${n}:${bare === prefixed}:${typeof bare}`;
          }).join(" ") + " " + typeof require("cloudflare:node").httpServerHandler
            + " " + (process.getBuiltinModule("node:fs") === require("fs"))),
        };
        """;
    JsWorld world =
        JsWorld.run(
            JsWorld.publicApi(
                JsGuest.fromSource("index.js", "import lib from './lib.cjs';\nexport default lib;")
                    .withFile("lib.cjs", source)
                    .withCompatibilityFlags(NODEJS_COMPAT)),
            1,
            Request.get("http://api/"));
    assertThat(world.outcomes)
        .as(world.result.summary())
        .containsExactly(
            "200 fs:true:object fs/promises:true:object http:true:object https:true:object"
                + " stream:true:function stream/promises:true:object string_decoder:true:object"
                + " url:true:object querystring:true:object function true");
  }
}
