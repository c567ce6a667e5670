package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import org.junit.jupiter.api.Test;

/**
 * Workers' Cache API ({@code caches.default}, {@code caches.open}) over the service's HTTP caches:
 * Cloudflare's storing rules, expiry on virtual time, conditional matches, and a cache that is the
 * service's, not an isolate's (shared by instances and objects, kept across a crash).
 */
class CacheApiTest {

  /** Cloudflare's documented Cache API example, with an origin that counts its calls. */
  private static final String EDGE =
      """
      export default {
        async fetch(request, env, ctx) {
          const url = new URL(request.url);
          if (url.pathname === "/spin") { while (true) {} }
          const cacheKey = new Request(url.toString(), request);
          const cache = caches.default;
          let response = await cache.match(cacheKey);
          if (!response) {
            response = await env.ORIGIN.fetch(request);
            response = new Response(response.body, response);
            response.headers.append("Cache-Control", "s-maxage=10");
            ctx.waitUntil(cache.put(cacheKey, response.clone()));
          }
          return new Response(`${await response.text()} ${response.headers.get("cf-cache-status") ?? "MISS"}`
            + ` age=${response.headers.get("age") ?? "-"}`);
        },
      };
      """;

  private static final String ORIGIN =
      """
      let calls = 0;
      export default { fetch: () => new Response(`origin#${++calls}`, { headers: { etag: '"v1"' } }) };
      """;

  private static Topology edgeAndOrigin() {
    return Topology.builder()
        .service(
            ServiceSpec.of("edge", JsGuest.fromSource("edge.js", EDGE).withStatementLimit(200_000))
                .withBinding("ORIGIN", "origin")
                .asPublic())
        .service(ServiceSpec.of("origin", JsGuest.fromSource("origin.js", ORIGIN)))
        .build();
  }

  @Test
  void theDocumentedPatternHitsUntilSMaxAgeRunsOutOnVirtualTimeAndSurvivesACrash() {
    Request page = Request.get("http://edge/page?q=1");
    JsWorld world =
        JsWorld.oneASecond(
            edgeAndOrigin(),
            page, // t=0: miss, the origin answers and the response is put for 10 s (at ~t=0.01)
            page, // t=1: hit, 0 s old (Age is whole seconds)
            Request.get("http://edge/spin"), // t=2: the instance is lost (statement budget)
            page, // t=3: a fresh instance, the same cache: hit
            Request.get("http://edge/page?q=2"), // t=4: another URL: miss
            page, // t=5 ... t=10: hits
            page,
            page,
            page,
            page,
            page,
            page); // t=11: expired (stored at ~0.01 for 10 s): miss, origin again

    assertThat(world.outcomes.get(2)).startsWith("failed: connection reset");
    world.outcomes.remove(2);
    assertThat(world.outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly(
            "200 origin#1 MISS age=-",
            "200 origin#1 HIT age=0",
            "200 origin#1 HIT age=2",
            "200 origin#2 MISS age=-",
            "200 origin#1 HIT age=4",
            "200 origin#1 HIT age=5",
            "200 origin#1 HIT age=6",
            "200 origin#1 HIT age=7",
            "200 origin#1 HIT age=8",
            "200 origin#1 HIT age=9",
            "200 origin#3 MISS age=-");
    assertThat(world.records("cache.put")).hasSize(3).allMatch(r -> r.contains("\"ttlMs\":10000"));
    assertThat(world.records("instance.crashed")).hasSize(1);
  }

  @Test
  void cloudflaresStoringRulesConditionalMatchesAndErrors() {
    String worker =
        """
        const rules = [
          ["no-cc-200", 200, {}],
          ["no-cc-500", 500, {}],
          ["no-store", 200, { "cache-control": "max-age=60, no-store" }],
          ["private", 200, { "cache-control": "private, max-age=60" }],
          ["max-age-0", 200, { "cache-control": "max-age=0" }],
          ["cookie", 200, { "cache-control": "max-age=60", "set-cookie": "a=1" }],
          ["cookie-private", 200, { "cache-control": 'max-age=60, private="Set-Cookie"', "set-cookie": "a=1" }],
          ["expires", 200, { "date": "Thu, 01 Jan 2026 00:00:00 GMT", "expires": "Thu, 01 Jan 2026 00:01:00 GMT" }],
          ["etag", 200, { "cache-control": "max-age=60", "etag": 'W/"abc"' }],
        ];
        async function tryIt(what) {
          try { return String(await what()); } catch (e) { return e.name + ": " + e.message; }
        }
        export default {
          async fetch() {
            const out = [];
            const cache = caches.default;
            for (const [name, status, headers] of rules) {
              await cache.put("http://edge/" + name, new Response(name, { status, headers }));
              const hit = await cache.match("http://edge/" + name);
              out.push(name + ":" + (hit ? hit.status + "/" + (hit.headers.get("set-cookie") ?? "-") : "miss"));
            }
            const conditional = await cache.match(new Request("http://edge/etag", { headers: { "if-none-match": '"abc"' } }));
            out.push("if-none-match:" + conditional.status + ":" + JSON.stringify(await conditional.text()));
            out.push("post-match:" + await cache.match(new Request("http://edge/etag", { method: "POST" })));
            out.push("ignoreMethod:" + (await cache.match(new Request("http://edge/etag", { method: "POST" }), { ignoreMethod: true })).status);
            out.push(await tryIt(() => cache.put(new Request("http://edge/x", { method: "POST" }), new Response("x"))));
            out.push(await tryIt(() => cache.put("http://edge/x", new Response("x", { status: 206 }))));
            out.push(await tryIt(() => cache.put("http://edge/x", new Response("x", { headers: { vary: "*" } }))));
            const used = new Response("used"); await used.text();
            out.push(await tryIt(() => cache.put("http://edge/x", used)));
            out.push(await tryIt(() => new Cache()));
            const named = await caches.open("images");
            await named.put("http://edge/shared", new Response("in images", { headers: { "cache-control": "max-age=60" } }));
            out.push("default-has-named:" + Boolean(await cache.match("http://edge/shared")));
            out.push("named:" + await (await named.match("http://edge/shared")).text());
            out.push("delete:" + await named.delete("http://edge/shared") + "," + await named.delete("http://edge/shared"));
            out.push(String(caches) + " " + String(cache));
            return new Response(out.join("\\n"));
          },
        };
        """;

    JsWorld world =
        JsWorld.oneASecond(
            JsWorld.publicApi(JsGuest.fromSource("rules.js", worker)), Request.get("http://api/"));

    assertThat(world.outcomes).hasSize(1);
    assertThat(world.outcomes.get(0).split("\n"))
        .containsExactly(
            "200 no-cc-200:200/-",
            "no-cc-500:miss",
            "no-store:miss",
            "private:miss",
            "max-age-0:miss",
            "cookie:miss",
            "cookie-private:200/-",
            "expires:200/-",
            "etag:200/-",
            "if-none-match:304:\"\"",
            "post-match:undefined",
            "ignoreMethod:200",
            "TypeError: Cannot cache response to non-GET request.",
            "TypeError: Cannot cache response to a range request (206 Partial Content).",
            "TypeError: Cannot cache response with 'Vary: *' header.",
            "TypeError: Cache.put(): the response's body is already used",
            "TypeError: Illegal constructor",
            "default-has-named:false",
            "named:in images",
            "delete:true,false",
            "[object CacheStorage] [object Cache]");
  }

  @Test
  void aDurableObjectAndTheWorkerShareTheServicesCacheSameTraceOnEverySeed() {
    String source =
        """
        export class Writer {
          async fetch(request) {
            await caches.default.put("http://shared/k", new Response(`from the object ${Math.random() < 2}`,
              { headers: { "cache-control": "max-age=30" } }));
            return new Response("stored");
          }
        }
        export default {
          async fetch(request, env) {
            if (new URL(request.url).pathname === "/write") {
              return env.WRITER.get(env.WRITER.idFromName("w")).fetch(request);
            }
            const hit = await caches.default.match("http://shared/k");
            return new Response(hit ? await hit.text() : "miss");
          },
        };
        """;
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("api", JsGuest.fromSource("shared.js", source))
                    .withDurableObject("WRITER", "Writer")
                    .withInstances(2)
                    .asPublic())
            .build();
    Request[] requests = new Request[12];
    requests[0] = Request.get("http://api/read");
    requests[1] = Request.get("http://api/write");
    for (int i = 2; i < requests.length; i++) {
      requests[i] = Request.get("http://api/read");
    }

    JsWorld first = JsWorld.oneASecond(topology, 7, requests);
    JsWorld again = JsWorld.oneASecond(topology, 7, requests);
    JsWorld other = JsWorld.oneASecond(topology, 8, requests);

    assertThat(first.outcomes.subList(0, 3))
        .containsExactly("200 miss", "200 stored", "200 from the object true");
    assertThat(first.outcomes.subList(2, 12)).containsOnly("200 from the object true");
    assertThat(first.records("cache.put"))
        .singleElement()
        .asString()
        .contains("\"actor\":\"WRITER:");
    // Both instances served reads (seeded routing) and both saw the object's entry.
    assertThat(first.records("cache.match"))
        .anyMatch(r -> r.contains("\"actor\":\"api#0\"") && r.contains("\"result\":\"hit\""))
        .anyMatch(r -> r.contains("\"actor\":\"api#1\"") && r.contains("\"result\":\"hit\""));
    assertThat(again.result.traceSha256()).isEqualTo(first.result.traceSha256());
    assertThat(other.result.traceSha256()).isNotEqualTo(first.result.traceSha256());
  }
}
