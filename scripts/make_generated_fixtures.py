#!/usr/bin/env python3
"""Pick 40 real, clean news articles (headline + 3-8 paragraphs) for
fixtures/articles/, the base texts of the generated test set (tests/it/generated.rs).

tests/it/generated.rs corrupts each article programmatically (body doubled with
the headline between, doubled inside one line, character edits, script
mirror, width variant, stitched pages, a stuttering sentence) and checks that
zhclean gives back exactly what it gives for the article itself.  The article
must therefore be clean (nothing zhclean should ever remove) and must have a
heading line (called the headline below), since "body, headline, body" is
the doubling to repair.

Run by hand from the repository root (CI never runs it; it needs ../shared):

    python3 scripts/make_generated_fixtures.py            # writes fixtures/articles/
    python3 scripts/make_generated_fixtures.py --check    # verify, write nothing

Input:  <shared>/corpus/news.jsonl and <shared>/corpus/messy/index.jsonl.
Output: fixtures/articles/<source>__<doc_id>.txt and fixtures/articles/index.jsonl.
        This script owns fixtures/articles/: its *.txt files are deleted first.

Selection reuses scripts/make_clean_fixtures.py (same order, same "clean"
tests, same excerpt rule, same spread over feeds and years), with these
differences:

  quota   18 xwlb_cctv, 12 rss_zh_news (Simplified), 10 tw_news
          (Traditional); documents already in fixtures/clean/ are skipped and
          no pick shares a 30-character substring with a fixtures/clean/ file
          or with another pick.
  headline  line 1 of every file is a headline:
          - xwlb_cctv: the item's title from the same day's running order
            (doc "xwlb-YYYYMMDD-NN" is item NN+1 of "xwlb-YYYYMMDD-summary"),
            without its "N." prefix and final "；"; taken only when at least
            half of the title's character bigrams occur in the first two
            paragraphs (so a misnumbered running order is not used);
          - rss_zh_news: the document's own first line when it reads as a
            heading (4-40 characters, no 。！？, not ending in ：:) and is
            followed by the body; documents without one are skipped.  In the
            picks that line is a column title (【隔夜行情】), a dateline
            (2026年01月27日), a photo credit (图片来源：视觉中国) or a byline
            (文 | 海若镜): short heading-like lines, which is what stands
            between two copies of a scraped body;
          - tw_news: the corpus keeps no titles, so the headline is the
            lead's first clause (the first paragraph up to its first
            ，。！？；：, 6-30 characters, indentation stripped).  This is the only
            derived text in the set; index.jsonl says "headline_from".
  body    the excerpt rule of make_clean_fixtures.py applied to the lines
          after the headline (k = 8..3 non-blank lines, 300-1500 chars),
          then blank lines are dropped, so that one paragraph is one line
          (the corruptions work on paragraphs).  Lines are otherwise
          verbatim (indentation kept), LF line ends, a final LF.
  spread  as make_clean_fixtures.py (2 per bucket of ids), except tw_news:
          4 per bucket, because every multi-line tw_news article that passes
          the tests is in one of three buckets (tw027xx-tw029xx).
  extra   each body paragraph has at least one 。！？ or is 10+ characters
          (no stray one-word lines); the headline passes the excerpt's own
          tests (one script, no 30-character window shared with the body)
          and does not repeat a whole line of the body.

Deterministic: no randomness, no clock; candidates in sha256 order.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_clean_fixtures as mcf  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "fixtures" / "articles"
CLEAN_DIR = REPO / "fixtures" / "clean"

# (group, source, script, quota)
QUOTAS = [
    ("xwlb", "xwlb_cctv", "simplified", 18),
    ("rss", "rss_zh_news", "simplified", 12),
    ("tw", "tw_news", "traditional", 10),
]

HEADLINE_END = re.compile("[。！？]")

# Picks per bucket of ids (make_clean_fixtures.py allows 2).  Every multi-line
# tw_news article that passes the tests has an id in tw027xx-tw029xx, three
# buckets, so tw_news takes up to 4 from each.
PER_BLOCK = {"tw": 4}


def bigrams(s: str) -> set[str]:
    s = re.sub(r"[\s\W_]", "", s)
    return {s[i : i + 2] for i in range(len(s) - 1)}


def headline_like(h: str) -> bool:
    return (
        4 <= len(h) <= 40
        and not HEADLINE_END.search(h)
        and not h.endswith(("：", ":"))
        and not any(m in h.lower() for m in mcf.BOILERPLATE)
    )


def summaries(docs: list[dict]) -> dict[str, list[str]]:
    """date -> top-level running-order titles, in order."""
    out: dict[str, list[str]] = {}
    for d in docs:
        m = re.fullmatch(r"xwlb-(\d{8})-summary", d["doc_id"])
        if d["source"] != "xwlb_cctv" or not m:
            continue
        items = []
        for line in d["text"].replace("\r\n", "\n").split("\n"):
            t = re.match(r"(\d+)\.(.*)$", line.strip())
            if t:
                items.append((int(t.group(1)), t.group(2).strip()))
        titles = [t for _, t in items]
        if [n for n, _ in items] == list(range(1, len(items) + 1)):
            out[m.group(1)] = titles
    return out


def xwlb_headline(doc: dict, body: list[str], summ: dict[str, list[str]]) -> str | None:
    m = re.fullmatch(r"xwlb-(\d{8})-(\d{2})", doc["doc_id"])
    if not m or m.group(1) not in summ:
        return None
    titles = summ[m.group(1)]
    n = int(m.group(2))
    if n >= len(titles):
        return None
    h = titles[n].rstrip("；;。 ")
    if not headline_like(h):
        return None
    hb = bigrams(h)
    lead = bigrams("".join(body[:2]))
    if not hb or len(hb & lead) < 0.5 * len(hb):
        return None
    return h


def lead_clause(body: list[str]) -> str | None:
    first = body[0].strip()
    m = re.search("[，。！？；：]", first)
    if not m:
        return None
    h = first[: m.start()]
    return h if 6 <= len(h) <= 30 and headline_like(h) else None


def headline_ok(h: str, body: list[str], script: str) -> bool:
    """The headline passes the excerpt's own tests: one script, and no
    30-character window shared with the body."""
    s, t = mcf.script_counts(h)
    if (script == "simplified" and t) or (script == "traditional" and s):
        return False
    text = "\n".join(body)
    return not any(w in text for w in mcf.shingles(h))


def pick(docs: list[dict], skip: set[tuple[str, str]], used: set[str]) -> list[dict]:
    summ = summaries(docs)
    picked: list[dict] = []
    per_block: dict[tuple[str, str], int] = {}

    for group, source, script, quota in QUOTAS:
        got = 0
        for doc in docs:
            if got == quota:
                break
            key = (source, doc["doc_id"])
            if doc["source"] != source or key in skip or doc["doc_id"].endswith("-summary"):
                continue
            block = (source, mcf.id_block(doc["doc_id"]))
            if per_block.get(block, 0) >= PER_BLOCK.get(group, mcf.PER_BLOCK):
                continue
            text = doc["text"].replace("\r\n", "\n")
            if "\r" in text or mcf.classify(text) != script:
                continue
            lines = text.split("\n")
            headline, headline_from = None, None
            if source == "rss_zh_news":
                nb = [i for i, l in enumerate(lines) if l.strip()]
                if not nb or not headline_like(lines[nb[0]].strip()):
                    continue
                headline, headline_from = lines[nb[0]].strip(), "first line"
                lines = lines[nb[0] + 1 :]
            if sum(1 for l in lines if l.strip()) < mcf.MIN_PARAS:
                continue
            for k in range(mcf.MAX_PARAS, mcf.MIN_PARAS - 1, -1):
                ex = mcf.excerpt_lines(lines, k)
                if ex is None or mcf.why_unclean(ex, script):
                    continue
                body = [l for l in ex if l.strip()]
                if any(len(p.strip()) < 10 and not HEADLINE_END.search(p) for p in body):
                    continue
                h, hf = headline, headline_from
                if source == "xwlb_cctv":
                    h, hf = xwlb_headline(doc, body, summ), "running order"
                elif source == "tw_news":
                    h, hf = lead_clause(body), "lead clause"
                if h is None or any(p.strip() == h for p in body):
                    continue
                if not headline_ok(h, body, script):
                    continue
                full = [h] + body
                sh = mcf.shingles("\n".join(full))
                if sh & used:
                    continue
                used.update(sh)
                per_block[block] = per_block.get(block, 0) + 1
                picked.append(
                    {
                        "group": group,
                        "source": source,
                        "doc_id": doc["doc_id"],
                        "script": script,
                        "headline_from": hf,
                        "paragraphs": len(body),
                        "chars": sum(len(l) for l in body),
                        "text": "\n".join(full) + "\n",
                    }
                )
                got += 1
                break
        if got < quota:
            sys.exit(f"error: {group}: only {got}/{quota} articles found")
    return picked


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=mcf.DEFAULT_SHARED,
                    help=f"shared material (default {mcf.DEFAULT_SHARED})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help=f"output folder (default {DEFAULT_OUT})")
    ap.add_argument("--check", action="store_true",
                    help="compare with the files in --out, write nothing; exit 1 on drift")
    args = ap.parse_args()

    skip = mcf.messy_ids(args.shared)
    used: set[str] = set()
    with (CLEAN_DIR / "index.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            skip.add((row["source"], row["doc_id"]))
            text = (CLEAN_DIR / row["file"]).read_text(encoding="utf-8")
            used.update(mcf.shingles("\n".join(l for l in text.split("\n") if l.strip())))

    picked = pick(mcf.load(args.shared), skip, used)
    name = lambda p: f"{p['source']}__{p['doc_id']}.txt"  # noqa: E731
    index = "".join(
        json.dumps({k: v for k, v in p.items() if k != "text"} | {"file": name(p)},
                   ensure_ascii=False, sort_keys=True) + "\n"
        for p in picked
    )

    if args.check:
        want = {name(p): p["text"] for p in picked}
        have = {f.name: f.read_text(encoding="utf-8") for f in args.out.glob("*.txt")}
        drift = sorted(set(want) ^ set(have)) + sorted(
            n for n in set(want) & set(have) if want[n] != have[n])
        idx = args.out / "index.jsonl"
        if not idx.exists() or idx.read_text(encoding="utf-8") != index:
            drift.append("index.jsonl")
        for n in drift:
            print(f"drift: {n}", file=sys.stderr)
        return 1 if drift else 0

    args.out.mkdir(parents=True, exist_ok=True)
    for f in args.out.glob("*.txt"):
        f.unlink()
    for p in picked:
        with (args.out / name(p)).open("w", encoding="utf-8", newline="\n") as f:
            f.write(p["text"])
    with (args.out / "index.jsonl").open("w", encoding="utf-8", newline="\n") as f:
        f.write(index)
    by: dict[str, int] = {}
    for p in picked:
        by[p["group"]] = by.get(p["group"], 0) + 1
    print(f"wrote {len(picked)} articles to {args.out}: {by}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
