#!/usr/bin/env python3
"""Compare the removals of two zhclean JSONL-corpus reports of the same input.

Usage: scripts/audit_diff.py CORPUS.jsonl OLD.report.json NEW.report.json [--field text] [--sample N] [--seed S]
       scripts/audit_diff.py files OLD.report.json NEW.report.json [...]

Both reports must come from `zhclean --jsonl CORPUS.jsonl --report R.json` (same
corpus, same options but the change under test), or, with `files` for CORPUS, from
one run over files or directories (`zhclean DIR... --out-dir D --report R.json`):
then each document's text is read from its `path` in the report. Prints counts of removals by kind
in each report, then every removal (or a random sample of N) that is only in NEW and
only in OLD, with the removed text in brackets and 60 characters of context either
side, for a person to read and judge: is the new removal a real copy?
"""
import argparse
import json
import random
from collections import Counter


def removals(report):
    out = {}
    for i, d in enumerate(report["documents"]):
        for r in d.get("removed", []):
            out[(i, tuple(r["char_range"]))] = r
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--field", default="text")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    old_report = json.load(open(a.old, encoding="utf-8"))
    if a.corpus == "files":
        texts = [open(d["path"], encoding="utf-8", errors="replace").read() for d in old_report["documents"]]
    else:
        texts = [json.loads(l)[a.field] for l in open(a.corpus, encoding="utf-8") if l.strip()]
    old = removals(old_report)
    new = removals(json.load(open(a.new, encoding="utf-8")))
    for name, rs in (("old", old), ("new", new)):
        c = Counter(r["kind"] for r in rs.values())
        print(f"{name}: {sum(c.values())} removals", dict(sorted(c.items())))
    rng = random.Random(a.seed)
    for title, keys in (("only in NEW", sorted(set(new) - set(old))), ("only in OLD", sorted(set(old) - set(new)))):
        rs = {**old, **new}
        print(f"\n== {title}: {len(keys)}")
        if a.sample and len(keys) > a.sample:
            keys = sorted(rng.sample(keys, a.sample))
        for (doc, (s, e)) in keys:
            r = rs[(doc, (s, e))]
            t = texts[doc]
            ctx = t[max(0, s - 60):s] + "[" + t[s:e] + "]" + t[e:e + 60]
            print(f"-- doc {doc} {r['kind']} chars {s}-{e} lines {r['lines']} kept {r['kept']}")
            print(ctx.replace("\n", "⏎"))


if __name__ == "__main__":
    main()
