// `import ... from "node:string_decoder"` (nodejs_compat): the module prelude/node-*.js builds on first import.
const m = globalThis.__w9yNode.require("string_decoder");
export default m;
export const { StringDecoder } = m;
