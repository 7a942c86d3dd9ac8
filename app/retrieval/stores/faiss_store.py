"""The default vector store: the FAISS index of the index folder, searched in process."""
from __future__ import annotations

from typing import Any

import numpy as np

from app.retrieval.stores.base import Store, register


class FaissStore:
    name = "faiss"

    def __init__(self, stored: Any):
        self.vectors = stored.vectors

    def search(self, query: np.ndarray, k: int, *, ids: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        from ingest import vector_index

        return vector_index.search(self.vectors, query, k, ids=ids)

    def close(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"FaissStore({int(self.vectors.ntotal)} vectors)"


register(Store("faiss", lambda stored, **_: FaissStore(stored), lambda settings: {},
               "FAISS, embedded: the index folder's own file, searched in process (default)"))
