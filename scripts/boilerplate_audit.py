#!/usr/bin/env python3
"""Audit `--strip-boilerplate` removals (issue 14).

Runs zhclean with `--strip-boilerplate --to keep --punct keep` on news.jsonl (as
JSONL) and on the messy/boilerplate and scraped page folders, counts boilerplate
removals by evidence (rule / link_list / page_edge / markup / script) and rule name,
and prints a random sample of each group, every removal in its document with one line
of context either side, the removed text marked [[- … -]]. Read them and judge each:
furniture, or content wrongly removed.

    python3 scripts/boilerplate_audit.py [--bin PATH] [--per-group 8] [--seed 14] [--counts-only]
"""
import argparse, glob, json, os, random, subprocess, sys, tempfile
from collections import Counter, defaultdict

SHARED = "../shared/corpus"

def run_jsonl(binary, path):
    rep = tempfile.mktemp(suffix=".json")
    subprocess.run([binary, "--jsonl", "--strip-boilerplate", "--to", "keep", "--punct", "keep", "-q",
                    path, "--report", rep, "-o", os.devnull], check=True)
    docs = [json.loads(l)["text"] for l in open(path, encoding="utf-8")]
    r = json.load(open(rep, encoding="utf-8"))
    return [(f"{os.path.basename(path)}:{i+1}", t, d) for i, (t, d) in enumerate(zip(docs, r["documents"]))]

def run_files(binary, files):
    out = []
    for f in files:
        rep = tempfile.mktemp(suffix=".json")
        subprocess.run([binary, "--strip-boilerplate", "--to", "keep", "--punct", "keep", "-q",
                        f, "--report", rep, "-o", os.devnull], check=True)
        r = json.load(open(rep, encoding="utf-8"))
        out.append((f, open(f, encoding="utf-8", errors="replace").read(), r["documents"][0]))
    return out

def show(text, rem, width=60):
    a, b = rem["char_range"]
    start = text.rfind("\n", 0, max(0, a - 1))
    start = text.rfind("\n", 0, max(0, start)) if start > 0 else 0
    end = text.find("\n", b + 1)
    end = len(text) if end < 0 else end
    pre, mid, post = text[max(0, start):a], text[a:b], text[b:end]
    pre, post = pre[-width:], post[:width]
    if len(mid) > 400:
        mid = mid[:200] + " … " + mid[-150:]
    return (pre + "[[-" + mid + "-]]" + post).replace("\n", "⏎")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "zhclean"))
    ap.add_argument("--per-group", type=int, default=8)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--counts-only", action="store_true")
    args = ap.parse_args()
    docs = run_jsonl(args.bin, os.path.join(SHARED, "news.jsonl"))
    pages = sorted(glob.glob(os.path.join(SHARED, "messy/boilerplate/*.txt")))
    pages += sorted(glob.glob(os.path.join(SHARED, "scraped/*/*.naive.txt")))
    docs += run_files(args.bin, pages)
    groups = defaultdict(list)
    chars = Counter()
    for name, text, d in docs:
        for r in d["removed"]:
            if r["kind"] != "boilerplate":
                continue
            key = r["evidence"] + (" " + r["rule"].split(" ")[0] if r.get("rule") else "")
            groups[key].append((name, text, r))
            chars[key] += r["chars"]
    print(f"documents {len(docs)}; boilerplate removals {sum(map(len, groups.values()))}")
    for k in sorted(groups, key=lambda k: -len(groups[k])):
        print(f"  {k:28} {len(groups[k]):6} removals {chars[k]:8} chars")
    if args.counts_only:
        return
    rnd = random.Random(args.seed)
    for k in sorted(groups):
        sample = rnd.sample(groups[k], min(args.per_group, len(groups[k])))
        print(f"\n=== {k} ({len(groups[k])})")
        for name, text, r in sample:
            print(f"- {name} lines {r['lines'][0]}-{r['lines'][1]}: {show(text, r)}")

if __name__ == "__main__":
    main()
