package dev.w9y.guestjs.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.guestjs.JsTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ReadableStream per the Streams Standard, and bodies that are streams (Fetch §5). */
class StreamsTest {
  private final JsTestContext js = JsTestContext.withFullPrelude();

  @AfterEach
  void close() {
    js.close();
  }

  @Test
  void startEnqueueAndCloseAreReadInOrderThenDone() {
    assertThat(
            js.async(
                """
                const s = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
                const r = s.getReader();
                const seen = [s.locked];
                for (;;) { const { value, done } = await r.read(); if (done) break; seen.push(value); }
                await r.closed;
                seen.push((await r.read()).done);
                r.releaseLock();
                seen.push(s.locked);
                return seen.join(' ');
                """))
        .isEqualTo("true a b true false");
  }

  @Test
  void pullIsCalledOnDemandUpToTheHighWaterMark() {
    // highWaterMark 2: after start, pull fills the queue to 2 and stops until a read frees room.
    assertThat(
            js.async(
                """
                let pulls = 0;
                const s = new ReadableStream({ pull(c) { pulls++; c.enqueue(pulls); if (pulls === 5) c.close(); } },
                  { highWaterMark: 2 });
                await null; await null; await null; await null;
                const before = pulls;
                const r = s.getReader();
                const got = [];
                for (;;) { const x = await r.read(); if (x.done) break; got.push(x.value); }
                return before + ' ' + got.join(',') + ' ' + pulls;
                """))
        .isEqualTo("2 1,2,3,4,5 5");
  }

  @Test
  void sizeStrategyAndDesiredSize() {
    assertThat(
            js.async(
                """
                let controller;
                new ReadableStream({ start(c) { controller = c; } },
                  { highWaterMark: 10, size: (chunk) => chunk.length });
                const sizes = [controller.desiredSize];
                controller.enqueue('abcd');
                sizes.push(controller.desiredSize);
                let bad;
                try { new ReadableStream({}, { highWaterMark: -1 }); } catch (e) { bad = e.constructor.name; }
                return sizes.join(' ') + ' ' + bad;
                """))
        .isEqualTo("10 6 RangeError");
  }

  @Test
  void errorsRejectReadsAndClosedAndCancelCallsTheSource() {
    assertThat(
            js.async(
                """
                const failing = new ReadableStream({ start(c) { c.error(new RangeError('boom')); } });
                const reader = failing.getReader();
                let readError, closedError;
                try { await reader.read(); } catch (e) { readError = e.message; }
                try { await reader.closed; } catch (e) { closedError = e.constructor.name; }
                let reason;
                const cancelable = new ReadableStream({ cancel(r) { reason = r; } });
                await cancelable.cancel('stop');
                const after = await cancelable.getReader().read();
                let lockedCancel;
                const locked = new ReadableStream();
                locked.getReader();
                try { await locked.cancel(); } catch (e) { lockedCancel = e.constructor.name; }
                let secondReader;
                try { locked.getReader(); } catch (e) { secondReader = e.constructor.name; }
                return [readError, closedError, reason, after.done, lockedCancel, secondReader].join(' ');
                """))
        .isEqualTo("boom RangeError stop true TypeError TypeError");
  }

  @Test
  void releasingTheLockRejectsPendingReadsAndEnqueueAfterCloseThrows() {
    assertThat(
            js.async(
                """
                let controller;
                const s = new ReadableStream({ start(c) { controller = c; } });
                const r = s.getReader();
                const pending = r.read();
                r.releaseLock();
                let pendingError;
                try { await pending; } catch (e) { pendingError = e.constructor.name; }
                controller.close();
                let enqueueError;
                try { controller.enqueue('x'); } catch (e) { enqueueError = e.constructor.name; }
                let illegal;
                try { ReadableStream.prototype.getReader.call({}); } catch (e) { illegal = e.constructor.name; }
                let byob;
                try { new ReadableStream().getReader({ mode: 'byob' }); } catch (e) { byob = e.message.includes('BYOB'); }
                return [pendingError, enqueueError, illegal, byob].join(' ');
                """))
        .isEqualTo("TypeError TypeError TypeError true");
  }

  @Test
  void teeGivesBothBranchesEveryChunkAndAsyncIterationReadsToTheEnd() {
    assertThat(
            js.async(
                """
                const s = ReadableStream.from(['x', 'y', 'z']);
                const [a, b] = s.tee();
                const left = [], right = [];
                for await (const chunk of a) left.push(chunk);
                for await (const chunk of b) right.push(chunk);
                let broke = [];
                const c = ReadableStream.from((function* () { yield 1; yield 2; yield 3; })());
                for await (const n of c) { broke.push(n); if (n === 2) break; }
                return [left.join(''), right.join(''), s.locked, broke.join(','), c.locked].join(' ');
                """))
        .isEqualTo("xyz xyz true 1,2 false");
  }

  @Test
  void aWritableStreamWritesInOrderAndHoldsBackpressureUntilTheSinkCatchesUp() {
    assertThat(
            js.async(
                """
                const written = [];
                let release;
                const s = new WritableStream({
                  write(chunk) { written.push(chunk); return new Promise((r) => { release = r; }); },
                  close() { written.push('closed'); },
                }, { highWaterMark: 2 });
                const w = s.getWriter();
                const sizes = [w.desiredSize];
                const first = w.write('a');
                const second = w.write('b');
                sizes.push(w.desiredSize);
                let readyEarly = false;
                w.ready.then(() => { readyEarly = true; });
                await null; await null;
                const heldBeforeRelease = readyEarly;
                release(); await first;
                release(); await second;
                await w.ready;
                const closing = w.close();
                await closing; await w.closed;
                return [sizes.join(','), heldBeforeRelease, written.join(','), s.locked, w.desiredSize].join(' ');
                """))
        .isEqualTo("2,0 false a,b,closed true 0");
  }

  @Test
  void aFailingSinkErrorsTheStreamAndAbortReachesTheSinkAndItsSignal() {
    assertThat(
            js.async(
                """
                const failing = new WritableStream({ write() { throw new RangeError('disk full'); } });
                const w = failing.getWriter();
                let writeError, laterError, closedError;
                try { await w.write('x'); } catch (e) { writeError = e.message; }
                try { await w.write('y'); } catch (e) { laterError = e.message; }
                try { await w.closed; } catch (e) { closedError = e.constructor.name; }
                let aborted, signalled;
                const abortable = new WritableStream({
                  start(c) { c.signal.addEventListener('abort', () => { signalled = c.signal.reason; }); },
                  abort(reason) { aborted = reason; },
                });
                await abortable.abort('stop');
                let afterAbort;
                try { await abortable.getWriter().write('z'); } catch (e) { afterAbort = e; }
                return [writeError, laterError, closedError, aborted, signalled, afterAbort].join(' ');
                """))
        .isEqualTo("disk full disk full RangeError stop stop stop");
  }

  @Test
  void transformStreamsMapChunksAndFlushAtTheEnd() {
    assertThat(
            js.async(
                """
                const upper = new TransformStream({
                  transform(chunk, c) { c.enqueue(chunk.toUpperCase()); },
                  flush(c) { c.enqueue('!'); },
                });
                const w = upper.writable.getWriter();
                w.write('ab'); w.write('cd'); w.close();
                const out = [];
                for await (const chunk of upper.readable) out.push(chunk);
                const identity = new TransformStream();
                const iw = identity.writable.getWriter();
                iw.write(1); iw.close();
                const passed = [];
                for await (const chunk of identity.readable) passed.push(chunk);
                const failing = new TransformStream({ transform() { throw new TypeError('bad chunk'); } });
                const fw = failing.writable.getWriter();
                let writeError, readError;
                // The readable side asks first: a TransformStream's writes wait for a reader.
                const reading = failing.readable.getReader().read();
                try { await fw.write('x'); } catch (e) { writeError = e.message; }
                try { await reading; } catch (e) { readError = e.message; }
                return [out.join(''), passed.join(''), writeError, readError].join(' ');
                """))
        .isEqualTo("ABCD! 1 bad chunk bad chunk");
  }

  @Test
  void pipesCarryChunksThroughEncoderAndDecoderStreamsAndPropagateErrors() {
    assertThat(
            js.async(
                """
                const text = ReadableStream.from(['hé', '\ud83d', '\ude00 end'])
                  .pipeThrough(new TextEncoderStream())
                  .pipeThrough(new TextDecoderStream());
                let joined = '';
                for await (const chunk of text) joined += chunk;
                const sink = [];
                await ReadableStream.from([1, 2, 3]).pipeTo(new WritableStream({ write(c) { sink.push(c); } }));
                let sinkAbort;
                const broken = new ReadableStream({ pull(c) { c.error(new Error('source broke')); } });
                let pipeError;
                try {
                  await broken.pipeTo(new WritableStream({ abort(r) { sinkAbort = r.message; } }));
                } catch (e) { pipeError = e.message; }
                const kept = new WritableStream();
                await ReadableStream.from(['x']).pipeTo(kept, { preventClose: true });
                const stillOpen = await kept.getWriter().write('y').then(() => 'writable');
                return [joined, sink.join(','), pipeError, sinkAbort, stillOpen,
                  new TextDecoderStream().encoding, new TextEncoderStream().encoding].join(' | ');
                """))
        .isEqualTo("hé😀 end | 1,2,3 | source broke | source broke | writable | utf-8 | utf-8");
  }

  @Test
  void aResponseBodyIsAStreamOfItsBytes() {
    assertThat(
            js.async(
                """
                const r = new Response('héllo');
                const body = r.body;
                const same = body === r.body;
                const reader = body.getReader();
                const first = await reader.read();
                const end = await reader.read();
                let again;
                try { await r.text(); } catch (e) { again = e.constructor.name; }
                const empty = await new Response('').body.getReader().read();
                return [same, body instanceof ReadableStream, first.value instanceof Uint8Array, first.value.length,
                  end.done, r.bodyUsed, again, empty.done, String(new Response(null).body)].join(' ');
                """))
        .isEqualTo("true true true 6 true true TypeError true null");
  }

  @Test
  void aStreamBecomesABodyThatIsReadWhenConsumed() {
    assertThat(
            js.async(
                """
                const enc = new TextEncoder();
                const s = new ReadableStream({ start(c) { c.enqueue(enc.encode('{"a":')); c.enqueue(enc.encode('1}')); c.close(); } });
                const r = new Response(s, { headers: { 'content-type': 'application/json' } });
                const beforeUsed = r.bodyUsed;
                const json = await r.json();
                let reuse;
                try { new Response(s); } catch (e) { reuse = e.constructor.name; }
                const notBytes = new Response(ReadableStream.from(['text, not bytes']));
                let chunkError;
                try { await notBytes.text(); } catch (e) { chunkError = e.constructor.name; }
                return [beforeUsed, json.a, r.bodyUsed, reuse, chunkError].join(' ');
                """))
        .isEqualTo("false 1 true TypeError TypeError");
  }

  @Test
  void passingAResponsesBodyOnMovesItsBytes() {
    // The Worker proxy idiom: new Response(upstream.body, upstream) with changed headers.
    assertThat(
            js.async(
                """
                const upstream = new Response('payload', { status: 201, headers: { 'x-a': '1' } });
                const copy = new Response(upstream.body, upstream);
                copy.headers.set('x-b', '2');
                let original;
                try { await upstream.text(); } catch (e) { original = e.constructor.name; }
                return [copy.status, copy.headers.get('x-a'), copy.headers.get('x-b'), await copy.text(), original].join(' ');
                """))
        .isEqualTo("201 1 2 payload TypeError");
  }

  @Test
  void cloningAStreamBodyTeesIt() {
    assertThat(
            js.async(
                """
                const r = new Response(ReadableStream.from([new Uint8Array([104, 105])]));
                const copy = r.clone();
                const request = new Request('http://h/', { method: 'POST', body: ReadableStream.from([new Uint8Array([111, 107])]) });
                const moved = new Request(request);
                let usedInput;
                try { await request.text(); } catch (e) { usedInput = e.constructor.name; }
                return [await r.text(), await copy.text(), await moved.text(), usedInput].join(' ');
                """))
        .isEqualTo("hi hi ok TypeError");
  }

  @Test
  void byobReadersFillTheCallersBufferFromQueuedBytesAndBodiesAreByteStreams() {
    assertThat(
            js.async(
                """
                const body = new Response("hello world").body.getReader({ mode: "byob" });
                const a = await body.read(new Uint8Array(4));
                const b = await body.read(new Uint8Array(100));
                const c = await body.read(new Uint8Array(100));
                const s = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2, 3, 4, 5, 6])); c.close(); } });
                const reader = s.getReader({ mode: "byob" });
                const mine = new Uint16Array(2);
                const wide = await reader.read(mine);
                const rest = await reader.read(new DataView(new ArrayBuffer(4)));
                return JSON.stringify([new TextDecoder().decode(a.value), a.value.buffer.byteLength,
                  new TextDecoder().decode(b.value), c.done, c.value.length, Array.from(wide.value), mine.buffer.detached,
                  rest.value.byteLength, rest.value.getUint8(1), Object.prototype.toString.call(reader)]);
                """))
        .isEqualTo(
            "[\"hell\",4,\"o world\",true,0,[513,1027],true,2,6,\"[object ReadableStreamBYOBReader]\"]");
  }

  @Test
  void aByteSourceAnswersReadsThroughByobRequestAndAutoAllocatedBuffers() {
    assertThat(
            js.async(
                """
                let pulls = 0;
                const auto = new ReadableStream({ type: "bytes", autoAllocateChunkSize: 8, pull(c) {
                  const v = c.byobRequest.view; v[0] = 9; v[1] = 8; c.byobRequest.respond(2);
                  if (++pulls >= 2) c.close();
                } }).getReader();
                const first = await auto.read(); const second = await auto.read(); const end = await auto.read();
                const newView = new ReadableStream({ type: "bytes", pull(c) {
                  const view = c.byobRequest.view; view[0] = 42;
                  c.byobRequest.respondWithNewView(new Uint8Array(view.buffer, view.byteOffset, 1));
                } }).getReader({ mode: "byob" });
                const min = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2])); c.enqueue(new Uint8Array([3])); c.close(); } });
                const [t1, t2] = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([7])); c.close(); } }).tee();
                return JSON.stringify([Array.from(first.value), first.value.buffer.byteLength, Array.from(second.value), end.done,
                  Array.from((await newView.read(new Uint8Array(3))).value),
                  Array.from((await min.getReader({ mode: "byob" }).read(new Uint8Array(4), { min: 3 })).value),
                  Array.from((await t1.getReader().read()).value), Array.from((await t2.getReader({ mode: "byob" }).read(new Uint8Array(2))).value)]);
                """))
        .isEqualTo("[[9,8],8,[9,8],true,[42],[1,2,3],[7],[7]]");
  }

  @Test
  void byteStreamMisuseIsRefusedInWorkerdsWords() {
    assertThat(
            js.async(
                """
                const attempt = async (f) => { try { await f(); return "ok"; } catch (e) { return e.name + ": " + e.message; } };
                const bytes = () => new ReadableStream({ type: "bytes" });
                return [await attempt(() => new ReadableStream().getReader({ mode: "byob" })),
                  await attempt(() => bytes().getReader({ mode: "byob" }).read(new Uint8Array(0))),
                  await attempt(() => bytes().getReader({ mode: "byob" }).read()),
                  await attempt(() => new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array(0)); } })),
                  await attempt(() => new ReadableStream({ type: "bytes", start(c) { c.enqueue("x"); } }))].join(" | ");
                """))
        .isEqualTo(
            "TypeError: This ReadableStream does not support BYOB reads. | TypeError: You must call"
                + " read() on a \"byob\" reader with a positive-sized TypedArray object. | TypeError:"
                + " Failed to execute 'read' on 'ReadableStreamBYOBReader': parameter 1 is not of type"
                + " 'ArrayBufferView'. | TypeError: Cannot enqueue a zero-length ArrayBuffer. |"
                + " TypeError: Failed to execute 'enqueue' on 'ReadableByteStreamController': parameter"
                + " 1 is not of type 'BufferSource'.");
  }
}
