// `import ... from "node:async_hooks"` (nodejs_compat): the module prelude/node.js builds.
const m = globalThis.__w9yNode.require("async_hooks");
export default m;
export const { AsyncLocalStorage, AsyncResource } = m;
