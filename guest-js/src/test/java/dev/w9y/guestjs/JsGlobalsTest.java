package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import org.junit.jupiter.api.Test;

/** Globals that touch time, randomness and the event loop, seen from a handler. */
class JsGlobalsTest {
  /** Runs {@code body} (an async function body returning a string) in a handler. */
  private static String handle(String body) {
    return handle(body, 1);
  }

  private static String handle(String body, long seed) {
    JsWorld world =
        JsWorld.run(
            Topology.builder()
                .service(
                    ServiceSpec.of(
                            "api",
                            JsGuest.fromSource(
                                "index.js",
                                "export default { async fetch(request) {\n"
                                    + "return new Response(await (async () => {\n"
                                    + body
                                    + "\n})()); } };"))
                        .asPublic())
                .build(),
            seed,
            Request.get("http://api/"));
    assertThat(world.outcomes).as(world.records("guest.error").toString()).hasSize(1);
    String outcome = world.outcomes.get(0);
    assertThat(outcome).as(world.records("guest.error").toString()).startsWith("200 ");
    return outcome.substring(4);
  }

  @Test
  void largeAllocationsAreRefusedAtTheSameBoundOnEveryHeap() {
    // Without the bound, new ArrayBuffer(2 ** 30) fails only on a small heap, and
    // new Array(2 ** 31).fill(0) runs for minutes before exhausting any heap.
    assertThat(
            handle(
                """
                const refused = (make) => { try { make(); return 'allowed'; } catch (e) { return e.constructor.name; } };
                class Sub extends ArrayBuffer {}
                return [
                  refused(() => new ArrayBuffer(2 ** 30)),
                  refused(() => new ArrayBuffer(8, { maxByteLength: 2 ** 31 })),
                  refused(() => new ArrayBuffer(8).transfer(2 ** 30)),
                  refused(() => new Array(2 ** 31).fill(0)),
                  refused(() => Array.from({ length: 2 ** 30 })),
                  refused(() => Array.from(new Array(2 ** 30))),
                  new ArrayBuffer(16).byteLength, [1, 2, 3].fill(0, 1).join(''), Array.from('abc').join(''),
                  new Uint8Array(4).buffer instanceof ArrayBuffer, ArrayBuffer.isView(new Uint8Array(1)),
                  new Sub(4) instanceof ArrayBuffer, new Sub(4).byteLength, ArrayBuffer.name, ArrayBuffer.length,
                  new ArrayBuffer(4).constructor === ArrayBuffer, structuredClone(new ArrayBuffer(3)).byteLength,
                  refused(() => ArrayBuffer(4)),
                ].join(' ');
                """))
        .isEqualTo(
            "RangeError RangeError RangeError RangeError RangeError RangeError 16 100 abc"
                + " true true true 4 ArrayBuffer 1 true 3 TypeError");
  }

  @Test
  void microtasksRunBeforeTimersAndEqualDelaysRunInTheOrderTheyWereSet() {
    String order =
        handle(
            """
            const log = [];
            await new Promise((done) => {
              setTimeout(() => log.push("a10"), 10);
              setTimeout(() => log.push("b10"), 10);
              setTimeout(() => {
                log.push("c0");
                Promise.resolve().then(() => log.push("c0-micro"));
                setTimeout(() => log.push("nested0"), 0);
              }, 0);
              setTimeout(() => log.push("d0"), 0);
              Promise.resolve().then(() => log.push("micro"));
              queueMicrotask(() => log.push("queued"));
              log.push("sync");
              setTimeout(done, 20);
            });
            return log.join(",");
            """);

    assertThat(order).isEqualTo("sync,micro,queued,c0,c0-micro,d0,nested0,a10,b10");
  }

  @Test
  void float16IsAbsentOnEveryJdkBecauseGraalJsNeedsJdk20ForIt() {
    assertThat(
            handle(
                "return [typeof Float16Array, typeof Math.f16round, typeof DataView.prototype.getFloat16,"
                    + " typeof DataView.prototype.setFloat16].join(' ');"))
        .isEqualTo("undefined undefined undefined undefined");
  }

  @Test
  void schedulerWaitSleepsOnVirtualTimeAndAnAbortedSignalRejectsIt() {
    String result =
        handle(
            """
            const start = Date.now();
            await scheduler.wait(250);
            const slept = Date.now() - start;
            const controller = new AbortController();
            setTimeout(() => controller.abort(new Error("stop")), 40);
            let aborted;
            try { await scheduler.wait(10_000, { signal: controller.signal }); } catch (e) { aborted = e.message; }
            return `${slept} ${aborted} ${Date.now() - start} ${String(scheduler)}`;
            """);
    assertThat(result).isEqualTo("250 stop 290 [object Scheduler]");
  }

  @Test
  void intervalsRepeatUntilClearedAndTimeIsVirtual() {
    String result =
        handle(
            """
            const start = Date.now();
            const perfStart = performance.now();
            const ticks = [];
            await new Promise((done) => {
              const id = setInterval(() => {
                ticks.push(Date.now() - start);
                if (ticks.length === 3) { clearInterval(id); done(); }
              }, 250);
            });
            return `${ticks.join(",")} ${performance.now() - perfStart} ${new Date().getTime() - start}`;
            """);

    assertThat(result).isEqualTo("250,500,750 750 750");
  }

  @Test
  void theClockStartsAtTheTopologyEpochAndIntlFormatsItInUtc() {
    String result =
        handle(
            """
            const now = new Date();
            return [now.toISOString().slice(0, 10), typeof Date(), Date() === now.toString(),
              new Intl.DateTimeFormat("en-US").format() === new Intl.DateTimeFormat("en-US").format(Date.now()),
              new Date(0).getTimezoneOffset(), new Date(2020, 0, 1).toISOString(),
              new Intl.DateTimeFormat().resolvedOptions().timeZone,
              Intl.DateTimeFormat("en-US", { timeZone: "Asia/Tokyo" }).resolvedOptions().timeZone,
              new Intl.DateTimeFormat() instanceof Intl.DateTimeFormat].join(" ")
              + "|" + new Date(0).toString() + "|" + new Date(0).toTimeString()
              + "|" + Date.prototype.toString.name + " " + Date.prototype.toString.length;
            """);

    assertThat(result)
        .isEqualTo(
            "2026-01-01 string true true 0 2020-01-01T00:00:00.000Z UTC Asia/Tokyo true"
                + "|Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)"
                + "|00:00:00 GMT+0000 (Coordinated Universal Time)|toString 0");
  }

  @Test
  void randomnessIsSeededPerSeed() {
    String body =
        """
        const bytes = crypto.getRandomValues(new Uint8Array(4));
        return [Math.random(), crypto.randomUUID(), bytes.join(".")].join(" ");
        """;
    String first = handle(body, 1);

    assertThat(handle(body, 1)).isEqualTo(first);
    assertThat(handle(body, 2)).isNotEqualTo(first);
    assertThat(first.split(" ")[1])
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void theSandboxHasNoHostEscapesAndNoGarbageCollectionObservers() {
    String result =
        handle(
            """
            const names = ["Java", "Polyglot", "Graal", "print", "load", "WeakRef",
              "FinalizationRegistry", "require", "process"];
            let dynamicImport;
            try { await import("/etc/passwd"); dynamicImport = "loaded"; }
            catch (e) { dynamicImport = "failed: " + e.message; }
            return names.map((n) => typeof globalThis[n]).join(",") + " " + dynamicImport;
            """);

    assertThat(result)
        .startsWith(
            "undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined,"
                + "undefined failed: ")
        .contains("/etc/passwd")
        .doesNotContain("root:");
  }

  @Test
  void consoleOutputGoesIntoTheTrace() {
    JsWorld world =
        JsWorld.serve(
            """
            export default { fetch() {
              console.log("hello %s, %d items", "ada", 3, { a: [1, "x"] });
              console.error(new TypeError("bad"));
              return new Response("ok");
            } };
            """,
            Request.get("http://api/"));

    assertThat(world.records("console"))
        .hasSize(2)
        .anySatisfy(r -> assertThat(r).contains("hello ada, 3 items { a: [ 1, \\\"x\\\" ] }"))
        .anySatisfy(r -> assertThat(r).contains("\"level\":\"error\"").contains("TypeError: bad"));
  }

  @Test
  void anAbortSignalTimeoutCancelsAFetchOnVirtualTime() {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "api",
                        JsGuest.fromSource(
                            "api.js",
                            """
                            export default { async fetch() {
                              const start = Date.now();
                              try {
                                await fetch("http://slow/", { signal: AbortSignal.timeout(1000) });
                                return new Response("answered");
                              } catch (e) {
                                return new Response(`${e.name} after ${Date.now() - start}ms`);
                              }
                            } };
                            """))
                    .asPublic())
            .service(
                ServiceSpec.of(
                    "slow",
                    JsGuest.fromSource(
                        "slow.js",
                        """
                        export default { async fetch() {
                          await new Promise((r) => setTimeout(r, 5000));
                          return new Response("late");
                        } };
                        """)))
            .build();

    JsWorld world = JsWorld.run(topology, 1, Request.get("http://api/"));

    assertThat(world.outcomes).containsExactly("200 TimeoutError after 1000ms");
  }

  @Test
  void sharedArrayBufferAndAtomicsWorkOnTheOneThreadAndNothingWaits() {
    assertThat(
            handle(
                """
                const attempt = (f) => { try { return String(f()); } catch (e) { return e.name + ": " + e.message; } };
                const a = new Int32Array(new SharedArrayBuffer(16));
                Atomics.add(a, 0, 5);
                const waits = [Atomics.waitAsync(a, 0, 5), Atomics.waitAsync(a, 0, 5), Atomics.waitAsync(a, 1, 0, 10)];
                let settled = false;
                waits[0].value.then(() => { settled = true; });
                const notified = [Atomics.notify(a, 0, 1), Atomics.notify(a, 0), Atomics.notify(a, 0)];
                await new Promise((r) => setTimeout(r, 50));
                return [Atomics.load(a, 0), Atomics.compareExchange(a, 0, 5, 9), a[0],
                  waits.map((w) => w.async).join("/"), notified.join("/"), settled,
                  JSON.stringify(Atomics.waitAsync(a, 0, 1)),
                  attempt(() => Atomics.wait(a, 0, 9, 10)),
                  attempt(() => new SharedArrayBuffer(2 ** 30)).split(":")[0],
                  new SharedArrayBuffer(4).constructor === SharedArrayBuffer].join(" ");
                """))
        .isEqualTo(
            "5 5 9 true/true/true 1/1/0 false {\"async\":false,\"value\":\"not-equal\"}"
                + " TypeError: Atomics.wait cannot be called in this context RangeError true");
  }

  @Test
  void timerDelaysAreDoublesAsInWorkerdNotWrappedToThirtyTwoBits() {
    String body =
        """
        const start = Date.now();
        const fired = [];
        const attempt = (f) => { try { f(); return "set"; } catch (e) { return e.name; } };
        [["2**32", 2 ** 32], ["-5", -5], ["NaN", NaN], ["'30'", "30"], ["2**32+20", 2 ** 32 + 20],
         ["2**31", 2 ** 31], ["40.9", 40.9], ["null", null], ["valueOf", { valueOf: () => 10 }],
         ["-(2**32)+25", -(2 ** 32) + 25], ["1e20", 1e20]]
          .forEach(([name, delay]) => setTimeout(() => fired.push(name + "@" + (Date.now() - start)), delay));
        await new Promise((r) => setTimeout(r, 100));
        return fired.join(" ") + " | " + attempt(() => setTimeout(() => {}, 1n)) + " "
          + attempt(() => setTimeout(() => {}, Symbol()));
        """;
    String first = handle(body, 1);
    assertThat(first)
        .isEqualTo(
            "-5@0 NaN@0 null@0 -(2**32)+25@0 valueOf@10 '30'@30 40.9@40 | TypeError TypeError");
  }

  @Test
  void timersPastThirtyTwoBitsOfMillisecondsRunTheSameOnEverySeed() {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "api",
                        JsGuest.fromSource(
                            "index.js",
                            """
                            let log = [];
                            export default { async fetch() {
                              setTimeout(() => log.push("late"), 2 ** 32);
                              setTimeout(() => log.push("now"), -1);
                              const a = new Int32Array(new SharedArrayBuffer(8));
                              Atomics.waitAsync(a, 0, 0, 5);
                              await new Promise((r) => setTimeout(r, 20));
                              return new Response(log.join() + " " + Atomics.notify(a, 0));
                            } };
                            """))
                    .asPublic())
            .build();
    JsWorld one =
        JsWorld.oneASecond(topology, 7, Request.get("http://api/"), Request.get("http://api/"));
    JsWorld two =
        JsWorld.oneASecond(topology, 7, Request.get("http://api/"), Request.get("http://api/"));
    assertThat(one.outcomes).containsExactly("200 now 1", "200 now,now 1");
    assertThat(two.result.traceSha256()).isEqualTo(one.result.traceSha256());
  }
}
