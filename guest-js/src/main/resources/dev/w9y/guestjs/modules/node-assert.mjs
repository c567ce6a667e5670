// `import ... from "node:assert"` (nodejs_compat): the module prelude/node.js builds.
const m = globalThis.__w9yNode.require("assert");
export default m;
export const { ok, fail, equal, notEqual, strictEqual, notStrictEqual, deepEqual, notDeepEqual,
  deepStrictEqual, notDeepStrictEqual, throws, doesNotThrow, rejects, doesNotReject, match,
  doesNotMatch, ifError, AssertionError, strict } = m;
