"""A data-juicer-style mapper and filter pair, without importing data-juicer.

They follow data-juicer's operator protocol (``_batched_op``, ``process_batched`` on
a dict of columns, ``compute_stats_batched`` writing into ``__dj__stats__``), so they
run on plain column dicts as they are, and in data-juicer as registered operators:

    # my_ops.py, imported before data-juicer builds the recipe
    from data_juicer.ops.base_op import OPERATORS, Filter, Mapper
    from zhclean.adapters.data_juicer import ZhcleanDupRatioFilter, ZhcleanMapper

    @OPERATORS.register_module("zhclean_mapper")
    class ZhcleanDJMapper(Mapper):
        _batched_op = True

        def __init__(self, to="zh-hans", strip_boilerplate=False, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.op = ZhcleanMapper(text_key=self.text_key, to=to,
                                    strip_boilerplate=strip_boilerplate)

        def process_batched(self, samples):
            return self.op.process_batched(samples)

    @OPERATORS.register_module("zhclean_dup_ratio_filter")
    class ZhcleanDJFilter(Filter):
        _batched_op = True

        def __init__(self, max_ratio=0.1, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.op = ZhcleanDupRatioFilter(max_ratio=max_ratio, text_key=self.text_key)

        def compute_stats_batched(self, samples):
            return self.op.compute_stats_batched(samples)

        def process_batched(self, samples):
            return self.op.process_batched(samples)

and in the recipe (YAML)::

    process:
      - zhclean_dup_ratio_filter: {max_ratio: 0.1}   # drop documents mostly copies
      - zhclean_mapper: {to: zh-hans}                # clean the rest

The registration above is written against data-juicer's documented operator API
and is not tested here (data-juicer is about 630 MB to install); the two classes
below are tested on plain column dicts (python/tests/test_adapters.py).
"""

from typing import Any, Dict, List, Optional

from . import _Lazy

#: data-juicer's ``Fields.stats``: the column of per-sample statistics dicts.
STATS_FIELD = "__dj__stats__"
#: The statistic the filter computes and keeps: the document's ``dup_ratio``
#: (characters removed as copies / characters in, 0-1).
DUP_RATIO_KEY = "zhclean_dup_ratio"


class ZhcleanMapper:
    """Replaces ``text_key`` of each sample with its zhclean-cleaned text.

    ``threads`` per batch (None: all cores); other keyword arguments are ``Cleaner``
    options.
    """

    _batched_op = True

    def __init__(self, text_key: str = "text", threads: Optional[int] = None, **options: Any):
        self.text_key = text_key
        self.threads = threads
        self._cleaner = _Lazy(options)

    def process_batched(self, samples: Dict[str, List[Any]]) -> Dict[str, List[Any]]:
        results = self._cleaner.get().clean_many(samples[self.text_key], threads=self.threads)
        samples[self.text_key] = [t for t, _ in results]
        return samples

    def process_single(self, sample: Dict[str, Any]) -> Dict[str, Any]:
        sample[self.text_key] = self._cleaner.get().clean(sample[self.text_key])[0]
        return sample


class ZhcleanDupRatioFilter:
    """Keeps a sample when zhclean's ``dup_ratio`` of its text is at most
    ``max_ratio`` (0-1; as ``--check --max-dup-ratio``). The ratio is stored in the
    sample's ``__dj__stats__`` under ``zhclean_dup_ratio`` (an existing value is not
    recomputed). Other keyword arguments are ``Cleaner`` options.
    """

    _batched_op = True

    def __init__(
        self,
        max_ratio: float = 0.1,
        text_key: str = "text",
        threads: Optional[int] = None,
        **options: Any,
    ):
        if not 0.0 <= max_ratio <= 1.0:
            raise ValueError(f"max_ratio={max_ratio}: give a share between 0 and 1")
        self.max_ratio = max_ratio
        self.text_key = text_key
        self.threads = threads
        self._cleaner = _Lazy(options)

    def compute_stats_batched(self, samples: Dict[str, List[Any]]) -> Dict[str, List[Any]]:
        texts = samples[self.text_key]
        stats = samples.get(STATS_FIELD) or [{} for _ in texts]
        todo = [i for i, s in enumerate(stats) if DUP_RATIO_KEY not in s]
        results = self._cleaner.get().clean_many([texts[i] for i in todo], threads=self.threads)
        for i, (_, report) in zip(todo, results):
            stats[i][DUP_RATIO_KEY] = report["dup_ratio"]
        samples[STATS_FIELD] = stats
        return samples

    def process_batched(self, samples: Dict[str, List[Any]]) -> List[bool]:
        return [s[DUP_RATIO_KEY] <= self.max_ratio for s in samples[STATS_FIELD]]

    def compute_stats_single(self, sample: Dict[str, Any]) -> Dict[str, Any]:
        stats = sample.setdefault(STATS_FIELD, {})
        if DUP_RATIO_KEY not in stats:
            stats[DUP_RATIO_KEY] = self._cleaner.get().clean(sample[self.text_key])[1]["dup_ratio"]
        return sample

    def process_single(self, sample: Dict[str, Any]) -> bool:
        return sample[STATS_FIELD][DUP_RATIO_KEY] <= self.max_ratio
