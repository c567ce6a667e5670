package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Workers in the older service-worker syntax ({@code addEventListener("fetch", ...)}, bindings as
 * globals) run unmodified, as workerd runs them, next to module-syntax Workers.
 */
class ServiceWorkerSyntaxTest {

  private static final String GATEWAY =
      """
      // No exports: a service-worker script, run as a classic script (sloppy mode: an undeclared
      // assignment makes a global) with GREETING and BACK as globals, as in workerd.
      served = 0;
      const prefix = GREETING + ":";
      let lateEvent;
      addEventListener("fetch", (event) => { lateEvent = event; });
      addEventListener("fetch", (event) => {
        event.respondWith(handle(event.request));
        event.waitUntil(Promise.resolve("logged"));
      });
      addEventListener("fetch", () => { throw new Error("never called: respondWith stops the dispatch"); });
      async function handle(request) {
        const url = new URL(request.url);
        if (url.pathname === "/late") {
          setTimeout(() => { try { lateEvent.respondWith(new Response("x")); } catch (e) { console.log("late:", e.name); } }, 0);
          return new Response("early");
        }
        const answer = await BACK.fetch("http://back" + url.pathname);
        served++;
        return new Response(`${prefix} ${await answer.text()} ua=${navigator.userAgent} self=${self === globalThis} served=${served}`,
          { headers: { "x-event": String(typeof FetchEvent) } });
      }
      """;

  private static final String BACK =
      """
      export default { fetch: (r) => new Response(new URL(r.url).pathname.slice(1)) };
      """;

  private static Topology topology(String gateway) {
    return Topology.builder()
        .service(
            ServiceSpec.of("front", JsGuest.fromSource("worker.js", gateway))
                .withBinding("BACK", "back")
                .withVar("GREETING", "hi")
                .asPublic())
        .service(ServiceSpec.of("back", JsGuest.fromSource("back.js", BACK)))
        .build();
  }

  @Test
  void fetchListenersAnswerWithRespondWithAndReadBindingsAsGlobals() {
    JsWorld world =
        JsWorld.oneASecond(
            topology(GATEWAY), Request.get("http://front/users"), Request.get("http://front/late"));

    assertThat(world.result.passed()).as(world.result.summary()).isTrue();
    assertThat(world.outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 hi: users ua=Cloudflare-Workers self=true served=1", "200 early");
    // respondWith() after the dispatch is an InvalidStateError, as the Service Workers spec says.
    assertThat(world.records("console")).anyMatch(line -> line.contains("late: InvalidStateError"));
    assertThat(world.records("guest.error")).isEmpty();
  }

  @Test
  void aModuleWorkerDoesNotSeeItsBindingsAsGlobalsAndItsListenersAreNotCalled() {
    String module =
        """
        addEventListener("fetch", (event) => event.respondWith(new Response("listener")));
        export default {
          fetch(request, env) {
            reportError(new RangeError("reported, not thrown"));
            return new Response(`${typeof GREETING} ${typeof BACK} ${env.GREETING}`);
          },
        };
        """;

    JsWorld world =
        JsWorld.tolerating(GuestErrorKind.UNCAUGHT_EXCEPTION)
            .oneASecond(topology(module), Request.get("http://front/"));

    assertThat(world.outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 undefined undefined hi");
    assertThat(world.records("guest.error"))
        .singleElement()
        .asString()
        .contains("reportError")
        .contains("RangeError: reported, not thrown");
  }

  @Test
  void aBindingNamedLikeAGlobalShadowsItOnlyInAServiceWorker() {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "sw",
                        JsGuest.fromSource(
                            "sw.js",
                            """
                            addEventListener("fetch", (e) => e.respondWith(new Response(String(URL))));
                            """))
                    .withVar("URL", "https://example.com")
                    .asPublic())
            .service(
                ServiceSpec.of(
                        "module",
                        JsGuest.fromSource(
                            "module.js",
                            """
                            const parsed = new URL("https://w9y.dev/a");
                            export default { fetch: (r, env) => new Response(parsed.pathname + " " + env.URL) };
                            """))
                    .withVar("URL", "https://example.com")
                    .asPublic())
            .build();

    JsWorld world =
        JsWorld.oneASecond(topology, Request.get("http://sw/"), Request.get("http://module/"));

    assertThat(world.outcomes)
        .as(world.records("guest.error").toString())
        .containsExactly("200 https://example.com", "200 /a https://example.com");
  }

  @Test
  void aScriptWithoutAFetchListenerOrHandlerFailsTheRequestSayingSo() {
    JsWorld world =
        JsWorld.tolerating(GuestErrorKind.UNCAUGHT_EXCEPTION)
            .oneASecond(
                topology(
                    """
                addEventListener("fetch", (event) => { if (event.request.url.endsWith("/throw")) throw new Error("boom"); });
                """),
                Request.get("http://front/quiet"),
                Request.get("http://front/throw"));

    assertThat(world.outcomes).hasSize(2).allMatch(outcome -> outcome.startsWith("500"));
    assertThat(String.join("\n", world.records("guest.error")))
        .contains("no 'fetch' event listener called event.respondWith()")
        .contains("boom");
  }

  @Test
  void scheduledListenersFireOnCronWithTheEventsTimeAndCronSameTraceOnEverySeed() {
    String worker =
        """
        addEventListener("scheduled", (event) => {
          event.waitUntil(Promise.resolve().then(() =>
            console.log(`tick ${event.cron} ${new Date(event.scheduledTime).toISOString()} ${Math.floor(Math.random() * 1000)}`)));
        });
        """;
    List<String> hashes = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      for (long seed = 1; seed <= 3; seed++) {
        SimulationResult result =
            Simulation.builder(
                    Topology.builder()
                        .service(
                            ServiceSpec.of("cron", JsGuest.fromSource("cron.js", worker))
                                .withCron("*/5 * * * *"))
                        .build())
                .seed(seed)
                .safetyPhase(Duration.ofMinutes(11))
                .build()
                .retainingTrace()
                .run();
        assertThat(result.passed()).as(result.summary()).isTrue();
        List<String> ticks =
            result.fullTrace().stream()
                .filter(line -> line.contains("\"kind\":\"console\""))
                .toList();
        assertThat(ticks).hasSize(2);
        assertThat(ticks.get(0)).contains("tick */5 * * * * 2026-01-01T00:05:00.000Z");
        assertThat(ticks.get(1)).contains("tick */5 * * * * 2026-01-01T00:10:00.000Z");
        hashes.add(seed + " " + result.traceSha256());
      }
    }
    assertThat(hashes.subList(0, 3)).isEqualTo(hashes.subList(3, 6));
    assertThat(hashes.subList(0, 3)).doesNotHaveDuplicates();
  }
}
