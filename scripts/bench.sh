#!/usr/bin/env bash
# Throughput and peak memory of zhclean on the real corpus, with Debian's OpenCC CLI
# (t2s) on the same input in the same run for comparison. Needs ../shared/corpus.
#   bash scripts/bench.sh            (results on stdout; inputs under $TMPDIR)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/news.jsonl
[ -f "$corpus" ] || { echo "no $corpus: nothing to measure" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/zhclean-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 - "$corpus" "$work" <<'PY'
import json, sys
corpus, work = sys.argv[1], sys.argv[2]
with open(f"{work}/docs.rs", "w") as docs, open(f"{work}/all.txt", "w") as everything, \
     open(f"{work}/tw.rs", "w") as tw, open(f"{work}/tw.txt", "w") as twt:
    for line in open(corpus):
        d = json.loads(line)
        t = d["text"].replace("\x1e", " ")
        docs.write(t + "\x1e"); everything.write(t + "\n\n")
        if d["source"] == "tw_news":
            tw.write(t + "\x1e"); twt.write(t + "\n\n")
PY
cargo build --release --quiet --example throughput
target=${CARGO_TARGET_DIR:-target}
bin=$target/release/zhclean
mb() { python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1])/1e6:.1f}')" "$1"; }
timed() { # label, command...: wall seconds and peak RSS from /usr/bin/time -v
  local label=$1; shift
  /usr/bin/time -v "$@" 2>"$work/time" >/dev/null
  awk -v l="$label" -F': ' '/Elapsed/ {split($2,t,":"); s=t[1]*60+t[2]} /Maximum resident/ {kb=$2}
       END {printf "%-52s %7.2f s  peak %6.1f MB\n", l, s, kb/1024}' "$work/time"
}
echo "== library, one document at a time, one thread (examples/throughput.rs)"
echo "all corpus documents ($(mb "$work/docs.rs") MB):  $($target/release/examples/throughput "$work/docs.rs")"
echo "tw_news, Traditional ($(mb "$work/tw.rs") MB):   $($target/release/examples/throughput "$work/tw.rs")"
echo "== command line, whole file as one document"
timed "zhclean all.txt ($(mb "$work/all.txt") MB)" $bin -q "$work/all.txt" -o "$work/out.txt" --report "$work/r.json"
timed "zhclean tw.txt ($(mb "$work/tw.txt") MB)" $bin -q "$work/tw.txt" -o "$work/out.txt" --report "$work/r.json"
if [ -x /usr/bin/opencc ]; then
  timed "/usr/bin/opencc -c t2s all.txt" /usr/bin/opencc -c t2s -i "$work/all.txt" -o "$work/o.txt"
  timed "/usr/bin/opencc -c t2s tw.txt" /usr/bin/opencc -c t2s -i "$work/tw.txt" -o "$work/o.txt"
else
  echo "/usr/bin/opencc not installed (apt-get install opencc): no comparison"
fi
