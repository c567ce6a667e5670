package dev.w9y.guestjs;

import static dev.w9y.guestjs.WorkflowWorld.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cloudflare Workflows in JavaScript guests: the binding, the step API, replay after a crash. */
class JsWorkflowTest {
  /** A worker whose fetch drives env.WF by path, and a workflow class Flow with run = BODY. */
  static String worker(String runBody) {
    return """
        import { WorkflowEntrypoint } from "cloudflare:workers";
        import { NonRetryableError } from "cloudflare:workflows";
        let counter = 0;
        globalThis.effects = globalThis.effects ?? [];
        export class Flow extends WorkflowEntrypoint {
          async run(event, step) { RUN }
        }
        export default {
          async fetch(request, env) {
            const url = new URL(request.url);
            const id = url.searchParams.get("id") ?? "i1";
            try {
              switch (url.pathname) {
                case "/create": {
                  const instance = await env.WF.create({ id, params: { n: 7, who: "ann" } });
                  return new Response("created " + instance.id);
                }
                case "/status": {
                  const s = await (await env.WF.get(id)).status();
                  return new Response(JSON.stringify(s));
                }
                case "/pause": await (await env.WF.get(id)).pause(); return new Response("paused");
                case "/resume": await (await env.WF.get(id)).resume(); return new Response("resumed");
                case "/terminate": await (await env.WF.get(id)).terminate(); return new Response("terminated");
                case "/restart": await (await env.WF.get(id)).restart(); return new Response("restarted");
                case "/event": {
                  await (await env.WF.get(id)).sendEvent({ type: url.searchParams.get("type"), payload: { ok: true } });
                  return new Response("sent");
                }
                case "/effects": return new Response(JSON.stringify(globalThis.effects));
              }
              return new Response("no route", { status: 404 });
            } catch (e) {
              return new Response("threw " + e.name + ": " + e.message);
            }
          },
        };
        """
        .replace("RUN", runBody);
  }

  @Test
  void aStepRunsOnceAndTheOutputIsTheStatus() {
    WorkflowWorld world =
        WorkflowWorld.run(
            worker(
                """
                const a = await step.do("double", async () => event.payload.n * 2);
                const b = await step.do("greet", async () => ({ hello: event.payload.who, id: event.instanceId }));
                return { a, b, ts: event.timestamp instanceof Date };
                """),
            Duration.ofMinutes(1),
            at(Duration.ZERO, "/create"),
            at(Duration.ofSeconds(10), "/status"));

    assertThat(world.outcomes)
        .containsExactly(
            "200 created i1",
            "200 {\"status\":\"complete\",\"output\":{\"a\":14,\"b\":{\"hello\":\"ann\",\"id\":\"i1\"},\"ts\":true}}");
    assertThat(world.steps("workflow.step.complete")).containsExactly("do:double#1", "do:greet#1");
  }

  private static String status(String json) {
    return "200 " + json;
  }

  private static long delayMs(tools.jackson.databind.JsonNode record) {
    return record.path("delayMs").asLong();
  }

  @Test
  void failedAttemptsAreRetriedWithEachBackoffAndTheDefaultsAreMiniflares() {
    WorkflowWorld world =
        WorkflowWorld.run(
            worker(
                """
                const failing = (n) => { let left = n; return async () => { if (left-- > 0) throw new RangeError("flaky"); return "ok"; }; };
                const exp = await step.do("exp", { retries: { limit: 3, delay: "1 second", backoff: "exponential" } }, failing(3));
                const lin = await step.do("lin", { retries: { limit: 3, delay: 1000, backoff: "linear" } }, failing(3));
                const con = await step.do("con", { retries: { limit: 3, delay: "1 second", backoff: "constant" } }, failing(3));
                let def;
                try { await step.do("default", async () => { throw new Error("always"); }); }
                catch (e) { def = e.name + ": " + e.message; }
                return [exp, lin, con, def];
                """),
            Duration.ofMinutes(5),
            at(Duration.ZERO, "/create"),
            at(Duration.ofMinutes(4), "/status"));

    assertThat(world.outcomes.get(1))
        .isEqualTo(
            status(
                "{\"status\":\"complete\",\"output\":[\"ok\",\"ok\",\"ok\",\"Error: always\"]}"));
    java.util.List<Long> delays = new java.util.ArrayList<>();
    world.records("workflow.step.retry").forEach(r -> delays.add(delayMs(r)));
    // exponential 1,2,4 s; linear 1,2,3 s; constant 1,1,1 s; the defaults: 5 retries, 1 s,
    // exponential
    assertThat(delays)
        .containsExactly(
            1000L, 2000L, 4000L, 1000L, 2000L, 3000L, 1000L, 1000L, 1000L, 1000L, 2000L, 4000L,
            8000L, 16000L);
    assertThat(world.steps("workflow.step.fail")).containsExactly("do:default#1");
    assertThat(world.records("workflow.step.fail").get(0).path("attempt").asLong()).isEqualTo(6);
  }

  @Test
  void aNonRetryableErrorIsNotRetriedAndUnhandledItErrorsTheInstance() {
    WorkflowWorld world =
        WorkflowWorld.run(
            worker(
                """
                await step.do("refuse", async () => { throw new NonRetryableError("card declined"); });
                """),
            Duration.ofMinutes(1),
            at(Duration.ZERO, "/create"),
            at(Duration.ofSeconds(30), "/status"));

    assertThat(world.records("workflow.step.start")).hasSize(1);
    assertThat(world.records("workflow.step.retry")).isEmpty();
    assertThat(world.outcomes.get(1))
        .isEqualTo(
            status(
                "{\"status\":\"errored\",\"error\":{\"name\":\"WorkflowFatalError\",\"message\":\"The"
                    + " execution of the Workflow instance was terminated, as a step threw an"
                    + " NonRetryableError and it was not handled\"},\"output\":null}"));
  }

  @Test
  void anAttemptPastItsTimeoutFailsWithWorkflowTimeoutErrorAndIsRetried() {
    WorkflowWorld world =
        WorkflowWorld.run(
            worker(
                """
                try {
                  await step.do("slow", { timeout: "2 seconds", retries: { limit: 1, delay: 500 } },
                    async () => { await scheduler.wait(5000); return "late"; });
                } catch (e) { return e.name + ": " + e.message; }
                """),
            Duration.ofMinutes(1),
            at(Duration.ZERO, "/create"),
            at(Duration.ofSeconds(30), "/status"));

    assertThat(world.outcomes.get(1))
        .isEqualTo(
            status(
                "{\"status\":\"complete\",\"output\":\"Error: WorkflowTimeoutError: Execution timed out after"
                    + " 2000ms\"}"));
    assertThat(world.records("workflow.step.timeout")).hasSize(2);
    assertThat(world.records("workflow.step.start")).hasSize(2);
  }

  @Test
  void daysOfSleepPassInVirtualTimeAndTheInstanceWaitsMeanwhile() {
    WorkflowWorld world =
        WorkflowWorld.run(
            worker(
                """
                await step.do("before", async () => 1);
                await step.sleep("three days", "3 days");
                const woke = await step.do("after", async () => Date.now());
                await step.sleepUntil("until", woke + 60000);
                let past;
                try { await step.sleepUntil("past", new Date(0)); } catch (e) { past = e.message; }
                return { woke, past };
                """),
            Duration.ofDays(4),
            at(Duration.ZERO, "/create"),
            at(Duration.ofDays(1), "/status"),
            at(Duration.ofDays(3).plusHours(1), "/status"));

    assertThat(world.outcomes.get(1)).isEqualTo(status("{\"status\":\"waiting\",\"output\":null}"));
    long start = dev.w9y.core.Topology.DEFAULT_EPOCH_MILLIS;
    assertThat(world.outcomes.get(2)).startsWith(status("{\"status\":\"complete\""));
    tools.jackson.databind.JsonNode output =
        dev.w9y.core.http.Json.MAPPER.readTree(world.outcomes.get(2).substring(4)).path("output");
    assertThat(output.path("woke").asLong() - start)
        .isBetween(Duration.ofDays(3).toMillis(), Duration.ofDays(3).toMillis() + 1000);
    assertThat(output.path("past").asString())
        .isEqualTo("You can't sleep until a time in the past, time-traveler");
    assertThat(world.records("workflow.wake")).hasSize(2);
  }

  @Test
  void waitForEventTakesASentEventAndTimesOutWithoutOne() {
    WorkflowWorld world =
        WorkflowWorld.run(
            worker(
                """
                const approval = await step.waitForEvent("approval", { type: "approved", timeout: "1 hour" });
                let missing;
                try { await step.waitForEvent("never", { type: "nope", timeout: "10 minutes" }); }
                catch (e) { missing = e.name + ": " + e.message; }
                return { payload: approval.payload, type: approval.type, when: approval.timestamp.getTime() > 0, missing };
                """),
            Duration.ofHours(2),
            at(Duration.ZERO, "/create"),
            at(Duration.ofMinutes(5), "/status"),
            at(Duration.ofMinutes(10), "/event?type=approved"),
            at(Duration.ofHours(1), "/status"));

    assertThat(world.outcomes.get(1)).isEqualTo(status("{\"status\":\"waiting\",\"output\":null}"));
    assertThat(world.outcomes.get(3))
        .isEqualTo(
            status(
                "{\"status\":\"complete\",\"output\":{\"payload\":{\"ok\":true},\"type\":\"approved\","
                    + "\"when\":true,\"missing\":\"Error: WorkflowTimeoutError: Execution timed out after"
                    + " 600000ms\"}}"));
    assertThat(world.records("workflow.event.received")).hasSize(1);
    // The first wait's timeout was cancelled when the event came: only the second one fired.
    assertThat(world.records("workflow.event.timeout")).hasSize(1);
  }

  @Test
  void anEventSentBeforeTheWaitIsKeptForIt() {
    WorkflowWorld world =
        WorkflowWorld.run(
            worker(
                """
                await step.sleep("first", "1 hour");
                const e = await step.waitForEvent("approval", { type: "approved" });
                return e.payload;
                """),
            Duration.ofHours(2),
            at(Duration.ZERO, "/create"),
            at(Duration.ofMinutes(10), "/event?type=approved"),
            at(Duration.ofMinutes(90), "/status"));

    assertThat(world.outcomes.get(2))
        .isEqualTo(status("{\"status\":\"complete\",\"output\":{\"ok\":true}}"));
  }

  @Test
  void pauseResumeTerminateAndRestartChangeTheStatusAsMiniflares() {
    WorkflowWorld world =
        WorkflowWorld.run(
            worker(
                """
                globalThis.effects.push("run");
                await step.do("one", async () => { globalThis.effects.push("one"); return 1; });
                await step.sleep("nap", "1 hour");
                await step.do("two", async () => { globalThis.effects.push("two"); return 2; });
                return "done";
                """),
            Duration.ofHours(6),
            at(Duration.ZERO, "/create"),
            at(Duration.ofMinutes(10), "/pause"),
            at(Duration.ofMinutes(11), "/status"),
            at(Duration.ofMinutes(120), "/status"),
            at(Duration.ofMinutes(121), "/resume"),
            at(Duration.ofMinutes(122), "/status"),
            at(Duration.ofMinutes(200), "/status"),
            at(Duration.ofMinutes(201), "/restart"),
            at(Duration.ofMinutes(202), "/terminate"),
            at(Duration.ofMinutes(203), "/status"),
            at(Duration.ofMinutes(204), "/terminate"),
            at(Duration.ofMinutes(205), "/effects"));

    assertThat(world.outcomes)
        .containsExactly(
            "200 created i1",
            "200 paused",
            status("{\"status\":\"paused\",\"output\":null}"),
            status("{\"status\":\"paused\",\"output\":null}"), // a paused sleep does not run down
            "200 resumed",
            status("{\"status\":\"waiting\",\"output\":null}"),
            status("{\"status\":\"complete\",\"output\":\"done\"}"),
            "200 restarted",
            "200 terminated",
            status("{\"status\":\"terminated\",\"output\":null}"),
            "200 threw Error: WorkflowError: (instance.cannot_terminate) Cannot terminate instance since"
                + " its on a finite state",
            // run 1 did "one"; after resume run 2 replayed it and did "two"; the restart ran anew
            "200 [\"run\",\"one\",\"run\",\"two\",\"run\",\"one\"]");
  }

  @Test
  void aCrashBetweenAStepsSideEffectAndItsCheckpointRunsTheStepAgain() {
    WorkflowWorld world =
        WorkflowWorld.run(
            WorkflowWorld.topology(
                worker(
                    """
                    await step.do("reserve", async () => { globalThis.effects.push("reserve"); return "r1"; });
                    await step.do("charge", async () => { globalThis.effects.push("charge"); return "c1"; });
                    return "done";
                    """)),
            1,
            Duration.ofMinutes(1),
            WorkflowWorld.crashBeforeCheckpoint("do:charge#1"),
            at(Duration.ZERO, "/create"),
            at(Duration.ofSeconds(30), "/status"),
            at(Duration.ofSeconds(31), "/effects"));

    assertThat(world.outcomes)
        .containsExactly(
            "200 created i1",
            status("{\"status\":\"complete\",\"output\":\"done\"}"),
            "200 [\"reserve\",\"charge\",\"charge\"]");
    assertThat(world.records("workflow.crash")).hasSize(1);
    assertThat(world.steps("workflow.step.replay")).containsExactly("do:reserve#1");
    assertThat(world.records("workflow.run")).hasSize(2);
  }

  @Test
  void aCrashOfTheGuestRunningRunReRunsItFromTheStartSkippingDurableSteps() {
    WorkflowWorld world =
        WorkflowWorld.run(
            WorkflowWorld.topology(
                worker(
                    """
                    await step.do("first", async () => { globalThis.effects.push("first"); return 1; });
                    await step.do("slow", async () => { globalThis.effects.push("slow"); await scheduler.wait(10000); return 2; });
                    return "done";
                    """)),
            1,
            Duration.ofMinutes(1),
            null,
            at(Duration.ZERO, "/create"),
            at(Duration.ofSeconds(5), "!crash"),
            at(Duration.ofSeconds(6), "!restart"),
            at(Duration.ofSeconds(40), "/status"),
            at(Duration.ofSeconds(41), "/effects"));

    // The crash wiped the guest's memory: the effects list the new life kept starts empty.
    assertThat(world.outcomes)
        .containsExactly(
            "200 created i1",
            status("{\"status\":\"complete\",\"output\":\"done\"}"),
            "200 [\"slow\"]");
    assertThat(world.records("workflow.crash").get(0).path("reason").asString())
        .contains("api#0 crashed: test crash");
    assertThat(world.steps("workflow.step.replay")).containsExactly("do:first#1");
    assertThat(world.steps("workflow.step.complete")).containsExactly("do:first#1", "do:slow#1");
  }

  @Test
  void injectedStepFailuresAreRetriedAndLateWakeUpsAreLate() {
    WorkflowWorld world =
        WorkflowWorld.run(
            WorkflowWorld.topology(
                worker(
                    """
                    const v = await step.do("s", { retries: { limit: 2, delay: 100, backoff: "constant" } }, async () => 5);
                    await step.sleep("nap", "1 minute");
                    return v;
                    """)),
            1,
            Duration.ofMinutes(10),
            WorkflowWorld.failingAttempts(2, Duration.ofMinutes(2)),
            at(Duration.ZERO, "/create"),
            at(Duration.ofSeconds(150), "/status"),
            at(Duration.ofSeconds(200), "/status"));

    assertThat(world.records("workflow.step.retry")).hasSize(2);
    assertThat(world.records("workflow.step.retry").get(0).path("error").asString())
        .contains("injected step failure");
    assertThat(world.outcomes.get(1)).isEqualTo(status("{\"status\":\"waiting\",\"output\":null}"));
    assertThat(world.outcomes.get(2)).isEqualTo(status("{\"status\":\"complete\",\"output\":5}"));
  }

  @Test
  void aStepNameUsedTwiceIsTwoStepsCachedApartAsMiniflareKeysThem() {
    WorkflowWorld world =
        WorkflowWorld.run(
            WorkflowWorld.topology(
                worker(
                    """
                    const a = await step.do("same", async () => { globalThis.effects.push("a"); return "a"; });
                    const b = await step.do("same", async () => { globalThis.effects.push("b"); return "b"; });
                    return a + b;
                    """)),
            1,
            Duration.ofMinutes(1),
            WorkflowWorld.crashBeforeCheckpoint("do:same#2"),
            at(Duration.ZERO, "/create"),
            at(Duration.ofSeconds(30), "/status"),
            at(Duration.ofSeconds(31), "/effects"));

    assertThat(world.outcomes)
        .containsExactly(
            "200 created i1",
            status("{\"status\":\"complete\",\"output\":\"ab\"}"),
            "200 [\"a\",\"b\",\"b\"]");
    assertThat(world.steps("workflow.step.replay")).containsExactly("do:same#1");
  }

  @Test
  void aStepResultThatCannotBeSerialisedErrorsTheInstanceNamingTheStep() {
    WorkflowWorld world =
        WorkflowWorld.run(
            worker(
                """
                await step.do("make a function", async () => () => 1);
                """),
            Duration.ofMinutes(1),
            at(Duration.ZERO, "/create"),
            at(Duration.ofSeconds(10), "/status"));

    assertThat(world.outcomes.get(1))
        .isEqualTo(
            status(
                "{\"status\":\"errored\",\"error\":{\"name\":\"WorkflowFatalError\",\"message\":\"The"
                    + " execution of the Workflow instance was terminated, as the step \\\"make a"
                    + " function\\\" returned a value which is not serialisable\"},\"output\":null}"));
  }

  @Test
  void badInputGetsClearErrors() {
    WorkflowWorld world =
        WorkflowWorld.run(
            worker(
                    """
                try { await step.do("x", { retries: { limit: -1, delay: 1 } }, async () => 1); }
                catch (e) { return e.name + ": " + e.message; }
                """)
                .replace(
                    "case \"/effects\":",
                    """
                    case "/bad-id": await env.WF.create({ id: "-bad id" }); return new Response("no");
                    case "/batch": {
                      const made = await env.WF.createBatch([{ id: "b1" }, { id: "b2", params: { x: 1 } }]);
                      return new Response(made.map((i) => i.id).join(","));
                    }
                    case "/empty-batch": await env.WF.createBatch([]); return new Response("no");
                    case "/effects":"""),
            Duration.ofMinutes(1),
            at(Duration.ZERO, "/create"),
            at(Duration.ofSeconds(1), "/create"),
            at(Duration.ofSeconds(2), "/bad-id"),
            at(Duration.ofSeconds(3), "/status?id=nobody"),
            at(Duration.ofSeconds(4), "/batch"),
            at(Duration.ofSeconds(5), "/empty-batch"),
            at(Duration.ofSeconds(10), "/status"));

    assertThat(world.outcomes)
        .containsExactly(
            "200 created i1",
            "200 threw Error: WorkflowError: (instance.already_exists) Workflow instance 'i1' already"
                + " exists in workflow flow",
            "200 threw Error: WorkflowError: Workflow instance has invalid id",
            "200 threw Error: instance.not_found",
            "200 b1,b2",
            "200 threw Error: WorkflowError: batchCreate should have at least 1 instance",
            status(
                "{\"status\":\"complete\",\"output\":\"Error: WorkflowFatalError: Step config for \\\"x\\\" is"
                    + " in a invalid format. See"
                    + " https://developers.cloudflare.com/workflows/build/sleeping-and-retrying/\"}"));
  }

  @Test
  void aSeedIsTheSameRunTwiceWithCrashesAndRetries() {
    String source =
        worker(
            """
            const a = await step.do("a", { retries: { limit: 3, delay: 100 } }, async () => Math.random());
            await step.sleep("s", "1 day");
            const b = await step.do("b", async () => crypto.randomUUID());
            return [a, b];
            """);
    String first =
        WorkflowWorld.run(
                WorkflowWorld.topology(source),
                7,
                Duration.ofDays(2),
                WorkflowWorld.crashBeforeCheckpoint("do:b#1"),
                at(Duration.ZERO, "/create"))
            .result
            .traceSha256();
    String second =
        WorkflowWorld.run(
                WorkflowWorld.topology(source),
                7,
                Duration.ofDays(2),
                WorkflowWorld.crashBeforeCheckpoint("do:b#1"),
                at(Duration.ZERO, "/create"))
            .result
            .traceSha256();
    assertThat(second).isEqualTo(first);
  }

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

  @Test
  void aWranglerConfigsWorkflowsAndATopologyFilesWorkflowsBindTheClass() throws Exception {
    String source =
        worker(
            """
            return await step.do("only", async () => event.payload.n + 1);
            """);
    java.nio.file.Files.writeString(dir.resolve("index.js"), source);
    java.nio.file.Files.writeString(
        dir.resolve("wrangler.toml"),
        """
        name = "api"
        main = "index.js"

        [[workflows]]
        name = "flow"
        binding = "WF"
        class_name = "Flow"
        """);
    WorkflowWorld fromWrangler =
        WorkflowWorld.run(
            dev.w9y.core.Topology.fromWrangler(dir.resolve("wrangler.toml")),
            1,
            Duration.ofMinutes(1),
            null,
            at(Duration.ZERO, "/create"),
            at(Duration.ofSeconds(10), "/status"));
    assertThat(fromWrangler.outcomes)
        .containsExactly("200 created i1", status("{\"status\":\"complete\",\"output\":8}"));

    java.nio.file.Files.writeString(
        dir.resolve("w9y.yaml"),
        """
        services:
          api:
            kind: js
            entry: index.js
            public: true
            workflows: {WF: {name: flow, className: Flow}}
        """);
    WorkflowWorld fromYaml =
        WorkflowWorld.run(
            dev.w9y.core.topology.TopologyFile.read(dir.resolve("w9y.yaml")).topology(),
            1,
            Duration.ofMinutes(1),
            null,
            at(Duration.ZERO, "/create"),
            at(Duration.ofSeconds(10), "/status"));
    assertThat(fromYaml.outcomes).isEqualTo(fromWrangler.outcomes);

    java.nio.file.Files.writeString(
        dir.resolve("bad.yaml"),
        """
        services:
          api:
            kind: js
            entry: index.js
            workflows: {WF: {name: flow, className: Flow, scriptName: nowhere}}
        """);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> dev.w9y.core.topology.TopologyFile.read(dir.resolve("bad.yaml")))
        .hasMessageContaining("services.api.workflows.WF.scriptName")
        .hasMessageContaining("names service 'nowhere', which the topology does not define");
    java.nio.file.Files.writeString(
        dir.resolve("wrangler.toml"),
        """
        name = "api"
        main = "index.js"

        [[workflows]]
        name = "flow"
        binding = "WF"
        class_name = "Flow"
        retries = 3
        """);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> dev.w9y.core.Topology.fromWrangler(dir.resolve("wrangler.toml")))
        .hasMessageContaining("workflows[0].retries")
        .hasMessageContaining("not a key of a workflow binding W9Y knows");
  }

  @Test
  void aMissingWorkflowClassErrorsTheInstanceNamingIt() {
    WorkflowWorld world =
        WorkflowWorld.run(
            WorkflowWorld.topology(worker("return 1;").replace("export class Flow", "class Flow")),
            1,
            Duration.ofMinutes(1),
            null,
            at(Duration.ZERO, "/create"),
            at(Duration.ofSeconds(10), "/status"));
    assertThat(world.outcomes.get(1))
        .isEqualTo(
            status(
                "{\"status\":\"errored\",\"error\":{\"name\":\"TypeError\",\"message\":\"the code"
                    + " exports no workflow class 'Flow' (class_name of the workflow)\"},"
                    + "\"output\":null}"));
  }
}
