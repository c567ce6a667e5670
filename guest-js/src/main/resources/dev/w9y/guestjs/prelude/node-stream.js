// node:stream, node:stream/promises and node:string_decoder (nodejs_compat), written for W9Y to
// Node's documented behaviour (workerd ships Node's own stream code; none of it is copied here):
// Readable (flowing and paused modes, push/read, pipe, async iteration, Readable.from), Writable
// (highWaterMark and 'drain', _write/_writev/_final, cork), Duplex, Transform, PassThrough,
// pipeline and finished. Events that Node emits on a later tick are emitted from microtasks, so
// their order is the same on every run. The factories below run on first import or require.
(function (internal) {
  "use strict";
  const factories = internal.nodeFactories;
  if (factories === undefined) return;
  const { nodeError, invalidArgType, Buffer, EventEmitter, normalizeEncoding } = internal.nodeShared;

  let streamModule = null;
  function build() {
    if (streamModule !== null) return streamModule;
    const tick = (fn, ...args) => queueMicrotask(() => fn(...args));
    const errors = {
      pushAfterEof: () => nodeError(Error, "ERR_STREAM_PUSH_AFTER_EOF", "stream.push() after EOF"),
      writeAfterEnd: () => nodeError(Error, "ERR_STREAM_WRITE_AFTER_END", "write after end"),
      destroyed: (method) => nodeError(Error, "ERR_STREAM_DESTROYED", `Cannot call ${method} after a stream was destroyed`),
      notImplemented: (method) => nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The ${method} method is not implemented`),
      prematureClose: () => nodeError(Error, "ERR_STREAM_PREMATURE_CLOSE", "Premature close"),
      nullValues: () => nodeError(TypeError, "ERR_STREAM_NULL_VALUES", "May not write null values to stream"),
      multipleCallback: () => nodeError(Error, "ERR_MULTIPLE_CALLBACK", "Callback called multiple times"),
    };
    const chunkSize = (chunk, objectMode) => (objectMode ? 1 : chunk.length);

    // ------------------------------------------------------------ string_decoder

    class StringDecoder {
      constructor(encoding) {
        const normal = normalizeEncoding(encoding ?? "utf8");
        if (normal === undefined) throw nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`);
        this.encoding = normal === "binary" ? "latin1" : normal === "ucs2" ? "utf16le" : normal;
        this.pending = new Uint8Array(0);
        this.utf8 = this.encoding === "utf8" ? new TextDecoder("utf-8") : null;
      }
      write(input) {
        if (typeof input === "string") return input;
        const bytes = input instanceof Uint8Array ? input : Buffer.from(input);
        if (this.utf8 !== null) return this.utf8.decode(bytes, { stream: true });
        const all = Buffer.concat([this.pending, bytes]);
        const unit = this.encoding === "utf16le" ? 2 : this.encoding === "base64" || this.encoding === "base64url" ? 3 : 1;
        const keep = all.length % unit;
        this.pending = all.subarray(all.length - keep);
        return all.subarray(0, all.length - keep).toString(this.encoding);
      }
      end(input) {
        let text = input === undefined ? "" : this.write(input);
        if (this.utf8 !== null) {
          text += this.utf8.decode();
        } else if (this.pending.length > 0) {
          text += Buffer.from(this.pending).toString(this.encoding);
          this.pending = new Uint8Array(0);
        }
        return text;
      }
    }

    // ------------------------------------------------------------ Stream, Readable

    class Stream extends EventEmitter {
      pipe(dest, options) { return Readable.prototype.pipe.call(this, dest, options); }
    }

    function toChunk(chunk, encoding, objectMode) {
      if (objectMode) return chunk;
      if (typeof chunk === "string") return Buffer.from(chunk, encoding);
      if (chunk instanceof Buffer) return chunk;
      if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      throw invalidArgType("chunk", "of type string or an instance of Buffer or Uint8Array", chunk);
    }

    class Readable extends Stream {
      constructor(options = {}) {
        super(options);
        const objectMode = !!(options.objectMode || options.readableObjectMode);
        this._readableState = {
          objectMode,
          highWaterMark: options.readableHighWaterMark ?? options.highWaterMark ?? (objectMode ? 16 : 16384),
          buffer: [], length: 0, flowing: null, ended: false, endEmitted: false, reading: false,
          destroyed: false, closed: false, errored: null, decoder: null, encoding: null, dataEmitted: false,
          autoDestroy: options.autoDestroy !== false, emitClose: options.emitClose !== false,
          flowScheduled: false, pipes: [],
        };
        if (options.encoding) this.setEncoding(options.encoding);
        if (typeof options.read === "function") this._read = options.read;
        if (typeof options.destroy === "function") this._destroy = options.destroy;
        if (options.signal) addAbortSignal(options.signal, this);
      }
      get readable() { const s = this._readableState; return !s.destroyed && !s.endEmitted && !s.errored; }
      get readableEnded() { return this._readableState.endEmitted; }
      get readableFlowing() { return this._readableState.flowing; }
      set readableFlowing(value) { this._readableState.flowing = value; }
      get readableLength() { return this._readableState.length; }
      get readableHighWaterMark() { return this._readableState.highWaterMark; }
      get readableObjectMode() { return this._readableState.objectMode; }
      get readableEncoding() { return this._readableState.encoding; }
      get readableAborted() { const s = this._readableState; return (s.destroyed || !!s.errored) && !s.endEmitted; }
      get readableDidRead() { return this._readableState.dataEmitted; }
      get destroyed() { return this._readableState.destroyed; }
      set destroyed(value) { this._readableState.destroyed = value; }
      get errored() { return this._readableState.errored; }
      get closed() { return this._readableState.closed; }

      _read() { throw errors.notImplemented("_read()"); }

      push(chunk, encoding) {
        const s = this._readableState;
        if (chunk === null) {
          s.reading = false;
          if (!s.ended) {
            if (s.decoder !== null) {
              const rest = s.decoder.end();
              if (rest.length > 0) { s.buffer.push(rest); s.length += chunkSize(rest, s.objectMode); }
            }
            s.ended = true;
            this._scheduleFlow();
          }
          return false;
        }
        if (s.ended) {
          this.destroy(errors.pushAfterEof());
          return false;
        }
        if (s.destroyed) return false;
        s.reading = false;
        let value = toChunk(chunk, encoding, s.objectMode);
        if (!s.objectMode && value.length === 0) return s.length < s.highWaterMark;
        if (s.decoder !== null && !s.objectMode) value = s.decoder.write(value);
        s.buffer.push(value);
        s.length += chunkSize(value, s.objectMode);
        if (s.flowing !== false || this.listenerCount("readable") > 0) this._scheduleFlow();
        return s.length < s.highWaterMark;
      }
      unshift(chunk, encoding) {
        const s = this._readableState;
        const value = toChunk(chunk, encoding, s.objectMode);
        s.buffer.unshift(value);
        s.length += chunkSize(value, s.objectMode);
        this._scheduleFlow();
      }

      // One pass over the buffer, on a microtask: emits data (flowing) or readable (paused with
      // listeners), asks _read for more while below the high-water mark, and ends the stream.
      _scheduleFlow() {
        const s = this._readableState;
        if (s.flowScheduled) return;
        s.flowScheduled = true;
        tick(() => { s.flowScheduled = false; this._flow(); });
      }
      _flow() {
        const s = this._readableState;
        if (s.destroyed) return;
        if (s.flowing === true) {
          while (s.flowing === true && s.buffer.length > 0) {
            const chunk = s.buffer.shift();
            s.length -= chunkSize(chunk, s.objectMode);
            s.dataEmitted = true;
            this.emit("data", chunk);
          }
        } else if (this.listenerCount("readable") > 0 && (s.buffer.length > 0 || s.ended)) {
          this.emit("readable");
        }
        if (s.ended && s.buffer.length === 0) {
          if (!s.endEmitted && (s.flowing === true || s.dataEmitted || this.listenerCount("readable") > 0 || s.flowing === false)) {
            if (s.flowing !== false || s.dataEmitted || this.listenerCount("readable") > 0) this._emitEnd();
          }
          return;
        }
        this._maybeRead();
      }
      _maybeRead() {
        const s = this._readableState;
        if (s.ended || s.reading || s.destroyed || s.length >= s.highWaterMark) return;
        if (s.flowing !== true && this.listenerCount("readable") === 0 && s.length > 0) return;
        s.reading = true;
        try {
          this._read(s.objectMode ? 1 : s.highWaterMark);
        } catch (error) {
          this.destroy(error);
        }
      }
      _emitEnd() {
        const s = this._readableState;
        if (s.endEmitted) return;
        s.endEmitted = true;
        this.emit("end");
        if (this._writableState !== undefined && !this._allowHalfOpen && !this._writableState.ending) this.end();
        if (s.autoDestroy && (this._writableState === undefined || this._writableState.finished)) this.destroy();
      }
      read(n) {
        const s = this._readableState;
        if (n === 0) { this._maybeRead(); return null; }
        if (s.buffer.length === 0) {
          if (s.ended) this._scheduleFlow(); else this._maybeRead();
          return null;
        }
        let chunk;
        if (s.objectMode) {
          chunk = s.buffer.shift();
        } else if (n === undefined || n >= s.length) {
          if (n !== undefined && n > s.length && !s.ended) { this._maybeRead(); return null; }
          chunk = s.decoder !== null ? s.buffer.join("") : Buffer.concat(s.buffer);
          s.buffer = [];
        } else {
          const all = s.decoder !== null ? s.buffer.join("") : Buffer.concat(s.buffer);
          chunk = all.slice(0, n);
          s.buffer = [all.slice(n)];
        }
        s.length -= chunkSize(chunk, s.objectMode);
        s.dataEmitted = true;
        if (s.flowing !== true) this.emit("data", chunk);
        if (s.ended && s.buffer.length === 0) this._scheduleFlow(); else this._maybeRead();
        return chunk;
      }
      on(event, listener) { super.on(event, listener); return this._listening(event); }
      addListener(event, listener) { super.addListener(event, listener); return this._listening(event); }
      once(event, listener) { super.once(event, listener); return this._listening(event); }
      // A 'data' listener starts the flow unless pause() was called; 'readable' switches to paused mode.
      _listening(event) {
        const s = this._readableState;
        if (event === "data" && s.flowing !== false) this.resume();
        else if (event === "readable") { s.flowing = false; this._scheduleFlow(); }
        return this;
      }
      resume() {
        const s = this._readableState;
        if (s.flowing !== true) {
          s.flowing = true;
          tick(() => this.emit("resume"));
        }
        this._scheduleFlow();
        return this;
      }
      pause() {
        const s = this._readableState;
        if (s.flowing !== false) {
          s.flowing = false;
          this.emit("pause");
        }
        return this;
      }
      isPaused() { return this._readableState.flowing === false; }
      setEncoding(encoding) {
        const s = this._readableState;
        s.decoder = new StringDecoder(encoding);
        s.encoding = s.decoder.encoding;
        s.buffer = s.buffer.length === 0 ? [] : [s.decoder.write(Buffer.concat(s.buffer))];
        s.length = s.buffer.length === 0 ? 0 : s.buffer[0].length;
        return this;
      }
      pipe(dest, options = {}) {
        const source = this;
        const s = this._readableState;
        s.pipes.push(dest);
        const ondata = (chunk) => { if (dest.write(chunk) === false) source.pause(); };
        const ondrain = () => source.resume();
        const onend = () => { if (options.end !== false) dest.end(); };
        source.on("data", ondata);
        dest.on("drain", ondrain);
        source.once("end", onend);
        source._unpipe = source._unpipe ?? new Map();
        source._unpipe.set(dest, () => {
          source.off("data", ondata);
          dest.off("drain", ondrain);
          source.off("end", onend);
        });
        dest.emit("pipe", source);
        source.resume();
        return dest;
      }
      unpipe(dest) {
        const s = this._readableState;
        const targets = dest === undefined ? s.pipes.slice() : [dest];
        for (const target of targets) {
          const undo = this._unpipe?.get(target);
          if (undo) { undo(); this._unpipe.delete(target); }
          s.pipes = s.pipes.filter((p) => p !== target);
          target.emit("unpipe", this);
        }
        if (s.pipes.length === 0) this.pause();
        return this;
      }
      destroy(error, callback) {
        return destroyStream(this, error, callback);
      }
      _destroy(error, callback) { callback(error); }
      [Symbol.asyncIterator]() { return iterate(this); }
      iterator(options) { return iterate(this, options); }
      wrap(oldStream) {
        oldStream.on("data", (chunk) => { if (!this.push(chunk)) oldStream.pause?.(); });
        oldStream.on("end", () => this.push(null));
        oldStream.on("error", (error) => this.destroy(error));
        this._read = () => oldStream.resume?.();
        return this;
      }
      static from(iterable, options) { return from(Readable, iterable, options); }
      static isDisturbed(stream) { return !!stream._readableState?.dataEmitted; }
    }

    function destroyStream(stream, error, callback) {
      const r = stream._readableState;
      const w = stream._writableState;
      const state = r ?? w;
      if (state.destroyed) {
        if (typeof callback === "function") tick(callback, state.errored);
        return stream;
      }
      if (r) { r.destroyed = true; if (error && !r.errored) r.errored = error; }
      if (w) { w.destroyed = true; if (error && !w.errored) w.errored = error; }
      stream._destroy(error ?? null, (err) => {
        if (err) { if (r && !r.errored) r.errored = err; if (w && !w.errored) w.errored = err; }
        tick(() => {
          if (err) stream.emit("error", err);
          if (r) r.closed = true;
          if (w) w.closed = true;
          if ((r ?? w).emitClose) stream.emit("close");
          if (typeof callback === "function") callback(err);
        });
      });
      return stream;
    }

    async function* iterate(stream, options = {}) {
      const queue = [];
      let done = false;
      let failure = null;
      let wake = null;
      const notify = () => { if (wake) { const w = wake; wake = null; w(); } };
      stream.on("data", (chunk) => { queue.push(chunk); stream.pause(); notify(); });
      stream.on("end", () => { done = true; notify(); });
      stream.on("error", (error) => { failure = error; notify(); });
      stream.on("close", () => {
        if (!done && failure === null && !stream._readableState.endEmitted) failure = errors.prematureClose();
        done = true;
        notify();
      });
      try {
        while (true) {
          if (queue.length > 0) {
            yield queue.shift();
            if (queue.length === 0 && !done) stream.resume();
            continue;
          }
          if (failure !== null) throw failure;
          if (done) return;
          stream.resume();
          await new Promise((resolve) => { wake = resolve; });
        }
      } finally {
        if (options.destroyOnReturn !== false && !stream._readableState.endEmitted) stream.destroy();
      }
    }

    function from(Type, iterable, options = {}) {
      if (typeof iterable === "string" || iterable instanceof Uint8Array) {
        return new Type({ objectMode: true, ...options, read() { this.push(iterable); this.push(null); } });
      }
      const iterator = iterable?.[Symbol.asyncIterator]?.() ?? iterable?.[Symbol.iterator]?.();
      if (iterator === undefined) throw invalidArgType("iterable", "an instance of Iterable", iterable);
      let reading = false;
      return new Type({
        objectMode: true, highWaterMark: 1, ...options,
        read() {
          if (reading) return;
          reading = true;
          (async () => {
            try {
              while (true) {
                const { value, done } = await iterator.next();
                if (done) { this.push(null); break; }
                const item = await value;
                if (item === null) throw errors.nullValues();
                if (!this.push(item)) break;
              }
            } catch (error) {
              this.destroy(error);
            } finally {
              reading = false;
            }
          })();
        },
        destroy(error, callback) {
          Promise.resolve(iterator.return?.()).then(() => callback(error), callback);
        },
      });
    }

    // ------------------------------------------------------------ Writable

    function initWritable(stream, options) {
      const objectMode = !!(options.objectMode || options.writableObjectMode);
      stream._writableState = {
        objectMode,
        highWaterMark: options.writableHighWaterMark ?? options.highWaterMark ?? (objectMode ? 16 : 16384),
        decodeStrings: options.decodeStrings !== false, defaultEncoding: options.defaultEncoding ?? "utf8",
        length: 0, writing: false, queue: [], corked: 0, ending: false, ended: false, finished: false,
        finalCalled: false, needDrain: false, destroyed: false, closed: false, errored: null, pendingCallbacks: [],
        autoDestroy: options.autoDestroy !== false, emitClose: options.emitClose !== false,
      };
      if (typeof options.write === "function") stream._write = options.write;
      if (typeof options.writev === "function") stream._writev = options.writev;
      if (typeof options.final === "function") stream._final = options.final;
      if (typeof options.destroy === "function") stream._destroy = options.destroy;
    }

    const writableMethods = {
      write(chunk, encoding, callback) {
        const s = this._writableState;
        if (typeof encoding === "function") { callback = encoding; encoding = null; }
        const cb = typeof callback === "function" ? callback : () => {};
        if (chunk === null) throw errors.nullValues();
        let error = null;
        if (s.ending) error = errors.writeAfterEnd();
        else if (s.destroyed) error = errors.destroyed("write");
        if (error !== null) {
          tick(cb, error);
          if (!s.destroyed) { tick(() => this.emit("error", error)); }
          return false;
        }
        let value = chunk;
        let enc = encoding ?? s.defaultEncoding;
        if (!s.objectMode) {
          if (typeof chunk === "string") {
            if (s.decodeStrings) { value = Buffer.from(chunk, enc); enc = "buffer"; }
          } else {
            value = toChunk(chunk, undefined, false);
            enc = "buffer";
          }
        }
        s.length += chunkSize(value, s.objectMode);
        const below = s.length < s.highWaterMark;
        if (!below) s.needDrain = true;
        if (s.writing || s.corked > 0) s.queue.push({ chunk: value, encoding: enc, callback: cb });
        else doWrite(this, value, enc, cb);
        return below;
      },
      end(chunk, encoding, callback) {
        const s = this._writableState;
        if (typeof chunk === "function") { callback = chunk; chunk = null; encoding = null; }
        else if (typeof encoding === "function") { callback = encoding; encoding = null; }
        if (chunk !== null && chunk !== undefined) this.write(chunk, encoding);
        if (s.corked > 0) { s.corked = 1; this.uncork(); }
        if (typeof callback === "function") {
          if (s.finished) tick(callback);
          else if (s.ending) this.once("finish", callback);
          else { this.once("finish", () => callback()); this.once("error", callback); }
        }
        if (!s.ending) {
          s.ending = true;
          maybeFinish(this);
          s.ended = true;
        }
        return this;
      },
      cork() { this._writableState.corked++; },
      uncork() {
        const s = this._writableState;
        if (s.corked > 0 && --s.corked === 0 && !s.writing) flushQueue(this);
      },
      setDefaultEncoding(encoding) {
        if (normalizeEncoding(encoding) === undefined) throw nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`);
        this._writableState.defaultEncoding = encoding;
        return this;
      },
      _write(chunk, encoding, callback) {
        if (this._writev !== undefined && this._writev !== null) this._writev([{ chunk, encoding }], callback);
        else throw errors.notImplemented("_write()");
      },
    };
    const writableGetters = {
      writable() { const s = this._writableState; return !s.destroyed && !s.ending && !s.errored; },
      writableEnded() { return this._writableState.ending; },
      writableFinished() { return this._writableState.finished; },
      writableLength() { return this._writableState.length; },
      writableHighWaterMark() { return this._writableState.highWaterMark; },
      writableObjectMode() { return this._writableState.objectMode; },
      writableCorked() { return this._writableState.corked; },
      writableNeedDrain() { const s = this._writableState; return s.needDrain && !s.destroyed && !s.ending; },
    };

    function doWrite(stream, chunk, encoding, callback) {
      const s = stream._writableState;
      s.writing = true;
      let called = false;
      const onwrite = (error) => {
        if (called) { stream.destroy(errors.multipleCallback()); return; }
        called = true;
        s.writing = false;
        s.length -= chunkSize(chunk, s.objectMode);
        if (error) {
          tick(callback, error);
          stream.destroy(error);
          return;
        }
        tick(() => {
          callback(null);
          if (s.queue.length > 0 && s.corked === 0) { flushQueue(stream); return; }
          afterWrites(stream);
        });
      };
      try {
        stream._write(chunk, encoding, onwrite);
      } catch (error) {
        onwrite(error);
      }
    }
    function flushQueue(stream) {
      const s = stream._writableState;
      if (s.queue.length === 0) { afterWrites(stream); return; }
      if (stream._writev && s.queue.length > 1) {
        const entries = s.queue.splice(0);
        const size = entries.reduce((n, e) => n + chunkSize(e.chunk, s.objectMode), 0);
        s.writing = true;
        stream._writev(entries.map((e) => ({ chunk: e.chunk, encoding: e.encoding })), (error) => {
          s.writing = false;
          s.length -= size;
          tick(() => {
            for (const e of entries) e.callback(error ?? null);
            if (error) stream.destroy(error); else afterWrites(stream);
          });
        });
        return;
      }
      const next = s.queue.shift();
      doWrite(stream, next.chunk, next.encoding, next.callback);
    }
    function afterWrites(stream) {
      const s = stream._writableState;
      if (s.destroyed) return;
      if (s.needDrain && s.length === 0 && !s.ending) {
        s.needDrain = false;
        stream.emit("drain");
      }
      maybeFinish(stream);
    }
    function maybeFinish(stream) {
      const s = stream._writableState;
      if (!s.ending || s.finished || s.writing || s.queue.length > 0 || s.length > 0 || s.destroyed || s.finalCalled) return;
      s.finalCalled = true;
      const finish = (error) => {
        if (error) { stream.destroy(error); return; }
        stream.emit("prefinish");
        tick(() => {
          if (s.destroyed) return;
          s.finished = true;
          stream.emit("finish");
          const r = stream._readableState;
          if (s.autoDestroy && (r === undefined || r.endEmitted || r.destroyed)) stream.destroy();
        });
      };
      if (typeof stream._final === "function") {
        tick(() => {
          try { stream._final(finish); } catch (error) { finish(error); }
        });
      } else {
        finish(null);
      }
    }

    class Writable extends Stream {
      constructor(options = {}) {
        super(options);
        initWritable(this, options);
        if (options.signal) addAbortSignal(options.signal, this);
      }
    }
    function installWritable(proto) {
      for (const [name, fn] of Object.entries(writableMethods)) {
        Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
      }
      for (const [name, get] of Object.entries(writableGetters)) {
        Object.defineProperty(proto, name, { get, configurable: true });
      }
    }
    installWritable(Writable.prototype);
    Object.defineProperty(Writable.prototype, "destroy", { value(error, cb) { return destroyStream(this, error, cb); }, writable: true, configurable: true });
    Object.defineProperty(Writable.prototype, "_destroy", { value(error, cb) { cb(error); }, writable: true, configurable: true });
    for (const name of ["destroyed", "errored", "closed"]) {
      Object.defineProperty(Writable.prototype, name, {
        get() { return this._writableState[name]; },
        set(value) { this._writableState[name] = value; },
        configurable: true,
      });
    }
    Object.defineProperty(Writable, Symbol.hasInstance, {
      value(object) {
        if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
        return this === Writable && object?._writableState !== undefined;
      },
    });

    // ------------------------------------------------------------ Duplex, Transform, PassThrough

    class Duplex extends Readable {
      constructor(options = {}) {
        super(options);
        initWritable(this, options);
        this._allowHalfOpen = options.allowHalfOpen !== false;
        if (options.readable === false) { this._readableState.ended = true; this._readableState.endEmitted = true; }
        if (options.writable === false) { this._writableState.ending = true; this._writableState.finished = true; }
      }
      get allowHalfOpen() { return this._allowHalfOpen; }
      static from(body) {
        if (body instanceof Duplex) return body;
        if (body instanceof Readable) return body;
        return from(Duplex, body);
      }
    }
    installWritable(Duplex.prototype);

    class Transform extends Duplex {
      constructor(options = {}) {
        super(options);
        if (typeof options.transform === "function") this._transform = options.transform;
        if (typeof options.flush === "function") this._flush = options.flush;
        this._transformCallback = null;
      }
      _transform() { throw errors.notImplemented("_transform()"); }
      _write(chunk, encoding, callback) {
        const r = this._readableState;
        this._transform(chunk, encoding, (error, data) => {
          if (error) { callback(error); return; }
          if (data !== undefined && data !== null) this.push(data);
          if (r.length < r.highWaterMark || r.flowing === true) callback();
          else this._transformCallback = callback;
        });
      }
      _read() {
        const callback = this._transformCallback;
        if (callback !== null) { this._transformCallback = null; callback(); }
      }
      _final(callback) {
        const done = (error, data) => {
          if (error) { callback(error); return; }
          if (data !== undefined && data !== null) this.push(data);
          this.push(null);
          callback();
        };
        if (typeof this._flush === "function") this._flush(done); else done();
      }
    }
    class PassThrough extends Transform {
      _transform(chunk, encoding, callback) { callback(null, chunk); }
    }

    // ------------------------------------------------------------ finished, pipeline

    function isReadableStream(stream) { return stream?._readableState !== undefined; }
    function isWritableStream(stream) { return stream?._writableState !== undefined; }

    function finished(stream, options, callback) {
      if (typeof options === "function") { callback = options; options = {}; }
      const wantReadable = options.readable ?? isReadableStream(stream);
      const wantWritable = options.writable ?? isWritableStream(stream);
      let readableDone = !wantReadable || !!stream._readableState?.endEmitted;
      let writableDone = !wantWritable || !!stream._writableState?.finished;
      let called = false;
      const done = (error) => {
        if (called) return;
        called = true;
        cleanup();
        callback.call(stream, error);
      };
      const onend = () => { readableDone = true; if (writableDone) done(); };
      const onfinish = () => { writableDone = true; if (readableDone) done(); };
      const onerror = (error) => { if (options.error !== false) done(error); };
      const onclose = () => {
        if ((wantReadable && !readableDone) || (wantWritable && !writableDone)) done(errors.prematureClose());
        else done();
      };
      stream.on("end", onend);
      stream.on("finish", onfinish);
      stream.on("error", onerror);
      stream.on("close", onclose);
      function cleanup() {
        stream.off("end", onend);
        stream.off("finish", onfinish);
        stream.off("error", onerror);
        stream.off("close", onclose);
      }
      const state = stream._readableState ?? stream._writableState;
      if (state?.errored) tick(done, state.errored);
      else if (readableDone && writableDone) tick(done);
      else if (state?.closed) tick(onclose);
      return cleanup;
    }

    function pipeline(...streams) {
      const callback = typeof streams[streams.length - 1] === "function" ? streams.pop() : null;
      if (Array.isArray(streams[0]) && streams.length === 1) streams = streams[0];
      if (callback === null) throw invalidArgType("callback", "of type function", undefined);
      if (streams.length < 2) throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "streams" argument must be specified');
      const chain = streams.map((s, i) => {
        if (typeof s === "function") return from(Readable, i === 0 ? s() : s(chainSource(i)), { objectMode: true });
        if (i === 0 && !isReadableStream(s) && (s?.[Symbol.asyncIterator] || s?.[Symbol.iterator])) return from(Readable, s);
        return s;
      });
      function chainSource(i) { return chain[i - 1]; }
      let error = null;
      let pending = chain.length;
      let called = false;
      const finish = (err) => {
        if (err && error === null) {
          error = err;
          for (const s of chain) if (!s.destroyed) s.destroy(err);
        }
        if (--pending === 0 || err) {
          if (!called) { called = true; tick(callback, error ?? undefined, undefined); }
        }
      };
      for (let i = 0; i < chain.length; i++) {
        const s = chain[i];
        finished(s, { readable: i < chain.length - 1 ? true : undefined, writable: i > 0 ? true : undefined }, finish);
        if (i < chain.length - 1) s.pipe(chain[i + 1]);
      }
      return chain[chain.length - 1];
    }

    function addAbortSignal(signal, stream) {
      const onabort = () => stream.destroy(new DOMException("This operation was aborted", "AbortError"));
      if (signal.aborted) onabort(); else signal.addEventListener("abort", onabort, { once: true });
      return stream;
    }

    const promises = {
      pipeline: (...streams) => new Promise((resolve, reject) => {
        pipeline(...streams, (error, value) => (error ? reject(error) : resolve(value)));
      }),
      finished: (stream, options = {}) => new Promise((resolve, reject) => {
        finished(stream, options, (error) => (error ? reject(error) : resolve()));
      }),
    };

    Object.assign(Stream, {
      Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, addAbortSignal,
      promises,
      isReadable: (s) => isReadableStream(s) && s.readable,
      isWritable: (s) => isWritableStream(s) && s.writable,
      isErrored: (s) => !!(s._readableState?.errored ?? s._writableState?.errored),
      isDisturbed: (s) => Readable.isDisturbed(s),
      getDefaultHighWaterMark: (objectMode) => (objectMode ? 16 : 16384),
      setDefaultHighWaterMark: () => {},
    });
    streamModule = { Stream, StringDecoder, promises };
    return streamModule;
  }

  factories.stream = () => build().Stream;
  factories["stream/promises"] = () => build().promises;
  factories.string_decoder = () => ({ StringDecoder: build().StringDecoder });
});
