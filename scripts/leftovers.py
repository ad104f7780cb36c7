#!/usr/bin/env python3
"""List the documents of a JSONL corpus that still hold a repeat after cleaning (issue 16).

Runs zhclean on the corpus (`--jsonl --to keep --punct keep`), then checks every
document, before and after cleaning, for:

  sentence  a sentence (split after 。！？!?) of 12+ characters that occurs twice;
  line      a line of 10+ characters (trimmed) that occurs twice;
  half      a line whose second half repeats its first (`XX`, 10+ characters each).

Prints how many documents hold each kind before and after, the share of the
documents with a repeat before that still hold one after, and a random sample of
leftovers with the repeated text, to read and judge (real leftover copy, or the
author's repetition: a refrain, a list field, a caption, a lead quoting its body).

    python3 scripts/leftovers.py [--bin target/release/zhclean]
        [--corpus ../shared/corpus/news.jsonl] [--sample 30] [--seed 16] [--ids]
        [--context N]   # with each sampled leftover, both places in the cleaned
                        # text with N characters either side (to judge it)
"""
import argparse, json, os, random, re, subprocess, sys, tempfile
from collections import Counter

SENT = re.compile(r"[^。！？!?\n]+[。！？!?]+[”’」』）)]*")


def norm(s):
    return re.sub(r"\s+", "", s)


def repeats(text):
    """(kind, repeated text) of the first repeat of each kind, or []."""
    out = []
    seen = set()
    for m in SENT.finditer(text):
        s = norm(m.group())
        if len(s) >= 12:
            if s in seen:
                out.append(("sentence", s))
                break
            seen.add(s)
    seen = set()
    for line in text.splitlines():
        s = norm(line)
        if len(s) >= 10:
            if s in seen:
                out.append(("line", s))
                break
            seen.add(s)
    for line in text.splitlines():
        s = norm(line)
        h = len(s) // 2
        if h >= 10 and len(s) % 2 == 0 and s[:h] == s[h:]:
            out.append(("half", s[:h]))
            break
    return out


def places(text, s):
    """(start, end) of each occurrence of `s` in `text`, whitespace ignored."""
    pat = r"\s*".join(re.escape(c) for c in s)
    return [m.span() for m in re.finditer(pat, text)]


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--bin", default=os.path.join(here, "..", "target", "release", "zhclean"))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus", "news.jsonl"))
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--ids", action="store_true", help="print every leftover doc_id")
    ap.add_argument("--context", type=int, default=0,
                    help="print both places of each sampled repeat with N characters either side")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        subprocess.run([a.bin, "--jsonl", a.corpus, "--to", "keep", "--punct", "keep",
                        "-q", "-o", out], check=True)
        before = [json.loads(l) for l in open(a.corpus, encoding="utf-8")]
        after = [json.loads(l) for l in open(out, encoding="utf-8")]
    if len(before) != len(after):
        sys.exit(f"{len(before)} documents in, {len(after)} out")
    kb, ka = Counter(), Counter()
    had, still, left = 0, 0, []
    for d0, d1 in zip(before, after):
        r0, r1 = repeats(d0.get("text", "")), repeats(d1.get("text", ""))
        for k, _ in r0:
            kb[k] += 1
        for k, _ in r1:
            ka[k] += 1
        if r0:
            had += 1
            if r1:
                still += 1
        if r1:
            left.append((d1.get("doc_id"), r1, d1.get("text", "")))
    print(f"documents: {len(before)}")
    print(f"with a repeat before cleaning: {had}; after: {len(left)}; "
          f"of the {had}, still holding one: {still} ({100 * still / max(had, 1):.1f} %)")
    for k in ("sentence", "line", "half"):
        print(f"  {k:8} before {kb[k]:5}  after {ka[k]:5}")
    if a.ids:
        for i, r, _ in left:
            print(i, " ".join(k for k, _ in r))
    random.seed(a.seed)
    print(f"\nsample of {min(a.sample, len(left))} leftovers:")
    for i, r, text in random.sample(left, min(a.sample, len(left))):
        for k, s in r:
            print(f"  {i} {k}: {s[:90]}")
            if a.context:
                for n, at in enumerate(places(text, s)[:2]):
                    lo, hi = max(0, at[0] - a.context), at[1] + a.context
                    print(f"      [{n + 1}] …{text[lo:hi]}…".replace("\n", "⏎"))


if __name__ == "__main__":
    main()
