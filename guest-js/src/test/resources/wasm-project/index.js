import math from "./math.wasm";

const logged = [];
const peeked = [];
const instance = new WebAssembly.Instance(math, {
  env: {
    log: (n, big) => logged.push(`${n}:${big}`),
    peek: (address) => peeked.push(new DataView(memory.buffer).getUint32(address, true)),
  },
});
const { add, mul64, half, report, spin, trap, memory, store, load, storeAndPeek, pages } = instance.exports;

async function attempt(fn) {
  try {
    const value = await fn();
    return "ok " + String(value);
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
}

export default {
  async fetch(request) {
    const path = new URL(request.url).pathname;
    if (path === "/math") {
      report(7);
      const again = await WebAssembly.instantiate(math, { env: { log() {}, peek() {} } });
      return Response.json({
        isModule: math instanceof WebAssembly.Module,
        add: add(2, 40),
        mul64: String(mul64(3037000499n, -3037000499n)),
        half: half(5),
        logged,
        exports: WebAssembly.Module.exports(math).map((e) => `${e.name}:${e.kind}`),
        imports: WebAssembly.Module.imports(math).map((i) => `${i.module}.${i.name}:${i.kind}`),
        second: again.exports.add(1, 1),
      });
    }
    if (path === "/memory") {
      const buffer = memory.buffer;
      const words = new Uint32Array(buffer);
      words[1] = 1234; // JavaScript writes, WebAssembly reads
      const seenByWasm = load(4);
      store(8, 99); // WebAssembly writes, JavaScript reads through the view it already has
      storeAndPeek(12, 77); // JavaScript reads inside an import WebAssembly calls
      const seenByJs = words[2];
      const sameBuffer = buffer === memory.buffer;
      const before = [buffer.byteLength, pages()];
      const grownFrom = memory.grow(1); // a new buffer; the old one is detached, as in V8
      return Response.json({
        seenByWasm,
        seenByJs,
        peeked,
        sameBuffer,
        detached: buffer.byteLength,
        before,
        grownFrom,
        after: [memory.buffer.byteLength, pages(), new Uint32Array(memory.buffer)[2]],
        tooFar: await attempt(() => memory.grow(1)),
      });
    }
    if (path === "/refused") {
      const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
      return Response.json([
        await attempt(() => new WebAssembly.Module(bytes)),
        await attempt(() => WebAssembly.compile(bytes)),
        await attempt(() => WebAssembly.instantiate(bytes)),
        await attempt(() => WebAssembly.validate(bytes)),
      ]);
    }
    if (path === "/limits") {
      return Response.json([
        await attempt(() => trap()),
        await attempt(() => spin()),
        await attempt(() => new WebAssembly.Instance(math, {})),
        await attempt(() => add(1, 2)),
      ]);
    }
    return new Response("not found", { status: 404 });
  },
};
