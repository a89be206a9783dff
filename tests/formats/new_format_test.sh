#!/usr/bin/env bash
# new_format_test.sh — a new official format is one data file (issue #15). In a scratch copy of
# core/formats/ it adds a third format made from the 2021 one (make_format_2027.py: years 2027 on, a
# renamed row, a new row with its own rule), asserts that file is the only difference, builds the
# repository's unchanged sources against that folder (NIANBAO_FORMATS_DIR), and then uses the format as a
# clerk would: the CLI checks, renders (HTML and .docx, the .docx read by LibreOffice), imports (its page
# read from the printed table alone) and converts a report of it, and the app offers it in 新建.
# Env: NEWFORMAT_BUILD (build folder, default build-newformat), JOBS.
set -u
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BUILD="${NEWFORMAT_BUILD:-$ROOT/build-newformat}"
fail=0; pass=0
ok()  { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# 1. the scratch folder: the repository's format files plus one new file, and nothing else changed
formats="$tmp/formats"
cp -r core/formats "$formats"
python3 tests/formats/make_format_2027.py "$formats" || { echo "FAIL: could not write the new format"; exit 1; }
difference=$(diff -rq core/formats "$formats")
[ "$difference" = "Only in $formats: f2027.json" ] && ok || bad "the scratch folder differs by more than the new file: $difference"

# 2. the repository's sources as they are (-S .), built against that folder
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNIANBAO_FORMATS_DIR="$formats" > "$tmp/cmake.log" 2>&1 \
  || { cat "$tmp/cmake.log"; echo "FAIL: configure"; exit 1; }
cmake --build "$BUILD" --target nianbao ui_smoke_tests -j "${JOBS:-2}" > "$tmp/build.log" 2>&1 \
  || { tail -30 "$tmp/build.log"; echo "FAIL: build"; exit 1; }
N="$BUILD/bin/nianbao"

# 3. a report of the new format: the complete 2021 report, as 2027, with the new row filled
node -e '
const fs = require("fs");
const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
delete r.description;
r.format = "2027"; r.meta.year = 2027; r.meta.published = "2028-01-20";
r.tables.t2.adjudication = { decisions: 40 };
fs.writeFileSync(process.argv[2], JSON.stringify(r, null, 1));
r.tables.t2.adjudication.decisions = 5000;              // more than 行政处罚 (2315): T2-27
fs.writeFileSync(process.argv[3], JSON.stringify(r, null, 1));
r.format = "2021"; delete r.tables.t2.adjudication;     // a 2027 report in the old format: R-2
fs.writeFileSync(process.argv[4], JSON.stringify(r, null, 1));
r.meta.year = 2026; r.meta.published = "2027-01-20";    // 2026 still belongs to the 2021 format
fs.writeFileSync(process.argv[5], JSON.stringify(r, null, 1));
' tests/fixtures/base/complete-2021.json "$tmp/r2027.json" "$tmp/bad2027.json" "$tmp/old2027.json" "$tmp/r2026.json"

"$N" check "$tmp/r2027.json" > "$tmp/c1.txt"; rc=$?
[ $rc -eq 0 ] && ok || bad "check of a clean 2027 report: exit $rc $(cat "$tmp/c1.txt")"
"$N" check --json "$tmp/bad2027.json" > "$tmp/c2.json"; rc=$?
[ $rc -eq 1 ] && node -e '
const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const f = a.filter(x => x.code === "T2-27");
if (f.length !== 1 || !f[0].cells.includes("t2.adjudication.decisions") || !f[0].message.includes("行政裁决")) throw new Error(JSON.stringify(a));
if (a.some(x => x.severity === "error" && x.code !== "T2-27")) throw new Error("other errors: " + JSON.stringify(a));' "$tmp/c2.json" \
  && ok || bad "the new row's own rule T2-27: exit $rc $(cat "$tmp/c2.json")"
"$N" check "$tmp/old2027.json" > "$tmp/c3.txt"; rc=$?
grep -q '应使用2027 年格式' "$tmp/c3.txt" && ok || bad "R-2 for a 2027 report in the 2021 format: $(cat "$tmp/c3.txt")"
"$N" check "$tmp/r2026.json" > "$tmp/c4.txt"; rc=$?
[ $rc -eq 0 ] && ! grep -q 'R-2' "$tmp/c4.txt" && ok || bad "a 2026 report in the 2021 format (which the new file ends at 2026): exit $rc $(cat "$tmp/c4.txt")"

# 4. render: HTML and Word, with the renamed label and the new row; LibreOffice reads the .docx
"$N" render "$tmp/r2027.json" -o "$tmp/r.html" && ok || bad "render html"
grep -q '行政许可（含告知承诺）' "$tmp/r.html" && grep -q '>行政裁决<' "$tmp/r.html" && grep -q 'data-cell="t2.adjudication.decisions"[^>]*>40<' "$tmp/r.html" \
  && ok || bad "the page lacks the renamed or the new row"
"$N" render "$tmp/r2027.json" -o "$tmp/r.docx" && ok || bad "render docx"
(cd "$tmp" && HOME="$tmp" soffice --headless --convert-to pdf r.docx > soffice.log 2>&1)
pdftotext -layout "$tmp/r.pdf" "$tmp/r.txt" 2>/dev/null
grep -q '行政许可（含告知承' "$tmp/r.txt" && grep -q '行政裁决 *40' "$tmp/r.txt" && grep -q '2027 年政府信息公开工作年' "$tmp/r.txt" \
  && ok || bad "LibreOffice's PDF of the .docx lacks the new format's labels: $(head -c 600 "$tmp/r.txt" 2>/dev/null)"

# 5. import: our .docx, and the page with its embedded data removed (read from the printed table alone)
node -e '
const fs = require("fs");
const h = fs.readFileSync(process.argv[1], "utf8").replace(/<script type="application\/json"[^>]*>[\s\S]*?<\/script>/, "");
if (h.includes("application/json")) throw new Error("data still embedded");
fs.writeFileSync(process.argv[2], h);' "$tmp/r.html" "$tmp/published.html"
same_tables() { node -e '
const fs = require("fs");
const [a, b] = [1, 2].map(i => JSON.parse(fs.readFileSync(process.argv[i], "utf8")));
if (a.format !== "2027") throw new Error("format " + a.format);
const cells = r => Object.entries(r.tables).flatMap(([t, rows]) => Object.entries(rows).flatMap(([w, cols]) => Object.entries(cols).map(([c, v]) => t + "." + w + "." + c + "=" + v))).sort().join("\n");
if (cells(a) !== cells(b)) throw new Error("cells differ:\n" + cells(a));' "$1" "$2"; }
"$N" import "$tmp/published.html" -o "$tmp/imp-html.json" > "$tmp/i1.txt"; rc=$?
[ $rc -le 1 ] && same_tables "$tmp/imp-html.json" "$tmp/r2027.json" && ok || bad "import of the printed page: exit $rc $(cat "$tmp/i1.txt")"
"$N" import "$tmp/r.docx" -o "$tmp/imp-docx.json" > "$tmp/i2.txt"; rc=$?
[ $rc -eq 0 ] && same_tables "$tmp/imp-docx.json" "$tmp/r2027.json" && ok || bad "import of the .docx: exit $rc $(cat "$tmp/i2.txt")"

# 6. convert both ways: 2021 → 2027 keeps everything; 2027 → 2021 names the new row it cannot keep
"$N" convert tests/fixtures/base/complete-2021.json --to 2027 -o "$tmp/up.json" > "$tmp/v1.txt"; rc=$?
[ $rc -eq 0 ] && grep -q '已转换为2027 年格式' "$tmp/v1.txt" && ok || bad "convert 2021 → 2027: exit $rc $(cat "$tmp/v1.txt")"
"$N" convert "$tmp/r2027.json" --to 2021 -o "$tmp/down.json" > "$tmp/v2.txt"; rc=$?
[ $rc -eq 1 ] && grep -q '表二 行政裁决 本年处理决定数量（t2.adjudication.decisions）' "$tmp/v2.txt" && ok || bad "convert 2027 → 2021: exit $rc $(cat "$tmp/v2.txt")"

# 7. the app: 新建 lists the new format, and its year picks it (headless UI test, every format the core knows)
"$BUILD/bin/ui_smoke_tests" '[new-report]' > "$tmp/ui.txt" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q '新建: 2027 年格式，2027 年度' "$tmp/ui.txt" && grep -q '新建: 2021 年格式，2021 年度' "$tmp/ui.txt" \
  && ok || bad "新建 in the app: exit $rc $(tail -20 "$tmp/ui.txt")"

echo "new format: $pass passed, $fail failed"
[ $fail -eq 0 ]
