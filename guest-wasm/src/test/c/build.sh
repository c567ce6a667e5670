#!/usr/bin/env bash
# Builds the C test fixtures (probe.c) with W9Y's C SDK and Debian's clang, lld, wasi-libc and
# libclang-rt-14-dev-wasm32 into src/test/resources/wasm, where they are checked in so tests and
# CI do not need the toolchain.  build.sh --check rebuilds into a scratch directory and compares.
set -euo pipefail
cd "$(dirname "$0")"
sdk=../../../sdk/c
out=../resources/wasm
if [ "${1:-}" = "--check" ]; then out=$(mktemp -d); fi
for source in *.c; do
  clang --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Werror \
    -I "$sdk" "$sdk/w9y.c" "$source" -o "$out/${source%.c}.wasm"
done
if [ "${1:-}" = "--check" ]; then
  for built in "$out"/*.wasm; do cmp "$built" "../resources/wasm/$(basename "$built")"; done
  rm -rf "$out"
  echo "the checked-in C fixtures match their sources"
fi
