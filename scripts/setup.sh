#!/usr/bin/env bash
# scripts/setup.sh — installs everything nianbao needs on a fresh Debian bookworm machine (as root).
# Idempotent: each step checks first and does nothing when its result is already there.
# Sources: Debian's archive (apt) and the npm registry only. Third-party source (Dear ImGui 1.86)
# (Dear ImGui 1.86; zlib with its minizip, pugixml and libxml2 for the browser build) is fetched with
# `apt-get source` into third_party/ (git-ignored), never committed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

PKGS=(emscripten cmake ninja-build g++ clang libclang-rt-14-dev catch2 nlohmann-json3-dev
      zlib1g-dev libminizip-dev libpugixml-dev libxml2-dev
      fonttools fonts-wqy-microhei chromium dpkg-dev nodejs npm python3
      libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)

# The first enabled deb822 stanza of Types deb whose Suites include $1, printed again as Types: deb-src
# with Suites: $1 (URIs, Components, Signed-By copied, a multi-line inline Signed-By key included).
debsrc_deb822() {
  local suite="$1"; shift
  [ $# -gt 0 ] && [ -e "$1" ] || return 0
  awk -v suite="$suite" '
    function flush() {
      if (!done && uris != "" && (" " types " ") ~ / deb / && (" " suites " ") ~ (" " suite " ") && tolower(enabled) != "no") {
        printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n", uris, suite, comps
        if (signed != "") printf "Signed-By:%s%s\n", (signed ~ /^\n/ ? "" : " "), signed
        done = 1
      }
      types = uris = suites = comps = signed = enabled = field = ""
    }
    FNR == 1 { flush() }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    /^[ \t]/ { if (field == "signed-by") signed = signed "\n" $0; next }
    {
      i = index($0, ":"); if (i == 0) next
      field = tolower(substr($0, 1, i - 1)); v = substr($0, i + 1); gsub(/^[ \t]+|[ \t]+$/, "", v)
      if (field == "types") types = v; else if (field == "uris") uris = v; else if (field == "suites") suites = v
      else if (field == "components") comps = v; else if (field == "signed-by") signed = v; else if (field == "enabled") enabled = v
    }
    END { flush() }' "$@"
}
# The same for one-line sources: the first `deb [options] URI $1 components` line, as deb-src.
debsrc_oneline() {
  local suite="$1"; shift
  local f; for f in "$@"; do [ -f "$f" ] || continue
    awk -v suite="$suite" '$1 == "deb" { n = 2; if ($2 ~ /^\[/) { while (n <= NF && $n !~ /\]$/) n++; n++ }
      if ($(n + 1) == suite) { sub(/^deb/, "deb-src"); print; exit 0 } }' "$f" | head -n1
  done | head -n1
}

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from another source (e.g. NodeSource); accept any working node + npm.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

# third_party/<dir> from `apt-get source <package>`: the unpacked source tree, checked by one file in it
SOURCES=("imgui imgui imgui.h" "zlib zlib contrib/minizip/zip.c" "pugixml pugixml src/pugixml.cpp" "libxml2 libxml2 HTMLparser.c")
need_src=0
for entry in "${SOURCES[@]}"; do
  set -- $entry
  [ -f "$ROOT/third_party/$2/$3" ] || need_src=1
done
if [ ${#missing[@]} -gt 0 ] || [ $need_src -eq 1 ]; then
  # a deb-src entry, needed by `apt-get source imgui`: the machine's own deb entry for the release
  # suite, repeated with Types: deb-src (same URIs, Components and Signed-By — apt refuses two
  # different Signed-By values for one source). No archive host is written here.
  if ! grep -rqs '^\s*\(deb-src\|Types:.*deb-src\)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    suite="$( . /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")"; suite="${suite:-bookworm}"
    entry="$(debsrc_deb822 "$suite" /etc/apt/sources.list.d/*.sources)"
    if [ -n "$entry" ]; then
      echo "setup: adding a deb-src entry for $suite (from the existing deb822 entry)"
      printf '%s\n' "$entry" | $SUDO tee /etc/apt/sources.list.d/nianbao-deb-src.sources >/dev/null
    else
      entry="$(debsrc_oneline "$suite" /etc/apt/sources.list /etc/apt/sources.list.d/*.list)"
      if [ -n "$entry" ]; then
        echo "setup: adding a deb-src entry for $suite (from the existing deb line)"
        printf '%s\n' "$entry" | $SUDO tee /etc/apt/sources.list.d/nianbao-deb-src.list >/dev/null
      elif [ $need_src -eq 1 ]; then
        echo "setup: no apt deb entry for $suite to derive a deb-src entry from; add one by hand" >&2; exit 1
      fi
    fi
  fi
  echo "setup: apt-get update"
  $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# the sources above, unpacked into third_party/ (ignored by git)
fetch_source() {   # package, folder, a file that must be in it
  [ -f "$ROOT/third_party/$2/$3" ] && return 0
  echo "setup: apt-get source $1"
  local tmp src
  tmp="$(mktemp -d)"
  (cd "$tmp" && apt-get source -qq "$1" >/dev/null 2>&1 || (cd "$tmp" && apt-get source "$1"))
  src="$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n1)"
  [ -n "$src" ] && [ -f "$src/$3" ] || { echo "setup: apt-get source $1 failed" >&2; exit 1; }
  mkdir -p "$ROOT/third_party"
  rm -rf "$ROOT/third_party/$2"
  mv "$src" "$ROOT/third_party/$2"
  rm -rf "$tmp"
}
for entry in "${SOURCES[@]}"; do
  set -- $entry
  fetch_source "$1" "$2" "$3"
done
grep -q 'IMGUI_VERSION_NUM *18600' "$ROOT/third_party/imgui/imgui.h" || echo "setup: warning: imgui is not 1.86" >&2

# npm test tools pinned by the lockfile (playwright-core; uses Debian's chromium, no browser download)
if [ -f "$ROOT/tests/browser/package-lock.json" ] && [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then
  echo "setup: npm ci (tests/browser)"
  (cd "$ROOT/tests/browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: ok"
