// Probe: request.cf — of a request from outside (its keys, value types and Miniflare's placeholder
// values), with fields the client set, carried through a service binding and a Durable Object stub
// (forwarded, fresh, with init.cf), and on Requests a Worker constructs.
import { DurableObject } from "cloudflare:workers";

export class Echo extends DurableObject {
  async fetch(request) {
    return new Response(request.cf === undefined ? "undefined" : JSON.stringify(request.cf));
  }
}

function shape(value) {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  }
  return typeof value;
}

const text = async (response) => (await response).text();

const OPS = {
  shape: (request) => shape(request.cf),
  values: (request) => request.cf,
  hasOwnCf: (request) => [typeof request.cf, request.cf === request.cf, Object.isFrozen(request.cf)],
  headersSeen: (request) => [...request.headers.keys()].filter((name) => name.startsWith("w9y")),
  bindingFresh: (request, env) => text(env.BACK.fetch("http://back/")),
  bindingForwarded: (request, env) => text(env.BACK.fetch(request)),
  bindingInitCf: (request, env) => text(env.BACK.fetch("http://back/", { cf: { colo: "AMS", n: 1, nested: { a: [1] } } })),
  bindingRequestCf: (request, env) => text(env.BACK.fetch(new Request("http://back/", { cf: { x: true } }))),
  bindingCopied: (request, env) => text(env.BACK.fetch(new Request("http://back/other", request))),
  bindingFrozen: (request, env) => text(env.BACK.fetch("http://back/frozen", { cf: { nested: { x: 1 } } })),
  objectForwarded: (request, env) => text(env.ECHO.getByName("e").fetch(request)),
  objectFresh: (request, env) => text(env.ECHO.getByName("e").fetch("http://echo/")),
  constructed: (request) => {
    const given = { a: 1, nested: { b: 2 } };
    const made = new Request("http://x/", { cf: given });
    return [made.cf, made.cf === given, made.cf === made.cf, Object.isFrozen(made.cf),
      new Request(request).cf === request.cf, request.clone().cf === request.cf,
      Object.isFrozen(request.cf.tlsClientAuth), Object.isFrozen(request.cf.botManagement.detectionIds)];
  },
  constructedMore: (request) => [
    new Request("http://x/", { cf: { a: 1 } }).cf,
    new Request("http://x/").cf === undefined,
    JSON.stringify(new Request(request).cf) === JSON.stringify(request.cf),
    JSON.stringify(request.clone().cf) === JSON.stringify(request.cf),
  ],
};

export default {
  async fetch(request, env) {
    const op = new URL(request.url).pathname.slice(1);
    try {
      return Response.json({ ok: true, value: await OPS[op](request, env) });
    } catch (error) {
      return Response.json({ ok: false, name: error?.name ?? null, message: String(error?.message ?? error) });
    }
  },
};
