"""Synthetic L2-normalised float32 embeddings for the index-only scale benchmark.

Two distributions, because ANN recall depends mostly on the data:
- uniform: directions uniform on the 384-sphere. Every pair is almost equally far apart, the worst case for any ANN
  index (real text embeddings never look like this).
- clustered: a Gaussian mixture shaped like sentence-transformer output: topics (centroids), a shared mean direction
  (real embeddings are anisotropic: unrelated paragraphs still have cosine ~0.1-0.2) and within-topic noise whose
  variance decays over a random basis (intrinsic dimension ~25 rather than 384).
Queries are fresh draws from the same distribution, never copies of database rows.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CHUNK = 100_000  # rows generated at a time, so 1M x 384 never needs a second 1.5 GB temporary


def _normalise(x: np.ndarray) -> np.ndarray:
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


def uniform(n: int, dim: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype=np.float32)
    for s in range(0, n, CHUNK):
        e = min(n, s + CHUNK)
        out[s:e] = _normalise(rng.standard_normal((e - s, dim), dtype=np.float32))
    return out


@dataclass(frozen=True)
class Mixture:
    centroids: np.ndarray  # (k, dim) unit topic directions
    mean_dir: np.ndarray  # (dim,) direction shared by all embeddings
    basis: np.ndarray  # (dim, dim) random rotation for the noise
    scales: np.ndarray  # (dim,) noise std per basis direction, sum of squares 1
    spread: float
    common: float

    def sample(self, n: int, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        dim = self.centroids.shape[1]
        out = np.empty((n, dim), dtype=np.float32)
        for s in range(0, n, CHUNK):
            e = min(n, s + CHUNK)
            labels = rng.integers(0, len(self.centroids), size=e - s)
            noise = rng.standard_normal((e - s, dim), dtype=np.float32) * self.scales
            x = self.centroids[labels] + self.common * self.mean_dir + self.spread * (noise @ self.basis)
            out[s:e] = _normalise(x.astype(np.float32, copy=False))
        return out


def mixture(n_clusters: int, dim: int, seed: int, *, spread: float = 1.1, common: float = 0.7,
            decay: float = 0.8) -> Mixture:
    rng = np.random.default_rng(seed)
    centroids = _normalise(rng.standard_normal((n_clusters, dim)).astype(np.float32))
    mean_dir = rng.standard_normal(dim).astype(np.float32)
    mean_dir /= np.linalg.norm(mean_dir)
    basis, _ = np.linalg.qr(rng.standard_normal((dim, dim)))
    var = (np.arange(dim) + 1.0) ** -decay
    scales = np.sqrt(var / var.sum()).astype(np.float32)
    return Mixture(centroids, mean_dir, basis.astype(np.float32), scales, spread, common)


def clusters_for(n: int) -> int:
    """Topic count grows with the corpus (a bigger library covers more subjects): ~250 paragraphs a topic."""
    return int(min(4000, max(20, n // 250)))


def make(kind: str, n: int, n_queries: int, dim: int = 384, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(database, queries) for kind 'uniform' or 'clustered'."""
    if kind == "uniform":
        return uniform(n, dim, seed), uniform(n_queries, dim, seed + 1)
    if kind == "clustered":
        mix = mixture(clusters_for(n), dim, seed)
        return mix.sample(n, seed + 1), mix.sample(n_queries, seed + 2)
    raise ValueError(f"unknown data kind {kind!r}: use uniform or clustered")
