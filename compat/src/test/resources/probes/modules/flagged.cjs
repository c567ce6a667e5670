// An ES module compiled to CommonJS by TypeScript/Babel: __esModule set, the default on exports.
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = "the default";
exports.other = 2;
