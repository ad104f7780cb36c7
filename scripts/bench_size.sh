#!/usr/bin/env bash
# Time and peak memory against input size (issue 5's size runs): 10 MB, 100 MB and
# 1 GB files built from the real corpus (../shared/corpus/news.jsonl, 49.8 MB), and
# a 100 MB single line.
#
#   bash scripts/bench_size.sh             # figures on stdout; inputs under $TMPDIR
#   SIZES="10 100" bash scripts/bench_size.sh
#
# Inputs: "distinct" repeats the corpus as often as needed, copy k with every Han
# character that t2s leaves alone replaced by the one k·7919 places further in that
# set (a fixed substitution per copy), so no paragraph repeats or nearly repeats
# across copies, the copies still read as Simplified text, and the
# cross-window table grows with the input (the worst case for memory); "repeated"
# repeats it verbatim (every later copy is a duplicate, the worst case for the
# report); "one line" is the corpus with its line breaks removed, cut at 100 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/corpus/news.jsonl}
sizes=${SIZES:-10 100 1000}
[ -f "$corpus" ] || { echo "no $corpus: nothing to measure" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/zhclean
work=$(mktemp -d "${TMPDIR:-/tmp}/zhclean-bench-size.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 - "$corpus" "$work" $sizes <<'PY'
import json, sys
corpus, work, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
texts = [json.loads(l)["text"] for l in open(corpus, encoding="utf-8")]
paras = [p for t in texts for p in t.replace("\r", "\n").split("\n") if p.strip()]
def write(name, size, chunk):
    with open(f"{work}/{name}", "wb") as f:
        n, k = 0, 0
        while n < size:
            b = chunk(k)[: size - n]
            # never end inside a character
            while b and (b[-1] & 0xC0) == 0x80:
                b = b[:-1]
            if b and b[-1] >= 0xC0:
                b = b[:-1]
            f.write(b)
            n += len(b)
            k += 1
            if not b:
                break
body = "\n\n".join(texts).encode() + b"\n\n"
plain = "\n".join(paras) + "\n"
# Han characters that t2s leaves alone (not in OpenCC's TSCharacters or its
# extension), so that the substituted copies read as Simplified and measure cleaning,
# not script conversion
ts = {l.split("\t")[0] for f in ("TSCharacters", "TSCharactersExt")
      for l in open(f"data/opencc/{f}.txt", encoding="utf-8")}
neutral = [c for c in range(0x4E00, 0x9FFF + 1) if chr(c) not in ts]
where = {c: i for i, c in enumerate(neutral)}
def shifted(k):
    if k == 0:
        return plain.encode()
    table = {c: neutral[(i + k * 7919) % len(neutral)] for c, i in where.items()}
    return plain.translate(table).encode()
for mb in sizes:
    write(f"distinct_{mb}.txt", mb * 10**6, lambda k: shifted(k))
    write(f"repeated_{mb}.txt", mb * 10**6, lambda k: body)
one = "".join(t.replace("\n", "").replace("\r", "") for t in texts).encode()
write("oneline_100.txt", 100 * 10**6, lambda k: one)
PY
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-22s %9s %9s %9s %11s %9s\n" input MB seconds MB/s "peak MB" dup_ratio
run() {
  local f=$work/$1
  /usr/bin/time -v "$bin" -q "$f" -o "$work/out.txt" --report "$work/r.json" 2>"$work/time"
  python3 - "$f" "$work/time" "$work/r.json" "$1" <<'PY'
import json, os, sys
f, tf, rf, name = sys.argv[1:]
t = open(tf).read().splitlines()
get = lambda k: next(l.split(": ", 1)[1] for l in t if k in l)
parts = [float(x) for x in get("Elapsed").split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
mb = os.path.getsize(f) / 1e6
peak = int(get("Maximum resident")) / 1024
d = json.load(open(rf))["documents"][0]
print(f"{name:<22} {mb:9.1f} {secs:9.2f} {mb / secs:9.1f} {peak:11.1f} {d['dup_ratio']:9.4f}")
PY
}
for mb in $sizes; do run "distinct_$mb.txt"; done
for mb in $sizes; do run "repeated_$mb.txt"; done
run oneline_100.txt
