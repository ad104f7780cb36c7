"""The reference Spark job in local mode gives exactly --cross-doc=drop's drop list
and output on the committed corpus excerpt (fixtures/crossdoc/news_excerpt.jsonl.gz,
3,000 documents, 215 dropped).

The zhclean binary: $ZHCLEAN_BIN, else target/{release,debug}/zhclean under
$CARGO_TARGET_DIR or the repository. Run: `.venv/bin/python -m pytest contrib/spark/tests`.
"""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
JOB = REPO / "contrib" / "spark" / "zhclean_spark.py"
EXCERPT = REPO / "fixtures" / "crossdoc" / "news_excerpt.jsonl.gz"


def zhclean_bin():
    if os.environ.get("ZHCLEAN_BIN"):
        return os.environ["ZHCLEAN_BIN"]
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for profile in ("release", "debug"):
        p = target / profile / "zhclean"
        if p.exists():
            return str(p)
    raise RuntimeError("no zhclean binary: build it (cargo build) or set ZHCLEAN_BIN")


def drops_of_report(report):
    """The drop list --cross-doc=drop's report implies, in docs/drops.schema.json's
    format (the field order and compact separators zhclean writes)."""
    out = []
    for i, doc in enumerate(report["documents"]):
        d = doc.get("dropped")
        if d is None:
            continue
        rec = {
            "schema_version": 1,
            "id": doc["id"],
            "document": i,
            "duplicate_of": d["duplicate_of"]["id"],
            "duplicate_of_document": d["duplicate_of"]["document"],
            "similarity": d["similarity"],
        }
        out.append(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
    return "".join(out).encode("utf-8")


def test_spark_job_equals_cross_doc_drop(tmp_path):
    zh = zhclean_bin()
    corpus = tmp_path / "excerpt.jsonl"
    # uncompressed, so that Spark splits it into several partitions
    corpus.write_bytes(gzip.decompress(EXCERPT.read_bytes()))
    cli = subprocess.run(
        [zh, "--jsonl", str(corpus), "--id-field", "doc_id", "--cross-doc=drop",
         "-o", str(tmp_path / "cli.jsonl"), "--report", str(tmp_path / "cli.json"), "-q"],
        capture_output=True,
    )
    assert cli.returncode == 0, cli.stderr.decode()
    expected_drops = drops_of_report(json.loads((tmp_path / "cli.json").read_bytes()))
    assert expected_drops.count(b"\n") == 215

    out = tmp_path / "spark"
    job = subprocess.run(
        [sys.executable, str(JOB), str(corpus), str(out), "--id-field", "doc_id",
         "--zhclean", zh, "--master", "local[2]", "--partitions", "4"],
        capture_output=True,
    )
    assert job.returncode == 0, job.stderr.decode()
    assert (out / "drops.jsonl").read_bytes() == expected_drops
    assert (out / "cleaned.jsonl").read_bytes() == (tmp_path / "cli.jsonl").read_bytes()
    # the partitions really were several, so documents were numbered across them
    parts = [p for p in (out / "cleaned.parts").iterdir() if p.name.startswith("part-")]
    assert len(parts) == 4
