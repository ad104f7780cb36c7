#!/usr/bin/env python3
"""Corpus audit for detection precision (issue 11).

Runs zhclean on a JSONL corpus (`--jsonl --to keep --punct keep`), then prints a
random sample of removals per kind, each in its document: the removed text marked
with [[- … -]], the kept copy marked with {{+ … +}}, and a few lines around. Read
the sample and judge each removal: real copy / lost meaning / author's repetition.

    python3 scripts/audit.py [--bin target/release/zhclean] [--corpus ../shared/corpus/news.jsonl]
                             [--per-kind 15] [--seed 11] [--kind sentence] [--report out.json]
                             [--counts-only] [--docs-of block]

`--docs-of KIND` prints the doc_ids that have a removal of KIND (to compare two runs).
"""
import argparse, json, os, random, subprocess, sys, tempfile
from collections import Counter, defaultdict

def clip(t, w=70):
    """A long line shortened to the stretches around the removal and kept marks."""
    keep = [False] * len(t)
    for m in ("[[-", "-]]", "{{+", "+}}"):
        at = t.find(m)
        while at >= 0:
            for k in range(max(0, at - w), min(len(t), at + len(m) + w)):
                keep[k] = True
            at = t.find(m, at + 1)
    for k in range(min(len(t), 60)):
        keep[k] = True
    out, gap = [], False
    for c, k in zip(t, keep):
        if k:
            out.append(c)
            gap = False
        elif not gap:
            out.append(" … ")
            gap = True
    return "".join(out)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "zhclean"))
    ap.add_argument("--corpus", default="../shared/corpus/news.jsonl")
    ap.add_argument("--per-kind", type=int, default=15)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--kind", action="append")
    ap.add_argument("--report", help="reuse this report instead of running zhclean")
    ap.add_argument("--counts-only", action="store_true")
    ap.add_argument("--docs-of")
    ap.add_argument("--context", type=int, default=2, help="lines of context around each copy")
    args = ap.parse_args()
    if not os.path.exists(args.corpus):
        sys.exit(f"no corpus at {args.corpus}")
    docs = [json.loads(l) for l in open(args.corpus, encoding="utf-8")]
    rep = args.report
    if not rep:
        rep = tempfile.mktemp(suffix=".json")
        # /dev/null opened write-only: zhclean takes a read-write stdout on /dev/null
        # (what subprocess.DEVNULL gives) for a closed one and refuses to run
        with open(os.devnull, "wb") as null:
            subprocess.run([args.bin, "--jsonl", "--to", "keep", "--punct", "keep", "-q",
                            args.corpus, "--report", rep], check=True, stdout=null)
    r = json.load(open(rep, encoding="utf-8"))
    by_kind = defaultdict(list)
    ev = Counter()
    for di, d in enumerate(r["documents"]):
        line = d.get("line") or di + 1
        for x in d["removed"]:
            by_kind[x["kind"]].append((line - 1, x))
            ev[(x["kind"], x.get("evidence", "-"))] += 1
    print("removals by kind:", {k: len(v) for k, v in sorted(by_kind.items())},
          "total", sum(len(v) for v in by_kind.values()))
    print("by kind and evidence:", dict(sorted(ev.items())))
    if args.docs_of:
        ids = sorted({docs[i].get("doc_id", str(i)) for i, _ in by_kind.get(args.docs_of, [])})
        print("\n".join(ids))
        return
    if args.counts_only:
        return
    rng = random.Random(args.seed)
    for kind in sorted(by_kind):
        if args.kind and kind not in args.kind:
            continue
        items = by_kind[kind]
        sample = items if len(items) <= args.per_kind else rng.sample(items, args.per_kind)
        print(f"\n######## {kind}: {len(sample)} of {len(items)}")
        for n, (i, x) in enumerate(sample, 1):
            text = docs[i]["text"]
            b = text.encode("utf-8")
            s, e = x["byte_range"]
            ks, ke = x.get("kept_byte_range") or (0, 0)
            marks = [(s, "[[-"), (e, "-]]")]
            if ke > ks:
                marks += [(ks, "{{+"), (ke, "+}}")]
            out = b
            for pos, m in sorted(marks, reverse=True):
                out = out[:pos] + m.encode() + out[pos:]
            lines = out.decode("utf-8", "replace").split("\n")
            lo = max(0, min(x["lines"][0], x["kept"][0] or x["lines"][0]) - 1 - args.context)
            hi = min(len(lines), max(x["lines"][1], x["kept"][1]) + args.context)
            print(f"\n--- {kind} #{n} doc_id={docs[i].get('doc_id')} lines={x['lines']} kept={x['kept']}"
                  f" sim={x['similarity']} evidence={x.get('evidence', '-')}")
            for k in range(lo, hi):
                t = lines[k]
                if len(t) > 240:
                    t = clip(t)
                print(f"{k+1:4}| {t}")

if __name__ == "__main__":
    main()
