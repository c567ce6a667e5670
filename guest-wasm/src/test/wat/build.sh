#!/usr/bin/env bash
# Builds the WebAssembly fixtures from their WAT sources with wabt's wat2wasm (Debian package
# `wabt`). The built .wasm files are checked in (guest-wasm's test resources, and the ticker for
# the determinism self-check in selfcheck's resources), so tests and CI do not need wabt; CI
# rebuilds them into a scratch directory and compares where wat2wasm is installed.
#   build.sh            rebuild the checked-in files
#   build.sh --check    rebuild into a scratch directory and fail if anything differs
set -euo pipefail
cd "$(dirname "$0")"
# misbehave.wasm keeps its function names (a name section), so trap reports can be checked to
# name the function that trapped; the others are built plain.
flags() { if [ "$1" = misbehave.wat ]; then echo --debug-names; fi; }
tests=../resources/wasm
selfcheck=../../../../selfcheck/src/main/resources/dev/w9y/selfcheck/wasm
if [ "${1:-}" = "--check" ]; then
  scratch=$(mktemp -d)
  for wat in *.wat; do
    wat2wasm $(flags "$wat") "$wat" -o "$scratch/${wat%.wat}.wasm"
    cmp "$scratch/${wat%.wat}.wasm" "$tests/${wat%.wat}.wasm"
  done
  cmp "$scratch/ticker.wasm" "$selfcheck/ticker.wasm"
  rm -rf "$scratch"
  echo "the checked-in .wasm fixtures match their WAT sources"
  exit 0
fi
mkdir -p "$tests" "$selfcheck"
for wat in *.wat; do
  wat2wasm $(flags "$wat") "$wat" -o "$tests/${wat%.wat}.wasm"
done
cp "$tests/ticker.wasm" "$selfcheck/ticker.wasm"
