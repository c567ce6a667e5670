// `import ... from "node:https"` (nodejs_compat): the module prelude/node-*.js builds on first import.
const m = globalThis.__w9yNode.require("https");
export default m;
export const { Agent, Server, createServer, get, request, globalAgent } = m;
