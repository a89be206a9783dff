#!/usr/bin/env bash
# scripts/fuzz.sh — builds the libFuzzer targets (tests/fuzz) with clang + ASan/UBSan in build-fuzz/,
# replays tests/fuzz/regressions/<target>/ first, then fuzzes each target for FUZZ_SECONDS (default 30).
# Seeds are made fresh each run from the fixtures, tests/data reports, a rendered page and paste_seeds/;
# the grown corpus stays in build-fuzz/fuzz/. Exits non-zero on any crash, leak, timeout or OOM.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA="$ROOT/tests/data"   # the seed and real reports (tests/data/README.md)
BUILD="$ROOT/build-fuzz"
WORK="$BUILD/fuzz"
SECS="${FUZZ_SECONDS:-30}"
JOBS="${FUZZ_BUILD_JOBS:-1}"     # the build machine is shared: one compile at a time by default
TARGETS=(fuzz_report fuzz_paste fuzz_edits fuzz_import)

command -v clang++ >/dev/null || { echo "fuzz: clang++ not found (run scripts/setup.sh)" >&2; exit 2; }

mkdir -p "$BUILD"
echo "fuzz: configuring $BUILD"
CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DNIANBAO_FUZZ=ON >"$BUILD/configure.log" 2>&1 \
  || { cat "$BUILD/configure.log" >&2; exit 2; }
echo "fuzz: building ${TARGETS[*]} nianbao (-j$JOBS)"
cmake --build "$BUILD" -j "$JOBS" --target "${TARGETS[@]}" nianbao

# --- seeds (regenerated every run) ---
rm -rf "$WORK/seeds"
mkdir -p "$WORK/seeds/fuzz_report" "$WORK/seeds/fuzz_paste" "$WORK/seeds/fuzz_edits" "$WORK/seeds/fuzz_import"
# import seeds: the real published pages' tables and headings, cut to a size the fuzzer mutates quickly
for f in "$DATA"/real-pages/*.html; do
  head -c 24000 "$f" >"$WORK/seeds/fuzz_import/$(basename "$f" .html)-head.html"
  tail -c 24000 "$f" >"$WORK/seeds/fuzz_import/$(basename "$f" .html)-tail.html"
done
printf '一、本年新收政府信息公开申请数量\t\t\t3\t1\t0\t0\t0\t0\t4\r\n' >"$WORK/seeds/fuzz_import/tsv.txt"
for f in "$ROOT"/tests/fixtures/base/*.json "$ROOT"/tests/fixtures/20*/*.json "$DATA"/seed/qinghai-2019.json \
         "$DATA"/real-reports/*.json "$DATA"/real-reports/partial/*.json; do
  [ -f "$f" ] || continue
  rel="${f#"$DATA"/}"; rel="${rel#"$ROOT"/}"
  cp "$f" "$WORK/seeds/fuzz_report/${rel//\//_}"
done
for f in "$ROOT"/tests/fixtures/base/complete-2021.json "$DATA"/seed/qinghai-2019.json; do
  [ -f "$f" ] || continue
  "$BUILD/bin/nianbao" render "$f" -o "$WORK/seeds/fuzz_report/page-$(basename "$f" .json).html" >/dev/null
done
# paste seeds: the first 3 bytes choose table/row/column (see fuzz_paste.cpp), the rest is clipboard text
i=0
for f in "$ROOT"/tests/fuzz/paste_seeds/*.txt; do
  for pos in '\x00\x00\x00' '\x00\x05\x01' '\x04\x12\x00' '\x01\x03\x00' '\x02\x00\x02'; do
    { printf "$pos"; cat "$f"; } >"$WORK/seeds/fuzz_paste/seed-$i"
    i=$((i + 1))
  done
done

# edit seeds: a few fixed sequences (format byte, then op/argument bytes; see fuzz_edits.cpp)
printf '\x01\x03\x0c2020\xe5\xb9\xb43\xe6\x9c\x8830\xe6\x97\xa5\x01\x04\x04----' >"$WORK/seeds/fuzz_edits/date-year"
printf '\x00\x00\x00\x05\x0824252.311082\x08\x01\x07\x00\x07\x01' >"$WORK/seeds/fuzz_edits/cells-undo"
printf '\x01\x02\x06\xe6\x9f\x90\xe5\x8e\xbf\x06\x02\x05abc\x00\x09\x01' >"$WORK/seeds/fuzz_edits/texts-convert"

status=0
summary=()
for t in "${TARGETS[@]}"; do
  bin="$BUILD/bin/$t"
  corpus="$WORK/corpus/$t"; art="$WORK/artifacts/$t"; log="$WORK/$t.log"
  mkdir -p "$corpus" "$art"
  opts=(-rss_limit_mb=2048 -timeout=10)
  case "$t" in fuzz_report) opts+=(-max_len=200000) ;; fuzz_import) opts+=(-max_len=32000) ;; *) opts+=(-max_len=4096) ;; esac
  dict="$ROOT/tests/fuzz/${t#fuzz_}.dict"     # report.dict for fuzz_report, if there is one
  [ -f "$dict" ] && opts+=(-dict="$dict")

  # 1. known crashers first: each must now run clean
  regs=()
  for f in "$ROOT/tests/fuzz/regressions/$t"/*; do [ -f "$f" ] && regs+=("$f"); done
  if [ ${#regs[@]} -gt 0 ]; then
    if "$bin" "${opts[@]}" "${regs[@]}" >"$WORK/$t.regressions.log" 2>&1; then
      echo "fuzz: $t: ${#regs[@]} regression inputs replayed, ok"
    else
      echo "fuzz: $t: a regression input fails again:" >&2
      tail -n 40 "$WORK/$t.regressions.log" >&2
      summary+=("$t: REGRESSION (see $WORK/$t.regressions.log)")
      status=1
      continue
    fi
  fi

  # 2. fuzz for a bounded time; new coverage goes into $corpus, seeds are read only
  echo "fuzz: $t: fuzzing for ${SECS}s"
  rc=0
  "$bin" "${opts[@]}" -max_total_time="$SECS" -print_final_stats=1 -artifact_prefix="$art/" \
    "$corpus" "$WORK/seeds/$t" >"$log" 2>&1 || rc=$?
  runs="$(grep -o 'Done [0-9]* runs' "$log" | tail -n1 | awk '{print $2}' || true)"
  if [ $rc -eq 0 ] && [ -n "$runs" ]; then
    summary+=("$t: $runs runs, no findings")
  else
    kind="$(grep -o -m1 'ERROR: libFuzzer: [a-z-]*\|ERROR: [A-Za-z]*Sanitizer: [A-Za-z-]*\|runtime error: .*' "$log" || true)"
    found="$(grep -o 'Test unit written to .*' "$log" | tail -n1 | sed 's/^Test unit written to //' || true)"
    echo "fuzz: $t failed (exit $rc); last lines of $log:" >&2
    tail -n 60 "$log" >&2
    stat_runs="$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' || true)"
    summary+=("$t: FINDING after ${stat_runs:-?} runs: ${kind:-exit $rc}${found:+ — input $found (add it to tests/fuzz/regressions/$t/ with the fix)}")
    status=1
  fi
done

echo "fuzz: summary (${SECS}s per target)"
for s in "${summary[@]}"; do echo "  $s"; done
exit $status
