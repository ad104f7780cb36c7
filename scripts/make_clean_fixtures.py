#!/usr/bin/env python3
"""Pick 30 short, CLEAN news excerpts from the shared corpus for fixtures/clean/.

"Clean" means: nothing in the excerpt that zhclean should ever remove as a
duplicate or as boilerplate.  These files are the false-positive guard: the
cleaned output of each must keep every paragraph and every sentence.

Run by hand from the repository root (CI never runs it; it needs ../shared):

    python3 scripts/make_clean_fixtures.py            # writes fixtures/clean/
    python3 scripts/make_clean_fixtures.py --check    # verify, write nothing

Input:  <shared>/corpus/news.jsonl, one {"source", "doc_id", "text"} a line.
Output: fixtures/clean/<source>__<doc_id>.txt and fixtures/clean/index.jsonl.
        Existing *.txt in fixtures/clean/ are deleted first (this script owns
        that folder; golden *.out.txt / *.report.json files are kept).

Selection (deterministic: no randomness, no clock, no dependence on dict
order; candidates are visited in order of sha256("<source>/<doc_id>")):

  quota   14 xwlb_cctv (Simplified), 10 rss_zh_news (Simplified),
          2 rss_zh_news Traditional (the BBC 中文 items; recognised by
          Traditional-only characters), 4 tw_news (Traditional).
          Slots a group cannot fill go to tw_news (keeps the Traditional
          share); in the corpus as shipped every Traditional rss_zh_news
          document is a single line, so the 2 BBC slots become tw_news ones.
  doc     >= 3 non-blank lines; xwlb "*-summary" running orders are skipped
          (headline lists, not articles); documents listed in
          corpus/messy/index.jsonl are skipped (they were picked as messy).
  excerpt the document's lines from the first non-blank line through the
          k-th non-blank line, k = 8, 7, ..., 3: the first k that passes every
          test below is taken.  Lines are verbatim; CRLF becomes LF; blank
          lines between paragraphs are kept; a trailing LF is added.
          300..1500 characters (newlines not counted).
  clean   - no paragraph (non-blank line) repeated;
          - no sentence (split on 。！？) of >= 8 characters repeated;
          - no 30-character substring occurring twice anywhere in the excerpt
            (covers "two paragraphs share a long common substring" and a
            body doubled inside one line);
          - no line containing a boilerplate marker (BOILERPLATE below,
            case-insensitive);
          - prose: >= 60% of the characters are in paragraphs that contain
            。！？ (drops timestamp lists and show notes);
          - no whitespace-only line, no U+FFFD, no control character
            (indentation such as tw_news's two leading spaces is kept);
          - script purity: Simplified picks contain no Traditional-only
            character, Traditional picks no Simplified-only character
            (mixed script has its own fixtures in fixtures/messy/);
          - shares no 30-character substring with an excerpt already picked
            (rss_zh_news has natural cross-feed duplicates).
  spread  at most 2 picks per bucket of doc_ids: 500 rss ids, 100 tw ids,
          one month of xwlb.  rss ids appear to run feed by feed (e.g.
          rss0013xx is 界面, rss0054xx-0056xx 人民日报), so this spreads
          picks over feeds instead of taking most from one feed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "fixtures" / "clean"

MIN_CHARS, MAX_CHARS = 300, 1500
MIN_PARAS, MAX_PARAS = 3, 8
MIN_SENTENCE = 8
SHINGLE = 30
PROSE_SHARE = 0.6
PER_BLOCK = 2
BLOCK_IDS = {"rss": 500, "tw": 100}

# (group, source, script, quota)
QUOTAS = [
    ("xwlb", "xwlb_cctv", "simplified", 14),
    ("rss", "rss_zh_news", "simplified", 10),
    ("rss_bbc", "rss_zh_news", "traditional", 2),
    ("tw", "tw_news", "traditional", 4),
]
OVERFLOW_GROUP = "tw"

BOILERPLATE = [
    # the brief's list ...
    "分享", "责任编辑", "版权所有", "未经授权", "相关新闻", "延伸閱讀", "點擊",
    "facebook", "http", "&nbsp;", "<",
    # ... plus the other script's spelling of each, bare URLs, and the feed
    # furniture seen while reviewing picks (link stubs, promos, disclaimers)
    "責任編輯", "版權所有", "未經授權", "相關新聞", "延伸阅读", "点击", "www.",
    "原文链接", "原标题", "免责声明", "关注我们", "关注获取", "公众号", "扫码",
    "二维码", "推荐进入", "更多精彩", "rss", "转载",
]

# Simplified/Traditional pairs whose characters are each used by one script
# only (hand-picked: no 后/後, 里/裡, 面/麵, 于/於, 着/著 style ambiguity).
_PAIRS = (
    "这這 个個 们們 来來 时時 说說 国國 会會 对對 发發 经經 过過 还還 开開 关關 问問 题題 体體 "
    "学學 点點 实實 现現 从從 么麼 见見 让讓 记記 应應 该該 认認 义義 区區 机機 级級 总總 统統 "
    "为為 进進 动動 产產 业業 长長 门門 间間 东東 车車 电電 话話 书書 设設 计計 觉覺 头頭 网網 "
    "导導 专專 样樣 传傳 种種 万萬 数數 报報 军軍 两兩 议議 员員 选選 举舉 务務 处處 边邊 济濟 "
    "际際 给給 结結 红紅 约約 亲親 观觀 欢歡 轻輕 达達 运運 连連 适適 邮郵 释釋 钱錢 铁鐵 闻聞 "
    "队隊 难難 页頁 风風 飞飛 馆館 马馬 鱼魚 鸟鳥 龙龍 劳勞 华華 乐樂 买買 卖賣 图圖 团團 场場 "
    "声聲 孙孫 寿壽 岁歲 师師 帮幫 广廣 张張 录錄 态態 战戰 执執 护護 损損 据據 权權 条條 杀殺 "
    "极極 标標 树樹 桥橋 气氣 汉漢 没沒 测測 热熱 爱愛 状狀 献獻 环環 疗療 确確 礼禮 离離 称稱 "
    "积積 线線 组組 细細 织織 练練 绝絕 继繼 续續 维維 综綜 职職 联聯 胜勝 节節 药藥 获獲 虽雖 "
    "补補 规規 视視 览覽 访訪 证證 识識 词詞 试試 询詢 语語 误誤 读讀 谁誰 调調 谈談 请請 谢謝 "
    "贝貝 负負 责責 质質 购購 费費 资資 赛賽 赵趙 转轉 轮輪 软軟 较較 辑輯 输輸 迁遷 远遠 钟鐘 "
    "银銀 错錯 闭閉 阳陽 阶階 随隨 险險 须須 顺順 领領 频頻 额額 类類 饭飯 验驗"
)
SIMP_ONLY = frozenset(p[0] for p in _PAIRS.split())
TRAD_ONLY = frozenset(p[1] for p in _PAIRS.split())

SENTENCE_END = re.compile("[。！？]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")


def script_counts(text: str) -> tuple[int, int]:
    """(simplified-only chars, traditional-only chars)."""
    return (sum(c in SIMP_ONLY for c in text), sum(c in TRAD_ONLY for c in text))


def classify(text: str) -> str:
    s, t = script_counts(text)
    if t > 5 * s:
        return "traditional"
    if s > 5 * t:
        return "simplified"
    return "mixed"


def shingles(text: str) -> set[str]:
    return {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def excerpt_lines(lines: list[str], k: int) -> list[str] | None:
    """Lines from the first non-blank one through the k-th non-blank one."""
    seen, start = 0, None
    for i, line in enumerate(lines):
        if line.strip():
            if start is None:
                start = i
            seen += 1
            if seen == k:
                return lines[start : i + 1]
    return None


def why_unclean(ex: list[str], script: str) -> str | None:
    paras = [l for l in ex if l.strip()]
    chars = sum(len(l) for l in ex)
    if not MIN_CHARS <= chars <= MAX_CHARS:
        return f"size {chars}"
    for l in ex:
        if l and not l.strip():
            return "whitespace-only line"
        if CONTROL.search(l):
            return "control char"
        low = l.lower()
        for m in BOILERPLATE:
            if m in low:
                return f"boilerplate {m!r}"
    prose = sum(len(p) for p in paras if SENTENCE_END.search(p))
    if prose < PROSE_SHARE * sum(len(p) for p in paras):
        return "not prose"
    if len(set(paras)) != len(paras):
        return "repeated paragraph"
    sents = [s.strip() for p in paras for s in SENTENCE_END.split(p)]
    sents = [s for s in sents if len(s) >= MIN_SENTENCE]
    if len(set(sents)) != len(sents):
        return "repeated sentence"
    body = "\n".join(paras)
    # a 30-char window seen twice anywhere (within or across paragraphs)
    seen: set[str] = set()
    for p in paras:
        for i in range(len(p) - SHINGLE + 1):
            w = p[i : i + SHINGLE]
            if w in seen:
                return "long repeated substring"
            seen.add(w)
    s, t = script_counts(body)
    if script == "simplified" and t:
        return "traditional chars in simplified pick"
    if script == "traditional" and s:
        return "simplified chars in traditional pick"
    return None


def id_block(doc_id: str) -> str:
    """Spread bucket: rss 500 ids, tw 100 ids, xwlb one month.

    'rss005504' -> 'rss#11'; 'tw02824' -> 'tw#28'; 'xwlb-20230514-02' ->
    'xwlb#202305'.
    """
    m = re.match(r"([a-z]+)-?(\d+)", doc_id)
    if not m:
        return doc_id
    prefix, digits = m.groups()
    if prefix == "xwlb":
        return f"xwlb#{digits[:6]}"
    return f"{prefix}#{int(digits) // BLOCK_IDS.get(prefix, 100)}"


def order_key(doc: dict) -> str:
    return hashlib.sha256(f"{doc['source']}/{doc['doc_id']}".encode()).hexdigest()


def load(shared: Path) -> list[dict]:
    path = shared / "corpus" / "news.jsonl"
    with path.open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    return sorted(docs, key=order_key)


def messy_ids(shared: Path) -> set[tuple[str, str]]:
    path = shared / "corpus" / "messy" / "index.jsonl"
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return {(r["source_corpus"], r["source_doc_id"]) for r in rows}


def pick(docs: list[dict], skip: set[tuple[str, str]]) -> list[dict]:
    picked: list[dict] = []
    used: set[str] = set()  # shingles of everything picked so far
    taken_ids: set[tuple[str, str]] = set()
    per_block: dict[tuple[str, str], int] = {}

    def fill(group: str, source: str, script: str, quota: int) -> int:
        got = 0
        for doc in docs:
            if got == quota:
                break
            key = (source, doc["doc_id"])
            if doc["source"] != source or key in taken_ids or key in skip:
                continue
            if doc["doc_id"].endswith("-summary"):
                continue
            block = (source, id_block(doc["doc_id"]))
            if per_block.get(block, 0) >= PER_BLOCK:
                continue
            text = doc["text"].replace("\r\n", "\n")
            if "\r" in text or classify(text) != script:
                continue
            lines = text.split("\n")
            if sum(1 for l in lines if l.strip()) < MIN_PARAS:
                continue
            for k in range(MAX_PARAS, MIN_PARAS - 1, -1):
                ex = excerpt_lines(lines, k)
                if ex is None or why_unclean(ex, script):
                    continue
                sh = shingles("\n".join(l for l in ex if l.strip()))
                if sh & used:
                    continue
                used.update(sh)
                taken_ids.add((source, doc["doc_id"]))
                per_block[block] = per_block.get(block, 0) + 1
                picked.append(
                    {
                        "group": group,
                        "source": source,
                        "doc_id": doc["doc_id"],
                        "script": script,
                        "paragraphs": k,
                        "lines": len(ex),
                        "chars": sum(len(l) for l in ex),
                        "text": "\n".join(ex) + "\n",
                    }
                )
                got += 1
                break
        return got

    shortfall = 0
    for group, source, script, quota in QUOTAS:
        got = fill(group, source, script, quota)
        if got < quota:
            print(f"note: {group}: {got}/{quota} found; {quota - got} slot(s) "
                  f"move to {OVERFLOW_GROUP}", file=sys.stderr)
            shortfall += quota - got
    if shortfall:
        g = next(q for q in QUOTAS if q[0] == OVERFLOW_GROUP)
        got = fill(g[0] + "_extra", g[1], g[2], shortfall)
        if got < shortfall:
            sys.exit(f"error: only {got}/{shortfall} overflow slots filled")
    return picked


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                    help=f"shared material (default {DEFAULT_SHARED})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help=f"output folder (default {DEFAULT_OUT})")
    ap.add_argument("--check", action="store_true",
                    help="compare with the files in --out, write nothing; exit 1 on drift")
    args = ap.parse_args()

    picked = pick(load(args.shared), messy_ids(args.shared))
    name = lambda p: f"{p['source']}__{p['doc_id']}.txt"  # noqa: E731
    index = "".join(
        json.dumps({k: v for k, v in p.items() if k != "text"} | {"file": name(p)},
                   ensure_ascii=False, sort_keys=True) + "\n"
        for p in picked
    )

    if args.check:
        want = {name(p): p["text"] for p in picked}
        have = {f.name: f.read_text(encoding="utf-8") for f in args.out.glob("*.txt")
                if not f.name.endswith(".out.txt")}
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
        if not f.name.endswith(".out.txt"):
            f.unlink()
    for p in picked:
        with (args.out / name(p)).open("w", encoding="utf-8", newline="\n") as f:
            f.write(p["text"])
    with (args.out / "index.jsonl").open("w", encoding="utf-8", newline="\n") as f:
        f.write(index)
    by = {}
    for p in picked:
        by[p["group"]] = by.get(p["group"], 0) + 1
    print(f"wrote {len(picked)} excerpts to {args.out}: {by}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
