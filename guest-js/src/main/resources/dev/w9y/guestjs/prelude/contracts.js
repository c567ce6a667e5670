// w9y.contract(service): a service's declared contract from guest code, to validate what a Worker
// receives (a fetch's Response, an incoming Request, any value) the way the simulated network does.
// The checks run on the host with the contract the topology compiled (ContractBridge): no second
// validator here, and the same words as the network check's violations.
// Needs: fetch.js (Request, Response, internal.responseRequestMethod), encoding.js.
(function (internal) {
  "use strict";
  const host = internal.host;

  // A violation list from the host: [error] or [null, kind, operation, pointer, expected, actual...].
  function throwIfViolated(service, what, answer) {
    if (answer[0] !== null) throw new TypeError(String(answer[0]));
    if (answer.length === 1) return;
    const violations = [];
    for (let i = 1; i < answer.length; i += 5) {
      violations.push(Object.freeze({
        kind: answer[i], operation: answer[i + 1], pointer: answer[i + 2],
        expected: answer[i + 3], actual: answer[i + 4],
      }));
    }
    const first = violations[0];
    const error = new TypeError(`contract of '${service}' violated by the ${what}: ` +
      `${first.kind} ${first.operation} at ${first.pointer}: expected ${first.expected}, was ${first.actual}` +
      (violations.length > 1 ? ` (and ${violations.length - 1} more)` : ""));
    error.violations = Object.freeze(violations);
    error.pointer = first.pointer;
    error.expected = first.expected;
    error.actual = first.actual;
    throw error;
  }

  function headerWire(headers) {
    const parts = [];
    for (const [name, value] of headers) parts.push(name, value);
    return parts.join("\n");
  }

  async function bodyBinary(message) {
    const bytes = new Uint8Array(await message.arrayBuffer());
    return bytes.length === 0 ? null : internal.bytesToBinary(bytes);
  }

  // The body as the caller would read it: JSON parsed, other text as text, no body as null.
  function decode(headers, binary) {
    if (binary === null) return null;
    const text = internal.utf8Text(binary);
    const type = (headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    return type === "application/json" || type.endsWith("+json") ? JSON.parse(text) : text;
  }

  // Which request a response answers: an explicit Request or {method, path|url}, else the URL and
  // method of the request fetch() sent.
  function requestLine(service, response, request) {
    if (request instanceof Request) return [request.method, request.url];
    if (request !== undefined && request !== null) {
      if (typeof request !== "object" || typeof request.method !== "string" ||
          (typeof request.path !== "string" && typeof request.url !== "string")) {
        throw new TypeError(`w9y.contract('${service}').parse: the request must be a Request or ` +
          "{ method, path } (or { method, url })");
      }
      const url = typeof request.url === "string" ? request.url : `http://${service}${request.path}`;
      return [request.method.toUpperCase(), url];
    }
    const method = internal.responseRequestMethod(response);
    if (method === undefined || response.url === "") {
      throw new TypeError(`w9y.contract('${service}').parse: this response did not come from ` +
        "fetch(), so its request is unknown: pass it, parse(response, { method, path })");
    }
    return [method, response.url];
  }

  // operationId or "METHOD /path", or { method, path, status }: [operation, status].
  function operationOf(service, operation) {
    if (typeof operation === "string") return [operation, 0];
    if (operation !== null && typeof operation === "object" && typeof operation.method === "string" &&
        typeof operation.path === "string") {
      return [`${operation.method.toUpperCase()} ${operation.path}`, Number(operation.status ?? 0)];
    }
    if (operation !== null && typeof operation === "object" && typeof operation.operationId === "string") {
      return [operation.operationId, Number(operation.status ?? 0)];
    }
    throw new TypeError(`w9y.contract('${service}').validate: the operation must be an operationId, ` +
      "'METHOD /path' or { method, path, status? }");
  }

  class ServiceContract {
    #service;
    constructor(service) { this.#service = service; }

    get service() { return this.#service; }

    // Validates a Response from `service` (status, content type, body) against the operation its
    // request matched; resolves with the body (JSON parsed), consuming it as response.json() does.
    async parse(response, request = undefined) {
      const service = this.#service;
      if (!(response instanceof Response)) {
        throw new TypeError(`w9y.contract('${service}').parse: expected a Response`);
      }
      const [method, url] = requestLine(service, response, request);
      const binary = await bodyBinary(response);
      const parts = [response.status, headerWire(response.headers), binary];
      throwIfViolated(service, "response", host.contractResponse(service, method, url, parts));
      return decode(response.headers, binary);
    }

    // Validates a Request to `service` (route, method, parameters, body): what a service checks of
    // what it receives. Resolves with the body (JSON parsed), consuming it.
    async parseRequest(request) {
      const service = this.#service;
      if (!(request instanceof Request)) {
        throw new TypeError(`w9y.contract('${service}').parseRequest: expected a Request`);
      }
      const binary = await bodyBinary(request);
      const parts = [request.method, request.url, headerWire(request.headers), binary];
      throwIfViolated(service, "request", host.contractRequest(service, parts));
      return decode(request.headers, binary);
    }

    // Validates a value as the JSON request body of an operation (no status) or as the body of its
    // response with `status`; returns the value.
    validate(operation, value) {
      const service = this.#service;
      const [name, status] = operationOf(service, operation);
      const text = JSON.stringify(value);
      if (text === undefined) {
        throw new TypeError(`w9y.contract('${service}').validate: the value is not JSON`);
      }
      throwIfViolated(service, status === 0 ? "request body" : "response body",
        host.contractValue(service, name, status, text));
      return value;
    }
  }
  Object.defineProperty(ServiceContract.prototype, Symbol.toStringTag, { value: "ServiceContract" });

  Object.defineProperty(globalThis, "__w9yContracts", {
    value: Object.freeze({
      contract(service) {
        const name = String(service);
        const problem = host.contractProblem(name);
        if (problem !== null) throw new TypeError(problem);
        return new ServiceContract(name);
      },
    }),
    enumerable: false, configurable: false, writable: false,
  });
});
