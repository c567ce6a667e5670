package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.kv.KvNamespaceBinding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Workers KV from JavaScript ({@code env.KV}): every method and option with workerd's answers and
 * error texts (compared with Miniflare 4.20260426.0 by hand, see docs/JS-GUESTS.md), expiry on
 * virtual time, and eventual consistency across locations: the read cache ({@code cacheTtl}) and a
 * strict namespace.
 */
class JsKvTest {

  /** Runs each step, reporting its value or its error as one line. */
  private static final String API =
      """
      export default {
        async fetch(request, env) {
          const out = [];
          const t = async (name, f) => {
            try { out.push(name + " => " + JSON.stringify(await f())); }
            catch (e) { out.push(name + " !! " + e.name + ": " + e.message); }
          };
          const kv = env.KV;
          const path = new URL(request.url).pathname;
          if (path === "/later") {
            await t("expired a", () => kv.get("a"));
            await t("kept b", () => kv.get("b"));
            await t("list after expiry", async () => (await kv.list()).keys.map((k) => k.name));
            return new Response(out.join("\\n"));
          }
          await t("get empty", () => kv.get(""));
          await t("get dot", () => kv.get("."));
          await t("get long", () => kv.get("x".repeat(513)));
          await t("get 512 ok", () => kv.get("x".repeat(512)));
          await t("put long", () => kv.put("é".repeat(257), "v"));
          await t("put ttl 10", () => kv.put("k", "v", { expirationTtl: 10 }));
          await t("put exp past", () => kv.put("k", "v", { expiration: 5 }));
          await t("put meta big", () => kv.put("k", "v", { metadata: { a: "x".repeat(1100) } }));
          await t("put big", () => kv.put("k", "x".repeat(25 * 1024 * 1024 + 1)));
          await t("get cacheTtl 10", () => kv.get("k", { cacheTtl: 10 }));
          await t("list limit 1001", () => kv.list({ limit: 1001 }));
          await t("put obj", () => kv.put("k", { a: 1 }));
          await t("get missing", () => kv.get("nothing"));
          await t("put number", () => kv.put("n", 42));
          await t("get number", () => kv.get("n"));
          await t("put a", () => kv.put("a", '{"x":1}', { metadata: { m: 1 }, expirationTtl: 120 }));
          await t("put b", () => kv.put("b", new TextEncoder().encode("bytes")));
          await t("put emoji", () => kv.put("\\u{1F600}", "3"));
          await t("put fffd", () => kv.put("\\uFFFD", "4"));
          await t("put stream", () => kv.put("s", new Response("streamed").body));
          await t("list", () => kv.list());
          await t("list limit 2", () => kv.list({ limit: 2 }));
          const first = await kv.list({ limit: 2 });
          await t("list after cursor", () => kv.list({ limit: 2, cursor: first.cursor }));
          await t("list prefix", () => kv.list({ prefix: "a" }));
          await t("gwm a", () => kv.getWithMetadata("a"));
          await t("gwm missing", () => kv.getWithMetadata("zz"));
          await t("get json", () => kv.get("a", "json"));
          await t("get json obj", () => kv.get("a", { type: "json", cacheTtl: 30 }));
          await t("get ab", async () => { const v = await kv.get("b", "arrayBuffer"); return [v.constructor.name, v.byteLength]; });
          await t("get stream", async () => { const v = await kv.get("s", "stream"); return [v.constructor.name, await new Response(v).text()]; });
          await t("get bad type", () => kv.get("a", "nope"));
          await t("get many", async () => [...(await kv.get(["a", "zz"])).entries()]);
          await t("delete missing", () => kv.delete("zz"));
          await t("delete n", () => kv.delete("n"));
          await t("get deleted", () => kv.get("n"));
          return new Response(out.join("\\n"));
        },
      };
      """;

  private static Topology api(boolean strict) {
    return Topology.builder()
        .service(
            ServiceSpec.of("api", JsGuest.fromSource("index.js", API))
                .withPlatformBinding(
                    "KV", strict ? KvNamespaceBinding.strict("ns") : KvNamespaceBinding.of("ns"))
                .asPublic())
        .build();
  }

  @Test
  void everyMethodAndOptionAnswersAsWorkerdDoes() {
    JsWorld world =
        JsWorld.oneASecond(
            api(false),
            Request.get("http://api/"),
            Request.get("http://api/noop"), // padding: t=1
            Request.get("http://api/noop"));
    String[] lines = world.outcomes.get(0).substring("200 ".length()).split("\n");
    assertThat(List.of(lines))
        .containsExactly(
            "get empty !! TypeError: Key name cannot be empty.",
            "get dot !! TypeError: \".\" is not allowed as a key name.",
            "get long !! Error: KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length"
                + " limit of 512.",
            "get 512 ok => null",
            "put long !! Error: KV PUT failed: 414 UTF-8 encoded length of 514 exceeds key length"
                + " limit of 512.",
            "put ttl 10 !! Error: KV PUT failed: 400 Invalid expiration_ttl of 10. Expiration TTL"
                + " must be at least 60.",
            "put exp past !! Error: KV PUT failed: 400 Invalid expiration of 5. Please specify"
                + " integer greater than the current number of seconds since the UNIX epoch.",
            "put meta big !! Error: KV PUT failed: 413 Metadata length of 1108 exceeds limit of"
                + " 1024.",
            "put big !! Error: KV PUT failed: 413 Value length of 26214401 exceeds limit of"
                + " 26214400.",
            "get cacheTtl 10 !! Error: KV GET failed: 400 Invalid cache_ttl of 10. Cache TTL must"
                + " be at least 30.",
            "list limit 1001 !! Error: KV GET failed: 400 Invalid key_count_limit of 1001. Please"
                + " specify an integer less than 1000.",
            "put obj !! TypeError: KV put() accepts only strings, ArrayBuffers, ArrayBufferViews,"
                + " and ReadableStreams as values.",
            "get missing => null",
            "put number => undefined",
            "get number => \"42\"",
            "put a => undefined",
            "put b => undefined",
            "put emoji => undefined",
            "put fffd => undefined",
            "put stream => undefined",
            // UTF-8 byte order: U+FFFD (EF BF BD) before U+1F600 (F0 9F 98 80)
            "list => {\"keys\":[{\"name\":\"a\",\"expiration\":1767225720,\"metadata\":{\"m\":1}},"
                + "{\"name\":\"b\"},{\"name\":\"n\"},{\"name\":\"s\"},{\"name\":\"\uFFFD\"},"
                + "{\"name\":\"\uD83D\uDE00\"}],\"list_complete\":true,\"cacheStatus\":null}",
            "list limit 2 => {\"keys\":[{\"name\":\"a\",\"expiration\":1767225720,\"metadata\":"
                + "{\"m\":1}},{\"name\":\"b\"}],\"list_complete\":false,\"cursor\":\"Yg==\","
                + "\"cacheStatus\":null}",
            "list after cursor => {\"keys\":[{\"name\":\"n\"},{\"name\":\"s\"}],"
                + "\"list_complete\":false,\"cursor\":\"cw==\",\"cacheStatus\":null}",
            "list prefix => {\"keys\":[{\"name\":\"a\",\"expiration\":1767225720,\"metadata\":"
                + "{\"m\":1}}],\"list_complete\":true,\"cacheStatus\":null}",
            "gwm a => {\"value\":\"{\\\"x\\\":1}\",\"metadata\":{\"m\":1},\"cacheStatus\":null}",
            "gwm missing => {\"value\":null,\"metadata\":null,\"cacheStatus\":null}",
            "get json => {\"x\":1}",
            "get json obj => {\"x\":1}",
            "get ab => [\"ArrayBuffer\",5]",
            "get stream => [\"ReadableStream\",\"streamed\"]",
            "get bad type !! TypeError: Unknown response type. Possible types are \"text\","
                + " \"arrayBuffer\", \"json\", and \"stream\".",
            "get many => [[\"a\",\"{\\\"x\\\":1}\"],[\"zz\",null]]",
            "delete missing => undefined",
            "delete n => undefined",
            "get deleted => null");
    assertThat(world.records("kv.put")).isNotEmpty();
    assertThat(world.records("kv.get.result")).isNotEmpty();
  }

  @Test
  void anExpirationTtlRunsOutOnVirtualTime() {
    List<String> outcomes = new java.util.ArrayList<>();
    SimulationResult result =
        runLong(
            api(true),
            driver -> {
              JsWorld.send(driver, Request.get("http://api/"), outcomes);
              driver.after(
                  java.time.Duration.ofSeconds(121),
                  () -> JsWorld.send(driver, Request.get("http://api/later"), outcomes));
            },
            outcomes);
    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(outcomes.get(1))
        .isEqualTo(
            "200 expired a => null\nkept b => \"bytes\"\nlist after expiry =>"
                + " [\"b\",\"s\",\"\uFFFD\",\"\uD83D\uDE00\"]");
  }

  /** A flag service: one instance writes, the other reads (two locations). */
  private static final String FLAGS =
      """
      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          if (url.pathname === "/set") {
            await env.FLAGS.put("beta", url.searchParams.get("v"));
            return new Response("set " + await env.FLAGS.get("beta"));
          }
          const ttl = url.searchParams.get("ttl");
          const value = await env.FLAGS.get("beta", ttl ? { cacheTtl: Number(ttl) } : undefined);
          return new Response("read " + value);
        },
      };
      """;

  private static Topology flags(KvNamespaceBinding namespace) {
    return Topology.builder()
        .service(
            ServiceSpec.of("admin", JsGuest.fromSource("admin.js", FLAGS))
                .withPlatformBinding("FLAGS", namespace)
                .asPublic())
        .service(
            ServiceSpec.of("app", JsGuest.fromSource("app.js", FLAGS))
                .withPlatformBinding("FLAGS", namespace)
                .asPublic())
        .build();
  }

  /** Reads {@code first} at t=0, sets the flag at t=1, then reads each "second path". */
  private static List<String> readWriteRead(
      KvNamespaceBinding namespace, String first, String... later) {
    List<String> outcomes = new java.util.ArrayList<>();
    SimulationResult result =
        runLong(
            flags(namespace),
            driver -> {
              JsWorld.send(driver, Request.get("http://app" + first), outcomes); // t=0: caches
              driver.after(
                  java.time.Duration.ofSeconds(1),
                  () -> JsWorld.send(driver, Request.get("http://admin/set?v=on"), outcomes));
              for (int i = 0; i < later.length; i++) {
                String[] atAndPath = later[i].split(" ", 2);
                driver.after(
                    java.time.Duration.ofSeconds(Long.parseLong(atAndPath[0])),
                    () -> JsWorld.send(driver, Request.get("http://app" + atAndPath[1]), outcomes));
              }
            },
            outcomes);
    assertThat(result.passed()).as(result.summary()).isTrue();
    return outcomes;
  }

  @Test
  void anotherLocationServesItsCachedReadUntilTheCacheTtlRunsOut() {
    List<String> outcomes =
        readWriteRead(KvNamespaceBinding.of("flags"), "/get", "2 /get", "59 /get", "61 /get");
    // The writer sees its write at once; the reader's null read at t=0 is cached for 60 s.
    assertThat(outcomes)
        .containsExactly(
            "200 read null", "200 set on", "200 read null", "200 read null", "200 read on");
  }

  @Test
  void aShorterCacheTtlShortensTheStaleWindow() {
    List<String> outcomes =
        readWriteRead(
            KvNamespaceBinding.of("flags"), "/get?ttl=30", "2 /get?ttl=30", "31 /get?ttl=30");
    // Read at t=0 with cacheTtl 30: kept until t=30, so t=2 is stale and t=31 is not.
    assertThat(outcomes)
        .containsExactly("200 read null", "200 set on", "200 read null", "200 read on");
  }

  @Test
  void aStrictNamespaceReadsTheNewestWriteEverywhere() {
    List<String> outcomes = readWriteRead(KvNamespaceBinding.strict("flags"), "/get", "2 /get");
    assertThat(outcomes).containsExactly("200 read null", "200 set on", "200 read on");
  }

  /** A run whose safety phase lasts three virtual minutes: KV's windows are a minute wide. */
  private static SimulationResult runLong(
      Topology topology,
      java.util.function.Consumer<dev.w9y.core.WorkloadDriver> workload,
      List<String> outcomes) {
    return Simulation.builder(topology)
        .seed(7)
        .workload(() -> workload::accept)
        .safetyPhase(java.time.Duration.ofMinutes(3))
        .build()
        .run();
  }

  @Test
  void theSameSeedGivesTheSameTrace() {
    JsWorld first = JsWorld.oneASecond(api(false), 3, Request.get("http://api/"));
    JsWorld second = JsWorld.oneASecond(api(false), 3, Request.get("http://api/"));
    assertThat(first.result.traceSha256()).isEqualTo(second.result.traceSha256());
  }
}
