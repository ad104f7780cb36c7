"""Reference PySpark job: zhclean's --cross-doc=drop on a cluster.

Three stages, each calling the zhclean binary on JSONL through stdin/stdout (the
binary must be on every executor; give its path with --zhclean):

1. signatures: each input partition is piped through `zhclean signatures`; a record's
   place in the whole input (`document`) is its partition's offset plus its place in
   the partition, exactly the order `zhclean --jsonl` numbers documents in.
2. drop list: band keys are shuffled (about 20 keys of 16 hex digits per document);
   each band's first 64 documents are paired with its later documents (the CLI's
   bucket cap); the pairs are joined with the two texts and piped through
   `zhclean verify`; the verdicts are shuffled by their later document and piped
   through `zhclean resolve`, which ranks each document's candidates and keeps the
   first verified copy as the CLI does. The drop list is small (one line per
   dropped document) and is written by the driver, sorted by input order.
3. apply: each input partition is piped through `zhclean apply --drop DROPS`
   (shipped with SparkContext.addFile), which cleans the documents and leaves out
   the dropped ones; the partitions, in order, are the output.

The drop list and output equal `zhclean --jsonl INPUT --id-field ID --cross-doc=drop`
byte for byte (contrib/spark/tests/test_spark_job.py checks it). Record formats:
docs/{signatures,pairs,verdicts,drops}.schema.json.

Usage:
    python contrib/spark/zhclean_spark.py INPUT.jsonl OUT_DIR --id-field doc_id \
        [--zhclean PATH] [--partitions N] [--cross-doc-threshold 0.8] \
        [--min-paragraph-chars 10] [-- CLEANING FLAGS for apply, e.g. --to zh-hans]

OUT_DIR gets drops.jsonl and cleaned.jsonl (and the per-partition files Spark wrote).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

# the bucket cap of zhclean's LSH index (crossdoc::MAX_BUCKET)
MAX_BUCKET = 64
# what zhclean counts as a blank line (not a document): ASCII whitespace only
BLANK = " \t\n\r\x0c"


def run_zhclean(argv, lines, what):
    """Pipe JSONL lines through zhclean; its stdout lines. Errors name the step."""
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    proc = subprocess.run(argv, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise RuntimeError(
            f"{what}: {' '.join(argv)} exited {proc.returncode}: "
            + proc.stderr.decode("utf-8", "replace")
        )
    return proc.stdout.decode("utf-8").splitlines()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="JSONL corpus (one or more files, a glob or a folder)")
    ap.add_argument("out_dir")
    ap.add_argument("--id-field", required=True)
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--zhclean", default=shutil.which("zhclean") or "zhclean")
    ap.add_argument("--partitions", type=int, default=None)
    ap.add_argument("--cross-doc-threshold", default="0.8")
    ap.add_argument("--min-paragraph-chars", default="10")
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    ap.add_argument("apply_flags", nargs="*", help="after --: cleaning flags for apply")
    a = ap.parse_args(argv)

    from pyspark import SparkConf, SparkContext, StorageLevel

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    conf = SparkConf().setAppName("zhclean-cross-doc").set("spark.ui.showConsoleProgress", "false")
    if a.master:
        conf = conf.setMaster(a.master)
    if (a.master or "").startswith("local") and not conf.contains("spark.driver.extraJavaOptions"):
        # local mode (tests, one machine): the job is short and the JVM's optimizing
        # compiler and parallel GC cost more CPU than they save (measured: a trivial
        # local job took 51 s of CPU, 23 s with these)
        conf = conf.set(
            "spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
        )
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("ERROR")
    try:
        return run(sc, a, StorageLevel)
    finally:
        sc.stop()


def run(sc, a, StorageLevel):
    zh = os.path.abspath(a.zhclean) if os.path.exists(a.zhclean) else a.zhclean
    common = [
        "--id-field", a.id_field,
        "--text-field", a.text_field,
        "--cross-doc-threshold", a.cross_doc_threshold,
        "--min-paragraph-chars", a.min_paragraph_chars,
        "-j", "1",
    ]
    os.makedirs(a.out_dir, exist_ok=True)
    t0 = time.monotonic()
    raw = sc.textFile(a.input, a.partitions or sc.defaultParallelism)

    # ---- stage 1: signatures, numbered in input order -------------------------
    def sign(p, lines):
        lines = [line for line in lines if line.strip(BLANK)]
        out = run_zhclean([zh, "signatures"] + common, lines, f"signatures, partition {p}")
        if len(out) != len(lines):
            raise RuntimeError(f"partition {p}: {len(lines)} records, {len(out)} signatures")
        for local, (line, sig) in enumerate(zip(lines, out)):
            r = json.loads(sig)
            yield (p, local, r["id"], r["bands"], line)

    signed = raw.mapPartitionsWithIndex(sign).persist(StorageLevel.MEMORY_AND_DISK)
    counts = dict(signed.map(lambda s: s[0]).countByValue())
    offsets, total = {}, 0
    for p in range(raw.getNumPartitions()):
        offsets[p] = total
        total += counts.get(p, 0)
    off = sc.broadcast(offsets)
    # (document, (id, bands, line))
    docs = signed.map(lambda s: (off.value[s[0]] + s[1], (s[2], s[3], s[4])))

    # ---- stage 2: candidate pairs by band, verify, resolve ---------------------
    def bucket_pairs(kv):
        held = sorted(kv[1])
        for i, b in enumerate(held):
            for a_ in held[: min(i, MAX_BUCKET)]:
                yield (b, a_)

    n = max(1, raw.getNumPartitions())
    pairs = (
        docs.flatMap(lambda d: [(band, d[0]) for band in d[1][1]])
        .groupByKey(n)
        .flatMap(bucket_pairs)
        .distinct(n)
    )
    texts = docs.mapValues(lambda v: (v[0], v[2]))  # (document, (id, line))
    text_field = a.text_field

    def pair_line(kv):
        b, ((a_, (ida, linea)), (idb, lineb)) = kv
        return json.dumps(
            {
                "schema_version": 1,
                "a": ida,
                "b": idb,
                "a_document": a_,
                "b_document": b,
                "a_text": json.loads(linea)[text_field],
                "b_text": json.loads(lineb)[text_field],
            },
            ensure_ascii=False,
        )

    joined = (
        pairs.map(lambda ba: (ba[1], ba[0]))
        .join(texts, n)  # (a, (b, (ida, linea)))
        .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        .join(texts, n)  # (b, ((a, (ida, linea)), (idb, lineb)))
        .map(pair_line)
    )
    verdicts = joined.mapPartitionsWithIndex(
        lambda p, it: run_zhclean([zh, "verify"] + common, list(it), f"verify, partition {p}")
    )
    # every verdict of a later document in one partition: resolve is per document
    by_b = verdicts.map(lambda v: (json.loads(v)["b_document"], v)).partitionBy(n)
    drops = by_b.mapPartitionsWithIndex(
        lambda p, it: run_zhclean(
            [zh, "resolve", "--cross-doc-threshold", a.cross_doc_threshold],
            [v for _, v in it],
            f"resolve, partition {p}",
        )
    ).collect()
    drops.sort(key=lambda d: json.loads(d)["document"])
    drops_path = os.path.join(a.out_dir, "drops.jsonl")
    with open(drops_path + ".tmp", "w", encoding="utf-8") as f:
        f.writelines(d + "\n" for d in drops)
    os.replace(drops_path + ".tmp", drops_path)
    t1 = time.monotonic()

    # ---- stage 3: apply ---------------------------------------------------------
    sc.addFile(drops_path)
    from pyspark import SparkFiles

    apply_flags = list(a.apply_flags)

    def apply(p, lines):
        lines = [line for line in lines if line.strip(BLANK)]
        argv = [
            zh, "apply", "--drop", SparkFiles.get("drops.jsonl"), "--jsonl", "-",
            "--id-field", a.id_field, "--text-field", a.text_field, "-q", "-j", "1",
        ] + apply_flags
        return run_zhclean(argv, lines, f"apply, partition {p}")

    parts = os.path.join(a.out_dir, "cleaned.parts")
    shutil.rmtree(parts, ignore_errors=True)
    raw.mapPartitionsWithIndex(apply).saveAsTextFile("file://" + os.path.abspath(parts))
    out_path = os.path.join(a.out_dir, "cleaned.jsonl")
    with open(out_path + ".tmp", "wb") as out:
        for name in sorted(n for n in os.listdir(parts) if n.startswith("part-")):
            with open(os.path.join(parts, name), "rb") as f:
                shutil.copyfileobj(f, out)
    os.replace(out_path + ".tmp", out_path)
    t2 = time.monotonic()
    print(
        f"zhclean-spark: {total} documents, {len(drops)} dropped; "
        f"signatures+drop list {t1 - t0:.1f} s, apply {t2 - t1:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
