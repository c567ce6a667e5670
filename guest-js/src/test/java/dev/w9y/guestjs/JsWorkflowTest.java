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
}
