#!/usr/bin/env bash
# scripts/sanitize.sh — builds the native tests and the nianbao CLI with AddressSanitizer +
# UndefinedBehaviorSanitizer (-DNIANBAO_SANITIZE=ON, default compiler) in build-asan/ and runs ctest
# there (core_tests, cli_tests, ui_smoke_tests when Dear ImGui is present). Exits non-zero on any
# failure or sanitizer report. -O1 -g1 keeps the build and the run short.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$ROOT/build-asan"
JOBS="${SANITIZE_BUILD_JOBS:-1}"   # the build machine is shared: one compile at a time by default

mkdir -p "$BUILD"
echo "sanitize: configuring $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1" -DNIANBAO_SANITIZE=ON -DNIANBAO_TESTS=ON >"$BUILD/configure.log" 2>&1 \
  || { cat "$BUILD/configure.log" >&2; exit 2; }

targets=(core_tests nianbao docx_consumers_tests)
# ui_smoke_tests exists only when third_party/imgui is there (scripts/setup.sh)
[ -f "$ROOT/third_party/imgui/imgui.h" ] && targets+=(ui_smoke_tests)
echo "sanitize: building ${targets[*]} (-j$JOBS)"
cmake --build "$BUILD" -j "$JOBS" --target "${targets[@]}"

# halt on the first report; leaks count as failures; UBSan prints a stack for each report
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
echo "sanitize: ctest"
ctest --test-dir "$BUILD" --output-on-failure
