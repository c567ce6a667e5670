// `import ... from "cloudflare:node"` (nodejs_compat): the module prelude/node-*.js builds on first import.
const m = globalThis.__w9yNode.require("cloudflare:node");
export default m;
export const { httpServerHandler } = m;
