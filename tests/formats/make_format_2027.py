#!/usr/bin/env python3
"""make_format_2027.py — writes a third, made-up official format into a folder of format files, made from
f2021.json the way the next real one will differ: a new year range (2027 on), a table row renamed
(表二 行政许可 → 行政许可（含告知承诺）), one new row (表二 行政裁决) with a rule of its own (T2-27:
行政裁决 ≤ 行政处罚). Used by new_format_test.sh; never part of the build of the app.
Usage: make_format_2027.py FORMATS_DIR"""
import json
import sys

folder = sys.argv[1]
with open(f"{folder}/f2021.json", encoding="utf-8") as f:
    fmt = json.load(f)
fmt["format"] = "2027"
fmt["name"] = "中华人民共和国政府信息公开工作年度报告格式（2027 年修订，测试用）"
fmt["document"] = "国办公开办函〔2026〕99号（测试用）"
fmt["years"] = [2027, 9999]
t2 = next(t for t in fmt["tables"] if t["id"] == "t2")
renamed = added = False
for block in t2["blocks"]:
    for row in block["rows"]:
        if row["id"] == "licensing":
            row["label"] = "行政许可（含告知承诺）"
            renamed = True
    if any(r["id"] == "penalty" for r in block["rows"]):
        block["rows"].append({"id": "adjudication", "label": "行政裁决"})
        added = True
assert renamed and added, "f2021.json no longer has the rows this test changes"
fmt["rules"].insert(0, {
    "id": "T2-27", "severity": "error", "check": "less_equal",
    "title": "行政裁决处理决定数量 ≤ 行政处罚处理决定数量",
    "lhs": ["t2.adjudication.decisions"], "rhs": ["t2.penalty.decisions"],
    "basis": "测试用规则：新格式的新行带着自己的规则"})
with open(f"{folder}/f2027.json", "w", encoding="utf-8") as f:
    json.dump(fmt, f, ensure_ascii=False, indent=1)
