// The base classes of `import { DurableObject, WorkerEntrypoint, RpcTarget } from "cloudflare:workers"`.
// Public methods of subclasses are callable over RPC (prelude/rpc.js).
export class DurableObject {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

export class WorkerEntrypoint {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

export const RpcTarget = globalThis.__w9yRpc.RpcTarget;
