"""FAISS indexes: exact = brute force, ANN recall against exact, persistence, id-restricted search."""
from __future__ import annotations

import numpy as np
import pytest

from ingest.vector_index import (build_vector_index, choose_index_kind, index_kind_of, read_index, resolve_kind,
                                 search, write_index)


def _unit(n: int, d: int = 32, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _clustered(n: int, d: int = 32, seed: int = 0) -> np.ndarray:
    """Points around 40 topics, like sentence embeddings (uniform random data is the worst case for IVF)."""
    rng = np.random.default_rng(seed)
    centers = rng.standard_normal((40, d)).astype(np.float32)
    x = centers[rng.integers(0, 40, n)] + 1.5 * rng.standard_normal((n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _recall(index, data, queries, k=10) -> float:
    exact = np.argsort(-(queries @ data.T), axis=1, kind="stable")[:, :k]
    _, found = search(index, queries, k)
    return float(np.mean([len(set(e) & set(f)) / k for e, f in zip(exact, found)]))


def test_choose_kind_by_size():
    assert choose_index_kind(99, ann_threshold=100) == "flat"
    assert choose_index_kind(100, ann_threshold=100) == "hnsw"
    assert resolve_kind("auto", 10, 100) == "flat" and resolve_kind("ivf", 10, 100) == "ivf"
    with pytest.raises(ValueError):
        resolve_kind("lsh", 10, 100)


def test_flat_is_exact_inner_product():
    data, queries = _unit(300), _unit(5, seed=1)
    index = build_vector_index(data, kind="auto", ann_threshold=1000)
    assert index_kind_of(index) == "flat" and index.ntotal == 300
    scores, ids = search(index, queries, 7)
    expected = np.argsort(-(queries @ data.T), axis=1, kind="stable")[:, :7]
    assert np.array_equal(ids, expected)
    np.testing.assert_allclose(scores, np.take_along_axis(queries @ data.T, expected, axis=1), rtol=1e-5)


@pytest.mark.parametrize("kind,min_recall", [("hnsw", 0.95), ("ivf", 0.8)])
def test_ann_recall_against_exact(kind, min_recall):
    data = _clustered(6000, seed=2)
    queries, data = data[:50], data[50:]
    index = build_vector_index(data, kind="auto" if kind == "hnsw" else kind, ann_threshold=1000)
    assert index_kind_of(index) == kind
    assert _recall(index, data, queries) >= min_recall


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivf"])
def test_write_read_round_trip_and_id_filter(tmp_path, kind):
    data, queries = _unit(2000, seed=4), _unit(3, seed=5)
    index = build_vector_index(data, kind=kind)
    write_index(index, tmp_path / "v.faiss")
    again = read_index(tmp_path / "v.faiss")
    assert index_kind_of(again) == kind
    s1, i1 = search(index, queries, 5)
    s2, i2 = search(again, queries, 5)
    assert np.array_equal(i1, i2) and np.array_equal(s1, s2)
    allowed = np.arange(100, 200)
    _, ids = search(again, queries, 10, ids=allowed)
    got = ids[ids >= 0]
    assert len(got) > 0 and set(got.tolist()) <= set(allowed.tolist())


def test_k_larger_than_index_and_empty_index():
    index = build_vector_index(_unit(3))
    scores, ids = search(index, _unit(1, seed=9), 10)
    assert ids.shape == (1, 3) and sorted(ids[0].tolist()) == [0, 1, 2]
    empty = build_vector_index(np.zeros((0, 32), np.float32))
    assert search(empty, _unit(1), 5)[1].shape == (1, 0)
