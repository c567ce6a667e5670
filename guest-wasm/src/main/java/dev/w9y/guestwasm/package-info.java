/** WebAssembly guests on Chicory. Built by the guest-wasm issue. */
package dev.w9y.guestwasm;
