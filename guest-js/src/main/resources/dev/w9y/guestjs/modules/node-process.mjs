// `import ... from "node:process"` (nodejs_compat): the module prelude/node.js builds.
const m = globalThis.__w9yNode.require("process");
export default m;
export const { env, nextTick, hrtime, argv, platform, version, versions, cwd, emitWarning,
  getBuiltinModule } = m;
