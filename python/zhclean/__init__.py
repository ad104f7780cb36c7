"""zhclean for Python: clean scraped Chinese text and report every removal.

The same engine as the ``zhclean`` command line, in process (a pyo3 extension)::

    >>> import zhclean
    >>> body = "這是一段足夠長的新聞正文,用來示範。\\n"
    >>> text, report = zhclean.clean(body + body)
    >>> text
    '这是一段足够长的新闻正文，用来示范。\\n'
    >>> report["removed"][0]["kind"], report["chars_removed"]
    ('paragraph', 19)

``report`` is the document's entry of the CLI's JSON report (schema
``SCHEMA_VERSION``): counts and offsets are in characters (Unicode scalar values,
what a Python ``str`` indexes), ``window`` is in bytes. For many documents build one
``Cleaner`` and call ``Cleaner.clean_many`` (parallel, GIL released). Pipeline
adapters: ``zhclean.adapters`` (datatrove, Hugging Face ``datasets``, data-juicer).
The cross-document steps of ``--cross-doc=drop`` for a cluster job (``signatures``,
``candidate_pairs``, ``verify_pairs``, ``resolve``) give the records of the CLI's
``signatures``, ``pairs``, ``verify`` and ``resolve`` verbs.
"""

from functools import lru_cache
from typing import Any, Dict, Tuple, Union

from ._zhclean import (
    SCHEMA_VERSION,
    SIGNATURES_SCHEMA_VERSION,
    Cleaner,
    ZhcleanError,
    __version__,
    candidate_pairs,
    report_schema,
    resolve,
    signature,
    signatures,
    stats,
    verify,
    verify_pairs,
)

__all__ = [
    "SCHEMA_VERSION",
    "SIGNATURES_SCHEMA_VERSION",
    "Cleaner",
    "ZhcleanError",
    "__version__",
    "candidate_pairs",
    "clean",
    "report_schema",
    "resolve",
    "signature",
    "signatures",
    "stats",
    "verify",
    "verify_pairs",
]


@lru_cache(maxsize=16)
def _cleaner(options: Tuple[Tuple[str, Any], ...]) -> Cleaner:
    return Cleaner(**dict(options))


def clean(text: Union[str, bytes], **options: Any) -> Tuple[str, Dict[str, Any]]:
    """Clean one document with the command line's options (see ``Cleaner``).

    ``text`` is a ``str`` (cleaned as a ``--jsonl`` record's text field) or ``bytes``
    (decoded as a file is: byte-order mark, ``encoding``, ``lossy``). Returns
    ``(cleaned_text, report)`` where ``report`` is the dict the CLI writes for this
    document in ``--report`` (``path`` is None, as for stdin). The cleaner for each set
    of options is built once and reused. Raises ``ZhcleanError`` (a ``ValueError``)
    with the CLI's message for a bad option or undecodable bytes.
    """
    try:
        key = tuple(sorted(options.items()))
        hash(key)
    except TypeError:  # an unhashable option value: no cache
        return Cleaner(**options).clean(text)
    return _cleaner(key).clean(text)
