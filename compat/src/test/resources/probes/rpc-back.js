// The Worker behind env.BACK in rpc-front.js: a WorkerEntrypoint whose methods are called over RPC.
import { WorkerEntrypoint, RpcTarget } from "cloudflare:workers";

class Counter extends RpcTarget {
  constructor(start) {
    super();
    this.n = start;
  }
  inc() {
    return ++this.n;
  }
}

class Refused extends Error {
  constructor() {
    super("custom refusal");
    this.name = "Refused";
  }
}

export default class extends WorkerEntrypoint {
  add(a, b) {
    return a + b;
  }
  echo(value) {
    return value;
  }
  nothing() {}
  fail() {
    throw new TypeError("back says no");
  }
  failCustom() {
    throw new Refused();
  }
  counter(start) {
    return new Counter(start);
  }
  async callMeBack(callback) {
    return (await callback(21)) + 1;
  }
  adder(k) {
    return (x) => x + k;
  }
  async fetch() {
    return new Response("fetch still works");
  }
}

// Named entrypoints (bindings with an entrypoint): a WorkerEntrypoint class, a class that is not
// one, and a handler object.
export class Admin extends WorkerEntrypoint {
  whoami(n) {
    return { n, env: typeof this.env, props: this.ctx.props, waitUntil: typeof this.ctx.waitUntil };
  }
  fail() {
    throw new RangeError("admin says no");
  }
  async fetch(request) {
    return new Response(`admin fetch ${new URL(request.url).pathname} ${request.method}`);
  }
}

export class Plain {
  whoami() {
    return "plain";
  }
  fetch() {
    return new Response("plain fetch");
  }
}

export const Handlers = {
  whoami(n, env, ctx) {
    return { n, env: typeof env, props: ctx.props };
  },
  fetch(request, env, ctx) {
    return new Response(`handlers fetch ${new URL(request.url).pathname}`);
  },
};
