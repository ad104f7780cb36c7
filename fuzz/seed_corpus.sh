#!/usr/bin/env bash
# Seed the fuzz corpus from ../fixtures: every fixture file (texts in every encoding,
# hostile inputs, JSON cases), each under its SHA-1 name as libFuzzer expects.
set -euo pipefail
cd "$(dirname "$0")"
dir=${1:-corpus/pipeline}
mkdir -p "$dir"
find ../fixtures -type f -size -256k -print0 |
  while IFS= read -r -d '' f; do
    cp "$f" "$dir/$(sha1sum "$f" | cut -c1-40)"
  done
echo "$(ls "$dir" | wc -l) files in fuzz/$dir"
