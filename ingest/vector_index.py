"""CONTRACT STUB (owner: index helper). FAISS inner-product indexes behind a small factory."""
from __future__ import annotations

import numpy as np


def choose_index_kind(n_vectors: int, *, ann_threshold: int) -> str:
    """'flat' below ann_threshold, else the ANN kind the benchmark chose."""
    raise NotImplementedError


def build_vector_index(vectors: np.ndarray, *, kind: str = "auto", ann_threshold: int = 100_000):
    """A faiss index (inner product over L2-normalised float32 vectors) holding `vectors` with ids 0..n-1."""
    raise NotImplementedError
