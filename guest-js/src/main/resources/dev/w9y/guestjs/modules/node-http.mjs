// `import ... from "node:http"` (nodejs_compat): the module prelude/node-*.js builds on first import.
const m = globalThis.__w9yNode.require("http");
export default m;
export const { Agent, ClientRequest, IncomingMessage, METHODS, OutgoingMessage, STATUS_CODES,
  Server, ServerResponse, createServer, get, request, globalAgent, maxHeaderSize,
  validateHeaderName, validateHeaderValue, setMaxIdleHTTPParsers, WebSocket, CloseEvent,
  MessageEvent } = m;
