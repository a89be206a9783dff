#!/usr/bin/env bash
# scripts/test.sh — the one command that runs every test, from a fresh Debian machine:
# installs what is missing (scripts/setup.sh), builds natively and with Emscripten, then runs
# the core/UI/CLI tests natively (ctest), a build with a third format file added (tests/formats), the
# core tests as wasm under node, the browser tests in Chromium, the fuzzers for a bounded time, and the
# tests again under ASan + UBSan.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
JOBS="${JOBS:-2}"

echo "== native build + tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j "$JOBS"
ctest --test-dir build --output-on-failure

echo "== a new official format is one data file (tests/formats/new_format_test.sh: build, CLI, 新建)"
JOBS="$JOBS" bash tests/formats/new_format_test.sh

echo "== wasm build (core tests under node, the app)"
export NODE_PATH=/usr/share/nodejs
emcmake cmake -S . -B build-wasm -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node > build-wasm.log 2>&1 || { cat build-wasm.log; exit 1; }
cmake --build build-wasm -j "$JOBS"
ctest --test-dir build-wasm --output-on-failure

echo "== browser tests (Debian chromium, file://)"
bash tests/browser/run.sh

echo "== fuzzing (libFuzzer, ~30 s per target; regressions replayed first)"
FUZZ_SECONDS="${FUZZ_SECONDS:-30}" FUZZ_BUILD_JOBS="$JOBS" bash scripts/fuzz.sh

echo "== core and UI tests under AddressSanitizer + UndefinedBehaviorSanitizer"
SANITIZE_BUILD_JOBS="$JOBS" bash scripts/sanitize.sh

echo "== every stage passed"
echo "test.sh: 7 passed, 0 failed"   # native ctest, new format, wasm ctest, browser, fuzz, sanitizers, build
