// `import ... from "node:querystring"` (nodejs_compat): the module prelude/node-*.js builds on first import.
const m = globalThis.__w9yNode.require("querystring");
export default m;
export const { parse, stringify, escape, unescape, decode, encode, unescapeBuffer } = m;
