#!/usr/bin/env bash
# Script conversion speed, side by side in one run (issue 15): zhclean --jsonl -j1 on
# the Traditional (tw_news) documents of ../shared/corpus/news.jsonl beside
# `opencc -c t2s` on the same text; CPU start-up of a run converting a short
# Traditional text; build time and size of the automata.
#   bash scripts/bench_convert.sh
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/news.jsonl
[ -f "$corpus" ] || { echo "no $corpus: nothing to measure" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/zhclean-conv.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 - "$corpus" "$work" <<'PY'
import json, sys
corpus, work = sys.argv[1], sys.argv[2]
with open(f"{work}/tw.jsonl", "w") as j, open(f"{work}/tw.txt", "w") as t:
    for line in open(corpus):
        d = json.loads(line)
        if d["source"] == "tw_news":
            j.write(line); t.write(d["text"] + "\n")
PY
cargo build --release --quiet --example automata
target=${CARGO_TARGET_DIR:-target}
bin=$target/release/zhclean
mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1e6)" "$work/tw.txt")
best() { # best of 5 wall seconds of a command
  python3 - "$@" <<'PY'
import subprocess, sys, time
b = 1e9
for _ in range(5):
    t = time.perf_counter(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); b = min(b, time.perf_counter() - t)
print(b)
PY
}
z=$(best $bin --jsonl "$work/tw.jsonl" -j1 -q -o /dev/null)
o=$(best opencc -c t2s -i "$work/tw.txt" -o /dev/null)
python3 -c "
mb,z,o=$mb,$z,$o
print(f'tw_news: {mb:.1f} MB of Traditional text')
print(f'zhclean --jsonl -j1 (whole pipeline): {z:.3f} s, {mb/z:6.1f} MB/s')
print(f'opencc -c t2s (OpenCC CLI):            {o:.3f} s, {mb/o:6.1f} MB/s')
print(f'ratio: {o/z:.1f}x')"
printf '他於1990年出生於台北。後來移居香港。\n' > "$work/short.txt"
python3 - "$bin" "$work/short.txt" <<'PY'
import os, resource, subprocess, sys
runs = 50
def cpu(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(runs):
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) / runs * 1e3
print(f"start-up, CPU per run converting a short Traditional text: zhclean {cpu([sys.argv[1], '-q', sys.argv[2]]):.1f} ms, "
      f"opencc -c t2s {cpu(['opencc', '-c', 't2s', '-i', sys.argv[2]]):.1f} ms")
PY
$target/release/examples/automata
