#!/usr/bin/env python3
"""Per-document throughput through the Python binding vs the CLI, on the same
documents and thread count (the README's "Python binding speed").

    python scripts/bench_python.py [--corpus ../shared/corpus/news.jsonl] [--docs 5000]
                                   [--threads 2] [--runs 3] [--bin target/release/zhclean]

Takes the first N records of the corpus (field ``text``) into a temporary JSONL file,
then, best of R runs each (wall clock):

- CLI: ``zhclean --jsonl -j T -q IN -o OUT`` (reads, parses, cleans and writes JSONL);
- CLI with the report: the same with ``--report R.json`` (every report serialized);
- binding: ``Cleaner().clean_many(texts, threads=T)`` on the texts already in memory
  (every report handed to Python as dicts);
- binding, end to end: read and parse the JSONL in Python, ``clean_many``, write the
  records back with the cleaned text (``json.dumps``);
- and on one thread: ``zhclean --jsonl -j 1`` against ``Cleaner.clean`` called once
  per document (the per-call cost of the binding).

Checks that the binding's texts equal the CLI's output first. Prints docs/s and the
share of the CLI's rate at the same thread count (``zhclean --jsonl -j T``; the
one-thread rows against ``-j 1``). Needs the wheel installed (python/README.md) and a
release build of the binary with the same profile as the wheel.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import zhclean


def best(runs, fn):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="../shared/corpus/news.jsonl")
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", default=os.environ.get("ZHCLEAN_BIN", "target/release/zhclean"))
    a = ap.parse_args()

    records = []
    with open(a.corpus, encoding="utf-8") as f:
        for line in f:
            records.append(json.loads(line))
            if len(records) == a.docs:
                break
    texts = [r["text"] for r in records]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    tmp = Path(tempfile.mkdtemp(prefix="zhclean-bench-"))
    inp = tmp / "in.jsonl"
    with open(inp, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = tmp / "out.jsonl"
    base = [a.bin, "--jsonl", "-j", str(a.threads), "-q", str(inp), "-o", str(out)]

    cleaner = zhclean.Cleaner()
    # same results first
    subprocess.run(base, check=True)
    with open(out, encoding="utf-8") as f:
        cli_texts = [json.loads(line)["text"] for line in f]
    py_texts = [t for t, _ in cleaner.clean_many(texts, threads=a.threads)]
    assert cli_texts == py_texts, "the binding and the CLI disagree"

    def end_to_end():
        with open(inp, encoding="utf-8") as f:
            recs = [json.loads(line) for line in f]
        res = cleaner.clean_many([r["text"] for r in recs], threads=a.threads)
        with open(tmp / "py.jsonl", "w", encoding="utf-8") as f:
            for r, (t, _) in zip(recs, res):
                r["text"] = t
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    rows = [
        ("CLI --jsonl", best(a.runs, lambda: subprocess.run(base, check=True))),
        (
            "CLI --jsonl --report",
            best(a.runs, lambda: subprocess.run(base + ["--report", str(tmp / "r.json")], check=True)),
        ),
        ("Cleaner.clean_many", best(a.runs, lambda: cleaner.clean_many(texts, threads=a.threads))),
        ("Python JSONL end to end", best(a.runs, end_to_end)),
    ]
    if a.threads != 1:
        one = [a.bin, "--jsonl", "-j", "1", "-q", str(inp), "-o", str(out)]
        rows += [
            ("CLI --jsonl -j 1", best(a.runs, lambda: subprocess.run(one, check=True))),
            ("Cleaner.clean, one by one", best(a.runs, lambda: [cleaner.clean(t) for t in texts])),
        ]
    cli = len(texts) / rows[0][1]
    print(f"{len(texts)} documents, {mb:.1f} MB, {a.threads} threads, best of {a.runs}; zhclean {zhclean.__version__}")
    for name, secs in rows:
        rate = len(texts) / secs
        ref = cli if "-j 1" not in name and "one by one" not in name else len(texts) / rows[4][1]
        print(f"{name:26} {secs:7.3f} s {rate:9.0f} docs/s {rate / ref * 100:6.1f} % of the CLI")
    return 0


if __name__ == "__main__":
    sys.exit(main())
