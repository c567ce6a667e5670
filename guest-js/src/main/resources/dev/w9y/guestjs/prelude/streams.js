// Streams Standard §4: ReadableStream with its default controller and default reader, tee,
// async iteration and ReadableStream.from. Everything runs on promise jobs, so the order of
// reads, pulls and closes is the same on every run. Byte streams (`type: "bytes"`, BYOB
// readers), WritableStream and TransformStream are not provided (docs/JS-GUESTS.md).
// Needs: dom-exception.js (internal.defineGlobal).
//
// Each public object's state is a plain record kept in a WeakMap, not in private fields: a private
// name is new in every context, so instances built by different contexts on the shared engine
// never share a shape and GraalJS's property caches overflow (docs/PERFORMANCE.md). A WeakMap is
// invisible to guest code like a private field is.
(function (internal) {
  "use strict";

  const queueMicrotask = globalThis.queueMicrotask; // runtime.js's, whatever the guest assigns later
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
    controller.closeRequested = true;
    if (controller.queue.length === 0) {
      clearAlgorithms(controller);
      closeStream(controller.stream);
    }
  }

  function enqueue(controller, chunk) {
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
    resetQueue(controller);
    clearAlgorithms(controller);
    errorStream(controller.stream, error);
  }

  function shouldCallPull(controller) {
    if (!canCloseOrEnqueue(controller) || !controller.started) return false;
    const stream = controller.stream;
    if (isLocked(stream) && stream.reader.readRequests.length > 0) return true;
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
      return new Promise((resolve, reject) => {
        readInto(reader, {
          chunk: (value) => resolve({ value, done: false }),
          close: () => resolve({ value: undefined, done: true }),
          error: reject,
        });
      });
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
    if (isLocked(stream)) throw new TypeError("getReader: the stream is locked to a reader");
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

  // ---------------------------------------------------------------- ReadableStream (§4.2)

  function highWaterMarkOf(strategy, fallback) {
    if (strategy.highWaterMark === undefined) return fallback;
    const mark = Number(strategy.highWaterMark);
    if (Number.isNaN(mark) || mark < 0) throw new RangeError(`invalid highWaterMark: ${strategy.highWaterMark}`);
    return mark;
  }

  class ReadableStream {
    constructor(underlyingSource = undefined, strategy = undefined) {
      const source = underlyingSource === undefined || underlyingSource === null ? {} : underlyingSource;
      if (typeof source !== "object" && typeof source !== "function") {
        throw new TypeError("ReadableStream: the underlying source must be an object");
      }
      const plan = strategy === undefined || strategy === null ? {} : strategy;
      if (source.type !== undefined) {
        const type = String(source.type);
        if (type === "bytes") {
          throw new TypeError("W9Y does not support byte streams (type: 'bytes') yet; use a default stream of Uint8Array chunks");
        }
        throw new TypeError(`ReadableStream: '${type}' is not a valid stream type`);
      }
      const size = plan.size;
      if (size !== undefined && typeof size !== "function") throw new TypeError("ReadableStream: strategy.size must be a function");
      const highWaterMark = highWaterMarkOf(plan, 1);
      const method = (name) => {
        const fn = source[name];
        if (fn === undefined) return null;
        if (typeof fn !== "function") throw new TypeError(`ReadableStream: underlying source ${name} must be a function`);
        return fn;
      };
      const start = method("start");
      const pull = method("pull");
      const cancel = method("cancel");
      const stream = newStreamRecord(this);
      STREAMS.set(this, stream);
      setUpController(stream,
        (controller) => (start === null ? undefined : start.call(source, controller)),
        () => (pull === null ? undefined : pull.call(source, stream.controller.object)),
        (reason) => (cancel === null ? undefined : cancel.call(source, reason)),
        highWaterMark,
        size === undefined ? () => 1 : (chunk) => size.call(undefined, chunk));
    }

    get locked() { return isLocked(streamOf(this)); }

    cancel(reason = undefined) {
      const stream = STREAMS.get(this);
      if (stream === undefined) return Promise.reject(new TypeError("Illegal invocation: not a ReadableStream"));
      if (isLocked(stream)) return Promise.reject(new TypeError("cancel: the stream is locked to a reader"));
      return cancelStream(stream, reason);
    }

    getReader(options = undefined) {
      const stream = streamOf(this);
      const mode = options === undefined || options === null ? undefined : options.mode;
      if (mode !== undefined) {
        if (String(mode) === "byob") throw new TypeError("W9Y does not support BYOB readers; use getReader()");
        throw new TypeError(`getReader: '${mode}' is not a valid reader mode`);
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

    pipeTo() { return Promise.reject(new TypeError("W9Y does not provide WritableStream; read the stream instead")); }
    pipeThrough() { throw new TypeError("W9Y does not provide TransformStream; read the stream instead"); }

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

  // ReadableStreamDefaultTee (§4.9.1), without cloning chunks for the second branch.
  function tee(stream) {
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
            if (!canceled1) enqueue(branch1.controller, chunk);
            if (!canceled2) enqueue(branch2.controller, chunk);
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
    branch1 = createStream(noop, pull, (reason) => {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelBoth();
      return cancelPromise;
    });
    branch2 = createStream(noop, pull, (reason) => {
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

  function iteratorOf(object) {
    return recordOf(ITERATORS, object, "ReadableStream async iterator");
  }

  Object.defineProperties(StreamIteratorPrototype, {
    next: {
      value: function next() {
        let state;
        try {
          state = iteratorOf(this);
        } catch (error) {
          return Promise.reject(error);
        }
        // Calls queue behind each other, as the spec's ongoing promise makes them.
        const step = () => {
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
        };
        state.ongoing = state.ongoing.then(step, step);
        return state.ongoing;
      },
      writable: true, configurable: true,
    },
    return: {
      value: function (value = undefined) {
        let state;
        try {
          state = iteratorOf(this);
        } catch (error) {
          return Promise.reject(error);
        }
        const step = () => {
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
        };
        state.ongoing = state.ongoing.then(step, step);
        return state.ongoing;
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

  // ---------------------------------------------------------------- what fetch.js needs

  internal.streams = Object.freeze({
    // A stream of one chunk (the bytes) that then closes; an empty body closes at once.
    ofBytes(bytes) {
      return createStream((controller) => {
        if (bytes.length > 0) controller.enqueue(bytes);
        controller.close();
      }, noop, noop).object;
    },
    isStream: (value) => typeof value === "object" && value !== null && STREAMS.has(value),
    isDisturbed: (object) => streamOf(object).disturbed,
    isLocked: (object) => isLocked(streamOf(object)),
    // Locks the stream for good without reading it (a body whose bytes were taken another way).
    lock(object) { acquireReader(streamOf(object), new ReadableStreamDefaultReader(CREATE)); },
    tee: (object) => tee(streamOf(object)).map((branch) => branch.object),
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

  for (const klass of [ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController]) {
    Object.defineProperty(klass.prototype, Symbol.toStringTag, { value: klass.name, configurable: true });
    internal.defineGlobal(klass.name, klass);
  }
});
