// Streams Standard: ReadableStream (§4: default controller and reader, tee, async iteration,
// ReadableStream.from, pipeTo, pipeThrough), WritableStream (§5), TransformStream (§6), and the
// Encoding Standard's TextEncoderStream/TextDecoderStream. Everything runs on promise jobs, so
// the order of reads, writes, pulls and closes is the same on every run. Byte streams
// (`type: "bytes"`, BYOB readers) are not provided (docs/JS-GUESTS.md).
// Needs: dom-exception.js (internal.defineGlobal), runtime.js (queueMicrotask), encoding.js,
// abort.js (AbortController for a sink's signal and pipe options).
//
// Each public object's state is a plain record kept in a WeakMap, not in private fields: a private
// name is new in every context, so instances built by different contexts on the shared engine
// never share a shape and GraalJS's property caches overflow (docs/PERFORMANCE.md). A WeakMap is
// invisible to guest code like a private field is.
(function (internal) {
  "use strict";

  // The prelude's own, whatever the guest assigns to these globals later.
  const queueMicrotask = globalThis.queueMicrotask;
  const AbortController = globalThis.AbortController;
  const AbortSignal = globalThis.AbortSignal;
  const TextEncoder = globalThis.TextEncoder;
  const TextDecoder = globalThis.TextDecoder;
  const STREAMS = new WeakMap(); // ReadableStream -> stream record
  const CONTROLLERS = new WeakMap(); // ReadableStreamDefaultController -> controller record
  const READERS = new WeakMap(); // ReadableStreamDefaultReader -> reader record
  const CREATE = Symbol("create"); // constructor argument guest code cannot pass

  function recordOf(map, object, what) {
    const record = typeof object === "object" && object !== null ? map.get(object) : undefined;
    if (record === undefined) throw new TypeError(`Illegal invocation: not a ${what}`);
    return record;
  }
  const streamOf = (object) => recordOf(STREAMS, object, "ReadableStream");

  function noop() {}
  const LOCKED = "This ReadableStream is currently locked to a reader."; // workerd's words
  const resolved = (value) => Promise.resolve(value);

  // ---------------------------------------------------------------- the stream record (§4.9)

  function newStreamRecord(object) {
    return { object, state: "readable", reader: null, storedError: undefined, disturbed: false, controller: null };
  }

  function isLocked(stream) { return stream.reader !== null; }

  function closeStream(stream) {
    stream.state = "closed";
    const reader = stream.reader;
    if (reader === null) return;
    reader.resolveClosed(undefined);
    if (reader.byob) return; // its read-into requests end when the source responds (§4.9.5)
    const requests = reader.readRequests;
    reader.readRequests = [];
    for (let i = 0; i < requests.length; i++) requests[i].close();
  }

  function errorStream(stream, error) {
    stream.state = "errored";
    stream.storedError = error;
    const reader = stream.reader;
    if (reader === null) return;
    reader.rejectClosed(error);
    const requests = reader.readRequests;
    reader.readRequests = [];
    for (let i = 0; i < requests.length; i++) requests[i].error(error);
  }

  function cancelStream(stream, reason) {
    stream.disturbed = true;
    if (stream.state === "closed") return resolved(undefined);
    if (stream.state === "errored") return Promise.reject(stream.storedError);
    closeStream(stream);
    const controller = stream.controller;
    if (controller.byte) {
      controller.pendingPullIntos = [];
      invalidateByobRequest(controller);
    }
    resetQueue(controller);
    let result;
    try {
      result = resolved(controller.cancelAlgorithm(reason));
    } catch (error) {
      result = Promise.reject(error);
    }
    clearAlgorithms(controller);
    return result.then(noop);
  }

  function fulfillReadRequest(stream, chunk, done) {
    const request = stream.reader.readRequests.shift();
    if (done) request.close();
    else request.chunk(chunk);
  }

  // ---------------------------------------------------------------- the controller (§4.7, §4.9.4)

  class ReadableStreamDefaultController {
    constructor(token) {
      if (token !== CREATE) throw new TypeError("Illegal constructor");
    }
    get desiredSize() { return desiredSize(recordOf(CONTROLLERS, this, "ReadableStreamDefaultController")); }
    close() {
      const controller = recordOf(CONTROLLERS, this, "ReadableStreamDefaultController");
      if (!canCloseOrEnqueue(controller)) throw new TypeError("close: the stream is closed or closing");
      closeController(controller);
    }
    enqueue(chunk = undefined) {
      const controller = recordOf(CONTROLLERS, this, "ReadableStreamDefaultController");
      if (!canCloseOrEnqueue(controller)) throw new TypeError("enqueue: the stream is closed or closing");
      enqueue(controller, chunk);
    }
    error(error = undefined) {
      errorController(recordOf(CONTROLLERS, this, "ReadableStreamDefaultController"), error);
    }
  }

  function desiredSize(controller) {
    const state = controller.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return controller.highWaterMark - controller.queueTotalSize;
  }

  function canCloseOrEnqueue(controller) {
    return !controller.closeRequested && controller.stream.state === "readable";
  }

  function resetQueue(controller) {
    controller.queue = [];
    controller.queueTotalSize = 0;
  }

  function clearAlgorithms(controller) {
    controller.pullAlgorithm = null;
    controller.cancelAlgorithm = null;
    controller.sizeAlgorithm = null;
  }

  function closeController(controller) {
    if (controller.byte) { byteClose(controller); return; }
    controller.closeRequested = true;
    if (controller.queue.length === 0) {
      clearAlgorithms(controller);
      closeStream(controller.stream);
    }
  }

  function enqueue(controller, chunk) {
    if (controller.byte) { byteEnqueue(controller, chunk); return; }
    const stream = controller.stream;
    if (isLocked(stream) && stream.reader.readRequests.length > 0) {
      fulfillReadRequest(stream, chunk, false);
    } else {
      let size;
      try {
        size = controller.sizeAlgorithm(chunk);
      } catch (error) {
        errorController(controller, error);
        throw error;
      }
      size = Number(size);
      if (!(size >= 0) || size === Infinity) {
        const error = new RangeError("the strategy's size() must give a finite, non-negative number");
        errorController(controller, error);
        throw error;
      }
      controller.queue.push({ value: chunk, size });
      controller.queueTotalSize += size;
    }
    callPullIfNeeded(controller);
  }

  function errorController(controller, error) {
    if (controller.stream.state !== "readable") return;
    if (controller.byte) controller.pendingPullIntos = [];
    resetQueue(controller);
    clearAlgorithms(controller);
    errorStream(controller.stream, error);
  }

  function shouldCallPull(controller) {
    if (!canCloseOrEnqueue(controller) || !controller.started) return false;
    const stream = controller.stream;
    if (isLocked(stream) && stream.reader.readRequests.length > 0) return true; // BYOB: read-into
    return desiredSize(controller) > 0;
  }

  function callPullIfNeeded(controller) {
    if (!shouldCallPull(controller)) return;
    if (controller.pulling) {
      controller.pullAgain = true;
      return;
    }
    controller.pulling = true;
    let pulled;
    try {
      pulled = resolved(controller.pullAlgorithm());
    } catch (error) {
      pulled = Promise.reject(error);
    }
    pulled.then(() => {
      controller.pulling = false;
      if (controller.pullAgain) {
        controller.pullAgain = false;
        callPullIfNeeded(controller);
      }
    }, (error) => errorController(controller, error));
  }

  // [[PullSteps]] of a default controller: a chunk from the queue or a pending read request.
  function pullSteps(controller, request) {
    if (controller.byte) { bytePullSteps(controller, request); return; }
    const stream = controller.stream;
    if (controller.queue.length > 0) {
      const entry = controller.queue.shift();
      controller.queueTotalSize = Math.max(0, controller.queueTotalSize - entry.size);
      if (controller.closeRequested && controller.queue.length === 0) {
        clearAlgorithms(controller);
        closeStream(stream);
      } else {
        callPullIfNeeded(controller);
      }
      request.chunk(entry.value);
      return;
    }
    stream.reader.readRequests.push(request);
    callPullIfNeeded(controller);
  }

  function setUpController(stream, start, pull, cancel, highWaterMark, sizeAlgorithm) {
    const object = new ReadableStreamDefaultController(CREATE);
    const controller = {
      object, stream, queue: [], queueTotalSize: 0, started: false, closeRequested: false,
      pullAgain: false, pulling: false, highWaterMark, sizeAlgorithm,
      pullAlgorithm: pull, cancelAlgorithm: cancel,
    };
    CONTROLLERS.set(object, controller);
    stream.controller = controller;
    const started = start(object);
    resolved(started).then(() => {
      controller.started = true;
      callPullIfNeeded(controller);
    }, (error) => errorController(controller, error));
    return controller;
  }

  // ---------------------------------------------------------------- the reader (§4.4)

  class ReadableStreamDefaultReader {
    constructor(stream) {
      if (stream === CREATE) return; // built by acquireReader, which fills in the record
      acquireReader(streamOf(stream), this);
    }
    get closed() { return recordOf(READERS, this, "ReadableStreamDefaultReader").closedPromise; }
    read() {
      const reader = READERS.get(this);
      if (reader === undefined) return Promise.reject(new TypeError("Illegal invocation: not a ReadableStreamDefaultReader"));
      if (reader.stream === null) return Promise.reject(new TypeError("read: the reader has been released"));
      return readResult(reader);
    }
    releaseLock() {
      const reader = recordOf(READERS, this, "ReadableStreamDefaultReader");
      if (reader.stream !== null) releaseReader(reader);
    }
    cancel(reason = undefined) {
      const reader = READERS.get(this);
      if (reader === undefined) return Promise.reject(new TypeError("Illegal invocation: not a ReadableStreamDefaultReader"));
      if (reader.stream === null) return Promise.reject(new TypeError("cancel: the reader has been released"));
      return cancelStream(reader.stream, reason);
    }
  }

  function newClosedPromise(reader) {
    reader.closedPromise = new Promise((resolve, reject) => {
      reader.resolveClosed = resolve;
      reader.rejectClosed = (error) => {
        reject(error);
        reader.closedPromise.catch(noop); // a rejected `closed` nobody awaits is not an error
      };
    });
  }

  function acquireReader(stream, object) {
    if (isLocked(stream)) throw new TypeError(LOCKED);
    const reader = { object, stream, readRequests: [], closedPromise: null, resolveClosed: null, rejectClosed: null };
    newClosedPromise(reader);
    if (stream.state === "closed") reader.resolveClosed(undefined);
    else if (stream.state === "errored") reader.rejectClosed(stream.storedError);
    stream.reader = reader;
    READERS.set(object, reader);
    return reader;
  }

  function readInto(reader, request) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === "closed") request.close();
    else if (stream.state === "errored") request.error(stream.storedError);
    else pullSteps(stream.controller, request);
  }

  // One read as a promise of { value, done }: what a default reader's read() gives.
  function readResult(reader) {
    return new Promise((resolve, reject) => readInto(reader, {
      chunk: (value) => resolve({ value, done: false }),
      close: () => resolve({ value: undefined, done: true }),
      error: reject,
    }));
  }

  function releaseReader(reader) {
    const stream = reader.stream;
    const released = new TypeError("the reader's lock was released");
    if (stream.state === "readable") {
      reader.rejectClosed(released);
    } else {
      newClosedPromise(reader);
      reader.rejectClosed(released);
    }
    stream.reader = null;
    reader.stream = null;
    const requests = reader.readRequests;
    reader.readRequests = [];
    for (let i = 0; i < requests.length; i++) requests[i].error(released);
  }

  // ---------------------------------------------------------------- byte streams (§4.5–§4.7, §4.9.5)

  // A byte stream's controller record has the default controller's fields (queue, closeRequested,
  // pulling...) plus `byte`, the pending pull-into descriptors (reads waiting for bytes, each with
  // the buffer it fills) and autoAllocateChunkSize. Queue entries are { buffer, byteOffset,
  // byteLength }; chunks and readers' views are transferred (detached) as the Streams Standard says.
  const BYTE_CONTROLLERS = new WeakMap(); // ReadableByteStreamController -> controller record
  const BYOB_REQUESTS = new WeakMap(); // ReadableStreamBYOBRequest -> { controller, view }
  const BYOB_READERS = new WeakSet();

  const transferBuffer = (buffer) => buffer.transfer();

  class ReadableByteStreamController {
    constructor(token) {
      if (token !== CREATE) throw new TypeError("Illegal constructor");
    }
    get byobRequest() { return byobRequestOf(recordOf(BYTE_CONTROLLERS, this, "ReadableByteStreamController")); }
    get desiredSize() { return desiredSize(recordOf(BYTE_CONTROLLERS, this, "ReadableByteStreamController")); }
    close() {
      const controller = recordOf(BYTE_CONTROLLERS, this, "ReadableByteStreamController");
      if (!canCloseOrEnqueue(controller)) throw new TypeError("close: the stream is closed or closing");
      byteClose(controller);
    }
    enqueue(chunk) {
      const controller = recordOf(BYTE_CONTROLLERS, this, "ReadableByteStreamController");
      if (!ArrayBuffer.isView(chunk)) {
        throw new TypeError("Failed to execute 'enqueue' on 'ReadableByteStreamController': parameter 1 is not of type 'BufferSource'.");
      }
      if (chunk.byteLength === 0) throw new TypeError("Cannot enqueue a zero-length ArrayBuffer.");
      if (chunk.buffer.byteLength === 0) throw new TypeError("enqueue: the chunk's buffer is detached");
      if (!canCloseOrEnqueue(controller)) throw new TypeError("enqueue: the stream is closed or closing");
      byteEnqueue(controller, chunk);
    }
    error(error = undefined) {
      errorController(recordOf(BYTE_CONTROLLERS, this, "ReadableByteStreamController"), error);
    }
  }

  class ReadableStreamBYOBRequest {
    constructor(token) {
      if (token !== CREATE) throw new TypeError("Illegal constructor");
    }
    get view() { return recordOf(BYOB_REQUESTS, this, "ReadableStreamBYOBRequest").view; }
    respond(bytesWritten) {
      const request = recordOf(BYOB_REQUESTS, this, "ReadableStreamBYOBRequest");
      if (request.controller === null) throw new TypeError("respond: this request was already answered");
      if (request.view.buffer.byteLength === 0) throw new TypeError("respond: the view's buffer is detached");
      byteRespond(request.controller, Number(bytesWritten));
    }
    respondWithNewView(view) {
      const request = recordOf(BYOB_REQUESTS, this, "ReadableStreamBYOBRequest");
      if (request.controller === null) throw new TypeError("respondWithNewView: this request was already answered");
      if (!ArrayBuffer.isView(view)) throw new TypeError("respondWithNewView: the view must be an ArrayBufferView");
      byteRespondWithNewView(request.controller, view);
    }
  }

  function setUpByteController(stream, start, pull, cancel, highWaterMark, autoAllocateChunkSize) {
    const object = new ReadableByteStreamController(CREATE);
    const controller = {
      object, stream, byte: true, queue: [], queueTotalSize: 0, started: false, closeRequested: false,
      pullAgain: false, pulling: false, highWaterMark, pullAlgorithm: pull, cancelAlgorithm: cancel,
      sizeAlgorithm: null, autoAllocateChunkSize, pendingPullIntos: [], byobRequest: null,
    };
    BYTE_CONTROLLERS.set(object, controller);
    stream.controller = controller;
    resolved(start(object)).then(() => {
      controller.started = true;
      callPullIfNeeded(controller);
    }, (error) => errorController(controller, error));
    return controller;
  }

  // A byte stream driven from inside the prelude (bodies, tee branches).
  function createByteStream(start, pull, cancel) {
    const object = Object.create(ReadableStream.prototype);
    const stream = newStreamRecord(object);
    STREAMS.set(object, stream);
    setUpByteController(stream, start, pull, cancel, 0, undefined);
    return stream;
  }

  function byobRequestOf(controller) {
    if (controller.byobRequest === null && controller.pendingPullIntos.length > 0) {
      const first = controller.pendingPullIntos[0];
      const object = new ReadableStreamBYOBRequest(CREATE);
      BYOB_REQUESTS.set(object, {
        controller,
        view: new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled),
      });
      controller.byobRequest = object;
    }
    return controller.byobRequest;
  }

  function invalidateByobRequest(controller) {
    if (controller.byobRequest === null) return;
    const request = BYOB_REQUESTS.get(controller.byobRequest);
    request.controller = null;
    request.view = null;
    controller.byobRequest = null;
  }

  const readerKind = (stream) => (stream.reader === null ? "none" : stream.reader.byob ? "byob" : "default");

  function byteEnqueue(controller, chunk) {
    const stream = controller.stream;
    const byteOffset = chunk.byteOffset;
    const byteLength = chunk.byteLength;
    const buffer = transferBuffer(chunk.buffer);
    if (controller.pendingPullIntos.length > 0) {
      invalidateByobRequest(controller);
      const first = controller.pendingPullIntos[0];
      first.buffer = transferBuffer(first.buffer);
    }
    const kind = readerKind(stream);
    if (kind === "default" && stream.reader.readRequests.length > 0) {
      if (controller.pendingPullIntos.length > 0) controller.pendingPullIntos.shift(); // its auto-allocated buffer
      fulfillReadRequest(stream, new Uint8Array(buffer, byteOffset, byteLength), false);
    } else {
      controller.queue.push({ buffer, byteOffset, byteLength });
      controller.queueTotalSize += byteLength;
      if (kind === "byob") processPullIntosUsingQueue(controller);
    }
    callPullIfNeeded(controller);
  }

  function byteClose(controller) {
    if (controller.closeRequested || controller.stream.state !== "readable") return;
    if (controller.queueTotalSize > 0) {
      controller.closeRequested = true;
      return;
    }
    if (controller.pendingPullIntos.length > 0) {
      const first = controller.pendingPullIntos[0];
      if (first.bytesFilled % first.elementSize !== 0) {
        const error = new TypeError("Insufficient bytes to fill elements in the given buffer");
        errorController(controller, error);
        throw error;
      }
    }
    controller.closeRequested = true;
    clearAlgorithms(controller);
    closeStream(controller.stream);
  }

  function handleQueueDrain(controller) {
    if (controller.queueTotalSize === 0 && controller.closeRequested) {
      clearAlgorithms(controller);
      closeStream(controller.stream);
    } else {
      callPullIfNeeded(controller);
    }
  }

  // A default reader's read on a byte stream: a queued chunk, or a read waiting for one (with a
  // buffer of autoAllocateChunkSize for the source to fill through byobRequest).
  function bytePullSteps(controller, request) {
    const stream = controller.stream;
    if (controller.queueTotalSize > 0) {
      const entry = controller.queue.shift();
      controller.queueTotalSize -= entry.byteLength;
      handleQueueDrain(controller);
      request.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
      return;
    }
    if (controller.autoAllocateChunkSize !== undefined) {
      const size = controller.autoAllocateChunkSize;
      controller.pendingPullIntos.push({ buffer: new ArrayBuffer(size), byteOffset: 0, byteLength: size,
        bytesFilled: 0, minimumFill: 1, elementSize: 1, viewConstructor: Uint8Array, readerType: "default" });
    }
    stream.reader.readRequests.push(request);
    callPullIfNeeded(controller);
  }

  // Copies queued bytes into a pull-into's buffer; true once it holds its minimum.
  function fillPullIntoFromQueue(controller, pullInto) {
    const maxBytesToCopy = Math.min(controller.queueTotalSize, pullInto.byteLength - pullInto.bytesFilled);
    const maxBytesFilled = pullInto.bytesFilled + maxBytesToCopy;
    let remaining = maxBytesToCopy;
    let ready = false;
    const maxAlignedBytes = maxBytesFilled - (maxBytesFilled % pullInto.elementSize);
    if (maxAlignedBytes >= pullInto.minimumFill) {
      remaining = maxAlignedBytes - pullInto.bytesFilled;
      ready = true;
    }
    const target = new Uint8Array(pullInto.buffer);
    while (remaining > 0) {
      const head = controller.queue[0];
      const count = Math.min(remaining, head.byteLength);
      target.set(new Uint8Array(head.buffer, head.byteOffset, count), pullInto.byteOffset + pullInto.bytesFilled);
      if (head.byteLength === count) {
        controller.queue.shift();
      } else {
        head.byteOffset += count;
        head.byteLength -= count;
      }
      controller.queueTotalSize -= count;
      pullInto.bytesFilled += count;
      remaining -= count;
    }
    return ready;
  }

  const filledView = (pullInto) =>
    new pullInto.viewConstructor(pullInto.buffer, pullInto.byteOffset, pullInto.bytesFilled / pullInto.elementSize);

  function commitPullInto(stream, pullInto) {
    const done = stream.state === "closed";
    const view = filledView(pullInto);
    if (pullInto.readerType === "default") {
      fulfillReadRequest(stream, view, done);
    } else if (pullInto.readerType === "byob") {
      const request = stream.reader.readRequests.shift();
      if (done) request.close(view);
      else request.chunk(view);
    }
  }

  function processPullIntosUsingQueue(controller) {
    while (controller.pendingPullIntos.length > 0 && controller.queueTotalSize > 0) {
      const pullInto = controller.pendingPullIntos[0];
      if (!fillPullIntoFromQueue(controller, pullInto)) return;
      controller.pendingPullIntos.shift();
      commitPullInto(controller.stream, pullInto);
    }
    if (controller.closeRequested && controller.queueTotalSize === 0 && controller.stream.state === "readable") {
      clearAlgorithms(controller);
      closeStream(controller.stream);
    }
  }

  // ReadableStreamBYOBReader.read(view): fills the view's memory (transferred to the result).
  function byobRead(controller, view, min, request) {
    const stream = controller.stream;
    const ctor = view.constructor === DataView ? DataView : view.constructor;
    const elementSize = view.constructor === DataView ? 1 : view.BYTES_PER_ELEMENT;
    const byteOffset = view.byteOffset;
    const byteLength = view.byteLength; // read before the transfer detaches the view
    const pullInto = { buffer: transferBuffer(view.buffer), byteOffset, byteLength, bytesFilled: 0, minimumFill: min * elementSize, elementSize, viewConstructor: ctor, readerType: "byob" };
    if (controller.pendingPullIntos.length > 0) {
      controller.pendingPullIntos.push(pullInto);
      stream.reader.readRequests.push(request);
      return;
    }
    if (stream.state === "closed") {
      request.close(new ctor(pullInto.buffer, pullInto.byteOffset, 0));
      return;
    }
    if (controller.queueTotalSize > 0) {
      if (fillPullIntoFromQueue(controller, pullInto)) {
        handleQueueDrain(controller);
        request.chunk(filledView(pullInto));
        return;
      }
      if (controller.closeRequested) {
        const error = new TypeError("Insufficient bytes to fill elements in the given buffer");
        errorController(controller, error);
        request.error(error);
        return;
      }
    }
    controller.pendingPullIntos.push(pullInto);
    stream.reader.readRequests.push(request);
    callPullIfNeeded(controller);
  }

  function byteRespond(controller, bytesWritten) {
    const first = controller.pendingPullIntos[0];
    if (controller.stream.state === "closed") {
      if (bytesWritten !== 0) throw new TypeError("respond: bytesWritten must be 0 once the stream is closed");
    } else {
      if (!(bytesWritten > 0)) throw new TypeError("respond: bytesWritten must be more than 0");
      if (first.bytesFilled + bytesWritten > first.byteLength) throw new RangeError("respond: bytesWritten is more than the view holds");
    }
    first.buffer = transferBuffer(first.buffer);
    respondInternal(controller, bytesWritten);
  }

  function byteRespondWithNewView(controller, view) {
    const first = controller.pendingPullIntos[0];
    if (controller.stream.state === "closed") {
      if (view.byteLength !== 0) throw new TypeError("respondWithNewView: the view must be empty once the stream is closed");
    } else if (view.byteLength === 0) {
      throw new TypeError("respondWithNewView: the view must not be empty");
    }
    if (first.byteOffset + first.bytesFilled !== view.byteOffset) throw new RangeError("respondWithNewView: the view's offset does not match the request's");
    if (first.buffer.byteLength !== view.buffer.byteLength) {
      throw new RangeError("respondWithNewView: the view's buffer is not the request's size");
    }
    if (first.bytesFilled + view.byteLength > first.byteLength) throw new RangeError("respondWithNewView: the view is longer than the request");
    const length = view.byteLength;
    first.buffer = transferBuffer(view.buffer);
    respondInternal(controller, length);
  }

  function respondInternal(controller, bytesWritten) {
    const stream = controller.stream;
    const first = controller.pendingPullIntos[0];
    invalidateByobRequest(controller);
    if (stream.state === "closed") {
      if (first.readerType === "none") controller.pendingPullIntos.shift();
      if (readerKind(stream) === "byob") {
        while (stream.reader.readRequests.length > 0 && controller.pendingPullIntos.length > 0) {
          commitPullInto(stream, controller.pendingPullIntos.shift());
        }
      }
    } else {
      first.bytesFilled += bytesWritten;
      if (first.readerType === "none") {
        controller.pendingPullIntos.shift();
        if (first.bytesFilled > 0) {
          const copy = first.buffer.slice(first.byteOffset, first.byteOffset + first.bytesFilled);
          controller.queue.push({ buffer: copy, byteOffset: 0, byteLength: copy.byteLength });
          controller.queueTotalSize += copy.byteLength;
        }
        processPullIntosUsingQueue(controller);
      } else if (first.bytesFilled >= first.minimumFill) {
        controller.pendingPullIntos.shift();
        const remainder = first.bytesFilled % first.elementSize;
        if (remainder > 0) {
          const end = first.byteOffset + first.bytesFilled;
          const copy = first.buffer.slice(end - remainder, end);
          controller.queue.push({ buffer: copy, byteOffset: 0, byteLength: remainder });
          controller.queueTotalSize += remainder;
        }
        first.bytesFilled -= remainder;
        commitPullInto(stream, first);
        processPullIntosUsingQueue(controller);
      }
    }
    callPullIfNeeded(controller);
  }

  class ReadableStreamBYOBReader {
    constructor(stream) {
      if (stream === CREATE) return;
      const record = streamOf(stream);
      if (record.controller === null || !record.controller.byte) {
        throw new TypeError("This ReadableStream does not support BYOB reads.");
      }
      acquireReader(record, this).byob = true;
      BYOB_READERS.add(this);
    }
    get closed() { return byobReaderOf(this).closedPromise; }
    read(view, options = undefined) {
      let reader;
      try {
        reader = byobReaderOf(this);
      } catch (error) {
        return Promise.reject(error);
      }
      if (!ArrayBuffer.isView(view)) {
        return Promise.reject(new TypeError("Failed to execute 'read' on 'ReadableStreamBYOBReader': parameter 1 is not of type 'ArrayBufferView'."));
      }
      if (view.byteLength === 0 || view.buffer.byteLength === 0) {
        return Promise.reject(new TypeError("You must call read() on a \"byob\" reader with a positive-sized TypedArray object."));
      }
      const elements = view.constructor === DataView ? view.byteLength : view.length;
      const min = options === undefined || options === null || options.min === undefined ? 1 : Number(options.min);
      if (!(min >= 1) || !Number.isInteger(min)) return Promise.reject(new TypeError("read: min must be a positive integer"));
      if (min > elements) return Promise.reject(new RangeError("read: min is more than the view holds"));
      if (reader.stream === null) return Promise.reject(new TypeError("read: the reader has been released"));
      const stream = reader.stream;
      stream.disturbed = true;
      return new Promise((resolve, reject) => {
        const request = {
          chunk: (value) => resolve({ value, done: false }),
          close: (value) => resolve({ value, done: true }),
          error: reject,
        };
        if (stream.state === "errored") request.error(stream.storedError);
        else byobRead(stream.controller, view, min, request);
      });
    }
    releaseLock() {
      const reader = byobReaderOf(this);
      if (reader.stream === null) return;
      const controller = reader.stream.controller;
      if (controller.pendingPullIntos.length > 0) { // the source may still fill it; nobody reads it
        const first = controller.pendingPullIntos[0];
        first.readerType = "none";
        controller.pendingPullIntos = [first];
      }
      releaseReader(reader);
    }
    cancel(reason = undefined) {
      let reader;
      try {
        reader = byobReaderOf(this);
      } catch (error) {
        return Promise.reject(error);
      }
      if (reader.stream === null) return Promise.reject(new TypeError("cancel: the reader has been released"));
      return cancelStream(reader.stream, reason);
    }
  }

  function byobReaderOf(object) {
    if (!BYOB_READERS.has(object)) throw new TypeError("Illegal invocation: not a ReadableStreamBYOBReader");
    return recordOf(READERS, object, "ReadableStreamBYOBReader");
  }

  // ---------------------------------------------------------------- ReadableStream (§4.2)

  function highWaterMarkOf(strategy, fallback) {
    if (strategy.highWaterMark === undefined) return fallback;
    const mark = Number(strategy.highWaterMark);
    if (Number.isNaN(mark) || mark < 0) throw new RangeError(`invalid highWaterMark: ${strategy.highWaterMark}`);
    return mark;
  }

  // An underlying source's, sink's or transformer's methods, each called with the object as
  // `this`; a missing one does nothing.
  function methodsOf(object, names, what) {
    const methods = {};
    for (const name of names) {
      const fn = object[name];
      if (fn !== undefined && typeof fn !== "function") throw new TypeError(`${what}: the ${name} method must be a function`);
      methods[name] = fn === undefined ? noop : function () { return fn.apply(object, arguments); };
    }
    return methods;
  }

  // A queuing strategy's size algorithm: the strategy's size(), or one per chunk.
  function sizeAlgorithmOf(plan, what) {
    const size = plan.size;
    if (size === undefined) return () => 1;
    if (typeof size !== "function") throw new TypeError(`${what}: strategy.size must be a function`);
    return (chunk) => size.call(undefined, chunk);
  }

  const dictionaryOf = (value) => (value === undefined || value === null ? {} : value);

  class ReadableStream {
    constructor(underlyingSource = undefined, strategy = undefined) {
      const source = dictionaryOf(underlyingSource);
      if (typeof source !== "object" && typeof source !== "function") {
        throw new TypeError("ReadableStream: the underlying source must be an object");
      }
      const plan = dictionaryOf(strategy);
      if (source.type !== undefined) {
        const type = String(source.type);
        if (type !== "bytes") throw new TypeError(`ReadableStream: '${type}' is not a valid stream type`);
        if (plan.size !== undefined) throw new RangeError("ReadableStream: a byte stream's strategy cannot have a size");
        const highWaterMark = highWaterMarkOf(plan, 0);
        const methods = methodsOf(source, ["start", "pull", "cancel"], "ReadableStream");
        let autoAllocate = source.autoAllocateChunkSize;
        if (autoAllocate !== undefined) {
          autoAllocate = Number(autoAllocate);
          if (!(autoAllocate > 0) || !Number.isFinite(autoAllocate)) {
            throw new TypeError("ReadableStream: autoAllocateChunkSize must be a positive number");
          }
          autoAllocate = Math.trunc(autoAllocate);
        }
        const stream = newStreamRecord(this);
        STREAMS.set(this, stream);
        setUpByteController(stream, methods.start, () => methods.pull(stream.controller.object), methods.cancel,
          highWaterMark, autoAllocate);
        return;
      }
      const sizeAlgorithm = sizeAlgorithmOf(plan, "ReadableStream");
      const highWaterMark = highWaterMarkOf(plan, 1);
      const methods = methodsOf(source, ["start", "pull", "cancel"], "ReadableStream");
      const stream = newStreamRecord(this);
      STREAMS.set(this, stream);
      setUpController(stream, methods.start, () => methods.pull(stream.controller.object), methods.cancel,
        highWaterMark, sizeAlgorithm);
    }

    get locked() { return isLocked(streamOf(this)); }

    cancel(reason = undefined) {
      const stream = STREAMS.get(this);
      if (stream === undefined) return Promise.reject(new TypeError("Illegal invocation: not a ReadableStream"));
      if (isLocked(stream)) return Promise.reject(new TypeError(LOCKED));
      return cancelStream(stream, reason);
    }

    getReader(options = undefined) {
      const stream = streamOf(this);
      const mode = options === undefined || options === null ? undefined : options.mode;
      if (mode !== undefined) {
        if (String(mode) !== "byob") throw new TypeError(`getReader: '${mode}' is not a valid reader mode`);
        if (stream.controller === null || !stream.controller.byte) {
          throw new TypeError("This ReadableStream does not support BYOB reads."); // workerd's words
        }
        const object = new ReadableStreamBYOBReader(CREATE);
        acquireReader(stream, object).byob = true;
        BYOB_READERS.add(object);
        return object;
      }
      const object = new ReadableStreamDefaultReader(CREATE);
      acquireReader(stream, object);
      return object;
    }

    tee() { return tee(streamOf(this)).map((branch) => branch.object); }

    values(options = undefined) {
      const stream = streamOf(this);
      const preventCancel = options !== undefined && options !== null && Boolean(options.preventCancel);
      return asyncIterator(stream, preventCancel);
    }

    pipeTo(destination, options = undefined) {
      const stream = STREAMS.get(this);
      if (stream === undefined) return Promise.reject(new TypeError("Illegal invocation: not a ReadableStream"));
      const dest = typeof destination === "object" && destination !== null ? WRITABLES.get(destination) : undefined;
      if (dest === undefined) return Promise.reject(new TypeError("pipeTo: the destination must be a WritableStream"));
      let parsed;
      try {
        parsed = pipeOptions(options);
      } catch (error) {
        return Promise.reject(error);
      }
      if (isLocked(stream)) return Promise.reject(new TypeError("pipeTo: the source is locked"));
      if (dest.writer !== null) return Promise.reject(new TypeError("pipeTo: the destination is locked"));
      return pipe(stream, dest, ...parsed);
    }
    pipeThrough(transform, options = undefined) {
      const stream = streamOf(this);
      if (transform === null || typeof transform !== "object") throw new TypeError("pipeThrough: needs { writable, readable }");
      const dest = WRITABLES.get(transform.writable);
      if (dest === undefined) throw new TypeError("pipeThrough: transform.writable must be a WritableStream");
      const readable = transform.readable;
      streamOf(readable);
      const parsed = pipeOptions(options);
      if (isLocked(stream)) throw new TypeError("pipeThrough: the source is locked");
      if (dest.writer !== null) throw new TypeError("pipeThrough: the destination is locked");
      pipe(stream, dest, ...parsed).catch(noop);
      return readable;
    }

    static from(asyncIterable) { return streamFromIterable(asyncIterable); }
  }
  Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
    value: ReadableStream.prototype.values, writable: true, configurable: true,
  });

  // A stream driven from the host side of the prelude (no source object to call methods on).
  function createStream(start, pull, cancel, highWaterMark = 1) {
    const object = Object.create(ReadableStream.prototype);
    const stream = newStreamRecord(object);
    STREAMS.set(object, stream);
    setUpController(stream, start, pull, cancel, highWaterMark, () => 1);
    return stream;
  }

  // ReadableStreamDefaultTee (§4.9.1). The Fetch Standard's "tee" (Response/Request clone())
  // passes cloneForBranch2, so the second branch gets structured clones of the chunks.
  function tee(stream, cloneForBranch2 = false) {
    const reader = acquireReader(stream, new ReadableStreamDefaultReader(CREATE));
    let reading = false;
    let readAgain = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let branch1;
    let branch2;
    let resolveCancel;
    const cancelPromise = new Promise((resolve) => { resolveCancel = resolve; });
    const pull = () => {
      if (reading) {
        readAgain = true;
        return resolved(undefined);
      }
      reading = true;
      readInto(reader, {
        chunk: (chunk) => {
          queueMicrotask(() => {
            readAgain = false;
            let chunk2 = chunk;
            if (!canceled2 && stream.controller.byte && !canceled1) {
              chunk2 = chunk.slice(); // branch1's enqueue takes over (detaches) the chunk's memory
            } else if (!canceled2 && cloneForBranch2) {
              try {
                chunk2 = internal.structuredClone(chunk);
              } catch (error) {
                errorController(branch1.controller, error);
                errorController(branch2.controller, error);
                resolveCancel(cancelStream(stream, error));
                return;
              }
            }
            if (!canceled1) enqueue(branch1.controller, chunk);
            if (!canceled2) enqueue(branch2.controller, chunk2);
            reading = false;
            if (readAgain) pull();
          });
        },
        close: () => {
          reading = false;
          if (!canceled1) closeController(branch1.controller);
          if (!canceled2) closeController(branch2.controller);
          if (!canceled1 || !canceled2) resolveCancel(undefined);
        },
        error: () => { reading = false; },
      });
      return resolved(undefined);
    };
    const cancelBoth = () => {
      resolveCancel(cancelStream(stream, [reason1, reason2]));
    };
    const make = stream.controller.byte ? createByteStream : createStream;
    branch1 = make(noop, pull, (reason) => {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelBoth();
      return cancelPromise;
    });
    branch2 = make(noop, pull, (reason) => {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelBoth();
      return cancelPromise;
    });
    reader.closedPromise.catch((error) => {
      errorController(branch1.controller, error);
      errorController(branch2.controller, error);
      if (!canceled1 || !canceled2) resolveCancel(undefined);
    });
    return [branch1, branch2];
  }

  // ---------------------------------------------------------------- async iteration (§4.2.5)

  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  const StreamIteratorPrototype = Object.create(AsyncIteratorPrototype);
  const ITERATORS = new WeakMap();

  function asyncIterator(stream, preventCancel) {
    const iterator = Object.create(StreamIteratorPrototype);
    const object = new ReadableStreamDefaultReader(CREATE);
    ITERATORS.set(iterator, { reader: acquireReader(stream, object), preventCancel, ongoing: resolved(undefined), finished: false });
    return iterator;
  }

  // Runs an iterator method's step once the previous call's has settled (the spec's "ongoing
  // promise"), so calls made without awaiting still happen in order.
  function queuedStep(object, makeStep) {
    let state;
    try {
      state = recordOf(ITERATORS, object, "ReadableStream async iterator");
    } catch (error) {
      return Promise.reject(error);
    }
    const step = makeStep(state);
    state.ongoing = state.ongoing.then(step, step);
    return state.ongoing;
  }

  Object.defineProperties(StreamIteratorPrototype, {
    next: {
      value: function next() {
        return queuedStep(this, (state) => () => {
          if (state.finished) return { value: undefined, done: true };
          const reader = state.reader;
          if (reader.stream === null) return Promise.reject(new TypeError("the iterator's reader was released"));
          return new Promise((resolve, reject) => {
            readInto(reader, {
              chunk: (value) => resolve({ value, done: false }),
              close: () => {
                state.finished = true;
                releaseReader(reader);
                resolve({ value: undefined, done: true });
              },
              error: (error) => {
                state.finished = true;
                releaseReader(reader);
                reject(error);
              },
            });
          });
        });
      },
      writable: true, configurable: true,
    },
    return: {
      value: function (value = undefined) {
        return queuedStep(this, (state) => () => {
          if (state.finished) return { value, done: true };
          state.finished = true;
          const reader = state.reader;
          if (reader.stream === null) return { value, done: true };
          if (!state.preventCancel) {
            const canceled = cancelStream(reader.stream, value);
            releaseReader(reader);
            return canceled.then(() => ({ value, done: true }));
          }
          releaseReader(reader);
          return { value, done: true };
        });
      },
      writable: true, configurable: true,
    },
  });
  Object.defineProperty(StreamIteratorPrototype, Symbol.toStringTag, {
    value: "ReadableStream AsyncIterator", configurable: true,
  });

  // ReadableStream.from (§4.2.4): pulls one value from the iterable per pull.
  function streamFromIterable(iterable) {
    if (iterable === null || iterable === undefined) throw new TypeError("ReadableStream.from needs an iterable");
    const asyncMethod = iterable[Symbol.asyncIterator];
    let iterator;
    if (asyncMethod !== undefined && asyncMethod !== null) {
      iterator = asyncMethod.call(iterable);
    } else {
      const syncMethod = iterable[Symbol.iterator];
      if (typeof syncMethod !== "function") throw new TypeError("ReadableStream.from needs an iterable or async iterable");
      const sync = syncMethod.call(iterable);
      iterator = {
        next: () => {
          const result = sync.next();
          return resolved(result.value).then((value) => ({ value, done: Boolean(result.done) }));
        },
        return: (value) => (typeof sync.return === "function" ? resolved(sync.return(value)) : resolved({ value, done: true })),
      };
    }
    if (iterator === null || typeof iterator !== "object") throw new TypeError("ReadableStream.from: the iterator is not an object");
    let stream;
    stream = createStream(noop, () => resolved(iterator.next()).then((result) => {
      if (result === null || typeof result !== "object") throw new TypeError("ReadableStream.from: next() must give an object");
      if (result.done) closeController(stream.controller);
      else enqueue(stream.controller, result.value);
    }), (reason) => {
      const method = iterator.return;
      if (method === undefined || method === null) return undefined;
      return resolved(method.call(iterator, reason)).then((result) => {
        if (result === null || typeof result !== "object") throw new TypeError("ReadableStream.from: return() must give an object");
      });
    }, 0);
    return stream.object;
  }

  // ---------------------------------------------------------------- WritableStream (§5)

  const WRITABLES = new WeakMap(); // WritableStream -> writable record
  const WRITERS = new WeakMap(); // WritableStreamDefaultWriter -> writer record
  const SINK_CONTROLLERS = new WeakMap(); // WritableStreamDefaultController -> controller record
  const CLOSE_SENTINEL = Symbol("close");
  const writableOf = (object) => recordOf(WRITABLES, object, "WritableStream");

  // A promise with its settle functions and whether it has settled; `handled` marks a rejection
  // nobody has to await (a writer's ready and closed promises).
  function deferred(handled = false) {
    const d = { settled: false };
    d.promise = new Promise((resolve, reject) => {
      d.resolve = (value) => { d.settled = true; resolve(value); };
      d.reject = (error) => { d.settled = true; reject(error); };
    });
    if (handled) d.promise.catch(noop);
    return d;
  }
  const rejectedHandled = (error) => {
    const d = deferred(true);
    d.reject(error);
    return d;
  };

  class WritableStreamDefaultController {
    constructor(token) {
      if (token !== CREATE) throw new TypeError("Illegal constructor");
    }
    get signal() { return recordOf(SINK_CONTROLLERS, this, "WritableStreamDefaultController").abort.signal; }
    error(error = undefined) {
      const controller = recordOf(SINK_CONTROLLERS, this, "WritableStreamDefaultController");
      if (controller.stream.state !== "writable") return;
      sinkControllerError(controller, error);
    }
  }

  function newWritable(object, start, write, close, abort, highWaterMark, sizeAlgorithm) {
    const stream = {
      object, state: "writable", storedError: undefined, writer: null, controller: null,
      inFlightWriteRequest: null, closeRequest: null, inFlightCloseRequest: null,
      pendingAbortRequest: null, writeRequests: [], backpressure: false,
    };
    WRITABLES.set(object, stream);
    const controllerObject = new WritableStreamDefaultController(CREATE);
    const controller = {
      object: controllerObject, stream, queue: [], queueTotalSize: 0, started: false,
      highWaterMark, sizeAlgorithm, writeAlgorithm: write, closeAlgorithm: close, abortAlgorithm: abort,
      abort: new AbortController(),
    };
    SINK_CONTROLLERS.set(controllerObject, controller);
    stream.controller = controller;
    updateBackpressure(stream, sinkDesiredSize(controller) <= 0);
    resolved(start(controllerObject)).then(() => {
      controller.started = true;
      advanceQueueIfNeeded(controller);
    }, (error) => {
      controller.started = true;
      dealWithRejection(stream, error);
    });
    return stream;
  }

  const closeQueuedOrInFlight = (stream) => stream.closeRequest !== null || stream.inFlightCloseRequest !== null;
  const operationInFlight = (stream) => stream.inFlightWriteRequest !== null || stream.inFlightCloseRequest !== null;
  const sinkDesiredSize = (controller) => controller.highWaterMark - controller.queueTotalSize;

  function clearSinkAlgorithms(controller) {
    controller.writeAlgorithm = null;
    controller.closeAlgorithm = null;
    controller.abortAlgorithm = null;
    controller.sizeAlgorithm = null;
  }

  function updateBackpressure(stream, backpressure) {
    const writer = stream.writer;
    if (writer !== null && backpressure !== stream.backpressure) {
      if (backpressure) writer.ready = deferred(true);
      else writer.ready.resolve(undefined);
    }
    stream.backpressure = backpressure;
  }

  function writableAbort(stream, reason) {
    if (stream.state === "closed" || stream.state === "errored") return resolved(undefined);
    stream.controller.abort.abort(reason);
    if (stream.state === "closed" || stream.state === "errored") return resolved(undefined);
    if (stream.pendingAbortRequest !== null) return stream.pendingAbortRequest.promise;
    const wasAlreadyErroring = stream.state === "erroring";
    const request = deferred();
    request.reason = wasAlreadyErroring ? undefined : reason;
    request.wasAlreadyErroring = wasAlreadyErroring;
    stream.pendingAbortRequest = request;
    if (!wasAlreadyErroring) startErroring(stream, reason);
    return request.promise;
  }

  function writableClose(stream) {
    if (stream.state === "closed" || stream.state === "errored") {
      return Promise.reject(new TypeError("close: the stream is closed or errored"));
    }
    const request = deferred();
    stream.closeRequest = request;
    if (stream.writer !== null && stream.backpressure && stream.state === "writable") stream.writer.ready.resolve(undefined);
    const controller = stream.controller;
    controller.queue.push({ value: CLOSE_SENTINEL, size: 0 });
    advanceQueueIfNeeded(controller);
    return request.promise;
  }

  function dealWithRejection(stream, error) {
    if (stream.state === "writable") {
      startErroring(stream, error);
      return;
    }
    finishErroring(stream);
  }

  function startErroring(stream, reason) {
    stream.state = "erroring";
    stream.storedError = reason;
    if (stream.writer !== null) writerReadyRejected(stream.writer, reason);
    if (!operationInFlight(stream) && stream.controller.started) finishErroring(stream);
  }

  function finishErroring(stream) {
    stream.state = "errored";
    const controller = stream.controller;
    controller.queue = [];
    controller.queueTotalSize = 0;
    const error = stream.storedError;
    const requests = stream.writeRequests;
    stream.writeRequests = [];
    for (const request of requests) request.reject(error);
    const abortRequest = stream.pendingAbortRequest;
    if (abortRequest === null) {
      rejectCloseAndClosed(stream);
      return;
    }
    stream.pendingAbortRequest = null;
    if (abortRequest.wasAlreadyErroring) {
      abortRequest.reject(error);
      rejectCloseAndClosed(stream);
      return;
    }
    let aborted;
    try {
      aborted = resolved(controller.abortAlgorithm === null ? undefined : controller.abortAlgorithm(abortRequest.reason));
    } catch (thrown) {
      aborted = Promise.reject(thrown);
    }
    clearSinkAlgorithms(controller);
    aborted.then(() => {
      abortRequest.resolve(undefined);
      rejectCloseAndClosed(stream);
    }, (reason) => {
      abortRequest.reject(reason);
      rejectCloseAndClosed(stream);
    });
  }

  function rejectCloseAndClosed(stream) {
    if (stream.closeRequest !== null) {
      stream.closeRequest.reject(stream.storedError);
      stream.closeRequest = null;
    }
    if (stream.writer !== null) writerClosedRejected(stream.writer, stream.storedError);
  }

  function writerReadyRejected(writer, error) {
    if (writer.ready.settled) writer.ready = rejectedHandled(error);
    else writer.ready.reject(error);
  }

  function writerClosedRejected(writer, error) {
    if (writer.closed.settled) writer.closed = rejectedHandled(error);
    else writer.closed.reject(error);
  }

  function sinkControllerError(controller, error) {
    clearSinkAlgorithms(controller);
    startErroring(controller.stream, error);
  }

  function advanceQueueIfNeeded(controller) {
    const stream = controller.stream;
    if (!controller.started || stream.inFlightWriteRequest !== null) return;
    if (stream.state === "erroring") {
      finishErroring(stream);
      return;
    }
    if (controller.queue.length === 0) return;
    const value = controller.queue[0].value;
    if (value === CLOSE_SENTINEL) {
      stream.inFlightCloseRequest = stream.closeRequest;
      stream.closeRequest = null;
      controller.queue.shift();
      const close = controller.closeAlgorithm;
      clearSinkAlgorithms(controller);
      let closed;
      try {
        closed = resolved(close());
      } catch (error) {
        closed = Promise.reject(error);
      }
      closed.then(() => finishInFlightClose(stream), (error) => finishInFlightCloseWithError(stream, error));
      return;
    }
    stream.inFlightWriteRequest = stream.writeRequests.shift();
    let written;
    try {
      written = resolved(controller.writeAlgorithm(value));
    } catch (error) {
      written = Promise.reject(error);
    }
    written.then(() => {
      stream.inFlightWriteRequest.resolve(undefined);
      stream.inFlightWriteRequest = null;
      const entry = controller.queue.shift();
      controller.queueTotalSize = Math.max(0, controller.queueTotalSize - entry.size);
      if (!closeQueuedOrInFlight(stream) && stream.state === "writable") {
        updateBackpressure(stream, sinkDesiredSize(controller) <= 0);
      }
      advanceQueueIfNeeded(controller);
    }, (reason) => {
      if (stream.state === "writable") clearSinkAlgorithms(controller);
      stream.inFlightWriteRequest.reject(reason);
      stream.inFlightWriteRequest = null;
      dealWithRejection(stream, reason);
    });
  }

  function finishInFlightClose(stream) {
    stream.inFlightCloseRequest.resolve(undefined);
    stream.inFlightCloseRequest = null;
    if (stream.state === "erroring") {
      stream.storedError = undefined;
      if (stream.pendingAbortRequest !== null) {
        stream.pendingAbortRequest.resolve(undefined);
        stream.pendingAbortRequest = null;
      }
    }
    stream.state = "closed";
    if (stream.writer !== null) stream.writer.closed.resolve(undefined);
  }

  function finishInFlightCloseWithError(stream, error) {
    stream.inFlightCloseRequest.reject(error);
    stream.inFlightCloseRequest = null;
    if (stream.pendingAbortRequest !== null) {
      stream.pendingAbortRequest.reject(error);
      stream.pendingAbortRequest = null;
    }
    dealWithRejection(stream, error);
  }

  class WritableStreamDefaultWriter {
    constructor(stream) {
      if (stream === CREATE) return; // built by acquireWriter
      acquireWriter(writableOf(stream), this);
    }
    get closed() { return recordOf(WRITERS, this, "WritableStreamDefaultWriter").closed.promise; }
    get ready() { return recordOf(WRITERS, this, "WritableStreamDefaultWriter").ready.promise; }
    get desiredSize() {
      const writer = recordOf(WRITERS, this, "WritableStreamDefaultWriter");
      if (writer.stream === null) throw new TypeError("desiredSize: the writer has been released");
      const state = writer.stream.state;
      if (state === "errored" || state === "erroring") return null;
      if (state === "closed") return 0;
      return sinkDesiredSize(writer.stream.controller);
    }
    abort(reason = undefined) {
      const writer = WRITERS.get(this);
      if (writer === undefined || writer.stream === null) return Promise.reject(new TypeError("abort: no stream (released writer?)"));
      return writableAbort(writer.stream, reason);
    }
    close() {
      const writer = WRITERS.get(this);
      if (writer === undefined || writer.stream === null) return Promise.reject(new TypeError("close: no stream (released writer?)"));
      if (closeQueuedOrInFlight(writer.stream)) return Promise.reject(new TypeError("close: the stream is already closing"));
      return writableClose(writer.stream);
    }
    releaseLock() {
      const writer = recordOf(WRITERS, this, "WritableStreamDefaultWriter");
      if (writer.stream === null) return;
      const released = new TypeError("the writer's lock was released");
      writerReadyRejected(writer, released);
      writerClosedRejected(writer, released);
      writer.stream.writer = null;
      writer.stream = null;
    }
    write(chunk = undefined) {
      const writer = WRITERS.get(this);
      if (writer === undefined || writer.stream === null) return Promise.reject(new TypeError("write: no stream (released writer?)"));
      return writerWrite(writer, chunk);
    }
  }

  function acquireWriter(stream, object) {
    if (stream.writer !== null) throw new TypeError("getWriter: the stream is locked to a writer");
    // `ready` is pending exactly while backpressure holds (updateBackpressure swaps it).
    const writer = { object, stream, ready: deferred(true), closed: deferred(true) };
    const state = stream.state;
    if (state === "writable") {
      if (closeQueuedOrInFlight(stream) || !stream.backpressure) writer.ready.resolve(undefined);
    } else if (state === "erroring") {
      writer.ready.reject(stream.storedError);
    } else if (state === "closed") {
      writer.ready.resolve(undefined);
      writer.closed.resolve(undefined);
    } else {
      writer.ready.reject(stream.storedError);
      writer.closed.reject(stream.storedError);
    }
    stream.writer = writer;
    WRITERS.set(object, writer);
    return writer;
  }

  function writerWrite(writer, chunk) {
    const stream = writer.stream;
    const controller = stream.controller;
    let size = 1;
    if (controller.sizeAlgorithm !== null) {
      try {
        size = Number(controller.sizeAlgorithm(chunk));
      } catch (error) {
        if (stream.state === "writable") sinkControllerError(controller, error);
      }
    }
    if (stream.state === "errored") return Promise.reject(stream.storedError);
    if (closeQueuedOrInFlight(stream) || stream.state === "closed") {
      return Promise.reject(new TypeError("write: the stream is closing or closed"));
    }
    if (stream.state === "erroring") return Promise.reject(stream.storedError);
    const request = deferred();
    stream.writeRequests.push(request);
    if (!(size >= 0) || size === Infinity) {
      sinkControllerError(controller, new RangeError("the strategy's size() must give a finite, non-negative number"));
      return request.promise;
    }
    controller.queue.push({ value: chunk, size });
    controller.queueTotalSize += size;
    if (!closeQueuedOrInFlight(stream) && stream.state === "writable") {
      updateBackpressure(stream, sinkDesiredSize(controller) <= 0);
    }
    advanceQueueIfNeeded(controller);
    return request.promise;
  }

  class WritableStream {
    constructor(underlyingSink = undefined, strategy = undefined) {
      const sink = dictionaryOf(underlyingSink);
      if (typeof sink !== "object" && typeof sink !== "function") throw new TypeError("WritableStream: the sink must be an object");
      if (sink.type !== undefined) throw new RangeError("WritableStream: the sink's type must be undefined");
      const plan = dictionaryOf(strategy);
      const sizeAlgorithm = sizeAlgorithmOf(plan, "WritableStream");
      const methods = methodsOf(sink, ["start", "write", "close", "abort"], "WritableStream");
      const record = newWritable(this, methods.start, (chunk) => methods.write(chunk, record.controller.object),
        methods.close, methods.abort, highWaterMarkOf(plan, 1), sizeAlgorithm);
    }
    get locked() { return writableOf(this).writer !== null; }
    abort(reason = undefined) {
      const stream = WRITABLES.get(this);
      if (stream === undefined) return Promise.reject(new TypeError("Illegal invocation: not a WritableStream"));
      if (stream.writer !== null) return Promise.reject(new TypeError("abort: the stream is locked to a writer"));
      return writableAbort(stream, reason);
    }
    close() {
      const stream = WRITABLES.get(this);
      if (stream === undefined) return Promise.reject(new TypeError("Illegal invocation: not a WritableStream"));
      if (stream.writer !== null) return Promise.reject(new TypeError("close: the stream is locked to a writer"));
      if (closeQueuedOrInFlight(stream)) return Promise.reject(new TypeError("close: the stream is already closing"));
      return writableClose(stream);
    }
    getWriter() {
      const object = new WritableStreamDefaultWriter(CREATE);
      acquireWriter(writableOf(this), object);
      return object;
    }
  }

  // ---------------------------------------------------------------- pipeTo (§4.9.2, simplified)

  // Reads the source and writes the destination one chunk at a time, waiting for the writer's
  // ready promise (backpressure); errors and closes travel the way the options allow.
  function pipe(source, dest, preventClose, preventAbort, preventCancel, signal) {
    const reader = acquireReader(source, new ReadableStreamDefaultReader(CREATE));
    const writer = acquireWriter(dest, new WritableStreamDefaultWriter(CREATE));
    source.disturbed = true;
    let pendingWrite = resolved(undefined);
    const read = () => readResult(reader);
    const release = () => {
      releaseReader(reader);
      writer.object.releaseLock();
    };
    return new Promise((resolve, reject) => {
      let finished = false;
      const finish = (error, isError) => {
        if (finished) return;
        finished = true;
        pendingWrite.catch(noop).then(() => {
          release();
          if (isError) reject(error);
          else resolve(undefined);
        });
      };
      const onAbort = () => {
        const error = signal.reason;
        const actions = [];
        if (!preventAbort && dest.state === "writable") actions.push(writableAbort(dest, error));
        if (!preventCancel && source.state === "readable") actions.push(cancelStream(source, error));
        Promise.all(actions).then(() => finish(error, true), (e) => finish(e, true));
      };
      if (signal !== undefined && signal !== null) {
        if (signal.aborted) {
          onAbort();
          return;
        }
        signal.addEventListener("abort", onAbort, { once: true });
      }
      const step = () => {
        if (finished) return;
        if (dest.state === "errored" || dest.state === "erroring") {
          const error = dest.storedError;
          if (!preventCancel) cancelStream(source, error).then(() => finish(error, true), (e) => finish(e, true));
          else finish(error, true);
          return;
        }
        if (closeQueuedOrInFlight(dest) || dest.state === "closed") {
          const error = new TypeError("pipeTo: the destination is closing or closed");
          if (!preventCancel) cancelStream(source, error).then(() => finish(error, true), (e) => finish(e, true));
          else finish(error, true);
          return;
        }
        writer.ready.promise.then(read).then((result) => {
          if (finished) return;
          if (result.done) {
            if (preventClose) finish(undefined, false);
            else pendingWrite.then(() => writableClose(dest)).then(() => finish(undefined, false), (e) => finish(e, true));
            return;
          }
          pendingWrite = writerWrite(writer, result.value);
          pendingWrite.catch(noop);
          step();
        }, (error) => {
          if (finished) return;
          if (source.state === "errored") {
            if (!preventAbort) writableAbort(dest, error).then(() => finish(error, true), (e) => finish(e, true));
            else finish(error, true);
          } else {
            step(); // the ready promise rejected: the destination errored, handled above
          }
        });
      };
      step();
    });
  }

  function pipeOptions(options) {
    const o = options === undefined || options === null ? {} : options;
    const signal = o.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError("pipeTo: signal must be an AbortSignal");
    return [Boolean(o.preventClose), Boolean(o.preventAbort), Boolean(o.preventCancel), signal];
  }

  // ---------------------------------------------------------------- TransformStream (§6)

  const TRANSFORMS = new WeakMap(); // TransformStream -> record
  const TRANSFORM_CONTROLLERS = new WeakMap();

  class TransformStreamDefaultController {
    constructor(token) {
      if (token !== CREATE) throw new TypeError("Illegal constructor");
    }
    get desiredSize() {
      const stream = recordOf(TRANSFORM_CONTROLLERS, this, "TransformStreamDefaultController").stream;
      return desiredSize(stream.readable.controller);
    }
    enqueue(chunk = undefined) {
      transformEnqueue(recordOf(TRANSFORM_CONTROLLERS, this, "TransformStreamDefaultController"), chunk);
    }
    error(reason = undefined) {
      transformError(recordOf(TRANSFORM_CONTROLLERS, this, "TransformStreamDefaultController").stream, reason);
    }
    terminate() {
      const controller = recordOf(TRANSFORM_CONTROLLERS, this, "TransformStreamDefaultController");
      const readableController = controller.stream.readable.controller;
      if (canCloseOrEnqueue(readableController)) closeController(readableController);
      errorWritableAndUnblockWrite(controller.stream, new TypeError("the TransformStream was terminated"));
    }
  }

  function setTransformBackpressure(stream, backpressure) {
    if (stream.backpressureChange !== null) stream.backpressureChange.resolve(undefined);
    stream.backpressureChange = deferred();
    stream.backpressure = backpressure;
  }

  function transformEnqueue(controller, chunk) {
    const stream = controller.stream;
    const readableController = stream.readable.controller;
    if (!canCloseOrEnqueue(readableController)) throw new TypeError("enqueue: the readable side is closed or closing");
    try {
      enqueue(readableController, chunk);
    } catch (error) {
      errorWritableAndUnblockWrite(stream, error);
      throw stream.readable.storedError;
    }
    const backpressure = !shouldCallPull(readableController);
    if (backpressure !== stream.backpressure) setTransformBackpressure(stream, true);
  }

  function transformError(stream, error) {
    errorController(stream.readable.controller, error);
    errorWritableAndUnblockWrite(stream, error);
  }

  function errorWritableAndUnblockWrite(stream, error) {
    const controller = stream.controller;
    controller.transform = null;
    controller.flush = null;
    controller.cancel = null;
    if (stream.writable.state === "writable") sinkControllerError(stream.writable.controller, error);
    if (stream.backpressure) setTransformBackpressure(stream, false);
  }

  function performTransform(stream, chunk) {
    const controller = stream.controller;
    let result;
    try {
      result = resolved(controller.transform(chunk));
    } catch (error) {
      result = Promise.reject(error);
    }
    return result.catch((error) => {
      transformError(stream, error);
      throw error;
    });
  }

  class TransformStream {
    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      const t = dictionaryOf(transformer);
      if (t.readableType !== undefined) throw new RangeError("TransformStream: readableType must be undefined");
      if (t.writableType !== undefined) throw new RangeError("TransformStream: writableType must be undefined");
      const writablePlan = dictionaryOf(writableStrategy);
      const readablePlan = dictionaryOf(readableStrategy);
      const identity = t.transform === undefined;
      const methods = methodsOf(t, ["start", "transform", "flush", "cancel"], "TransformStream");
      const writableMark = highWaterMarkOf(writablePlan, 1);
      const readableMark = highWaterMarkOf(readablePlan, 0);
      const started = deferred();
      const stream = { readable: null, writable: null, backpressure: false, backpressureChange: null, controller: null };
      TRANSFORMS.set(this, stream);
      const controllerObject = new TransformStreamDefaultController(CREATE);
      const controller = {
        object: controllerObject, stream,
        transform: identity
          ? (chunk) => transformEnqueue(controller, chunk)
          : (chunk) => methods.transform(chunk, controllerObject),
        flush: () => methods.flush(controllerObject),
        cancel: methods.cancel,
      };
      TRANSFORM_CONTROLLERS.set(controllerObject, controller);
      stream.controller = controller;
      stream.writable = newWritable(Object.create(WritableStream.prototype), () => started.promise,
        (chunk) => {
          if (stream.backpressure) {
            return stream.backpressureChange.promise.then(() => {
              if (stream.writable.state === "erroring") throw stream.writable.storedError;
              return performTransform(stream, chunk);
            });
          }
          return performTransform(stream, chunk);
        },
        () => {
          const readable = stream.readable;
          let flushed;
          try {
            flushed = resolved(controller.flush === null ? undefined : controller.flush());
          } catch (error) {
            flushed = Promise.reject(error);
          }
          controller.transform = null;
          controller.flush = null;
          return flushed.then(() => {
            if (readable.state === "errored") throw readable.storedError;
            if (canCloseOrEnqueue(readable.controller)) closeController(readable.controller);
          }, (error) => {
            transformError(stream, error);
            throw readable.storedError;
          });
        },
        (reason) => {
          const cancelled = resolved(controller.cancel === null ? undefined : controller.cancel(reason));
          errorController(stream.readable.controller, reason);
          return cancelled;
        },
        writableMark, sizeAlgorithmOf(writablePlan, "TransformStream"));
      stream.readable = createStream(() => started.promise,
        () => {
          setTransformBackpressure(stream, false);
          return stream.backpressureChange.promise;
        },
        (reason) => {
          const cancelled = resolved(controller.cancel === null ? undefined : controller.cancel(reason));
          if (stream.writable.state === "writable") sinkControllerError(stream.writable.controller, reason);
          if (stream.backpressure) setTransformBackpressure(stream, false);
          return cancelled;
        },
        readableMark);
      stream.readable.controller.sizeAlgorithm = sizeAlgorithmOf(readablePlan, "TransformStream");
      setTransformBackpressure(stream, true);
      let startResult;
      try {
        startResult = methods.start(controllerObject);
      } catch (error) {
        started.reject(error);
        throw error;
      }
      started.resolve(startResult);
    }
    get readable() { return recordOf(TRANSFORMS, this, "TransformStream").readable.object; }
    get writable() { return recordOf(TRANSFORMS, this, "TransformStream").writable.object; }
  }

  // ---------------------------------------------------------------- TextEncoderStream, TextDecoderStream (Encoding §7)

  const CODEC_STREAMS = new WeakMap(); // TextEncoderStream/TextDecoderStream -> { transform, decoder }

  class TextEncoderStream {
    constructor() {
      const encoder = new TextEncoder();
      let pendingLead = ""; // a high surrogate that ended the last chunk
      const transform = new TransformStream({
        transform(chunk, controller) {
          let text = pendingLead + String(chunk);
          pendingLead = "";
          const last = text.charCodeAt(text.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            pendingLead = text.slice(-1);
            text = text.slice(0, -1);
          }
          if (text !== "") controller.enqueue(encoder.encode(text));
        },
        flush(controller) {
          if (pendingLead !== "") controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
        },
      });
      CODEC_STREAMS.set(this, { transform, decoder: null });
    }
    get encoding() { recordOf(CODEC_STREAMS, this, "TextEncoderStream"); return "utf-8"; }
    get readable() { return recordOf(CODEC_STREAMS, this, "TextEncoderStream").transform.readable; }
    get writable() { return recordOf(CODEC_STREAMS, this, "TextEncoderStream").transform.writable; }
  }

  class TextDecoderStream {
    constructor(label = "utf-8", options = undefined) {
      const decoder = new TextDecoder(label, options);
      const transform = new TransformStream({
        transform(chunk, controller) {
          if (!(chunk instanceof ArrayBuffer) && !ArrayBuffer.isView(chunk)) {
            throw new TypeError("TextDecoderStream: chunks must be an ArrayBuffer or a view of one");
          }
          const text = decoder.decode(chunk, { stream: true });
          if (text !== "") controller.enqueue(text);
        },
        flush(controller) {
          const text = decoder.decode();
          if (text !== "") controller.enqueue(text);
        },
      });
      CODEC_STREAMS.set(this, { transform, decoder });
    }
    get encoding() { return recordOf(CODEC_STREAMS, this, "TextDecoderStream").decoder.encoding; }
    get fatal() { return recordOf(CODEC_STREAMS, this, "TextDecoderStream").decoder.fatal; }
    get ignoreBOM() { return recordOf(CODEC_STREAMS, this, "TextDecoderStream").decoder.ignoreBOM; }
    get readable() { return recordOf(CODEC_STREAMS, this, "TextDecoderStream").transform.readable; }
    get writable() { return recordOf(CODEC_STREAMS, this, "TextDecoderStream").transform.writable; }
  }

  // ---------------------------------------------------------------- what fetch.js needs

  internal.streams = Object.freeze({
    // A stream of one chunk (the bytes) that then closes; an empty body closes at once.
    ofBytes(bytes) {
      return createByteStream((controller) => {
        if (bytes.length > 0) controller.enqueue(bytes);
        controller.close();
      }, noop, noop).object;
    },
    isStream: (value) => typeof value === "object" && value !== null && STREAMS.has(value),
    isDisturbed: (object) => streamOf(object).disturbed,
    isLocked: (object) => isLocked(streamOf(object)),
    // Locks the stream for good without reading it (a body whose bytes were taken another way).
    lock(object) { acquireReader(streamOf(object), new ReadableStreamDefaultReader(CREATE)); },
    // Locks it for good and marks it read: a body consumed another way (text(), json()...), as
    // workerd's body is once consumed.
    markRead(object) {
      acquireReader(streamOf(object), new ReadableStreamDefaultReader(CREATE));
      streamOf(object).disturbed = true;
    },
    tee: (object) => tee(streamOf(object), true).map((branch) => branch.object), // Fetch's tee
    // Reads every chunk; resolves with the chunks in order.
    readAll(object) {
      const reader = acquireReader(streamOf(object), new ReadableStreamDefaultReader(CREATE));
      const chunks = [];
      return new Promise((resolve, reject) => {
        const next = () => readInto(reader, {
          chunk: (value) => {
            chunks.push(value);
            queueMicrotask(next); // not a direct call: a long queue would nest one frame per chunk
          },
          close: () => resolve(chunks),
          error: reject,
        });
        next();
      });
    },
  });

  for (const klass of [ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController,
    ReadableStreamBYOBReader, ReadableByteStreamController, ReadableStreamBYOBRequest,
    WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController, TransformStream,
    TransformStreamDefaultController, TextEncoderStream, TextDecoderStream]) {
    Object.defineProperty(klass.prototype, Symbol.toStringTag, { value: klass.name, configurable: true });
    internal.defineGlobal(klass.name, klass);
  }
});
