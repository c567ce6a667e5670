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

  // Without a contentType a body is sent as JSON, as workerd does for compatibility dates from
  // 2024-03-18 on (its queues_json_messages flag; the earlier default, v8, is not modelled).
  function encode(body, contentType) {
    const type = contentType === undefined ? "json" : String(contentType);
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

  // A send's delaySeconds: null when not given (the host tells that from every number, -1 too).
  function delayOf(options) {
    if (options === undefined || options === null || options.delaySeconds === undefined) return null;
    const delay = Math.trunc(Number(options.delaySeconds));
    return Number.isFinite(delay) ? delay : -2;
  }
  // A retry's delaySeconds: -1 (the consumer's retry_delay) unless a valid one is given.
  function retryDelayOf(options) {
    const delay = delayOf(options);
    return delay === null || delay < 0 ? -1 : delay;
  }

  function fromHost(start) {
    return new Promise((resolve, reject) => {
      start(resolve, (name, message, flags) => reject(internal.hostError(name, message, flags)));
    });
  }

  // {metrics: {backlogCount, backlogBytes, oldestMessageTimestamp}} of a send result or a batch:
  // the messages still waiting (a Date of the oldest one's timestamp, undefined when none waits).
  function metadataOf(backlog) {
    const oldestMessageTimestamp = backlog[2] < 0 ? undefined : new Date(backlog[2]);
    return { metrics: { backlogCount: backlog[0], backlogBytes: backlog[1], oldestMessageTimestamp } };
  }
  function sendResult(backlog) {
    return { metadata: metadataOf(backlog) };
  }

  class WorkerQueue {
    #fns;
    constructor(name, fns) {
      this.#fns = fns;
      Object.defineProperty(this, "name", { value: name, enumerable: false });
    }

    async send(body, options = undefined) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to execute 'send' on 'WorkerQueue': parameter 1 is not of type 'JsValue'.");
      }
      if (body === undefined) throw new TypeError("Message body cannot be undefined");
      const fns = this.#fns;
      const [type, binary] = encode(body, options?.contentType);
      const delay = delayOf(options);
      return sendResult(await fromHost((ok, fail) => fns.send(type, binary, delay, ok, fail)));
    }

    async sendBatch(messages, options = undefined) {
      if (messages === null || typeof messages !== "object" || typeof messages[Symbol.iterator] !== "function") {
        throw new TypeError("Failed to execute 'sendBatch' on 'WorkerQueue': parameter 1 is not of type 'Sequence'.");
      }
      const fns = this.#fns;
      const flat = [];
      for (const message of messages) {
        if (message === null || message === undefined) {
          // workerd's words (its C++ type name included) for a batch entry that is not an object.
          throw new TypeError("Cannot initialize N7workerd3api11WorkerQueue18MessageSendRequestE with required members from an undefined or null value.");
        }
        if (message.body === undefined) throw new TypeError("Message body cannot be undefined");
        const [type, binary] = encode(message.body, message.contentType);
        flat.push(type, binary, delayOf(message));
      }
      if (flat.length === 0) throw new TypeError("sendBatch() requires at least one message");
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
    retry(options = undefined) { this.#event.retry(this.id, retryDelayOf(options)); }
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
        metadata: { value: metadataOf(event.backlog), enumerable: true },
      });
    }
    ackAll() { this.#event.ackAll(); }
    retryAll(options = undefined) { this.#event.retryAll(retryDelayOf(options)); }
  }

  internal.platformBindings.queue = (name, fns) => new WorkerQueue(name, fns);
  internal.platformEvents.queue = async (event, module) => {
    const queue = module.handler("queue");
    await queue(new MessageBatch(event));
  };
});
