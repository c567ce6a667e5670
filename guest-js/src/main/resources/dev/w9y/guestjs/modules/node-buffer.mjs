// `import ... from "node:buffer"` (nodejs_compat): the module prelude/node.js builds.
const m = globalThis.__w9yNode.require("buffer");
export default m;
export const { Buffer, kMaxLength, kStringMaxLength, constants, SlowBuffer, INSPECT_MAX_BYTES,
  atob, btoa, Blob, File, isUtf8, isAscii } = m;
