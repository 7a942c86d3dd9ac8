"""One registry pattern for every pluggable part (answer backends, vector stores): a part is a module that registers
itself when imported; the built-in modules are imported on first use, and third-party ones are found through an
entry point group. Callers ask the registry by name and never import a part themselves."""
from __future__ import annotations

import importlib
import threading
from importlib.metadata import entry_points
from typing import Generic, Protocol, TypeVar

from ingest.errors import BackendError


class Named(Protocol):
    name: str


T = TypeVar("T", bound=Named)


class Registry(Generic[T]):
    def __init__(self, kind: str, builtin: tuple[str, ...], entry_point_group: str):
        self.kind = kind  # "answer backend", "vector store": what the error message calls one
        self.builtin = builtin
        self.entry_point_group = entry_point_group
        self._items: dict[str, T] = {}
        self._lock = threading.RLock()
        self._loaded = False

    def register(self, item: T) -> T:
        """Add (or replace) a part; registration order is the order users see (built-in ones first)."""
        self._load()
        with self._lock:
            self._items[item.name] = item
        return item

    def unregister(self, name: str) -> None:
        with self._lock:
            self._items.pop(name, None)

    def registered(self) -> dict[str, T]:
        """name -> part, built-in ones first."""
        self._load()
        with self._lock:
            return dict(self._items)

    def names(self) -> tuple[str, ...]:
        return tuple(self.registered())

    def get(self, name: str) -> T:
        found = self.registered().get((name or "").strip().lower())
        if found is None:
            raise BackendError(f"unknown {self.kind} {name!r}; use one of {', '.join(self.names())}")
        return found

    def _load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            self._loaded = True
            for module in self.builtin:
                importlib.import_module(module)
            for ep in entry_points(group=self.entry_point_group):
                ep.load()  # the module registers itself
