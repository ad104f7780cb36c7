"""A datatrove ``PipelineStep`` that cleans each ``Document.text`` with zhclean.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from zhclean.adapters.datatrove import ZhcleanStep

    LocalPipelineExecutor(pipeline=[
        JsonlReader("data/raw"),
        ZhcleanStep(to="zh-hans", strip_boilerplate=True),
        JsonlWriter("data/clean"),
    ], tasks=4).run()

Each document's ``text`` becomes the cleaned text and ``metadata["zhclean"]`` (see
``stats_key``) the statistics ``--annotate`` writes: ``dup_ratio``, ``chars_in``,
``chars_removed`` (characters), ``removals`` by kind, ``removed`` (``kind``,
``char_range`` in the original text, ``kept_lines``), ``cross_doc_chars``,
``dropped``. The step's datatrove stats count ``chars_in``, ``chars_removed`` and
``docs_changed``, and each removal kind. Importing this module imports datatrove
(``pip install datatrove``); nothing else in zhclean does.
"""

from itertools import islice
from typing import Any, Optional

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(
        "zhclean.adapters.datatrove needs datatrove: pip install datatrove"
    ) from e

from .. import stats as _stats
from . import _Lazy


class ZhcleanStep(PipelineStep):
    """Clean ``Document.text`` with zhclean; add statistics to ``metadata``.

    ``batch_size`` documents are cleaned at a time on ``threads`` threads (None: all
    cores; give 1 when datatrove already runs one task per core). ``stats_key`` names
    the metadata entry (None: add none). Other keyword arguments are ``Cleaner``
    options. Documents keep their order; none is dropped.
    """

    name = "🀄 zhclean"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        batch_size: int = 1000,
        threads: Optional[int] = None,
        stats_key: Optional[str] = "zhclean",
        **options: Any,
    ):
        super().__init__()
        if batch_size < 1:
            raise ValueError(f"batch_size={batch_size}: give at least 1")
        self.batch_size = batch_size
        self.threads = threads
        self.stats_key = stats_key
        self._cleaner = _Lazy(options)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        cleaner = self._cleaner.get()
        it = iter(data)
        while True:
            batch = list(islice(it, self.batch_size))
            if not batch:
                return
            with self.track_time(unit="batch"):
                results = cleaner.clean_many([d.text for d in batch], threads=self.threads)
            for doc, (text, report) in zip(batch, results):
                self.stat_update("chars_in", value=report["chars_in"])
                self.stat_update("chars_removed", value=report["chars_removed"])
                if text != doc.text:
                    self.stat_update("docs_changed")
                for r in report["removed"]:
                    self.stat_update(f"removed_{r['kind']}")
                doc.text = text
                if self.stats_key is not None:
                    doc.metadata[self.stats_key] = _stats(report)
                self.update_doc_stats(doc)
                yield doc
