package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.topology.TopologyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nodejs_compat: the node:* modules W9Y provides behave as Node's (and workerd's) do, deterministic
 * under the seed; without the flag, and for modules not provided, imports fail as workerd fails
 * them.
 */
class NodeCompatTest {
  private static final List<String> NODEJS_COMPAT = List.of("nodejs_compat");

  static JsGuest guest(String source) {
    return JsGuest.fromSource("index.js", source).withCompatibilityFlags(NODEJS_COMPAT);
  }

  static JsWorld serve(String source, Request... requests) {
    return JsWorld.run(JsWorld.publicApi(guest(source)), 1, requests);
  }

  /** A worker whose fetch returns the lines its checks produce, one per line. */
  static String lines(String imports, String body) {
    return imports
        + "\nexport default { async fetch(request, env, ctx) {\nconst out = [];\n"
        + body
        + "\nreturn new Response(out.join(\"\\n\"));\n} };\n";
  }

  static List<String> answer(String imports, String body) {
    JsWorld world = serve(lines(imports, body), Request.get("http://api/"));
    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    String outcome = world.outcomes.get(0);
    assertThat(outcome).startsWith("200 ");
    return List.of(outcome.substring(4).split("\n", -1));
  }

  @Test
  void bufferEncodesDecodesComparesAndReadsNumbers() {
    List<String> out =
        answer(
            "import { Buffer } from \"node:buffer\";",
            """
            const b = Buffer.from("héllo", "utf8");
            out.push(b.length, b.toString("hex"), b.toString("base64"), b.toString("latin1").length);
            out.push(Buffer.from("aGk/Pz8+", "base64").toString(), Buffer.from("aGk_Pz8-", "base64url").toString());
            out.push(Buffer.from([0xfb, 0xff]).toString("base64url"), Buffer.from("ff00zz", "hex").length);
            out.push(Buffer.byteLength("héllo"), Buffer.byteLength("abcd", "base64"));
            const c = Buffer.concat([Buffer.from("ab"), Buffer.from("cd")]);
            out.push(c.toString(), Buffer.compare(Buffer.from("a"), Buffer.from("b")), c.equals(Buffer.from("abcd")));
            const s = c.slice(1, 3); s[0] = 0x7a;
            out.push(c.toString(), s instanceof Buffer, Buffer.isBuffer(s), Buffer.isBuffer(new Uint8Array(1)));
            const n = Buffer.alloc(8);
            n.writeUInt16BE(0x1234, 0); n.writeInt32LE(-2, 2); n.writeUInt8(255, 7);
            out.push(n.toString("hex"), n.readUInt16LE(0), n.readInt32LE(2), n.readUint8(7));
            try { n.readUInt32BE(6); } catch (e) { out.push(`${e.name} ${e.code}: ${e.message}`); }
            out.push(JSON.stringify(Buffer.from("hi")), Buffer.alloc(3, "ab").toString(), globalThis.Buffer === Buffer);
            out.push(Buffer.from("hello").indexOf("ll"), Buffer.from("utf16", "utf16le").toString("hex"));
            try { Buffer.from("x", "nope"); } catch (e) { out.push(`${e.name} ${e.code}: ${e.message}`); }
            """);
    assertThat(out)
        .containsExactly(
            "6",
            "68c3a96c6c6f",
            "aMOpbGxv",
            "6",
            "hi???>",
            "hi???>",
            "-_8",
            "2",
            "6",
            "3",
            "abcd",
            "-1",
            "true",
            "azcd",
            "true",
            "true",
            "false",
            "1234feffffff00ff",
            "13330",
            "-2",
            "255",
            "RangeError ERR_OUT_OF_RANGE: The value of \"offset\" is out of range. It must be"
                + " >= 0 and <= 4. Received 6",
            "{\"type\":\"Buffer\",\"data\":[104,105]}",
            "aba",
            "true",
            "2",
            "75007400660031003600",
            "TypeError ERR_UNKNOWN_ENCODING: Unknown encoding: nope");
  }

  @Test
  void eventEmitterOrdersListenersAndThrowsAnUnhandledError() {
    List<String> out =
        answer(
            "import { EventEmitter, once } from \"node:events\";",
            """
            const e = new EventEmitter();
            const seen = [];
            const a = (v) => seen.push(`a${v}`);
            e.on("x", a);
            e.prependListener("x", (v) => seen.push(`first${v}`));
            e.once("x", (v) => seen.push(`once${v}`));
            e.emit("x", 1); e.emit("x", 2);
            out.push(seen.join(" "), e.listenerCount("x"));
            e.off("x", a);
            out.push(e.listenerCount("x"), e.emit("nothing"));
            e.removeAllListeners();
            out.push(e.eventNames().length);
            try { e.emit("error", new TypeError("boom")); } catch (err) { out.push(`${err.name}: ${err.message}`); }
            try { e.emit("error", "plain"); } catch (err) { out.push(`${err.code}: ${err.message}`); }
            setTimeout(() => e.emit("ready", 42, "x"), 10);
            out.push(JSON.stringify(await once(e, "ready")));
            setTimeout(() => e.emit("error", new Error("failed")), 10);
            try { await once(e, "never"); } catch (err) { out.push(`rejected: ${err.message}`); }
            """);
    assertThat(out)
        .containsExactly(
            "first1 a1 once1 first2 a2",
            "2",
            "1",
            "false",
            "0",
            "TypeError: boom",
            "ERR_UNHANDLED_ERROR: Unhandled error. ('plain')",
            "[42,\"x\"]",
            "rejected: failed");
  }

  @Test
  void assertThrowsAssertionErrorsWordedAsWorkerds() {
    List<String> out =
        answer(
            "import assert, { AssertionError } from \"node:assert\";",
            """
            const shape = (fn) => {
              try { fn(); return "passed"; }
              catch (e) { return `${e instanceof AssertionError} ${e.name} ${e.code} ${e.operator} ${e.generatedMessage}: ${e.message}`; }
            };
            out.push(shape(() => assert.strictEqual(1, 1)));
            out.push(shape(() => assert.strictEqual(1, 2)));
            out.push(shape(() => assert.equal(1, "1")));
            out.push(shape(() => assert.notStrictEqual(1, 1)));
            out.push(shape(() => assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })));
            out.push(shape(() => assert.deepEqual({ b: 1, a: [1, 2] }, { b: 1, a: [1, 3] })));
            out.push(shape(() => assert.strictEqual({ a: 1 }, { a: 1 })));
            out.push(shape(() => assert.ok(0)));
            out.push(shape(() => assert(true)));
            out.push(shape(() => assert.throws(() => { throw new TypeError("x"); }, TypeError)));
            out.push(shape(() => assert.throws(() => {}, TypeError)));
            out.push(shape(() => assert.throws(() => { throw new Error("bad thing"); }, /bad/)));
            out.push(shape(() => assert.strictEqual(1, 2, "custom")));
            try { await assert.rejects(Promise.resolve(1)); } catch (e) { out.push(e.message); }
            await assert.rejects(Promise.reject(new RangeError("r")), RangeError);
            out.push("rejects ok");
            """);
    assertThat(out)
        .containsExactly(
            "passed",
            "true AssertionError ERR_ASSERTION strictEqual false: Values are not strictly equal:",
            "",
            "",
            "[Diff] Actual / Expected",
            "",
            "",
            "-   1",
            "+   2",
            "",
            "true AssertionError ERR_ASSERTION strictEqual false: Values are not strictly equal:",
            "",
            "",
            "[Diff] Actual / Expected",
            "",
            "",
            "-   1",
            "+   '1'",
            "",
            "true AssertionError ERR_ASSERTION notStrictEqual false: Expected actual to be strictly"
                + " unequal to expected",
            "passed",
            "true AssertionError ERR_ASSERTION deepStrictEqual true: Expected values to be strictly"
                + " deep-equal:",
            "+ actual - expected",
            "",
            "+ { a: [ 1, 2 ], b: 1 }",
            "- { a: [ 1, 3 ], b: 1 }",
            "            ^",
            "true AssertionError ERR_ASSERTION strictEqual false: Values have the same structure but"
                + " are not reference-equal:",
            "",
            "    { a: 1 }",
            "",
            "true AssertionError ERR_ASSERTION == true: 0 == true",
            "passed",
            "passed",
            "true AssertionError ERR_ASSERTION throws false: Missing expected exception (TypeError).",
            "passed",
            "true AssertionError ERR_ASSERTION strictEqual false: custom",
            "Missing expected rejection.",
            "rejects ok");
  }

  @Test
  void utilFormatsInspectsAndPromisifies() {
    List<String> out =
        answer(
            "import util from \"node:util\";\nimport { promisify, types } from \"util\";",
            """
            out.push(util.format("%s:%d:%i:%j %%", "a", 4.5, 4.5, { k: 1 }, "extra", 7));
            out.push(util.inspect({ a: 1, s: "it's", n: null, u: undefined, l: [1, [2, [3, [4]]]] }));
            out.push(util.inspect(new Map([["k", new Set([1])]])), util.inspect("str"), util.inspect(-0));
            const circular = { name: "c" }; circular.self = circular;
            out.push(util.inspect(circular), util.inspect(class Foo {}), util.inspect(function bar() {}));
            out.push(util.inspect({ long: "x".repeat(40), other: "y".repeat(40) }));
            const late = promisify((a, cb) => setTimeout(() => cb(null, a * 2), 5));
            out.push(await late(21));
            const failing = promisify((cb) => cb(new Error("nope")));
            try { await failing(); } catch (e) { out.push(e.message); }
            out.push(types.isPromise(Promise.resolve()), types.isUint8Array(new Uint8Array()), types.isDate(new Date(0)));
            function A() {} function B() {} util.inherits(B, A);
            out.push(new B() instanceof A, B.super_ === A, util.isDeepStrictEqual([1, { a: 2 }], [1, { a: 2 }]));
            """);
    assertThat(out)
        .containsExactly(
            "a:4.5:4:{\"k\":1} % extra 7",
            "{ a: 1, s: \"it's\", n: null, u: undefined, l: [ 1, [ 2, [Array] ] ] }",
            "Map(1) { 'k' => Set(1) { 1 } }",
            "'str'",
            "-0",
            "<ref *1> { name: 'c', self: [Circular *1] }",
            "[class Foo]",
            "[Function: bar]",
            "{",
            "  long: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',",
            "  other: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'",
            "}",
            "42",
            "nope",
            "true",
            "true",
            "true",
            "true",
            "true",
            "true");
  }

  @Test
  void cryptoHashesHmacsAndComparesAsNodeDoes() {
    List<String> out =
        answer(
            "import crypto from \"node:crypto\";",
            """
            out.push(crypto.createHash("sha256").update("a").update("bc").digest("hex"));
            out.push(crypto.createHash("sha1").update("abc").digest("base64"));
            out.push(crypto.createHash("md5").update("").digest("hex"));
            out.push(crypto.createHash("sha512").update("abc").digest().length);
            out.push(crypto.createHmac("sha256", "key").update("The quick brown fox jumps over the lazy dog").digest("hex"));
            out.push(crypto.timingSafeEqual(Buffer.from("ab"), Buffer.from("ab")), crypto.timingSafeEqual(Buffer.from("ab"), Buffer.from("ac")));
            try { crypto.timingSafeEqual(Buffer.from("a"), Buffer.from("ab")); } catch (e) { out.push(`${e.name}: ${e.message}`); }
            out.push(crypto.randomBytes(16).length, /^[0-9a-f-]{36}$/.test(crypto.randomUUID()), crypto.webcrypto === globalThis.crypto);
            try { crypto.createHash("sha3-999"); } catch (e) { out.push(e.message); }
            """);
    assertThat(out)
        .containsExactly(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=",
            "d41d8cd98f00b204e9800998ecf8427e",
            "64",
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
            "true",
            "false",
            "TypeError: Input buffers must have the same byte length.",
            "16",
            "true",
            "true",
            "Digest method not supported");
  }

  @Test
  void pathIsPosix() {
    List<String> out =
        answer(
            "import path from \"node:path\";",
            """
            out.push(path.join("/a/b", "../c", "./d.txt"), path.normalize("a//b/../c/"), path.resolve("x", "../y"));
            out.push(path.dirname("/a/b/c.txt"), path.basename("/a/b/c.txt", ".txt"), path.extname("x.tar.gz"));
            out.push(path.relative("/a/b/c", "/a/d"), path.isAbsolute("a"), JSON.stringify(path.parse("/home/u/f.txt")));
            out.push(path.format({ dir: "/x", name: "f", ext: ".js" }), path.posix === path, path.sep);
            """);
    assertThat(out)
        .containsExactly(
            "/a/c/d.txt",
            "a/c/",
            "/y",
            "/a/b",
            "c",
            ".gz",
            "../../d",
            "false",
            "{\"root\":\"/\",\"dir\":\"/home/u\",\"base\":\"f.txt\",\"ext\":\".txt\",\"name\":\"f\"}",
            "/x/f.js",
            "true",
            "/");
  }

  /** Two requests at once, each in its own store, interleaving at every await. */
  private static final String STORES =
      """
      import { AsyncLocalStorage } from "node:async_hooks";
      import { assertAlways } from "w9y";
      const als = new AsyncLocalStorage();
      const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      const log = [];
      export default {
        async fetch(request, env, ctx) {
          const id = new URL(request.url).searchParams.get("id");
          if (id === null) { await sleep(2000); return new Response(log.join(",")); }
          const outside = String(als.getStore());
          return als.run({ id }, async () => {
            const seen = [outside, als.getStore().id];
            await null;
            seen.push(als.getStore().id);
            await sleep(Number(id) * 10);
            seen.push(als.getStore().id);
            const answer = await env.BACK.fetch("http://back/");
            seen.push(`${als.getStore().id}:${await answer.text()}`);
            seen.push(await new Promise((resolve) => setTimeout(() => resolve(als.getStore().id), 5)));
            queueMicrotask(() => log.push(`micro${als.getStore().id}`));
            process.nextTick(() => log.push(`tick${als.getStore().id}`));
            seen.push(als.exit(() => String(als.getStore())));
            const inner = als.run({ id: "inner" }, () => als.getStore().id);
            seen.push(inner, als.getStore().id);
            ctx.waitUntil(sleep(50).then(() => {
              assertAlways(als.getStore().id === id, "store kept in waitUntil");
              log.push(`later${als.getStore().id}`);
            }));
            seen.push(crypto.randomUUID().length);
            return new Response(seen.join(","));
          });
        },
      };
      """;

  private static JsWorld stores(long seed) {
    Topology topology =
        Topology.builder()
            .service(
                dev.w9y.core.ServiceSpec.of("front", guest(STORES))
                    .withBinding("BACK", "back")
                    .asPublic())
            .service(
                dev.w9y.core.ServiceSpec.of(
                    "back",
                    JsGuest.fromSource(
                        "back.js", "export default { fetch: () => new Response(\"back\") };")))
            .build();
    return JsWorld.run(
        topology,
        seed,
        Request.get("http://front/?id=2"),
        Request.get("http://front/?id=1"),
        Request.get("http://front/"));
  }

  @Test
  void asyncLocalStorageFollowsAwaitTimersFetchAndWaitUntil() {
    JsWorld world = stores(1);

    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    assertThat(world.outcomes)
        .containsExactlyInAnyOrder(
            "200 undefined,2,2,2,2:back,2,undefined,inner,2,36",
            "200 undefined,1,1,1,1:back,1,undefined,inner,1,36",
            "200 micro1,tick1,micro2,tick2,later1,later2");
  }

  @Test
  void storesAndRandomnessAreTheSameForTheSameSeed() {
    String randomness =
        lines(
            "import { randomBytes, randomUUID, randomInt } from \"node:crypto\";",
            "out.push(randomBytes(8).toString(\"hex\"), randomUUID(), randomInt(1000));");
    JsWorld first =
        JsWorld.run(JsWorld.publicApi(guest(randomness)), 7, Request.get("http://api/"));
    JsWorld again =
        JsWorld.run(JsWorld.publicApi(guest(randomness)), 7, Request.get("http://api/"));
    JsWorld other =
        JsWorld.run(JsWorld.publicApi(guest(randomness)), 8, Request.get("http://api/"));

    assertThat(again.outcomes).isEqualTo(first.outcomes);
    assertThat(again.result.traceSha256()).isEqualTo(first.result.traceSha256());
    assertThat(other.outcomes).isNotEqualTo(first.outcomes);
    assertThat(stores(3).result.traceSha256()).isEqualTo(stores(3).result.traceSha256());
  }

  @Test
  void processEnvHoldsTheVarsAndBareSpecifiersWork() {
    String source =
        """
        import { Buffer as B } from "buffer";
        import { env } from "node:process";
        const atLoad = process.env.MODE;
        export default {
          fetch() {
            return new Response([atLoad, env.MODE, B === Buffer, typeof process.nextTick].join(","));
          },
        };
        """;
    JsWorld world =
        JsWorld.run(
            Topology.builder()
                .service(
                    dev.w9y.core.ServiceSpec.of("api", guest(source))
                        .withVar("MODE", "test")
                        .asPublic())
                .build(),
            1,
            Request.get("http://api/"));
    assertThat(world.outcomes).containsExactly("200 test,test,true,function");
  }

  @Test
  void commonJsRequiresNodeModules() {
    JsGuest code =
        JsGuest.fromSource(
                "index.js",
                "import { hex } from \"./lib.cjs\";\n"
                    + "export default { fetch: () => new Response(hex) };")
            .withFile(
                "lib.cjs",
                "const { Buffer } = require(\"node:buffer\");\n"
                    + "const events = require(\"events\");\n"
                    + "exports.hex = Buffer.from(typeof events.once).toString(\"hex\");")
            .withCompatibilityFlags(NODEJS_COMPAT);
    JsWorld world = JsWorld.run(JsWorld.publicApi(code), 1, Request.get("http://api/"));
    assertThat(world.outcomes).containsExactly("200 66756e6374696f6e");
  }

  @Test
  void withoutTheFlagNodeModulesFailAsInWorkerd() {
    JsWorld world =
        JsWorld.tolerating()
            .serve(
                "import { Buffer } from \"node:buffer\";\n"
                    + "export default { fetch: () => new Response(\"x\") };",
                Request.get("http://api/"));
    assertThat(world.result.summary())
        .contains("No such module \"node:buffer\".\n  imported from \"index.js\"");

    JsWorld noGlobals =
        JsWorld.serve(
            "export default { fetch: () => new Response(typeof Buffer + typeof process) };",
            Request.get("http://api/"));
    assertThat(noGlobals.outcomes).containsExactly("200 undefinedundefined");
  }

  @Test
  void aModuleNotProvidedKeepsWorkerdsError() {
    JsWorld world =
        serve(
            "import net from \"node:net\";\nexport default { fetch: () => new Response(\"x\") };",
            Request.get("http://api/"));
    assertThat(world.result.summary())
        .contains("No such module \"node:net\".\n  imported from \"index.js\"");
  }

  @Test
  void nodejsAlsAloneProvidesAsyncHooksOnly() {
    JsGuest code =
        JsGuest.fromSource(
                "index.js",
                """
                import { AsyncLocalStorage } from "node:async_hooks";
                const als = new AsyncLocalStorage();
                export default {
                  fetch: () => als.run("s", async () => {
                    await new Promise((resolve) => setTimeout(resolve, 1));
                    return new Response(als.getStore() + typeof Buffer);
                  }),
                };
                """)
            .withCompatibilityFlags(List.of("nodejs_als"));
    JsWorld world = JsWorld.run(JsWorld.publicApi(code), 1, Request.get("http://api/"));
    assertThat(world.outcomes).containsExactly("200 sundefined");
  }

  @Test
  void aTopologyFileSetsCompatibilityFlags(@TempDir Path directory) throws IOException {
    Files.writeString(
        directory.resolve("index.js"),
        "import { Buffer } from \"node:buffer\";\n"
            + "export default { fetch: () => new Response(Buffer.from(\"hi\").toString(\"hex\")) };");
    Path file = directory.resolve("topology.yaml");
    Files.writeString(
        file,
        """
        services:
          api:
            kind: js
            entry: index.js
            public: true
            compatibilityFlags: [nodejs_compat]
        """);
    Topology topology = TopologyFile.read(file).topology();
    JsWorld world = JsWorld.run(topology, 1, Request.get("http://api/"));
    assertThat(world.outcomes).containsExactly("200 6869");
  }
}
