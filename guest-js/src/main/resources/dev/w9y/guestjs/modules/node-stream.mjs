// `import ... from "node:stream"` (nodejs_compat): the module prelude/node-*.js builds on first import.
const m = globalThis.__w9yNode.require("stream");
export default m;
export const { Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished,
  addAbortSignal, promises, isReadable, isWritable, isErrored, isDisturbed, getDefaultHighWaterMark,
  setDefaultHighWaterMark } = m;
