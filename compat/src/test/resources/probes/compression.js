// CompressionStream and DecompressionStream: round trips, the gzip bytes, and corrupt input.
const text = "hello hello hello compression ".repeat(50);
async function pipe(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const format = url.searchParams.get("format");
    if (url.pathname === "/bytes") {
      return new Response(hex(await pipe(new TextEncoder().encode(text), new CompressionStream(format))));
    }
    if (url.pathname === "/corrupt") {
      try {
        await pipe(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), new DecompressionStream(format));
        return new Response("no error");
      } catch (e) {
        return new Response(e.name);
      }
    }
    if (url.pathname === "/truncated") {
      const packed = await pipe(new TextEncoder().encode(text), new CompressionStream(format));
      try {
        await pipe(packed.subarray(0, packed.length - 4), new DecompressionStream(format));
        return new Response("no error");
      } catch (e) {
        return new Response(e.name);
      }
    }
    const packed = await pipe(new TextEncoder().encode(text), new CompressionStream(format));
    const unpacked = new TextDecoder().decode(await pipe(packed, new DecompressionStream(format)));
    return new Response(`${unpacked === text} ${packed.length < text.length}`);
  },
};
