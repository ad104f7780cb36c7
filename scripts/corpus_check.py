#!/usr/bin/env python3
"""Corpus check for script conversion (issue 15): on the Simplified and mixed
documents of a JSONL corpus, every character that `--to zh-hans` changes compared
with `--to keep`, grouped and counted.

Usage: scripts/corpus_check.py [CORPUS.jsonl] [ZHCLEAN]
  CORPUS   default ../shared/corpus/news.jsonl
  ZHCLEAN  default $CARGO_TARGET_DIR/release/zhclean (or target/release/zhclean)

Both runs use --punct keep -j1, so the only difference is conversion. A document is
Simplified or mixed by the report's `script.detected` of the zh-hans run. Prints the
number of documents compared and changed, then each change `from→to` with its count
and one document id and context where it happened.
"""
import collections
import difflib
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "corpus", "news.jsonl")
target_dir = os.environ.get("CARGO_TARGET_DIR", os.path.join(here, "..", "target"))
exe = sys.argv[2] if len(sys.argv) > 2 else os.path.join(target_dir, "release", "zhclean")


def run(to, report=None):
    args = [exe, "--jsonl", corpus, "--to", to, "--punct", "keep", "-j1", "-q"]
    if report:
        args += ["--report", report, "--report-format", "jsonl"]
    out = subprocess.run(args, capture_output=True, check=False).stdout.decode()
    return [json.loads(l) for l in out.splitlines() if l.strip()]


with tempfile.TemporaryDirectory() as tmp:
    rep = os.path.join(tmp, "r.jsonl")
    hans = run("zh-hans", rep)
    detected = {}
    with open(rep, encoding="utf-8") as fh:
        for l in fh:
            d = json.loads(l)
            if "line" in d and "script" in d:
                detected[d["line"]] = d["script"]["detected"]
keep = run("keep")
assert len(hans) == len(keep), (len(hans), len(keep))

changes = collections.Counter()
where = {}
docs = changed_docs = 0
for i, (h, k) in enumerate(zip(hans, keep)):
    if detected.get(i + 1) not in ("simplified", "mixed"):
        continue
    docs += 1
    a, b = k.get("text", ""), h.get("text", "")
    if a == b:
        continue
    changed_docs += 1
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if i2 - i1 == j2 - j1:
            pairs = [(a[i1 + n], b[j1 + n]) for n in range(i2 - i1)]
        else:
            pairs = [(a[i1:i2], b[j1:j2])]
        for x, y in pairs:
            changes[(x, y)] += 1
            where.setdefault((x, y), (k.get("doc_id"), a[max(0, i1 - 8):i2 + 8].replace("\n", " ")))

print(f"documents compared (Simplified or mixed): {docs}")
print(f"documents changed by --to zh-hans: {changed_docs}")
print(f"distinct changes: {len(changes)}, characters changed: {sum(changes.values())}")
for (x, y), n in changes.most_common():
    doc, ctx = where[(x, y)]
    print(f"{n:6d}  {x}→{y}  {doc}  …{ctx}…")
