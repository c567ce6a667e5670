// Compression Streams: CompressionStream and DecompressionStream for "gzip", "deflate" (zlib) and
// "deflate-raw", as TransformStreams of bytes over the host's java.util.zip codecs (Compression).
(function (internal) {
  "use strict";
  const host = internal.host;
  const FORMATS = ["deflate", "deflate-raw", "gzip"];

  function output(result) {
    if (typeof result !== "string") throw new TypeError(result.message);
    return result;
  }

  function codecStream(kind, format, compress) {
    const name = String(format);
    if (!FORMATS.includes(name)) {
      throw new TypeError(`Failed to construct '${kind}': Unsupported compression format: '${name}'`);
    }
    const codec = host.compression(name, compress);
    return new TransformStream({
      transform(chunk, controller) {
        const binary = internal.bufferSourceBinary(chunk);
        if (binary === null) throw new TypeError(`${kind}: chunks must be ArrayBuffer or ArrayBufferView`);
        const out = output(codec.push(binary));
        if (out.length > 0) controller.enqueue(internal.binaryToBytes(out));
      },
      flush(controller) {
        const out = output(codec.finish());
        if (out.length > 0) controller.enqueue(internal.binaryToBytes(out));
      },
    });
  }

  const STREAMS = new WeakMap();
  function streamOf(object, kind) {
    const stream = STREAMS.get(object);
    if (stream === undefined) throw new TypeError(`Illegal invocation: not a ${kind}`);
    return stream;
  }

  class CompressionStream {
    constructor(format) {
      STREAMS.set(this, codecStream("CompressionStream", format, true));
    }
    get readable() { return streamOf(this, "CompressionStream").readable; }
    get writable() { return streamOf(this, "CompressionStream").writable; }
  }
  class DecompressionStream {
    constructor(format) {
      STREAMS.set(this, codecStream("DecompressionStream", format, false));
    }
    get readable() { return streamOf(this, "DecompressionStream").readable; }
    get writable() { return streamOf(this, "DecompressionStream").writable; }
  }
  for (const type of [CompressionStream, DecompressionStream]) {
    Object.defineProperty(type.prototype, Symbol.toStringTag, { value: type.name, configurable: true });
    internal.defineGlobal(type.name, type);
  }
});
