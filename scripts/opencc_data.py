#!/usr/bin/env python3
"""Regenerate data/opencc/ from an OpenCC checkout (BYVoid/OpenCC, Apache-2.0).

Usage: scripts/opencc_data.py OPENCC_CHECKOUT [OUT_DIR]

Copies the text dictionaries that zhclean's configurations use (comment lines
dropped, entries unchanged) and builds the three that OpenCC's own build
generates rather than commits, with the same rules as its data/scripts/:

- TSCharactersExt.txt: the mappings after `# @tofu-risk:` lines of TSCharacters
  (extract_tofu_risk.py); OpenCC's t2s uses it only on request, zhclean always
  (OpenCC's test cases expect it; partial mode never writes what GBK lacks);
- TWVariantsRev.txt, HKVariantsRev.txt: every value -> key, honouring
  `# @reverse-prefer:` lines (reverse.py / common.py `Dict.swap`);
- STPhrases_GeneratedFromRegionalPhrases.txt: t2s of every TWPhrases and
  HKPhrases key (3 characters or more) -> the key
  (generate_st_phrases_from_regional_phrases.py); t2s here is OpenCC's
  maximum forward matching over TSPhrases, TSCharactersExt and TSCharacters,
  after CJK_Compatibility_Ideographs, as that script runs it (tofu-risk
  dictionaries included).

Reads local files only. Writes VERSION with the checkout's commit (or
$OPENCC_COMMIT for an exported tree).
"""
import os
import subprocess
import sys

COPIED = [
    "CJK_Compatibility_Ideographs", "STCharacters", "STPhrases", "TSCharacters",
    "TSPhrases", "TWPhrases", "TWVariants", "TWVariantsPhrases",
    "TWVariantsRevPhrases", "HKPhrases", "HKVariants", "HKVariantsPhrases",
    "HKVariantsRevPhrases",
]
PREFER = "# @reverse-prefer:"
TOFU = "# @tofu-risk:"


def lines(path):
    with open(path, encoding="utf-8") as fh:
        return [l.rstrip("\r\n") for l in fh]


def entries(path):
    for l in lines(path):
        if l.startswith("#") or not l.strip():
            continue
        k, v = l.split("\t", 1)
        yield k, v.split(" ")


def write(path, items):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for k, vs in items:
            fh.write(k + "\t" + " ".join(vs) + "\n")


def reverse(path):
    prefs = {}
    for l in lines(path):
        if l.startswith(PREFER):
            f = l[len(PREFER):].split()
            prefs[f[0]] = f[-1]
    rev = {}
    for k, vs in entries(path):
        for v in vs:
            rev.setdefault(v, []).append(k)
    for k, p in prefs.items():
        vs = rev[k]
        vs.insert(0, vs.pop(vs.index(p)))
    return sorted(rev.items())


def tofu_ext(path):
    ls = lines(path)
    out = {}
    for i, l in enumerate(ls):
        if l.startswith(TOFU):
            k, v = ls[i + 1].split("\t", 1)
            vs = v.split()
            if vs and vs[0] == k:
                vs = vs[1:]
            out[k] = vs
    return out


def t2s(text, compat, phrases, ext, chars):
    text = "".join(compat.get(c, c) for c in text)
    maxlen = max(len(k) for k in phrases)
    out, i = [], 0
    while i < len(text):
        for n in range(min(maxlen, len(text) - i), 0, -1):
            s = text[i:i + n]
            v = phrases.get(s) or ext.get(s) or chars.get(s)
            if v is not None:
                out.append(v)
                i += n
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def main():
    src = os.path.join(sys.argv[1], "data", "dictionary")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), "..", "data", "opencc")
    os.makedirs(out, exist_ok=True)
    for name in COPIED:
        write(os.path.join(out, name + ".txt"), entries(os.path.join(src, name + ".txt")))
    for name in ["TWVariants", "HKVariants"]:
        write(os.path.join(out, name + "Rev.txt"), reverse(os.path.join(src, name + ".txt")))
    first = lambda p: {k: vs[0] for k, vs in entries(p)}
    compat = first(os.path.join(src, "CJK_Compatibility_Ideographs.txt"))
    phrases = first(os.path.join(src, "TSPhrases.txt"))
    chars = first(os.path.join(src, "TSCharacters.txt"))
    ext_all = tofu_ext(os.path.join(src, "TSCharacters.txt"))
    write(os.path.join(out, "TSCharactersExt.txt"), sorted(ext_all.items()))
    ext = {k: vs[0] for k, vs in ext_all.items()}
    gen = {}
    for name in ["HKPhrases", "TWPhrases"]:
        for k, _ in entries(os.path.join(src, name + ".txt")):
            s = t2s(k, compat, phrases, ext, chars)
            if len(s) >= 3:
                gen.setdefault(s, []).append(k)
    bad = {k: v for k, v in gen.items() if len(set(v)) > 1}
    if bad:
        sys.exit(f"conflicting regional projections: {bad}")
    write(os.path.join(out, "STPhrases_GeneratedFromRegionalPhrases.txt"),
          sorted((k, [v[0]]) for k, v in gen.items()))
    with open(os.path.join(sys.argv[1], "LICENSE"), encoding="utf-8") as fh:
        lic = fh.read()
    with open(os.path.join(out, "LICENSE"), "w", encoding="utf-8") as fh:
        fh.write(lic)
    commit = os.environ.get("OPENCC_COMMIT") or subprocess.run(
        ["git", "-C", sys.argv[1], "rev-parse", "HEAD"],
        capture_output=True, text=True).stdout.strip()
    with open(os.path.join(out, "VERSION"), "w", encoding="utf-8") as fh:
        fh.write(f"BYVoid/OpenCC {commit or 'unknown'} data/dictionary, Apache-2.0 (LICENSE)\n"
                 "generated by scripts/opencc_data.py\n")


if __name__ == "__main__":
    main()
