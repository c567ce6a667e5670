// `import ... from "node:stream/promises"` (nodejs_compat): the module prelude/node-*.js builds on first import.
const m = globalThis.__w9yNode.require("stream/promises");
export default m;
export const { pipeline, finished } = m;
