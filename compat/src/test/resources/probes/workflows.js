// Differential probe: Cloudflare Workflows. env.WF is workflow "flow" (class Flow below); each
// instance's params name a scenario. GET /create?id=..&scenario=.. creates one, /status?id=..&until=
// done|waiting answers its status() (202 while it has not got there: workflows run on wall time in
// workerd, so the test polls), /event, /pause, /resume, /terminate act on it, /errors tries the
// binding's refusals.
import { WorkflowEntrypoint } from "cloudflare:workers";
import { NonRetryableError } from "cloudflare:workflows";

function describe(value) {
  if (value instanceof Map) return { map: [...value].map(([k, v]) => [describe(k), describe(v)]) };
  if (value instanceof Set) return { set: [...value].map(describe) };
  if (value instanceof Date) return { date: value.valueOf() };
  if (value instanceof Error) return { error: `${value.name}: ${value.message}` };
  if (value instanceof ArrayBuffer) return { arrayBuffer: Array.from(new Uint8Array(value)) };
  if (ArrayBuffer.isView(value)) return { [value.constructor.name]: Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  if (typeof value === "bigint") return { bigint: String(value) };
  if (value === undefined) return { undefined: true };
  if (Array.isArray(value)) return value.map(describe);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value)) out[key] = describe(value[key]);
    return out;
  }
  return value;
}

const failure = (e) => ({ name: e && e.name, message: e && e.message });
const quick = { retries: { limit: 2, delay: "0 seconds", backoff: "constant" } };

export class Flow extends WorkflowEntrypoint {
  async run(event, step) {
    const scenario = event.payload.scenario;
    if (scenario === "values") {
      // What a step's result is inside run(): the value itself, or a copy of what JSON keeps.
      const date = await step.do("a date", async () => new Date(86400000));
      const map = await step.do("a map", async () => new Map([["k", 1]]));
      const undef = await step.do("an undefined", async () => ({ u: undefined }));
      const inside = { date: describe(date), map: describe(map), undef: "u" in undef };
      return {
        inside,
        event: { payload: event.payload, timestamp: event.timestamp instanceof Date, instanceId: typeof event.instanceId },
        text: await step.do("text", async () => "text"),
        number: await step.do("number", async () => 42.5),
        object: await step.do("object", async () => ({ a: [1, { b: null }], c: "d" })),
        nothing: await step.do("null", async () => null),
        undef: await step.do("undefined", async () => undefined),
        bool: await step.do("boolean", async () => true),
        date: await step.do("date", async () => new Date(86400000)),
        map: await step.do("map", async () => new Map([["k", new Set([1])]])),
        bytes: await step.do("bytes", async () => new Uint8Array([1, 2, 3])),
        twice: [await step.do("same", async () => 1), await step.do("same", async () => 2)],
        attempt: await step.do("context", async (ctx) => ({ attempt: ctx.attempt })),
      };
    }
    if (scenario === "retries") {
      let flaky = 0;
      const out = {};
      out.flaky = await step.do("flaky", quick, async () => {
        flaky += 1;
        if (flaky < 3) throw new Error(`flaky ${flaky}`);
        return flaky;
      });
      let failing = 0;
      try {
        await step.do("always fails", quick, async () => {
          failing += 1;
          throw new TypeError(`failed ${failing}`);
        });
      } catch (e) {
        out.alwaysFails = { ...failure(e), attempts: failing };
      }
      let fatal = 0;
      try {
        await step.do("fatal", quick, async () => {
          fatal += 1;
          throw new NonRetryableError("stop now");
        });
      } catch (e) {
        out.nonRetryable = { ...failure(e), attempts: fatal };
      }
      return out;
    }
    if (scenario === "throws") {
      await step.do("first", async () => 1);
      throw new Error("run failed");
    }
    if (scenario === "nonRetryable") {
      await step.do("fatal", quick, async () => {
        throw new NonRetryableError("no retry");
      });
    }
    if (scenario === "unserializable") {
      await step.do("function", async () => () => 1);
      return "not reached";
    }
    if (scenario === "badConfig") {
      try {
        await step.do("bad", { retries: { limit: -1, delay: "0 seconds" } }, async () => 1);
      } catch (e) {
        return failure(e);
      }
      return "accepted";
    }
    if (scenario === "sleep") {
      const before = Date.now();
      await step.sleep("nap", "1 second");
      return { slept: Date.now() - before >= 900 };
    }
    if (scenario === "event") {
      const got = await step.waitForEvent("wait", { type: "go", timeout: "1 minute" });
      return { payload: got.payload, type: got.type, timestamp: got.timestamp instanceof Date };
    }
    if (scenario === "long") {
      await step.do("before", async () => 1);
      await step.sleep("long nap", "5 seconds");
      return await step.do("after", async () => "finished");
    }
    return `unknown scenario ${scenario}`;
  }
}

const FINAL = ["complete", "errored", "terminated"];

async function attempt(what) {
  try {
    return { ok: describe(await what()) };
  } catch (e) {
    return { error: `${e && e.name}: ${e && e.message}` };
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const id = url.searchParams.get("id");
    switch (url.pathname) {
      case "/create": {
        const scenario = url.searchParams.get("scenario");
        return Response.json(await attempt(async () => {
          const instance = await env.WF.create({ id, params: { scenario } });
          return { id: instance.id };
        }));
      }
      case "/status": {
        const until = url.searchParams.get("until");
        const status = await (await env.WF.get(id)).status();
        // Sleeping or waiting for an event is "running" in Miniflare, "waiting" in W9Y (production's
        // word): "asleep" accepts either and answers no more than that it got there.
        if (until === "asleep") {
          const asleep = status.status === "running" || status.status === "waiting";
          return Response.json({ asleep }, { status: asleep ? 200 : 202 });
        }
        const arrived = until === "done" ? FINAL.includes(status.status) : status.status === until;
        // __LOCAL_DEV_STEP_OUTPUTS is Miniflare's local-dev view of the steps, not compared.
        const keys = Object.keys(status).filter((k) => k !== "__LOCAL_DEV_STEP_OUTPUTS").sort();
        const error = status.error === undefined ? "undefined" : { name: status.error.name, message: status.error.message };
        return Response.json({ keys, status: status.status, error, output: describe(status.output) }, { status: arrived ? 200 : 202 });
      }
      case "/event":
        return Response.json(await attempt(async () => (await env.WF.get(id)).sendEvent({ type: "go", payload: { v: [1, 2] } })));
      case "/pause":
      case "/resume":
      case "/terminate":
      case "/restart":
        return Response.json(await attempt(async () => (await env.WF.get(id))[url.pathname.slice(1)]()));
      case "/errors":
        return Response.json([
          await attempt(() => env.WF.create({ id: "bad id!" })),
          await attempt(() => env.WF.create({ id: "-starts-with-dash" })),
          await attempt(() => env.WF.create({ id: "x".repeat(101) })),
          await attempt(() => env.WF.create({ id: "" })),
          await attempt(() => env.WF.get("never-created")),
          await attempt(() => env.WF.createBatch([])),
        ]);
      case "/duplicate":
        return Response.json(await attempt(async () => (await env.WF.create({ id, params: { scenario: "values" } })).id));
      default:
        return new Response("no such path", { status: 404 });
    }
  },
};
