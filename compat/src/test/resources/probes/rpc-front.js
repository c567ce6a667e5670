// Probe: JS RPC as a caller sees it — methods of a WorkerEntrypoint over a service binding
// (env.BACK) and of a Durable Object through its stub (env.OBJ). Each op answers what it saw.
import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject {
  async incr(by) {
    const n = ((await this.ctx.storage.get("n")) ?? 0) + by;
    await this.ctx.storage.put("n", n);
    return n;
  }
  hello(name) {
    return `hello ${name} from ${this.ctx.id.name ?? "an unnamed object"}`;
  }
  fail() {
    throw new RangeError("room says no");
  }
}

function show(value) {
  if (value instanceof Map) return { map: [...value.entries()] };
  if (value instanceof Set) return { set: [...value] };
  if (value instanceof Date) return { date: value.toISOString() };
  if (value instanceof Uint8Array) return { bytes: [...value] };
  if (value instanceof ArrayBuffer) return { buffer: [...new Uint8Array(value)] };
  if (typeof value === "bigint") return { bigint: value.toString() };
  if (value === undefined) return { undefined: true };
  if (Array.isArray(value)) return value.map(show);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, show(v)]));
  }
  return value;
}

async function withoutReference(op) {
  try {
    return await op();
  } catch (error) {
    const message = String(error?.message).replace(/reference = .*/, "reference = <id>");
    return { threw: error?.name ?? null, message };
  }
}

const OPS = {
  add: (env) => env.BACK.add(2, 3),
  values: async (env) =>
    show(
      await env.BACK.echo({
        n: 1.5,
        s: "x",
        nothing: null,
        list: [1, "two", [3]],
        when: new Date(0),
        map: new Map([[1, "one"]]),
        set: new Set(["a"]),
        bytes: new Uint8Array([1, 2, 3]),
        big: 12345678901234567890n,
      }),
    ),
  undefinedResult: async (env) => show(await env.BACK.nothing()),
  thrown: (env) => env.BACK.fail(),
  thrownCustom: (env) => env.BACK.failCustom(),
  missing: (env) => env.BACK.noSuchMethod(),
  counter: async (env) => {
    const counter = await env.BACK.counter(10);
    await counter.inc();
    return counter.inc();
  },
  pipelined: (env) => env.BACK.counter(20).inc(),
  callback: (env) => env.BACK.callMeBack((x) => x * 2),
  functionValue: async (env) => {
    const f = await env.BACK.adder(5);
    return f(1);
  },
  unserializable: (env) => env.BACK.echo(Symbol("nope")),
  classInstance: (env) => env.BACK.echo(new (class Point { constructor() { this.x = 1; } })()),
  // Named entrypoints: ADMIN (a WorkerEntrypoint), PLAIN (a class that is not one), HANDLERS (an
  // object). workerd's "internal error; reference = <random id>" is compared up to the reference.
  namedCall: (env) => env.ADMIN.whoami(7),
  namedFetch: async (env) => (await env.ADMIN.fetch("http://back/admin/x", { method: "POST" })).text(),
  namedThrown: (env) => env.ADMIN.fail(),
  namedMissing: (env) => env.ADMIN.noSuchMethod(),
  namedReserved: (env) => env.ADMIN.alarm(),
  defaultStillDefault: async (env) => [await env.BACK.add(1, 1), await (await env.BACK.fetch("http://back/")).text()],
  plainCall: (env) => withoutReference(() => env.PLAIN.whoami()),
  plainFetch: (env) => withoutReference(async () => (await env.PLAIN.fetch("http://back/")).text()),
  handlersCall: (env) => env.HANDLERS.whoami(3),
  handlersFetch: async (env) => (await env.HANDLERS.fetch("http://back/h")).text(),
  handlersMissing: (env) => env.HANDLERS.noSuchMethod(),
  objectHello: (env, name) => env.OBJ.get(env.OBJ.idFromName(name)).hello("ada"),
  objectIncr: (env, name) => env.OBJ.getByName(name).incr(2),
  objectThrows: (env, name) => env.OBJ.getByName(name).fail(),
  objectMissing: (env, name) => env.OBJ.getByName(name).noSuchMethod(),
};

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const op = url.pathname.slice(1);
    try {
      const value = await OPS[op](env, url.searchParams.get("name"));
      return Response.json({ ok: true, value: show(value) });
    } catch (error) {
      return Response.json({
        ok: false,
        name: error?.name ?? null,
        message: String(error?.message ?? error),
        remote: error?.remote ?? null,
      });
    }
  },
};
