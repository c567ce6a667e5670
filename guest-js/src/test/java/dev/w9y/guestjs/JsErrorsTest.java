package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guest mistakes end in clear errors naming service, file, line and event; the run goes on. */
class JsErrorsTest {
  @Test
  void aSyntaxErrorFailsTheBootNamingFileAndLine() {
    JsWorld world =
        JsWorld.serve(
            "export default {\n  fetch() { return 1 +; }\n};", Request.get("http://api/"));

    assertThat(world.result.passed()).isFalse();
    // The service is named once (its instance), the error as JavaScript reports it.
    assertThat(world.result.summary())
        .contains("api#0 failed to start: loading index.js: SyntaxError: index.js:2:22")
        .doesNotContain("service 'api'")
        .doesNotContain("dev.w9y");
  }

  @Test
  void anUncaughtExceptionIsA500AndATracedErrorWithTheGuestsLine() {
    String source =
        """
        export default {
          fetch(request) {
            throw new RangeError("out of range: " + request.method);
          },
        };
        """;
    JsWorld world =
        JsWorld.tolerating(GuestErrorKind.UNCAUGHT_EXCEPTION)
            .serve(source, Request.get("http://api/"));

    assertThat(JsWorld.serve(source, Request.get("http://api/")).failedWith())
        .isEqualTo(GuestErrorKind.UNCAUGHT_EXCEPTION);
    assertThat(world.outcomes).containsExactly("500 Internal Server Error");
    assertThat(world.records("guest.error"))
        .singleElement()
        .asString()
        .contains("\"error\":\"fetch handler: RangeError: out of range: GET\\n")
        .contains("at Object.fetch (index.js:3:")
        .doesNotContain("dev.w9y")
        .doesNotContain("service 'api'");
    assertThat(JsWorld.serve(source, Request.get("http://api/")).result.summary())
        .contains("uncaught exception in api#0: fetch handler: RangeError: out of range: GET")
        .doesNotContain("dev.w9y");
  }

  @Test
  void aHandlerThatReturnsNoResponseIsNamed() {
    JsWorld world =
        JsWorld.tolerating(GuestErrorKind.UNCAUGHT_EXCEPTION)
            .serve(
                "export default { fetch() { return { status: 200 }; } };",
                Request.get("http://api/"));

    assertThat(world.outcomes).containsExactly("500 Internal Server Error");
    assertThat(world.records("guest.error"))
        .singleElement()
        .asString()
        .contains("fetch handler")
        // workerd's words, as a caller over a binding would see them
        .contains("Incorrect type for Promise: the Promise did not resolve to 'Response'.");
  }

  @Test
  void anEndlessLoopRunsOutOfItsStatementBudgetAndTheInstanceRestarts() {
    JsGuest guest =
        JsGuest.fromSource(
                "index.js",
                """
                let served = 0;
                export default {
                  fetch(request) {
                    served++;
                    if (new URL(request.url).pathname === "/spin") { while (true) {} }
                    return new Response(`served ${served}`);
                  },
                };
                """)
            .withStatementLimit(200_000);
    JsWorld world =
        JsWorld.oneASecond(
            JsWorld.publicApi(guest),
            Request.get("http://api/ok"),
            Request.get("http://api/spin"),
            Request.get("http://api/ok"));
    List<String> outcomes = world.outcomes;

    // The spinning request's connection is reset by the lost instance; the fresh instance has
    // fresh memory (served counts from 1 again).
    assertThat(outcomes).hasSize(3);
    assertThat(outcomes.get(0)).isEqualTo("200 served 1");
    assertThat(outcomes.get(1)).startsWith("failed: connection reset");
    assertThat(outcomes.get(2)).isEqualTo("200 served 1");
    assertThat(world.records("instance.crashed"))
        .singleElement()
        .asString()
        .contains("ran more than 200000 statements in one event");
    assertThat(world.result.passed()).isTrue();
  }

  @Test
  void errorsOutsideRequestsAreTracedWithWhereTheyHappened() {
    String source =
        """
        export default {
          fetch() {
            setTimeout(() => { null.boom; }, 10);
            Promise.reject(new Error("nobody listens"));
            return new Response("ok");
          },
        };
        """;
    JsWorld world =
        JsWorld.tolerating(GuestErrorKind.UNCAUGHT_EXCEPTION, GuestErrorKind.UNHANDLED_REJECTION)
            .serve(source, Request.get("http://api/"));

    assertThat(JsWorld.serve(source, Request.get("http://api/")).failedWith())
        .as("by default the first of them fails the seed")
        .isEqualTo(GuestErrorKind.UNHANDLED_REJECTION);

    assertThat(world.outcomes).containsExactly("200 ok");
    assertThat(world.records("guest.error"))
        .hasSize(2)
        .anySatisfy(r -> assertThat(r).contains("unhandled rejection").contains("nobody listens"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("timer callback")
                    .contains("TypeError")
                    .contains("index.js:3"));
  }

  @Test
  void aMissingDurableObjectClassAndABareImportAreNamed() {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "api",
                        JsGuest.fromSource(
                            "index.js",
                            """
                            export class Other {}
                            export default {
                              fetch: (request, env) => env.COUNTER.get(env.COUNTER.idFromName("x")).fetch(request),
                            };
                            """))
                    .withDurableObject("COUNTER", "Counter")
                    .asPublic())
            .build();
    // The object cannot start, so the caller's fetch rejects (as in workerd) and the fetch handler,
    // which does not catch it, ends the request with a 500: an uncaught error, tolerated here.
    JsWorld world =
        JsWorld.tolerating(GuestErrorKind.UNCAUGHT_EXCEPTION)
            .run(topology, 1, Request.get("http://api/"));

    assertThat(world.outcomes).containsExactly("500 Internal Server Error");
    assertThat(world.records("guest.error"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("exports no durable object class 'Counter' (it exports: Other)"));

    JsWorld bare =
        JsWorld.serve(
            "import _ from \"lodash\";\nexport default { fetch: () => new Response(\"x\") };",
            Request.get("http://api/"));
    assertThat(bare.result.summary()).contains("cannot import 'lodash'").contains("bare specifier");
  }

  @Test
  void unboundedRecursionStopsAtTheSameCountedDepthEveryTime() {
    String source =
        """
        let deepest = 0;
        function dive(n) { deepest = n; return dive(n + 1) + 1; }
        export default {
          fetch() {
            try {
              dive(1);
            } catch (e) {
              const kind = [e instanceof RangeError, e instanceof Error, e instanceof TypeError];
              return new Response(`${deepest} ${kind} ${e.name} ${String(e)} ${e.stack.split("\\n")[0]}`);
            }
          },
        };
        """;
    JsWorld world = JsWorld.serve(source, Request.get("http://api/"), Request.get("http://api/"));

    // The handler itself, the prelude's dispatch frames and `dive` share the counted stack.
    assertThat(world.outcomes)
        .hasSize(2)
        .allSatisfy(o -> assertThat(o).isEqualTo(world.outcomes.get(0)));
    // As V8, and so workerd, has it.
    assertThat(world.outcomes.get(0))
        .startsWith("200 25")
        .endsWith(
            " true,true,false RangeError RangeError: Maximum call stack size exceeded"
                + " RangeError: Maximum call stack size exceeded");
  }

  @Test
  void anUncaughtStackOverflowIsReportedAsWorkerdsRangeErrorWithItsLine() {
    JsWorld world =
        JsWorld.tolerating(GuestErrorKind.UNCAUGHT_EXCEPTION)
            .serve(
                """
            function dive(n) {
              return dive(n + 1) + 1;
            }
            export default { fetch: () => new Response(String(dive(1))) };
            """,
                Request.get("http://api/"));

    assertThat(world.outcomes).containsExactly("500 Internal Server Error");
    assertThat(world.records("guest.error"))
        .singleElement()
        .asString()
        .contains("fetch handler: RangeError: Maximum call stack size exceeded\\n")
        .contains("at dive (index.js:2:");
  }

  @Test
  void importingANodeModuleW9yDoesNotProvideNamesItAsWorkerdDoes() {
    JsWorld world =
        JsWorld.serve(
            "import fs from \"node:fs\";\nexport default { fetch: () => new Response(\"x\") };",
            Request.get("http://api/"));

    assertThat(world.result.passed()).isFalse();
    assertThat(world.result.summary())
        .contains(
            "loading index.js: Error: No such module \"node:fs\".\n  imported from \"index.js\"");
  }

  @Test
  void importingAnUnknownSchemeModuleNamesItAsWorkerdDoes() {
    // GraalJS takes "cloudflare:nope" for a URL and says "Socket IO is not allowed"; workerd
    // says the module does not exist. Without nodejs_compat, node:fs, node:http and (in W9Y)
    // cloudflare:node are missing too.
    for (String specifier :
        List.of(
            "cloudflare:nope",
            "cloudflare:sockets",
            "https://x/y.js",
            "node:fs",
            "node:http",
            "cloudflare:node")) {
      JsWorld world =
          JsWorld.serve(
              "import x from \""
                  + specifier
                  + "\";\nexport default { fetch: () => new Response(\"x\") };",
              Request.get("http://api/"));

      assertThat(world.result.summary())
          .contains(
              "loading index.js: Error: No such module \""
                  + specifier
                  + "\".\n  imported from \"index.js\"")
          .doesNotContain("Socket IO");
    }
  }

  @Test
  void aTopLevelThrowInTheEntryModuleNamesFileAndLine() {
    JsWorld world =
        JsWorld.serve(
            "export default { fetch: () => new Response(\"x\") };\nthrow new TypeError(\"no config\");",
            Request.get("http://api/"));

    assertThat(world.result.passed()).isFalse();
    assertThat(world.result.summary())
        .contains("loading index.js: TypeError: no config (at index.js:2:7)");
  }

  @Test
  void runawayStringsAndTypedArraysHitNamedLimitsAtTheSamePointEveryTime() {
    String source =
        """
        export default {
          fetch() {
            let s = "x";
            let doublings = 0;
            try { for (;;) { s = s + s; doublings++; } } catch (e) { s = `${doublings} ${e.name}`; }
            let typed;
            try { new Float64Array(64 * 1024 * 1024); typed = "allocated"; } catch (e) { typed = e.name; }
            return new Response(`${s} ${typed}`);
          },
        };
        """;
    JsWorld world = JsWorld.serve(source, Request.get("http://api/"));

    assertThat(world.outcomes).containsExactly("200 25 RangeError RangeError");
  }

  @Test
  void unboundedAllocationIsStoppedByTheStatementBudgetAtTheSamePointEveryTime() {
    String source =
        """
        const hoard = [];
        export default {
          fetch(request) {
            if (new URL(request.url).pathname === "/hoard") {
              for (;;) hoard.push({ at: hoard.length, payload: "x".repeat(64) });
            }
            return new Response(`kept ${hoard.length}`);
          },
        };
        """;
    Topology topology =
        JsWorld.publicApi(JsGuest.fromSource("index.js", source).withStatementLimit(300_000));
    JsWorld first =
        JsWorld.oneASecond(topology, Request.get("http://api/hoard"), Request.get("http://api/"));
    JsWorld second =
        JsWorld.oneASecond(topology, Request.get("http://api/hoard"), Request.get("http://api/"));
    List<String> outcomes = first.outcomes;

    // The hoarding instance is lost with its memory; its replacement starts empty.
    assertThat(outcomes).hasSize(2);
    assertThat(outcomes.get(0)).startsWith("failed: connection reset");
    assertThat(outcomes.get(1)).isEqualTo("200 kept 0");
    assertThat(first.records("instance.crashed"))
        .singleElement()
        .asString()
        .contains("ran more than 300000 statements in one event");
    assertThat(second.result.traceSha256()).isEqualTo(first.result.traceSha256());
  }
}
