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
