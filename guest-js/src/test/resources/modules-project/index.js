import isOdd from "is-odd";
import counter, { next, label } from "./lib/counter.js";
import again from "./lib/reexport.cjs";
import greet, { shout } from "./lib/ts-compiled.js";
import dual, { twice } from "dual";
import extra from "dual/sub/extra";
import greeting from "./assets/greeting.txt";
import page from "./assets/page.html";
import query from "./assets/query.sql";
import blob from "./assets/blob.bin";
import config, { version } from "./assets/config.json";
import { helper } from "./lib/helper";

export default {
  async fetch(request) {
    const path = new URL(request.url).pathname;
    const out = {
      isOdd: [isOdd(3), isOdd(4), isOdd("7")],
      counter: [next(), counter.next(), again.next(), label, again === counter],
      greet: [greet("w9y"), shout("hi")],
      dual: [dual.flavour, twice(21), extra.label],
      text: [greeting, page, query],
      data: [blob instanceof ArrayBuffer, [...new Uint8Array(blob)]],
      json: [config.version, config.features, config.default, version],
      helper: helper(),
      sloppy: globalThis.undeclared,
    };
    if (path === "/dot") {
      try {
        const scratchFile = "scratch.js"; // not a literal specifier: only the files W9Y took
        const scratch = await import("./.wrangler/tmp/" + scratchFile);
        return new Response("loaded: " + scratch.default);
      } catch (e) {
        return new Response("not loaded");
      }
    }
    if (path === "/odd-error") {
      try { isOdd(1.5); } catch (e) { return new Response(e.message); }
    }
    return Response.json(out);
  },
};
