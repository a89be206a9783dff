#!/usr/bin/env bash
# scripts/setup.sh — installs everything nianbao needs on a fresh Debian bookworm machine (as root).
# Idempotent: each step checks first and does nothing when its result is already there.
# Sources: Debian's archive (apt) and the npm registry only. Third-party source (Dear ImGui 1.86)
# is fetched with `apt-get source` into third_party/ (git-ignored), never committed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

PKGS=(emscripten cmake ninja-build g++ clang libclang-rt-14-dev catch2 nlohmann-json3-dev
      fonttools fonts-wqy-microhei chromium dpkg-dev nodejs npm python3)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from another source (e.g. NodeSource); accept any working node + npm.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

need_src=0
[ -f "$ROOT/third_party/imgui/imgui.h" ] || need_src=1
if [ ${#missing[@]} -gt 0 ] || [ $need_src -eq 1 ]; then
  # a deb-src entry for bookworm, needed by `apt-get source imgui`
  if ! grep -rqs '^\s*\(deb-src\|Types:.*deb-src\)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "setup: adding deb-src entry for bookworm"
    # reuse the Signed-By of the existing deb822 entry: apt refuses two different values for one source
    keyring="$(grep -hs '^Signed-By:' /etc/apt/sources.list.d/*.sources | head -n1 | sed 's/^Signed-By:[[:space:]]*//')"
    if [ -n "$keyring" ]; then
      printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: %s\n' "$keyring" \
        | $SUDO tee /etc/apt/sources.list.d/nianbao-deb-src.sources >/dev/null
    else
      echo "deb-src http://deb.debian.org/debian bookworm main" | $SUDO tee /etc/apt/sources.list.d/nianbao-deb-src.list >/dev/null
    fi
  fi
  echo "setup: apt-get update"
  $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dear ImGui 1.86 sources, unpacked into third_party/imgui (ignored by git)
if [ $need_src -eq 1 ]; then
  echo "setup: apt-get source imgui"
  tmp="$(mktemp -d)"
  (cd "$tmp" && apt-get source -qq imgui >/dev/null 2>&1 || (cd "$tmp" && apt-get source imgui))
  src="$(find "$tmp" -maxdepth 1 -type d -name 'imgui-*' | head -n1)"
  [ -n "$src" ] && [ -f "$src/imgui.h" ] || { echo "setup: apt-get source imgui failed" >&2; exit 1; }
  grep -q 'IMGUI_VERSION_NUM *18600' "$src/imgui.h" || echo "setup: warning: imgui is not 1.86" >&2
  mkdir -p "$ROOT/third_party"
  rm -rf "$ROOT/third_party/imgui"
  mv "$src" "$ROOT/third_party/imgui"
  rm -rf "$tmp"
fi

# npm test tools pinned by the lockfile (playwright-core; uses Debian's chromium, no browser download)
if [ -f "$ROOT/tests/browser/package-lock.json" ] && [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then
  echo "setup: npm ci (tests/browser)"
  (cd "$ROOT/tests/browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: ok"
