"""Vector stores: where the chunk vectors are searched (app/retrieval/stores/base.py, a registry)."""
from app.retrieval.stores.base import Store, VectorStore, get_store, make_store, names, register

__all__ = ["Store", "VectorStore", "get_store", "make_store", "names", "register"]
