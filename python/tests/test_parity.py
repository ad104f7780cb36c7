"""The binding equals the command line byte for byte: on every golden fixture (the
cleaned text and the document's report), on the corpus excerpts of fixtures/messy,
on the seed in six encodings (``bytes`` input), and in its error messages. And
``clean_many`` gives the same results on 1 and 2 threads."""

import json
import pickle

import pytest

import zhclean
from conftest import FIXTURES, canonical, cli_args, golden_cases

GOLDEN = golden_cases()


def test_every_golden_set_is_found():
    # seed, 40 reports under fixtures/cases, 7 conversion goldens, 1 boilerplate golden
    assert len(GOLDEN) == 1 + 40 + 7 + 1, [g[0] for g in GOLDEN]
    for _, inp, _, out, rep in GOLDEN:
        assert inp.is_file() and out.is_file(), (inp, out)
        assert rep is None or rep.is_file()


@pytest.mark.parametrize("case", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_clean_equals_the_cli_and_the_goldens(case, cli):
    _, inp, options, golden_out, golden_report = case
    data = inp.read_bytes()
    run = cli(data, cli_args(options))
    assert run.code == 0, run.stderr
    assert run.report["schema_version"] == zhclean.SCHEMA_VERSION

    for doc in (data.decode("utf-8"), data):  # str: as a JSONL text field; bytes: as a file
        text, report = zhclean.clean(doc, **options)
        assert text.encode("utf-8") == run.out
        assert text.encode("utf-8") == golden_out.read_bytes()
        assert canonical(report) == canonical(run.report["documents"][0])
        assert json.loads(json.dumps(report)) == report  # plain JSON types only

    if golden_report is not None:
        want = json.loads(golden_report.read_text("utf-8"))["documents"][0]
        assert want.pop("path") is not None  # the goldens name their file; stdin is null
        got = dict(report)
        assert got.pop("path") is None
        assert canonical(got) == canonical(want)


MESSY = sorted(p for p in (FIXTURES / "messy").rglob("*.txt"))


@pytest.mark.parametrize("path", MESSY, ids=[p.name for p in MESSY])
@pytest.mark.parametrize("options", [{}, {"to": "zh-tw", "strip_boilerplate": True, "keep": "first"}])
def test_corpus_excerpts_equal_the_cli(path, options, cli):
    data = path.read_bytes()
    run = cli(data, cli_args(options))
    assert run.code == 0, run.stderr
    text, report = zhclean.Cleaner(**options).clean(data.decode("utf-8"))
    assert text.encode("utf-8") == run.out
    assert canonical(report) == canonical(run.report["documents"][0])


ENCODED = sorted((FIXTURES / "encodings").glob("*.txt"))


@pytest.mark.parametrize("path", ENCODED, ids=[p.name for p in ENCODED])
@pytest.mark.parametrize("encoding", ["auto", "utf-16le"])
def test_bytes_decode_as_the_cli_decodes(path, encoding, cli):
    data = path.read_bytes()
    run = cli(data, ["--encoding", encoding])
    if run.code != 0:
        with pytest.raises(zhclean.ZhcleanError) as e:
            zhclean.clean(data, encoding=encoding)
        assert run.stderr.strip() == f"zhclean: {e.value}"
        return
    text, report = zhclean.clean(data, encoding=encoding)
    assert text.encode("utf-8") == run.out
    assert canonical(report) == canonical(run.report["documents"][0])


def test_a_large_document_is_cleaned_in_windows_as_the_cli_does(cli):
    # 40 real articles, each twice, cleaned with a 16 KiB window: the binding takes
    # the CLI's windowed path (zhclean::stream) and agrees with it byte for byte
    arts = sorted((FIXTURES / "articles").glob("*.txt"))
    data = b"".join(p.read_bytes() * 2 for p in arts)
    run = cli(data, ["--window", "16K"])
    assert run.code == 0, run.stderr
    text, report = zhclean.clean(data.decode("utf-8"), window=16 << 10)
    assert text.encode("utf-8") == run.out
    assert canonical(report) == canonical(run.report["documents"][0])
    assert len(report["removed"]) >= len(arts)


BAD_OPTIONS = [
    ({"to": "fr"}, ["--to", "fr"]),
    ({"to": "tw2s"}, ["--to", "tw2s"]),
    ({"to": "zh-hnas"}, ["--to", "zh-hnas"]),
    ({"near_threshold": 1.5}, ["--near-threshold", "1.5"]),
    ({"punct": "half"}, ["--punct", "half"]),
    ({"keep": "middle"}, ["--keep", "middle"]),
    ({"encoding": "latin-1"}, ["--encoding", "latin-1"]),
    ({"converter": "icu"}, ["--converter", "icu"]),
]


@pytest.mark.parametrize("options,args", BAD_OPTIONS, ids=[" ".join(a[1]) for a in BAD_OPTIONS])
def test_a_bad_value_raises_with_the_cli_message(options, args, cli):
    with pytest.raises(zhclean.ZhcleanError) as e:
        zhclean.Cleaner(**options)
    assert isinstance(e.value, ValueError)
    msg = str(e.value)
    name = next(iter(options))
    value = args[1]
    assert msg.startswith(f"invalid value '{value}' for {name} (--{name.replace('_', '-')}): ")
    why = msg.split("): ", 1)[1]
    run = cli(b"", args)
    assert run.code == 2
    # clap says `invalid value 'V' for '--flag <X>': WHY` or lists the possible values
    assert f"invalid value '{value}'" in run.stderr
    if why.startswith("possible values: "):
        assert f"[possible values: {why[len('possible values: '):]}]" in run.stderr
    else:
        assert why in run.stderr


def test_unreadable_files_and_undecodable_bytes_raise_the_cli_message(cli, tmp_path):
    missing = tmp_path / "no-such-rules.txt"
    for options, args in [
        ({"boilerplate_rules": missing}, ["--boilerplate-rules", str(missing)]),
        ({"dict": str(missing)}, ["--dict", str(missing)]),
    ]:
        with pytest.raises(zhclean.ZhcleanError) as e:
            zhclean.Cleaner(**options)
        run = cli(b"", args)
        assert run.code == 2
        assert run.stderr.strip() == f"zhclean: {e.value}"
    bad = "新闻正文".encode("gb18030") + b"\xff\xff"
    with pytest.raises(zhclean.ZhcleanError) as e:
        zhclean.clean(bad, encoding="utf-8")
    run = cli(bad, ["--encoding", "utf-8"])
    assert run.stderr.strip() == f"zhclean: {e.value}"
    text, report = zhclean.clean(bad, encoding="utf-8", lossy=True)
    assert report["replaced_bytes"] > 0 and "\ufffd" in text


def corpus():
    docs = [p.read_text("utf-8") for p in sorted(FIXTURES.rglob("*.txt")) if "encodings" not in p.parts and "hostile" not in p.parts]
    with open(FIXTURES / "corpus" / "corpus.jsonl", encoding="utf-8") as f:
        docs += [json.loads(line)["text"] for line in f if line.strip()]
    return docs


def test_clean_many_on_two_threads_equals_one_thread_and_clean():
    docs = corpus()
    assert len(docs) > 200
    c = zhclean.Cleaner(strip_boilerplate=True)
    one = c.clean_many(docs, threads=1)
    two = c.clean_many(docs, threads=2)
    assert len(one) == len(docs)
    assert [t for t, _ in one] == [t for t, _ in two]
    assert [canonical(r) for _, r in one] == [canonical(r) for _, r in two]
    assert [canonical(r) for _, r in c.clean_many(docs)] == [canonical(r) for _, r in one]
    singles = [c.clean(d) for d in docs[:50]]
    assert [(t, canonical(r)) for t, r in singles] == [(t, canonical(r)) for t, r in one[:50]]
    assert sum(r["chars_removed"] for _, r in one) > 0


def test_clean_many_names_the_failing_document_and_refuses_zero_threads():
    c = zhclean.Cleaner(encoding="utf-8")
    with pytest.raises(zhclean.ZhcleanError, match=r"^document 2: <stdin>: invalid UTF-8 at byte offset 0"):
        c.clean_many(["好", b"ok", b"\xff"], threads=2)
    with pytest.raises(zhclean.ZhcleanError, match="give at least one thread"):
        c.clean_many(["好"], threads=0)
    assert c.clean_many([]) == []


def test_options_round_trip_repr_and_pickle():
    c = zhclean.Cleaner(to="s2twp", strip_boilerplate=True, min_sentence_chars=12)
    assert repr(c) == "zhclean.Cleaner(to='s2twp', min_sentence_chars=12, strip_boilerplate=True)"
    assert zhclean.Cleaner(**c.options).options == c.options
    c2 = pickle.loads(pickle.dumps(c))
    assert c2.options == c.options
    doc = "软件更新。这是一段足够长的新闻正文，用来示范。\n" * 2
    assert c2.clean(doc) == c.clean(doc)
    # s2twp: Taiwan phrases, as `--to s2twp`
    assert c.clean(doc)[0].startswith("軟體")


def test_stats_are_the_annotate_field():
    body = "這是一段足夠長的新聞正文,用來示範。\n"
    _, report = zhclean.clean(body + body)
    s = zhclean.stats(report)
    assert s == {
        "chars_in": 38,
        "chars_removed": 19,
        "cross_doc_chars": 0,
        "dropped": False,
        "dup_ratio": 0.5,
        "removals": {"paragraph": 1},
        "removed": [{"char_range": [19, 38], "kept_lines": [1, 1], "kind": "paragraph"}],
    }
    with pytest.raises(zhclean.ZhcleanError):
        zhclean.stats({"chars_in": 1})
    schema = json.loads(zhclean.report_schema())
    assert str(zhclean.SCHEMA_VERSION) in schema["description"]


def test_the_package_docstring_examples_run():
    import doctest

    result = doctest.testmod(zhclean)
    assert result.attempted >= 5 and result.failed == 0, result


@pytest.mark.parametrize(
    "disable",
    [["align"], ("align", "sentence"), ["near_paragraph", "inline"]],
    ids=lambda d: "+".join(d),
)
def test_disable_switches_detectors_off_as_the_cli_does(disable, cli):
    # `disable` is `--disable NAME` repeated: the same text and report as the CLI's,
    # on the doubled paragraph and on the corpus excerpts of fixtures/messy
    body = "這是一段足夠長的新聞正文,用來示範。\n"
    docs = [(body + body).encode("utf-8")] + [p.read_bytes() for p in MESSY]
    args = [a for name in disable for a in ("--disable", name)]
    c = zhclean.Cleaner(disable=disable)
    assert c.options["disable"] == list(disable)
    changed = 0
    for data in docs:
        run = cli(data, args)
        assert run.code == 0, run.stderr
        text, report = c.clean(data.decode("utf-8"))
        assert text.encode("utf-8") == run.out
        assert canonical(report) == canonical(run.report["documents"][0])
        changed += text != zhclean.clean(data.decode("utf-8"))[0]
    # without align (exact line copies) the doubled paragraphs of the fixtures are
    # removed otherwise or kept: the option is passed on
    if "align" in disable:
        assert changed > 0
    kinds = [r["kind"] for r in zhclean.clean(docs[0].decode("utf-8"), disable=disable)[1]["removed"]]
    assert "paragraph" not in kinds if "align" in disable else kinds == ["paragraph"]


def test_disable_round_trips_and_refuses_an_unknown_name_with_the_cli_message(cli):
    c = zhclean.Cleaner(disable=["near_paragraph"])
    assert repr(c) == "zhclean.Cleaner(disable=['near_paragraph'])"
    assert pickle.loads(pickle.dumps(c)).options == c.options
    assert zhclean.Cleaner().options["disable"] == []
    with pytest.raises(zhclean.ZhcleanError) as e:
        zhclean.Cleaner(disable=["near_paragraph", "nope"])
    run = cli(b"", ["--disable", "near_paragraph", "--disable", "nope"])
    assert run.code == 2
    assert run.stderr.strip() == f"zhclean: {e.value}"
    with pytest.raises(TypeError):
        zhclean.Cleaner(disable="sentence")  # a str is not a list of names
