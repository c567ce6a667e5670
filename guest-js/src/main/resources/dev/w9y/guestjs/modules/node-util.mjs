// `import ... from "node:util"` (nodejs_compat): the module prelude/node.js builds.
const m = globalThis.__w9yNode.require("util");
export default m;
export const { format, formatWithOptions, inspect, promisify, callbackify, inherits, deprecate,
  types, isDeepStrictEqual, isArray, TextEncoder, TextDecoder, debuglog, toUSVString,
  stripVTControlCharacters, aborted } = m;
