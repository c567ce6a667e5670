// Cloudflare Queues: a producer binding (env.QUEUE.send/sendBatch with contentType and
// delaySeconds) and the MessageBatch a consumer's queue(batch, env, ctx) handler receives (message
// id, timestamp, body, attempts, ack/retry; ackAll/retryAll), as workerd has them
// (src/workerd/api/queue.c++). The host (dev.w9y.core.queue via QueueBridge) stores, batches,
// retries and delivers; this file encodes and decodes bodies.
// Needs: encoding.js, structured-clone.js, workers.js (internal.platformBindings/platformEvents).
(function (internal) {
  "use strict";

  const CONTENT_TYPES = ["text", "json", "bytes", "v8"];

  function typeName(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "Array";
    return typeof value;
  }

  function encode(body, contentType) {
    const type = contentType === undefined ? "v8" : String(contentType);
    if (!CONTENT_TYPES.includes(type)) throw new TypeError(`Unsupported queue message content type: ${type}`);
    switch (type) {
      case "text":
        if (typeof body !== "string") {
          throw new TypeError(`Content Type "text" requires a value of type string, but received: ${typeName(body)}`);
        }
        return [type, internal.utf8Binary(body)];
      case "json": {
        const text = JSON.stringify(body);
        if (text === undefined) throw new TypeError(`Content Type "json" requires a JSON-serializable value, but received: ${typeName(body)}`);
        return [type, internal.utf8Binary(text)];
      }
      case "bytes":
        if (!ArrayBuffer.isView(body)) {
          throw new TypeError(`Content Type "bytes" requires a value of type ArrayBufferView, but received: ${typeName(body)}`);
        }
        return [type, internal.bufferSourceBinary(body)];
      default:
        return [type, internal.serialize(body)];
    }
  }

  function decode(contentType, binary) {
    switch (contentType) {
      case "text": return internal.utf8Text(binary);
      case "json": return JSON.parse(internal.utf8Text(binary));
      case "bytes": return internal.binaryToBytes(binary).buffer;
      default: return internal.deserialize(binary);
    }
  }

  function delayOf(options) {
    if (options === undefined || options === null || options.delaySeconds === undefined) return -1;
    const delay = Math.trunc(Number(options.delaySeconds));
    return Number.isFinite(delay) ? delay : -2;
  }

  function fromHost(start) {
    return new Promise((resolve, reject) => {
      start(resolve, (name, message, flags) => reject(internal.hostError(name, message, flags)));
    });
  }

  function sendResult(backlog) {
    return { metadata: { metrics: { backlogCount: backlog[0], backlogBytes: backlog[1] } } };
  }

  class WorkerQueue {
    #fns;
    constructor(name, fns) {
      this.#fns = fns;
      Object.defineProperty(this, "name", { value: name, enumerable: false });
    }

    async send(body, options = undefined) {
      if (body === undefined) throw new TypeError("Message body cannot be undefined");
      const fns = this.#fns;
      const [type, binary] = encode(body, options?.contentType);
      const delay = delayOf(options);
      return sendResult(await fromHost((ok, fail) => fns.send(type, binary, delay, ok, fail)));
    }

    async sendBatch(messages, options = undefined) {
      const fns = this.#fns;
      const flat = [];
      for (const message of messages) {
        if (message === null || typeof message !== "object" || message.body === undefined) {
          throw new TypeError("Message body cannot be undefined");
        }
        const [type, binary] = encode(message.body, message.contentType);
        flat.push(type, binary, delayOf(message));
      }
      const delay = delayOf(options);
      return sendResult(await fromHost((ok, fail) => fns.sendBatch(flat, delay, ok, fail)));
    }
  }
  Object.defineProperty(WorkerQueue.prototype, Symbol.toStringTag, { value: "WorkerQueue" });

  class Message {
    #event;
    constructor(event, id, timestamp, body, attempts) {
      this.#event = event;
      Object.defineProperties(this, {
        id: { value: id, enumerable: true },
        timestamp: { value: new Date(timestamp), enumerable: true },
        body: { value: body, enumerable: true },
        attempts: { value: attempts, enumerable: true },
      });
    }
    ack() { this.#event.ack(this.id); }
    retry(options = undefined) { this.#event.retry(this.id, delayOf(options) < 0 ? -1 : delayOf(options)); }
  }

  class MessageBatch {
    #event;
    constructor(event) {
      this.#event = event;
      const flat = event.messages;
      const messages = [];
      for (let i = 0; i < flat.length; i += 5) {
        messages.push(new Message(event, flat[i], flat[i + 1], decode(flat[i + 2], flat[i + 3]), flat[i + 4]));
      }
      Object.defineProperties(this, {
        queue: { value: event.queue, enumerable: true },
        messages: { value: Object.freeze(messages), enumerable: true },
      });
    }
    ackAll() { this.#event.ackAll(); }
    retryAll(options = undefined) { this.#event.retryAll(delayOf(options) < 0 ? -1 : delayOf(options)); }
  }

  internal.platformBindings.queue = (name, fns) => new WorkerQueue(name, fns);
  internal.platformEvents.queue = async (event, module) => {
    const queue = module.handler("queue");
    await queue(new MessageBatch(event));
  };
});
