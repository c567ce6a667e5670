// `import { DurableObject, WorkerEntrypoint, RpcTarget } from "cloudflare:workers"`: the classes
// the prelude's RPC (prelude/rpc.js) recognises. Public methods of DurableObject and
// WorkerEntrypoint subclasses are callable over RPC; RpcTarget instances pass by reference.
const { DurableObject, WorkerEntrypoint, RpcTarget } = globalThis.__w9yRpc;
export { DurableObject, WorkerEntrypoint, RpcTarget };
// WorkflowEntrypoint: the base class of a Workflow's run(event, step) (prelude/workflows.js).
const { WorkflowEntrypoint } = globalThis.__w9yWorkflows;
export { WorkflowEntrypoint };
