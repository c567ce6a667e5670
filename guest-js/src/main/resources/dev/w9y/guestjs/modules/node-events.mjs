// `import ... from "node:events"` (nodejs_compat): the module prelude/node.js builds.
const m = globalThis.__w9yNode.require("events");
export default m;
export const { EventEmitter, once, errorMonitor, getEventListeners, setMaxListeners,
  listenerCount } = m;
