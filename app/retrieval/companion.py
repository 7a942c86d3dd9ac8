"""The companion embedder's view of the index (ingest/companion.py): a second dense score per paragraph.

The query is embedded by the two models one after the other. Embedding it on a second thread while the main model
runs was measured and dropped: on this 2-core machine the two overlapped not at all (MiniLM 14 ms, e5 21 ms, both
at once 39 ms), like FAISS's second thread.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np

from ingest.embed import Embedder
from ingest.store import StoredIndex

Key = tuple[str, str]


class CompanionView:
    def __init__(self, stored: StoredIndex, embedder: Embedder):
        self.embedder = embedder
        self.model_id = embedder.model_id
        self.stored = stored  # a question the main model cannot read is answered from it (app/other_languages.py)
        self._embeddings = stored.embeddings
        self._rows: dict[Key, np.ndarray] = {}
        for i, c in enumerate(stored.chunks):
            self._rows.setdefault((c.doc_id, c.label), []).append(i)
        self._rows = {k: np.asarray(v, dtype=np.int64) for k, v in self._rows.items()}

    def __repr__(self) -> str:
        return f"CompanionView({self.model_id!r}, {len(self._rows)} paragraphs)"

    def embed(self, query: str) -> np.ndarray:
        return np.asarray(self.embedder.encode([query], kind="query")[0], dtype=np.float32)

    def scores(self, qvec: np.ndarray, keys: Iterable[Key]) -> dict[Key, float]:
        """Cosine of each paragraph's best chunk to the query, for these paragraphs (exact: only their rows)."""
        keys = [k for k in keys if k in self._rows]
        if not keys:
            return {}
        rows = np.concatenate([self._rows[k] for k in keys])
        sims = self._embeddings[rows] @ qvec
        out, pos = {}, 0
        for k in keys:
            n = len(self._rows[k])
            out[k] = float(sims[pos:pos + n].max())
            pos += n
        return out
