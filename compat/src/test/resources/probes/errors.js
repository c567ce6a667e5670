// Probe: what a caller of a Durable Object sees when the object's fetch() or constructor throws.
class MyError extends Error {
  constructor(message) { super(message); this.name = "MyError"; }
}

export class Thrower {
  async fetch(request) {
    const op = new URL(request.url).pathname.slice(1);
    if (op === "throwTypeError") throw new TypeError("boom in fetch");
    if (op === "throwRangeError") throw new RangeError("out of range");
    if (op === "throwCustom") throw new MyError("custom");
    if (op === "throwString") throw "a string";
    if (op === "rejectLater") { await Promise.resolve(); await null; throw new Error("after await"); }
    if (op === "returnString") return "not a response";
    return new Response("fine " + op);
  }
}

export class BadConstructor {
  constructor() { throw new RangeError("bad constructor"); }
  async fetch() { return new Response("never"); }
}

function describe(error) {
  return {
    rejected: true,
    isError: error instanceof Error,
    name: error?.name,
    message: error?.message,
    remote: error?.remote ?? null,
    durableObjectReset: error?.durableObjectReset ?? null,
  };
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const op = url.pathname.slice(1);
    if (op === "uncaught") {
      // The error reaches the client: a 500 in both.
      return env.THROWER.get(env.THROWER.idFromName("u")).fetch("http://do/throwTypeError");
    }
    const ns = op === "constructor" ? env.BAD : env.THROWER;
    const stub = ns.get(ns.idFromName(url.searchParams.get("name") ?? "x"));
    try {
      const response = await stub.fetch("http://do/" + op);
      return Response.json({ resolved: true, status: response.status, body: await response.text() });
    } catch (error) {
      return Response.json(describe(error));
    }
  },
};
