#!/usr/bin/env bash
# scripts/run.sh — builds the app (dist/nianbao.html, one self-contained file) and serves it on
# http://127.0.0.1:8080/ (it also works opened directly from file://). The 青海 2019 example is
# inside the app: 打开示例. Set NO_SERVE=1 to build only.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
export NODE_PATH=/usr/share/nodejs
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j 2
emcmake cmake -S . -B build-wasm -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node > build-wasm.log 2>&1 || { cat build-wasm.log; exit 1; }
cmake --build build-wasm -j 2
echo
echo "built: $ROOT/dist/nianbao.html   (open it from file:// or from any static server)"
echo "command line: $ROOT/build/bin/nianbao check|render …"
if [ "${NO_SERVE:-0}" != "1" ] && [ -f dist/nianbao.html ]; then
  echo "serving on http://127.0.0.1:${PORT:-8080}/nianbao.html  (Ctrl+C to stop)"
  cd dist && exec python3 -m http.server "${PORT:-8080}" --bind 127.0.0.1
fi
