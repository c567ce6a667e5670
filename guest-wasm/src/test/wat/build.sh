#!/usr/bin/env bash
# Builds the WebAssembly test fixtures from their WAT sources with wabt's wat2wasm (Debian
# package `wabt`). The built .wasm files are checked in under src/test/resources/wasm, so tests
# and CI do not need wabt; CI rebuilds and compares them where wat2wasm is installed.
set -euo pipefail
cd "$(dirname "$0")"
out=../resources/wasm
mkdir -p "$out"
for wat in *.wat; do
  wat2wasm "$wat" -o "$out/${wat%.wat}.wasm"
done
