#!/usr/bin/env bash
# scripts/bench.sh — the one benchmark command. Prints the machine, builds bench_core (native and
# wasm) and the app with -j1, then runs the core benchmark natively and as wasm under node, and the
# browser benchmark of dist/nianbao.html (tests/browser/bench.js). It prints figures against budgets
# (OK / OVER budget) and exits 0 unless a build or a run fails. Assumes scripts/setup.sh has run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

echo "== machine"
echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "nproc:     $(nproc)"
echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:    $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg)   (other work on this machine skews the figures; compare with the baselines)"
echo "chromium:  $(/usr/bin/chromium --version 2>/dev/null)"
echo "node:      $(node --version)"
echo "compilers: $(c++ --version | head -1); $(em++ --version 2>/dev/null | head -1)"
echo "source:    $(git rev-parse --short HEAD 2>/dev/null || echo '?') + $(git status --porcelain 2>/dev/null | wc -l) changed files"

# runs a build step quietly; prints its log only when it fails
quiet() {
  local what="$1"; shift
  local t0=$SECONDS
  if "$@" >"$LOG" 2>&1; then echo "built:     $what ($((SECONDS - t0)) s)"; else cat "$LOG"; echo "FAILED: $what"; exit 1; fi
}

echo
echo "== build (-j1)"
# configure only when needed: a new build dir, or one configured before tests/bench existed
if [ ! -f build/CMakeCache.txt ]; then
  quiet "configure build" cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
elif ! grep -q 'bench_core' build/build.ninja; then
  quiet "re-configure build (adds bench_core)" cmake -S . -B build
fi
quiet "native bench_core" cmake --build build -j1 --target bench_core
if [ ! -f build-wasm/CMakeCache.txt ]; then
  quiet "configure build-wasm" emcmake cmake -S . -B build-wasm -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node
elif ! grep -q 'bench_core' build-wasm/build.ninja; then
  quiet "re-configure build-wasm (adds bench_core)" cmake -S . -B build-wasm
fi
quiet "wasm bench_core" cmake --build build-wasm -j1 --target bench_core
# the app is built separately: when it does not build (e.g. someone's edit in progress), the browser
# figures are still printed for the dist/nianbao.html that exists, flagged, and the script exits 1
APP_FAILED=0
t0=$SECONDS
if cmake --build build-wasm -j1 --target nianbao_web >"$LOG" 2>&1; then
  echo "built:     app dist/nianbao.html ($((SECONDS - t0)) s)"
else
  APP_FAILED=1
  grep -E 'error|FAILED' "$LOG" | head -20 || true
  echo "WARNING:   the app did not build; the browser figures below are for the existing dist/nianbao.html" \
       "($(date -u -r dist/nianbao.html '+%Y-%m-%d %H:%M:%S UTC' 2>/dev/null || echo 'missing'))"
fi

echo
echo "== core, native: build/bin/bench_core"
build/bin/bench_core
echo
echo "== core, wasm32 under node: build-wasm/bin/bench_core.js"
node build-wasm/bin/bench_core.js
echo
echo "== browser: node tests/browser/bench.js"
node tests/browser/bench.js
if [ "$APP_FAILED" = 1 ]; then
  echo
  echo "bench.sh: the app (nianbao_web) did not build: the browser figures are for an older dist/nianbao.html"
  exit 1
fi
