#!/usr/bin/env bash
# Installs the oracle (workerd through Miniflare, pinned in package-lock.json) into node_modules.
# Run by Maven before the compat tests compile. Skips the install when node_modules already holds
# exactly this lock file's packages; uses npm's cache first, so a warm machine needs no network.
set -euo pipefail
cd "$(dirname "$0")"

need="20.18.1" # undici 7, which miniflare 4 uses, needs Node.js >= 20.18.1
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "error: the compat module runs workerd through Miniflare and needs Node.js >= $need and npm" \
    "on PATH; install them (Debian: apt-get install nodejs npm; .ci/run does this) or build" \
    "with -pl '!compat'" >&2
  exit 1
fi
have=$(node -p 'process.versions.node')
if ! node -e '
  const [a, b] = [process.argv[1], process.argv[2]].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) { if (a[i] !== b[i]) process.exit(a[i] > b[i] ? 0 : 1); }
' "$have" "$need"; then
  echo "error: the compat module needs Node.js >= $need (miniflare 4's undici); this is $have" >&2
  exit 1
fi

stamp=node_modules/.w9y-package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x node_modules/@cloudflare/workerd-linux-64/bin/workerd ]; then
  echo "compat: node_modules matches package-lock.json (node $have)"
  exit 0
fi
echo "compat: npm ci (node $have, npm $(npm --version))"
# --ignore-scripts: workerd's binary ships inside @cloudflare/workerd-linux-64, nothing to build or
# download; sharp (a miniflare dependency for images) is not used by the oracle.
npm ci --ignore-scripts --prefer-offline --no-audit --no-fund
echo "$want" > "$stamp"
