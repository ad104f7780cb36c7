#!/usr/bin/env python3
"""Measure `--strip-boilerplate` against reference extractions (issue 14).

`../shared/corpus/scraped/gne_article_pages/` holds 20 pages as a naive text dump
(`NAME.naive.txt`: every text node of the HTML, one per line) and the article body a
reference extractor (GeneralNewsExtractor) found in it (`NAME.gne_content.txt`). Each
naive page is cleaned with `zhclean --strip-boilerplate --to keep --punct keep` (so
script and punctuation stay as in the reference), and the output is compared with the
reference, character by character, whitespace ignored:

- recall: characters of the reference that the output kept (longest common
  subsequence, computed line by line and then inside unmatched stretches), divided
  by the reference's characters;
- noise: characters of the output that the reference does not have.

The reference keeps the page's credit and notice lines (`（原标题：…）`, `本文来源：…`,
`责任编辑：…`, `免责声明：…`, the `延伸·推荐` heading), which issue 14 names as
furniture; recall is therefore printed twice: against the reference as it is, and
against its body (the reference without those lines, found by NOTICE below, which is
independent of zhclean's rules).

    python3 scripts/boilerplate_measure.py [--bin PATH] [--dir DIR] [--pages] [--extra ARG]

Prints one line per page with `--pages`, then the totals. Rerun it with main's binary
(`--bin /work/main/target/release/zhclean`) for the "before" figures.
"""
import argparse, difflib, glob, os, re, subprocess, sys

NOTICE = re.compile(r"^[（(]?(原标题|本文来源|责任编辑|免责声明|延伸·推荐)")

def squash(text):
    """Non-empty lines with all whitespace removed."""
    out = []
    for line in text.splitlines():
        s = "".join(c for c in line if not c.isspace())
        if s:
            out.append(s)
    return out

def common_chars(ref_lines, out_lines):
    """Characters of a longest common subsequence, lines first, then characters
    inside each pair of unmatched stretches."""
    sm = difflib.SequenceMatcher(None, ref_lines, out_lines, autojunk=False)
    n = 0
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal":
            n += sum(len(l) for l in ref_lines[a0:a1])
        elif op == "replace":
            a = "".join(ref_lines[a0:a1])
            b = "".join(out_lines[b0:b1])
            cm = difflib.SequenceMatcher(None, a, b, autojunk=False)
            n += sum(m.size for m in cm.get_matching_blocks())
    return n

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "zhclean"))
    ap.add_argument("--dir", default="../shared/corpus/scraped/gne_article_pages")
    ap.add_argument("--pages", action="store_true", help="one line per page")
    ap.add_argument("--extra", action="append", default=[], help="extra zhclean argument")
    args = ap.parse_args()
    refs = sorted(glob.glob(os.path.join(args.dir, "*.gne_content.txt")))
    if not refs:
        sys.exit(f"no *.gne_content.txt under {args.dir}")
    tot_ref = tot_kept = tot_out = tot_in = 0
    body_ref = body_kept = 0
    worst = (2.0, "")
    for ref_path in refs:
        name = os.path.basename(ref_path)[: -len(".gne_content.txt")]
        page = os.path.join(args.dir, name + ".naive.txt")
        out = subprocess.run([args.bin, "--strip-boilerplate", "--to", "keep", "--punct", "keep", "-q", *args.extra, page],
                             check=True, capture_output=True).stdout.decode("utf-8")
        ref = squash(open(ref_path, encoding="utf-8").read())
        got = squash(out)
        inp = squash(open(page, encoding="utf-8").read())
        r = sum(map(len, ref))
        o = sum(map(len, got))
        k = common_chars(ref, got)
        body = [l for l in ref if not NOTICE.match(l)]
        body_ref += sum(map(len, body))
        body_kept += common_chars(body, got)
        tot_ref += r
        tot_kept += k
        tot_out += o
        tot_in += sum(map(len, inp))
        worst = min(worst, (k / r if r else 1.0, name))
        if args.pages:
            print(f"{name:24} ref {r:6} kept {k:6} ({100*k/max(r,1):6.2f} %)  out {o:6}  noise {o-k:6}")
    print(f"pages {len(refs)}  input chars {tot_in}  reference chars {tot_ref}")
    print(f"recall {tot_kept}/{tot_ref} = {100*tot_kept/tot_ref:.2f} %  (lowest page: {worst[1]} {100*worst[0]:.2f} %)")
    print(f"recall of the body (reference without credit and notice lines) {body_kept}/{body_ref} = {100*body_kept/body_ref:.2f} %")
    print(f"noise  {tot_out - tot_kept} chars kept that the reference lacks ({100*(tot_out-tot_kept)/tot_ref:.1f} % of the reference)")

if __name__ == "__main__":
    main()
