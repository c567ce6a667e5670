"use strict";
// What TypeScript emits for `export default greet; export const shout = ...` as CommonJS.
Object.defineProperty(exports, "__esModule", { value: true });
exports.shout = void 0;
function greet(name) {
  return "hello " + name;
}
exports.default = greet;
const shout = (s) => s.toUpperCase() + "!";
exports.shout = shout;
