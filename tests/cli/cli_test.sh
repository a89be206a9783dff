#!/usr/bin/env bash
# cli_test.sh — drives build/bin/nianbao as a user would (interchange.md §3): exit codes, human and
# --json output, --previous, many files, render. Needs NIANBAO (the binary) and SHARED
# (the test data folder, tests/data: a copy of the project's shared/ folder).
set -u
fail=0; pass=0
ok()  { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
SEED="$SHARED/seed/qinghai-2019.json"

"$NIANBAO" check "$SEED" > "$tmp/out.txt"; rc=$?
[ $rc -eq 1 ] && ok || bad "check seed exit $rc, want 1"
grep -q '表四 行政复议 总计：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 54，填报 41，相差 13' "$tmp/out.txt" && ok || bad "human message for T4-1 missing: $(cat "$tmp/out.txt")"
grep -q '共 1 个错误' "$tmp/out.txt" && ok || bad "seed should have exactly one error"

"$NIANBAO" check --json "$SEED" > "$tmp/out.json"; rc=$?
[ $rc -eq 1 ] && ok || bad "check --json exit $rc"
node -e '
const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const errs = a.filter(f => f.severity === "error");
if (errs.length !== 1) throw new Error("errors: " + errs.length);
const e = errs[0];
if (e.code !== "T4-1" || !e.cells.includes("t4.review.total") || e.expected !== 54 || e.actual !== 41) throw new Error(JSON.stringify(e));
if (!e.file || !e.message) throw new Error("file/message missing");
if (!e.fix || e.fix.cell !== "t4.review.total" || e.fix.value !== 54) throw new Error("fix " + JSON.stringify(e.fix));
' "$tmp/out.json" && ok || bad "--json content"

"$NIANBAO" check "$SHARED/real-reports/huaian-2024.json" "$SHARED/real-reports/suqian-2024.json" > /dev/null; rc=$?
[ $rc -eq 0 ] && ok || bad "clean reports exit $rc, want 0"
"$NIANBAO" check "$SHARED/real-reports/huaian-2024.json" "$SHARED/real-reports/hongze-2023.json" > /dev/null; rc=$?
[ $rc -eq 1 ] && ok || bad "many files with one erroneous: exit $rc, want 1"

"$NIANBAO" check --json --previous "$SHARED/real-reports/suqian-2023.json" "$SHARED/real-reports/suqian-2024.json" > "$tmp/prev.json"; rc=$?
[ $rc -eq 0 ] && ok || bad "--previous exit $rc"
node -e '
const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
if (a.some(f => ["T3-6","T2-3"].includes(f.code))) throw new Error("cross-year rules should hold: " + JSON.stringify(a));
' "$tmp/prev.json" && ok || bad "cross-year suqian"

printf '{"nianbao":1,' > "$tmp/broken.json"
"$NIANBAO" check "$tmp/broken.json" > "$tmp/broken.txt"; rc=$?
[ $rc -eq 2 ] && ok || bad "broken json exit $rc, want 2"
grep -q '第 1 行' "$tmp/broken.txt" && ok || bad "broken json message lacks line: $(cat "$tmp/broken.txt")"
"$NIANBAO" check "$tmp/missing.json" > /dev/null; rc=$?
[ $rc -eq 2 ] && ok || bad "missing file exit $rc"

"$NIANBAO" render "$SEED" -o "$tmp/q.html"; rc=$?
[ $rc -eq 0 ] && ok || bad "render exit $rc"
grep -q '青海省人民政府2019年政府信息公开工作年度报告' "$tmp/q.html" && ok || bad "render title"
"$NIANBAO" check "$tmp/q.html" > /dev/null; rc=$?
[ $rc -eq 1 ] && ok || bad "a rendered page can be checked again (exit $rc)"
# a page changed after it was made: one embedded number → P-1; one visible cell → P-2 naming it
sed 's/"review": { "upheld": 34/"review": { "upheld": 35/' "$tmp/q.html" > "$tmp/q-data.html"
"$NIANBAO" check --json "$tmp/q-data.html" > "$tmp/q-data.json"
node -e 'const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
if (!a.some(f => f.code === "P-1" && f.severity === "error")) throw new Error(JSON.stringify(a));' "$tmp/q-data.json" \
  && ok || bad "changed embedded data gives no P-1"
sed 's/data-cell="t4.review.total">41</data-cell="t4.review.total">54</' "$tmp/q.html" > "$tmp/q-cell.html"
"$NIANBAO" check "$tmp/q-cell.html" > "$tmp/q-cell.txt"
grep -q 'P-2.*行政复议 总计：页面显示“54”，内嵌数据为“41”' "$tmp/q-cell.txt" && ! grep -q 'P-1' "$tmp/q-cell.txt" \
  && ok || bad "changed visible cell: $(cat "$tmp/q-cell.txt")"
"$NIANBAO" check --json "$tmp/q.html" | grep -q '"P-[12]"' && bad "an untouched page reports P-1/P-2" || ok
# Word: the extension chooses; nianbao opens its own .docx back as the same report
"$NIANBAO" render "$SEED" -o "$tmp/q.DOCX"; rc=$?
[ $rc -eq 0 ] && [ "$(head -c 2 "$tmp/q.DOCX")" = "PK" ] && ok || bad "render .docx exit $rc"
"$NIANBAO" check --json "$tmp/q.DOCX" > "$tmp/q-docx.json"; rc=$?
"$NIANBAO" check --json "$SEED" > "$tmp/q-seed.json"
[ $rc -eq 1 ] && diff <(sed 's/"file": "[^"]*"//' "$tmp/q-docx.json") <(sed 's/"file": "[^"]*"//' "$tmp/q-seed.json") >/dev/null \
  && ok || bad "the .docx checks as its report (exit $rc)"
printf 'PK\003\004not a zip' > "$tmp/bad.docx"
"$NIANBAO" check "$tmp/bad.docx" > "$tmp/bad-docx.txt"; rc=$?
[ $rc -eq 2 ] && grep -q 'zip' "$tmp/bad-docx.txt" && ok || bad "a broken .docx: exit $rc $(cat "$tmp/bad-docx.txt")"
"$NIANBAO" render "$tmp/broken.json" -o "$tmp/x.html" 2>/dev/null; rc=$?
[ $rc -eq 2 ] && ok || bad "render broken exit $rc"
# import: a real published page → exit 0 and the report as read; --json lists each cell's printed labels
PAGES="$SHARED/real-pages"
"$NIANBAO" import "$PAGES/shanghai-2019.html" -o "$tmp/imp.json" > "$tmp/imp.txt"; rc=$?
[ $rc -eq 0 ] && grep -q '读入 198 格，全部读入' "$tmp/imp.txt" && ok || bad "import a real page: exit $rc $(cat "$tmp/imp.txt")"
"$NIANBAO" check "$tmp/imp.json" > /dev/null; rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] && ok || bad "the imported report checks (exit $rc)"
"$NIANBAO" import --json "$PAGES/pingtan-2024.html" > "$tmp/imp2.json"; rc=$?
node -e 'const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[0];
if (a.status !== 1 || a.format !== "2021" || !a.cells.some(c => c.cell === "t2.fees.amount" && c.printed === "18651.06" && c.column.includes("本年收费金额"))
    || !a.items.some(i => i.kind === "meta")) throw new Error(JSON.stringify(a).slice(0, 400));' "$tmp/imp2.json" \
  && [ $rc -eq 1 ] && ok || bad "import --json: exit $rc"
# several files into a folder; a page that is not a report → 2, and the others are still written
mkdir -p "$tmp/out"
printf '<html><body><p>通知</p></body></html>' > "$tmp/notice.html"
"$NIANBAO" import "$PAGES/pingtan-2021.html" "$tmp/notice.html" -o "$tmp/out" > "$tmp/imp3.txt"; rc=$?
[ $rc -eq 2 ] && [ -f "$tmp/out/pingtan-2021.json" ] && grep -q 'notice.html：无法导入：不是政府信息公开工作年度报告' "$tmp/imp3.txt" \
  && ok || bad "import of two files, one not a report: exit $rc $(cat "$tmp/imp3.txt")"
"$NIANBAO" frobnicate 2>/dev/null; rc=$?
[ $rc -eq 2 ] && ok || bad "unknown command exit $rc"

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
