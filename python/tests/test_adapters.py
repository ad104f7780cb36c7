"""The pipeline adapters: a two-document datatrove pipeline (datatrove must be
installed: .ci/run installs it), the ``datasets.map`` function on a tiny Dataset when
``datasets`` is installed and on plain column dicts always, and the data-juicer-style
mapper/filter pair on plain column dicts."""

import importlib.util
import json
import pickle

import pytest

import zhclean
from conftest import FIXTURES
from zhclean.adapters.data_juicer import DUP_RATIO_KEY, STATS_FIELD, ZhcleanDupRatioFilter, ZhcleanMapper
from zhclean.adapters.hf import DatasetsMap


def two_documents():
    """A real article doubled by a scraper (fixtures/seed) and a clean one."""
    doubled = (FIXTURES / "seed" / "000_c23f71ea9a2bd46e.txt").read_text("utf-8")
    clean = next(iter(sorted((FIXTURES / "clean").glob("*.txt")))).read_text("utf-8")
    return [doubled, clean]


def test_datatrove_step_runs_a_two_document_pipeline(tmp_path):
    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from zhclean.adapters.datatrove import ZhcleanStep

    docs = two_documents()
    src = tmp_path / "in"
    src.mkdir()
    with open(src / "docs.jsonl", "w", encoding="utf-8") as f:
        for i, text in enumerate(docs):
            f.write(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    step = ZhcleanStep(batch_size=1, threads=2, strip_boilerplate=True)
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(src)), step, JsonlWriter(str(out), compression=None)],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    written = [json.loads(line) for p in sorted(out.glob("*.jsonl")) for line in open(p, encoding="utf-8")]
    assert [d["id"] for d in written] == ["d0", "d1"]
    want = zhclean.Cleaner(strip_boilerplate=True).clean_many(docs)
    for d, (text, report) in zip(written, want):
        assert d["text"] == text
        assert d["metadata"]["zhclean"] == zhclean.stats(report)
    assert written[0]["metadata"]["zhclean"]["chars_removed"] > 1000  # the doubled body
    assert written[1]["metadata"]["zhclean"]["removed"] == []

    # in process too, and the step pickles as its options (executors ship it)
    step2 = pickle.loads(pickle.dumps(ZhcleanStep(stats_key="zh")))
    got = list(step2.run(iter(Document(text=t, id=str(i)) for i, t in enumerate(docs))))
    assert [g.text for g in got] == [t for t, _ in zhclean.Cleaner().clean_many(docs)]
    assert got[0].metadata["zh"]["dup_ratio"] > 0.4
    assert step2.stats["chars_removed"].total == sum(g.metadata["zh"]["chars_removed"] for g in got)


def test_datasets_map_function_on_column_dicts():
    docs = two_documents()
    fn = pickle.loads(pickle.dumps(DatasetsMap(report_column="zhclean_report", threads=2)))
    out = fn({"text": docs, "id": [1, 2]})
    want = zhclean.Cleaner().clean_many(docs)
    assert out["id"] == [1, 2]
    assert out["text"] == [t for t, _ in want]
    assert out["zhclean_chars_removed"] == [r["chars_removed"] for _, r in want]
    assert out["zhclean_removals"][0] >= 1 and out["zhclean_removals"][1] == 0
    assert [json.loads(r) for r in out["zhclean_report"]] == [r for _, r in want]
    with pytest.raises(KeyError, match="no column 'body'"):
        DatasetsMap(text_column="body")({"text": docs})
    with pytest.raises(zhclean.ZhcleanError):
        DatasetsMap(to="fr")


@pytest.mark.skipif(importlib.util.find_spec("datasets") is None, reason="datasets is not installed")
def test_datasets_map_on_a_tiny_dataset():
    import datasets

    docs = two_documents()
    ds = datasets.Dataset.from_dict({"text": docs * 3})
    out = ds.map(DatasetsMap(threads=1), batched=True, batch_size=2)
    want = [t for t, _ in zhclean.Cleaner().clean_many(docs * 3)]
    assert out["text"] == want
    assert out.features["zhclean_dup_ratio"].dtype == "float64"
    assert out["zhclean_chars_removed"][1] == 0 and out["zhclean_chars_removed"][0] > 1000


def test_data_juicer_style_filter_then_mapper():
    docs = two_documents()
    samples = {"text": list(docs), "meta": ["a", "b"]}
    flt = ZhcleanDupRatioFilter(max_ratio=0.1)
    samples = flt.compute_stats_batched(samples)
    ratios = [s[DUP_RATIO_KEY] for s in samples[STATS_FIELD]]
    assert ratios[0] > 0.4 and ratios[1] == 0.0
    keep = flt.process_batched(samples)
    assert keep == [False, True]
    # a precomputed ratio is not recomputed
    again = flt.compute_stats_batched({"text": ["x"], STATS_FIELD: [{DUP_RATIO_KEY: 0.5}]})
    assert again[STATS_FIELD][0][DUP_RATIO_KEY] == 0.5

    mapper = pickle.loads(pickle.dumps(ZhcleanMapper(to="zh-tw")))
    kept = {k: [v for v, k2 in zip(vals, keep) if k2] for k, vals in samples.items()}
    mapped = mapper.process_batched(kept)
    assert mapped["text"] == [zhclean.clean(docs[1], to="zh-tw")[0]]
    assert mapped["meta"] == ["b"]
    one = mapper.process_single({"text": docs[0]})
    assert one["text"] == zhclean.clean(docs[0], to="zh-tw")[0]
    s = flt.compute_stats_single({"text": docs[0]})
    assert flt.process_single(s) is False
    with pytest.raises(ValueError):
        ZhcleanDupRatioFilter(max_ratio=2)
