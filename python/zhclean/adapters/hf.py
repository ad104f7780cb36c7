"""Hugging Face ``datasets``: a function for ``Dataset.map(batched=True)``.

    from datasets import load_dataset
    from zhclean.adapters.hf import DatasetsMap

    ds = load_dataset("json", data_files="news.jsonl", split="train")
    ds = ds.map(DatasetsMap(text_column="text", to="zh-hans"), batched=True, batch_size=1000)

The text column is replaced by the cleaned text and fixed-type columns are added
(prefix ``zhclean_``): ``dup_ratio`` (float), ``chars_in``, ``chars_removed``,
``chars_out`` (characters) and ``removals`` (int); with ``report_column`` the
document's whole report is added as JSON text (the CLI's report entry). Columns
have the same types in every batch, as Arrow needs. No import of ``datasets``: the
function takes and returns plain ``dict[str, list]`` batches, so it also works on
any mapping of columns.
"""

import json
from typing import Any, Dict, List, Optional

from . import _Lazy


class DatasetsMap:
    """``batch -> batch`` for ``Dataset.map(batched=True)`` (picklable, so
    ``num_proc`` works; with ``num_proc`` give ``threads=1``).

    ``text_column``: the column to clean; ``prefix``: of the added columns;
    ``report_column``: a column for the whole report as JSON (None: none);
    ``threads``: per batch (None: all cores). Other keyword arguments are ``Cleaner``
    options.
    """

    def __init__(
        self,
        text_column: str = "text",
        prefix: str = "zhclean_",
        report_column: Optional[str] = None,
        threads: Optional[int] = None,
        **options: Any,
    ):
        self.text_column = text_column
        self.prefix = prefix
        self.report_column = report_column
        self.threads = threads
        self._cleaner = _Lazy(options)

    def __call__(self, batch: Dict[str, List[Any]]) -> Dict[str, List[Any]]:
        if self.text_column not in batch:
            raise KeyError(f"no column {self.text_column!r}; the batch has {sorted(batch)}")
        results = self._cleaner.get().clean_many(batch[self.text_column], threads=self.threads)
        out = dict(batch)
        out[self.text_column] = [t for t, _ in results]
        p = self.prefix
        out[p + "dup_ratio"] = [float(r["dup_ratio"]) for _, r in results]
        out[p + "chars_in"] = [r["chars_in"] for _, r in results]
        out[p + "chars_removed"] = [r["chars_removed"] for _, r in results]
        out[p + "chars_out"] = [r["chars_out"] for _, r in results]
        out[p + "removals"] = [len(r["removed"]) for _, r in results]
        if self.report_column is not None:
            out[self.report_column] = [json.dumps(r, ensure_ascii=False) for _, r in results]
        return out
