"""The vector-store contract and the registry that finds one by name.

The index folder (ingest/store.py) stays the source of truth: chunks, paragraphs, documents and embeddings, written
atomically. A vector store serves the dense search over those chunks: FAISS (the default: the index folder's own
file, in process) or Milvus (app/retrieval/stores/milvus_store.py: Milvus Lite on a local file, or a server).

A store answers `search(query_vector, k, ids=None)` with (scores, chunk ids), chunk id i being `stored.chunks[i]` of
the loaded index, best first, -1 padding; `ids` restricts the search to those chunks (a section or report filter)
without losing recall to post-filtering. Adding a store is one module that calls `register(Store(...))` when
imported, listed in BUILTIN or under the `paracite.stores` entry point group; Settings' vector_store check, the
Assistant and `paracite migrate` read this registry.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Protocol, runtime_checkable

import numpy as np

from app.registry import Registry

if TYPE_CHECKING:  # pragma: no cover
    from app.settings import Settings
    from ingest.store import StoredIndex

BUILTIN = ("app.retrieval.stores.faiss_store", "app.retrieval.stores.milvus_store")
ENTRY_POINTS = "paracite.stores"


@runtime_checkable
class VectorStore(Protocol):
    name: str

    def search(self, query: np.ndarray, k: int, *, ids: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, chunk ids), each of shape (1, <=k), best first; ids == -1 pad missing results."""
        ...

    def close(self) -> None:
        ...


@dataclass(frozen=True)
class Store:
    """One vector store. make(stored, **options) opens it over a loaded index (bringing it up to date with the index
    when it keeps its own copy) and raises BackendError saying what to install or set; options(settings) maps
    Settings to those keyword arguments."""

    name: str
    make: Callable[..., VectorStore]
    options: Callable[["Settings"], dict[str, Any]]
    description: str = ""


_REGISTRY: Registry[Store] = Registry("vector store", BUILTIN, ENTRY_POINTS)
register = _REGISTRY.register
registered = _REGISTRY.registered
names = _REGISTRY.names
get_store = _REGISTRY.get


def make_store(name: str, stored: "StoredIndex", **options: Any) -> VectorStore:
    return get_store(name).make(stored, **options)
