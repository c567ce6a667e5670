import math from "./math.wasm";

const logged = [];
const instance = new WebAssembly.Instance(math, { env: { log: (n, big) => logged.push(`${n}:${big}`) } });
const { add, mul64, half, report, spin, trap } = instance.exports;

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
      const again = await WebAssembly.instantiate(math, { env: { log() {} } });
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
