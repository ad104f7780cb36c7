"""Adapters that put zhclean into Python data pipelines, in process (no subprocess):

- ``zhclean.adapters.datatrove.ZhcleanStep``: a datatrove ``PipelineStep`` that cleans
  ``Document.text`` and adds ``--annotate``'s statistics to ``Document.metadata``
  (datatrove is imported only by that module; install it yourself).
- ``zhclean.adapters.hf.DatasetsMap``: a function for Hugging Face
  ``datasets.Dataset.map(batched=True)``.
- ``zhclean.adapters.data_juicer``: a data-juicer-style mapper (cleans the text) and
  filter (drops documents whose duplicated share is over a limit), with the
  operator protocol of data-juicer (``process_batched``, ``compute_stats_batched``,
  ``__dj__stats__``) and no import of data-juicer.

Every adapter takes the ``Cleaner`` options (the CLI's long options, 1:1) as keyword
arguments, cleans a batch with ``Cleaner.clean_many`` (parallel, GIL released), and
pickles as its options (workers rebuild the cleaner).
"""

from typing import Any, Dict, Optional

from .. import Cleaner


class _Lazy:
    """The ``Cleaner`` of an adapter, built on first use in each process; pickles as
    its options only."""

    def __init__(self, options: Dict[str, Any]):
        self.options = dict(options)
        Cleaner(**self.options)  # a bad option fails here, where it was given
        self._cleaner: Optional[Cleaner] = None

    def get(self) -> Cleaner:
        if self._cleaner is None:
            self._cleaner = Cleaner(**self.options)
        return self._cleaner

    def __getstate__(self) -> Dict[str, Any]:
        return {"options": self.options}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.options = state["options"]
        self._cleaner = None
