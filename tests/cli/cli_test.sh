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
# review: one row per file, counts equal `check` on each file; CSV with a BOM that LibreOffice Calc reads
# with the Chinese intact; a tampered page shows its P-2; an unreadable file is a row and exit 2
"$NIANBAO" render "$SEED" -o "$tmp/rv-page.html"
sed 's|data-cell="t4.review.total">41<|data-cell="t4.review.total">54<|' "$tmp/rv-page.html" > "$tmp/rv-tampered.html"
RV=("$SEED" "$SHARED"/real-reports/*.json "$SHARED"/real-pages/*.html "$tmp/rv-page.html" "$tmp/rv-tampered.html")
"$NIANBAO" review "${RV[@]}" --csv "$tmp/rv.csv" --html "$tmp/rv.html" > "$tmp/rv.txt"; rc=$?
[ $rc -eq 1 ] && ok || bad "review exit $rc, want 1 (some reports have errors)"
for f in "${RV[@]}"; do
  "$NIANBAO" check --json "$f" > "$tmp/rv-one.json"
  node -e 'const fs = require("fs");
const a = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const rows = fs.readFileSync(process.argv[2], "utf8").replace(/^\uFEFF/, "").split("\r\n").map(l => l.split(","));
const row = rows.find(r => r[0] === process.argv[3]);
if (!row) throw new Error("no row for " + process.argv[3]);
const n = s => a.filter(f => f.severity === s).length;
if (+row[4] !== n("error") || +row[5] !== n("warning") || +row[7] !== n("info"))
  throw new Error(process.argv[3] + ": review " + row.slice(4, 8) + " vs check " + [n("error"), n("warning"), n("info")]);' \
    "$tmp/rv-one.json" "$tmp/rv.csv" "$f" && ok || bad "review counts differ from check for $f"
done
grep -q 'rv-tampered.html.*页面表格与数据不符' "$tmp/rv.csv" && grep -q 'rv-page.html.*完好' "$tmp/rv.csv" \
  && ok || bad "review integrity column: $(cat "$tmp/rv.csv")"
grep -q '行政复议 总计：页面显示“54”' "$tmp/rv.html" && ok || bad "review page lists the P-2 finding"
head -c 3 "$tmp/rv.csv" | od -An -tx1 | grep -q 'ef bb bf' && ok || bad "review CSV has no BOM"
( cd "$tmp" && soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx rv.csv >/dev/null 2>&1 &&
  soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" --outdir calc rv.xlsx >/dev/null 2>&1 )
[ -f "$tmp/calc/rv.csv" ] && diff <(tail -c +4 "$tmp/rv.csv" | tr -d '\r') <(tr -d '"' < "$tmp/calc/rv.csv") > /dev/null \
  && grep -q '青海省人民政府' "$tmp/calc/rv.csv" && ok || bad "LibreOffice Calc does not read the review CSV back as written"
"$NIANBAO" review "$SHARED/real-reports/huaian-2024.json" "$tmp/bad.docx" > "$tmp/rv2.txt"; rc=$?
[ $rc -eq 2 ] && grep -q '淮安市人民政府' "$tmp/rv2.txt" && grep -q 'bad.docx.*无法读取' "$tmp/rv2.txt" \
  && ok || bad "review with an unreadable file: exit $rc $(cat "$tmp/rv2.txt")"
"$NIANBAO" review "$SHARED/real-reports/huaian-2024.json" > /dev/null; rc=$?
[ $rc -eq 0 ] && ok || bad "review of a clean report exit $rc"
# local rule pack: findings named after the pack, in check and review; an unsound pack → 2 naming the rule
cat > "$tmp/pack.json" <<'PACK'
{ "pack": 1, "name": "某市年报编制要求", "document": "某政办发〔2025〕1号", "format": "2021",
  "rules": [ { "id": "MS-1", "severity": "warning", "check": "max_length", "section": "overview", "limit": 300,
               "title": "总体情况不超过三百字" },
             { "id": "MS-2", "severity": "warning", "check": "text_mentions", "section": "overview",
               "all_of": [["不存在的专门提法"]], "title": "应写明专门提法" } ] }
PACK
"$NIANBAO" check --rules "$tmp/pack.json" "$SHARED/real-reports/huaian-2024.json" > "$tmp/pk.txt"; rc=$?
[ $rc -eq 0 ] && grep -q 'MS-1.*超过 300 字的上限.*某市年报编制要求' "$tmp/pk.txt" && grep -q 'MS-2.*未提及不存在的专门提法' "$tmp/pk.txt" \
  && ok || bad "check --rules: exit $rc $(cat "$tmp/pk.txt")"
"$NIANBAO" check --json --rules "$tmp/pack.json" "$SHARED/real-reports/huaian-2024.json" | grep -q '"pack": "某市年报编制要求"' \
  && ok || bad "check --json --rules: findings carry pack"
"$NIANBAO" review --rules "$tmp/pack.json" "$SHARED/real-reports/huaian-2024.json" --csv "$tmp/pk.csv" > /dev/null
grep -q '淮安市人民政府,2024,[^,]*,0,2,' "$tmp/pk.csv" && ok || bad "review --rules counts the pack's warnings: $(cat "$tmp/pk.csv")"
sed 's/"limit": 300/"limit": 300, "max": 1/' "$tmp/pack.json" > "$tmp/badpack.json"
"$NIANBAO" check --rules "$tmp/badpack.json" "$SEED" 2> "$tmp/bp.txt" > /dev/null; rc=$?
[ $rc -eq 2 ] && grep -q 'MS-1.*max' "$tmp/bp.txt" && ok || bad "unsound pack: exit $rc $(cat "$tmp/bp.txt")"
# pack: a local edition is the app with the pack before its program; packing it again replaces the pack
printf '<!DOCTYPE html>\n<html><head><title>政府信息公开工作年度报告 · nianbao</title></head><body>\n<script type="text/plain" id="nb-wasm">AAAA</script>\n<script>app()</script>\n</body></html>\n' > "$tmp/app.html"
"$NIANBAO" pack "$tmp/pack.json" -o "$tmp/ed.html" --app "$tmp/app.html" > "$tmp/pk2.txt"; rc=$?
[ $rc -eq 0 ] && grep -q '<script type="application/json" id="nb-pack">{ "pack": 1, "name": "某市年报编制要求"' "$tmp/ed.html" \
  && grep -q '<title>某市年报编制要求 · 政府信息公开工作年度报告填报</title>' "$tmp/ed.html" && grep -q '内置“某市年报编制要求”（2 条规则）' "$tmp/pk2.txt" \
  && ok || bad "pack: exit $rc $(cat "$tmp/pk2.txt")"
sed 's/某市年报编制要求/某县要求/' "$tmp/pack.json" > "$tmp/pack2.json"
"$NIANBAO" pack "$tmp/pack2.json" -o "$tmp/ed2.html" --app "$tmp/ed.html" > /dev/null; rc=$?
[ $rc -eq 0 ] && [ "$(grep -c 'id="nb-pack"' "$tmp/ed2.html")" -eq 1 ] && grep -q '"name": "某县要求"' "$tmp/ed2.html" \
  && ok || bad "pack of a local edition replaces its pack (exit $rc)"
"$NIANBAO" pack "$tmp/pack.json" -o "$tmp/ed3.html" --app "$SEED" 2> "$tmp/pk3.txt"; rc=$?
[ $rc -eq 2 ] && grep -q '不是 nianbao 的单文件程序' "$tmp/pk3.txt" && ok || bad "pack of something else: exit $rc"
# merge: the cell-wise sum of three reports; mixed formats → 2 naming the files
"$NIANBAO" merge "$SHARED"/real-reports/{hongze,huaian,suqian}-2024.json -o "$tmp/merged.json" > "$tmp/mg.txt"; rc=$?
[ $rc -eq 0 ] && node -e 'const fs = require("fs");
const m = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const parts = process.argv.slice(2).map(p => JSON.parse(fs.readFileSync(p, "utf8")));
for (const [t, rows] of Object.entries(m.tables)) for (const [r, cols] of Object.entries(rows)) for (const [c, v] of Object.entries(cols)) {
  if (t === "t3" && r.startsWith("3.6")) continue;   // the legacy （六） row: summed as one row (core test)
  const want = parts.reduce((s, p) => s + ((p.tables[t] || {})[r] || {})[c] ?? 0, 0);
  if (Math.abs(want - v) > 1e-9) throw new Error(t + "." + r + "." + c + ": " + v + " != " + want);
}
if (m.merged_from.length !== 3 || m.meta.year !== 2024) throw new Error(JSON.stringify(m.merged_from));' \
  "$tmp/merged.json" "$SHARED"/real-reports/{hongze,huaian,suqian}-2024.json && ok || bad "merge: exit $rc $(cat "$tmp/mg.txt")"
"$NIANBAO" merge "$SHARED/real-reports/huaian-2024.json" "$SEED" -o "$tmp/mixed.json" 2> "$tmp/mx.txt"; rc=$?
[ $rc -eq 2 ] && grep -q 'huaian-2024.json' "$tmp/mx.txt" && grep -q 'qinghai-2019.json' "$tmp/mx.txt" && [ ! -f "$tmp/mixed.json" ] \
  && ok || bad "merge of 2019 and 2021: exit $rc $(cat "$tmp/mx.txt")"
# convert (转换为…): the shared cells and the text kept, the dropped ones named; an unknown format refused
"$NIANBAO" convert "$SEED" --to 2021 -o "$tmp/conv.json" > "$tmp/conv.txt"; rc=$?
[ $rc -eq 1 ] && grep -q '15 个已填单元格' "$tmp/conv.txt" && grep -q '表二 政府集中采购 采购总金额（t2.procurement.amount）' "$tmp/conv.txt" && node -e '
const fs = require("fs");
const [c, s] = [1, 2].map(i => JSON.parse(fs.readFileSync(process.argv[i], "utf8")));
if (c.format !== "2021" || c.meta.agency !== s.meta.agency || c.text.overview !== s.text.overview) throw new Error("meta/text");
for (const t of ["t3", "t4"]) if (JSON.stringify(c.tables[t]) !== JSON.stringify(s.tables[t])) throw new Error(t);' "$tmp/conv.json" "$SEED" \
  && ok || bad "convert 2019 → 2021: exit $rc $(cat "$tmp/conv.txt")"
"$NIANBAO" convert "$SEED" --to 1999 -o "$tmp/conv2.json" 2> "$tmp/conv2.txt"; rc=$?
[ $rc -eq 2 ] && grep -q '未知的格式“1999”' "$tmp/conv2.txt" && [ ! -f "$tmp/conv2.json" ] && ok || bad "convert to an unknown format: exit $rc"
"$NIANBAO" frobnicate 2>/dev/null; rc=$?
[ $rc -eq 2 ] && ok || bad "unknown command exit $rc"

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
