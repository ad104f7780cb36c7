#!/usr/bin/env python3
"""Cut the corpus excerpts of fixtures/precision/ (issue 11) from ../shared.

Each excerpt is a few lines of one document (news.jsonl by doc_id, or a scraped
page), copied as they are (CRLF -> LF, one final LF); fixtures/README.md lists
their origin. The cases written for the project (no corpus text) are made by hand
and not touched here. `--check` verifies the files still match.
"""
import json, os, sys

SHARED = os.environ.get("ZHCLEAN_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "precision")

# name: (source, first line, last line[, max chars]), 1-based inclusive; source is a
# doc_id of news.jsonl or a path under corpus/; a line longer than max chars is cut
# after its last 。 within them
EXCERPTS = {
    "law_orders": ("xwlb-20221030-00", 1, 7),
    "gift_tiers": ("rss001137", 7, 11),
    "deal_records": ("rss004116", 3, 30),
    "same_sentence_two_people": ("xwlb-20221223-04", 1, 11),
    "award_captions": ("rss002849", 1, 1),
    "lead_then_body": ("rss001851", 10, 11, 300),
    "caption_quotes_body": ("rss001255", 4, 9),
    "survey_respondents": ("scraped/gne_article_pages/sina_3.gne_content.txt", 17, 62),
    "code_examples": ("scraped/gne_article_pages/wechat_2.naive.txt", 21, 94),
    "summary_hua_zhong_dian": ("scraped/gne_article_pages/qq_2.naive.txt", 50, 62),
    "quote_in_body": ("scraped/gne_article_pages/qq_qq.naive.txt", 43, 47),
    # issue 16 (issue 11's residual): decks and captions quoting the body
    "deck_quotes_body": ("rss002562", 1, 1, 281),
    "deck_quotes_body_2": ("rss002756", 1, 1),
    "caption_credit_then_body": ("rss000883", 1, 1, 118),
}


def lines_of(source):
    if source.startswith("scraped/") or source.startswith("messy/"):
        with open(os.path.join(SHARED, "corpus", source), encoding="utf-8") as f:
            text = f.read()
    else:
        text = None
        with open(os.path.join(SHARED, "corpus", "news.jsonl"), encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["doc_id"] == source:
                    text = d["text"]
                    break
        if text is None:
            sys.exit(f"{source}: not in news.jsonl")
    return text.replace("\r\n", "\n").split("\n")


def main():
    check = "--check" in sys.argv
    bad = 0
    for name, (source, a, b, *cap) in EXCERPTS.items():
        lines = lines_of(source)[a - 1 : b]
        if cap:
            lines = [l if len(l) <= cap[0] else l[: l.rfind("。", 0, cap[0]) + 1] for l in lines]
        body = "\n".join(lines).rstrip("\n") + "\n"
        path = os.path.join(OUT, name + ".txt")
        if check:
            with open(path, encoding="utf-8") as f:
                if f.read() != body:
                    print(f"{path}: differs")
                    bad += 1
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(body)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
