"""Type stubs of the compiled module ``zhclean._zhclean`` (see ``src/lib.rs``).

Units: ``window`` is in bytes; ``min_*_chars`` and every count and offset in a report
are in characters (Unicode scalar values, what a Python ``str`` indexes).
"""

import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

Document = Union[str, bytes]
"""A ``str`` is cleaned as a ``--jsonl`` record's text field; ``bytes`` are decoded
as a file is (byte-order mark, ``encoding``, ``lossy``)."""

Report = Dict[str, Any]
"""One document's entry of the CLI's JSON report (``documents[i]``, schema
``SCHEMA_VERSION``): ``path``, ``encoding``, ``bom``, ``replaced_bytes``,
``replaced_at``, ``chars_in``, ``chars_removed``, ``chars_out``, ``dup_ratio``,
``script``, ``normalization``, ``boilerplate_candidates``, ``removed`` and the
optional fields of the README's "Report" section."""

SCHEMA_VERSION: int
"""The report schema's version (the CLI's ``schema_version``)."""

__version__: str

class ZhcleanError(ValueError):
    """A bad option or an input zhclean cannot clean; the message is the CLI's
    (without its ``zhclean: `` prefix)."""

class Cleaner:
    """Cleans documents with one set of options (the CLI's long options, 1:1).

    Build one and reuse it; safe to share between threads; picklable (rebuilt from
    its options). Raises ``ZhcleanError`` for a bad value or an unreadable
    ``boilerplate_rules``/``dict`` file.
    """

    def __init__(
        self,
        *,
        to: str = "zh-hans",
        punct: str = "fullwidth",
        keep: str = "auto",
        min_sentence_chars: int = 10,
        min_paragraph_chars: int = 10,
        near_threshold: float = 0.8,
        strip_boilerplate: bool = False,
        boilerplate_rules: Optional[Union[str, os.PathLike[str]]] = None,
        converter: str = "zhclean",
        dict: Optional[Union[str, os.PathLike[str]]] = None,
        phrases: bool = False,
        encoding: str = "auto",
        lossy: bool = False,
        window: int = 33554432,
        disable: Sequence[str] = (),
    ) -> None:
        """``to``: zh-hans, zh-hant, zh-tw, zh-hk or keep (BCP 47 tags and OpenCC
        names too); ``punct``: fullwidth or keep; ``keep``: auto, first or last;
        ``min_sentence_chars``/``min_paragraph_chars``: characters;
        ``near_threshold``: 0-1; ``converter``: zhclean, fmmseg or opencc-cpp;
        ``encoding`` (bytes input): auto, utf-8, gb18030, big5, utf-16le, utf-16be;
        ``window``: bytes (a larger document is cleaned window by window; 0: never);
        ``disable``: detectors that do not run, by name (``--disable NAME``):
        boilerplate, align, near_paragraph, inline, sentence."""
    def clean(self, text: Document) -> Tuple[str, Report]:
        """``(cleaned_text, report)`` for one document; the GIL is released while
        it cleans. Raises ``ZhcleanError`` for bytes it cannot decode."""
    def clean_many(
        self, texts: Sequence[Document], threads: Optional[int] = None
    ) -> List[Tuple[str, Report]]:
        """``clean`` for each document, in parallel on ``threads`` threads (None:
        all cores) with the GIL released; results in input order, identical for every
        thread count. Raises ``ZhcleanError`` naming the first failing document."""
    @property
    def options(self) -> Dict[str, Any]:
        """The keyword arguments this cleaner was built with."""

def stats(report: Report) -> Dict[str, Any]:
    """The statistics ``--annotate`` adds for a document (``dup_ratio``,
    ``chars_in``, ``chars_removed``, ``removals`` by kind, ``removed`` with
    ``char_range`` in characters and ``kept_lines``, ``cross_doc_chars``,
    ``dropped``)."""

def report_schema() -> str:
    """The JSON Schema (draft 2020-12) of the CLI's whole JSON report."""

# Cross-document deduplication steps (the CLI's `signatures`, `pairs`, `verify`,
# `resolve`; records as in docs/{signatures,pairs,verdicts,drops}.schema.json).
# Texts are the records' input texts (before cleaning). Counts are in characters.

SIGNATURES_SCHEMA_VERSION: int
"""The version of the signature, pair, verdict and drop-list records."""

def signature(
    text: str,
    id: str,
    document: int = 0,
    line: Optional[int] = None,
    *,
    min_paragraph_chars: int = 10,
    cross_doc_threshold: float = 0.8,
) -> Dict[str, Any]:
    """One document's signature record: ``id``, ``document`` (0-based input order),
    ``line`` (default ``document + 1``), ``chars``, ``key_chars`` (characters),
    ``rows``, ``paragraphs`` (``hash``, ``line``, ``key_chars``), ``bands`` (LSH band
    keys, 16 hex digits)."""

def signatures(
    texts: Sequence[str],
    ids: Optional[Sequence[str]] = None,
    start: int = 0,
    threads: Optional[int] = None,
    *,
    min_paragraph_chars: int = 10,
    cross_doc_threshold: float = 0.8,
) -> List[Dict[str, Any]]:
    """``signature`` for each text in parallel (GIL released): document ``start + i``,
    id ``ids[i]`` (default ``str(start + i)``), line ``start + i + 1``."""

def verify(
    a: str, b: str, *, min_paragraph_chars: int = 10, cross_doc_threshold: float = 0.8
) -> Dict[str, Any]:
    """Whether the later text ``b`` copies the earlier ``a``: ``shared_bins`` (of 120),
    ``jaccard`` (exact, character 5-grams of the matching keys), ``duplicate``."""

def verify_pairs(
    pairs: Sequence[Dict[str, Any]],
    threads: Optional[int] = None,
    *,
    min_paragraph_chars: int = 10,
    cross_doc_threshold: float = 0.8,
) -> List[Dict[str, Any]]:
    """Verdict records for pair records that carry ``a_text`` and ``b_text``, in
    parallel (GIL released), in the pairs' order."""

def candidate_pairs(records: Sequence[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Candidate pair records from signature records, as ``zhclean pairs``."""

def resolve(verdicts: Sequence[Dict[str, Any]], *, cross_doc_threshold: float = 0.8) -> List[Dict[str, Any]]:
    """The drop list (records) from verdicts, as ``zhclean resolve`` and
    ``--cross-doc=drop`` decide, in input order."""
