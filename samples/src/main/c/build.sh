#!/usr/bin/env bash
# Builds the C sample services with W9Y's C SDK (guest-wasm/sdk/c) and Debian's clang, lld,
# wasi-libc and libclang-rt-14-dev-wasm32. The .wasm files are checked in under
# samples/src/main/wasm, so tests and CI do not need the toolchain; CI rebuilds into a scratch
# directory and compares where clang can target wasm32-wasi.
#   build.sh            rebuild the checked-in files
#   build.sh --check    rebuild and fail if anything differs
set -euo pipefail
cd "$(dirname "$0")"
sdk=../../../../guest-wasm/sdk/c
out=../wasm
if [ "${1:-}" = "--check" ]; then out=$(mktemp -d); fi
mkdir -p "$out"
for dir in */; do
  name=${dir%/}
  clang --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Werror \
    -I "$sdk" "$sdk/w9y.c" "$name"/*.c -o "$out/$name.wasm"
done
if [ "${1:-}" = "--check" ]; then
  for built in "$out"/*.wasm; do cmp "$built" "../wasm/$(basename "$built")"; done
  rm -rf "$out"
  echo "the checked-in C sample .wasm files match their sources"
fi
