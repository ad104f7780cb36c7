"""The signature and verify functions equal the CLI's verbs record for record
(``zhclean signatures``, ``pairs``, ``verify``, ``resolve``), and the drop list they
make in Python is the documents ``zhclean --jsonl --cross-doc=drop`` drops, on the
committed 3,000-document news excerpt (fixtures/crossdoc) and the 8-record corpus."""

import gzip
import json
import subprocess

import pytest

import zhclean
from conftest import FIXTURES, _binary

CORPORA = [
    ("crossdoc/news_excerpt.jsonl.gz", "doc_id"),
    ("corpus/corpus.jsonl", "doc_id"),
]


def read_jsonl(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run(args, cwd):
    p = subprocess.run([str(_binary()), *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert p.returncode == 0, p.stderr
    return p


@pytest.mark.parametrize("rel,id_field", CORPORA, ids=[c[0] for c in CORPORA])
def test_the_python_steps_equal_the_verbs_and_cross_doc_drop(rel, id_field, tmp_path):
    corpus = FIXTURES / rel
    records = read_jsonl(corpus)
    texts = [r["text"] for r in records]
    ids = [str(r[id_field]) for r in records]
    common = ["--id-field", id_field]

    # signatures, in two slices (as two partitions would), equal the CLI's file
    run(["signatures", "--jsonl", str(corpus), *common, "-o", "sig.jsonl"], tmp_path)
    cli_sigs = read_jsonl(tmp_path / "sig.jsonl")
    half = len(texts) // 2
    sigs = zhclean.signatures(texts[:half], ids[:half], threads=2) + zhclean.signatures(
        texts[half:], ids[half:], start=half, threads=1
    )
    assert sigs == cli_sigs
    assert all(s["schema_version"] == zhclean.SIGNATURES_SCHEMA_VERSION for s in sigs)
    assert zhclean.signature(texts[1], ids[1], 1) == cli_sigs[1]

    # candidate pairs
    run(["pairs", "sig.jsonl", "-o", "pairs.jsonl"], tmp_path)
    cli_pairs = read_jsonl(tmp_path / "pairs.jsonl")
    pairs = zhclean.candidate_pairs(sigs)
    assert pairs == cli_pairs

    # verdicts: the engine joins the texts in
    run(["verify", "pairs.jsonl", "--jsonl", str(corpus), *common, "-o", "verdicts.jsonl"], tmp_path)
    cli_verdicts = read_jsonl(tmp_path / "verdicts.jsonl")
    by_id = dict(zip(ids, texts))
    joined = [dict(p, a_text=by_id[p["a"]], b_text=by_id[p["b"]]) for p in pairs]
    verdicts = zhclean.verify_pairs(joined, threads=2)
    assert verdicts == cli_verdicts
    for p, v in list(zip(joined, verdicts))[:20]:
        one = zhclean.verify(p["a_text"], p["b_text"])
        assert one == {k: v[k] for k in ("shared_bins", "jaccard", "duplicate")}

    # the drop list
    run(["resolve", "verdicts.jsonl", "-o", "drops.jsonl"], tmp_path)
    drops = zhclean.resolve(verdicts)
    assert drops == read_jsonl(tmp_path / "drops.jsonl")

    # ... is what --cross-doc=drop drops, each with the same duplicate_of
    run(["--jsonl", str(corpus), *common, "--cross-doc=drop", "-q", "-o", "out.jsonl", "--report", "r.json"], tmp_path)
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    dropped = [(d["id"], d["dropped"]["duplicate_of"]["id"]) for d in report["documents"] if d.get("dropped")]
    assert [(d["id"], d["duplicate_of"]) for d in drops] == dropped
    if rel.startswith("crossdoc"):
        assert len(drops) > 50, len(drops)
    else:
        assert [d["id"] for d in drops] == [ids[-1]]  # the last record copies the third


def test_verify_and_bad_input():
    seed = (FIXTURES / "seed" / "000_c23f71ea9a2bd46e.txt").read_text("utf-8")
    same = zhclean.verify(seed, seed)
    assert same["duplicate"] and same["jaccard"] == 1.0 and same["shared_bins"] == 120
    other = zhclean.verify(seed, "完全不同的一段文字，讲的是另一件事情，与前文无关。")
    assert not other["duplicate"] and other["jaccard"] < 0.1
    with pytest.raises(zhclean.ZhcleanError, match="give a similarity from 0 to 1"):
        zhclean.verify(seed, seed, cross_doc_threshold=1.5)
    with pytest.raises(zhclean.ZhcleanError, match="give one id per text"):
        zhclean.signatures(["a", "b"], ["x"])
    with pytest.raises(zhclean.ZhcleanError, match="not a list of signature records"):
        zhclean.candidate_pairs([{"id": "x"}])
    with pytest.raises(zhclean.ZhcleanError, match="pair 0: give both a_text and b_text"):
        zhclean.verify_pairs([{"schema_version": 1, "a": "x", "b": "y", "a_document": 0, "b_document": 1}])
