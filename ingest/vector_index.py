"""FAISS inner-product indexes behind a small factory.

Vectors are L2-normalised, so inner product is cosine similarity. Following the FAISS guidelines ("Guidelines to
choose an index"): below ~100k vectors exact search (IndexFlatIP) is fast enough and has perfect recall; above it an
HNSW graph (IndexHNSWFlat, M=32) gives the best speed/recall when memory is not the constraint, and IVF
(IndexIVFFlat, nlist = 4*sqrt(n), trained by k-means) is selectable for corpora where HNSW's memory or build time
hurts. faiss is imported lazily.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from ingest.choices import IndexKind

KINDS = IndexKind.values()
ANN_DEFAULT = "hnsw"
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 128
IVF_NPROBE = 16


def _faiss():
    try:
        import faiss
    except ImportError:
        from ingest.errors import BackendError

        raise BackendError("faiss is not installed: pip install faiss-cpu") from None
    return faiss


def choose_index_kind(n_vectors: int, *, ann_threshold: int) -> str:
    """'flat' below ann_threshold, else the ANN kind the benchmark chose."""
    return "flat" if n_vectors < ann_threshold else ANN_DEFAULT


def resolve_kind(kind: str, n_vectors: int, ann_threshold: int) -> str:
    if kind not in KINDS:
        raise ValueError(f"index kind {kind!r} is not one of {', '.join(KINDS)}")
    return choose_index_kind(n_vectors, ann_threshold=ann_threshold) if kind == "auto" else kind


def build_vector_index(vectors: np.ndarray, *, kind: str = "auto", ann_threshold: int = 100_000):
    """A faiss index (inner product over L2-normalised float32 vectors) holding `vectors` with ids 0..n-1."""
    faiss = _faiss()
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    if vectors.ndim != 2:
        raise ValueError(f"vectors must be a 2-D array, got shape {vectors.shape}")
    n, dim = vectors.shape
    kind = resolve_kind(kind, n, ann_threshold)
    if kind == "flat":
        index = faiss.IndexFlatIP(dim)
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    elif kind == "ivf":
        # nlist between 4*sqrt(n) and 16*sqrt(n) per the guidelines; k-means wants >= ~39 points per centroid
        nlist = max(1, min(int(4 * math.sqrt(max(n, 1))), n // 39 if n >= 39 else 1))
        quantizer = faiss.IndexFlatIP(dim)
        index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
        if n:
            index.train(vectors)
        index.nprobe = min(IVF_NPROBE, nlist)
    else:  # pragma: no cover - resolve_kind guards
        raise ValueError(kind)
    if n:
        index.add(vectors)
    return index


def index_kind_of(index: Any) -> str:
    """'flat', 'hnsw' or 'ivf' for an index built here."""
    faiss = _faiss()
    if isinstance(index, faiss.IndexHNSW):
        return "hnsw"
    if isinstance(index, faiss.IndexIVF):
        return "ivf"
    return "flat"


def search(index: Any, queries: np.ndarray, k: int, *, ids: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(scores, ids) of the k best vectors per query, best first; ids == -1 pad missing results. `ids` restricts
    the search to those vector ids (a section filter) without losing recall to post-filtering."""
    faiss = _faiss()
    queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
    k = max(1, min(int(k), int(index.ntotal)))
    if index.ntotal == 0:
        return np.zeros((len(queries), 0), np.float32), np.zeros((len(queries), 0), np.int64)
    params = None
    if ids is not None:
        selector = faiss.IDSelectorBatch(np.ascontiguousarray(ids, dtype=np.int64))
        kind = index_kind_of(index)
        if kind == "hnsw":
            params = faiss.SearchParametersHNSW(sel=selector, efSearch=max(index.hnsw.efSearch, k))
        elif kind == "ivf":
            params = faiss.SearchParametersIVF(sel=selector, nprobe=index.nprobe)
        else:
            params = faiss.SearchParameters(sel=selector)
    elif index_kind_of(index) == "hnsw" and index.hnsw.efSearch < k:
        params = faiss.SearchParametersHNSW(efSearch=k)
    scores, found = index.search(queries, k, params=params) if params is not None else index.search(queries, k)
    return scores, found


def write_index(index: Any, path: str | Path) -> None:
    _faiss().write_index(index, str(path))


def read_index(path: str | Path) -> Any:
    return _faiss().read_index(str(path))


def serve_single_queries() -> None:
    """One OpenMP thread per search: for one query at a time, FAISS's thread start-up costs more than it saves and
    fights with the web server's own threads."""
    _faiss().omp_set_num_threads(1)
