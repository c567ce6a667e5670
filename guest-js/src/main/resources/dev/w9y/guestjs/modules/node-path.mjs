// `import ... from "node:path"` (nodejs_compat): the module prelude/node.js builds.
const m = globalThis.__w9yNode.require("path");
export default m;
export const { sep, delimiter, normalize, join, resolve, isAbsolute, relative, dirname, basename,
  extname, parse, format, toNamespacedPath, posix } = m;
