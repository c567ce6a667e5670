var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });
var __commonJS = (cb, mod) => function __require() {
  return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/is-number/index.js
var require_is_number = __commonJS({
  "node_modules/is-number/index.js"(exports, module) {
    "use strict";
    module.exports = /* @__PURE__ */ __name(function isNumber(num) {
      var number = +num;
      if (number - number !== 0) {
        return false;
      }
      if (number === num) {
        return true;
      }
      if (typeof num === "string") {
        if (number === 0 && num.trim() === "") {
          return false;
        }
        return true;
      }
      return false;
    }, "isNumber");
  }
});

// node_modules/is-odd/index.js
var require_is_odd = __commonJS({
  "node_modules/is-odd/index.js"(exports, module) {
    "use strict";
    var isNumber = require_is_number();
    module.exports = /* @__PURE__ */ __name(function isOdd2(value) {
      const n = Math.abs(value);
      if (!isNumber(n)) {
        throw new TypeError("expected a number");
      }
      if (!Number.isInteger(n)) {
        throw new Error("expected an integer");
      }
      if (!Number.isSafeInteger(n)) {
        throw new Error("value exceeds maximum safe integer");
      }
      return n % 2 === 1;
    }, "isOdd");
  }
});

// src/index.ts
var import_is_odd = __toESM(require_is_odd());
import banner from "./991e25148b8945afabc6e0fa15d260f892157391-banner.txt";
var index_default = {
  async fetch(request, env) {
    const n = Number(new URL(request.url).searchParams.get("n") ?? "1");
    const parity = (0, import_is_odd.default)(n) ? "odd" : "even";
    return new Response(`${banner.trim()} ${env.GREETING}: ${n} is ${parity}`);
  }
};
export {
  index_default as default
};
/*! Bundled license information:

is-number/index.js:
  (*!
   * is-number <https://github.com/jonschlinkert/is-number>
   *
   * Copyright (c) 2014-2018, Jon Schlinkert.
   * Released under the MIT License.
   *)

is-odd/index.js:
  (*!
   * is-odd <https://github.com/jonschlinkert/is-odd>
   *
   * Copyright (c) 2015-2017, Jon Schlinkert.
   * Released under the MIT License.
   *)
*/
//# sourceMappingURL=index.js.map
