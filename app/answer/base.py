"""The answerer contract shared by every backend, and the factory that picks one by name.

Every backend turns (question, packed context) into text with inline paragraph markers (`[¶N]`, or `[doc_id ¶N]` for
several reports). The chain then runs the SAME citation parsing and verification on every backend's output, so a
backend cannot smuggle an unchecked claim past it.
"""
from __future__ import annotations

from typing import Any, Iterator, Protocol, runtime_checkable

from app.context import PackedContext
from ingest.errors import BackendError

BACKENDS = ("extractive", "openai", "llamacpp")


@runtime_checkable
class Answerer(Protocol):
    name: str

    def generate(self, question: str, context: PackedContext) -> Iterator[str]:
        """Yield the answer text as it is produced (tokens for an LLM, sentences for the extractive backend).
        Raise BackendError (or any exception: the chain falls back to the extractive answerer) on failure."""
        ...


def make_answerer(name: str, **kwargs: Any) -> Answerer:
    """extractive: embedder=; openai: base_url=, model=, api_key=, timeout=; llamacpp: model_path=, timeout=.
    Callers pass explicit arguments (the app layer reads them from Settings); nothing here reads the environment."""
    name = (name or "").strip().lower()
    if name == "extractive":
        from app.answer.extractive import ExtractiveAnswerer

        return ExtractiveAnswerer(**kwargs)
    if name == "openai":
        from app.answer.openai_backend import make_openai_answerer

        return make_openai_answerer(**kwargs)
    if name == "llamacpp":
        from app.answer.llamacpp_backend import make_llamacpp_answerer

        return make_llamacpp_answerer(**kwargs)
    raise BackendError(f"unknown answer backend {name!r}; use one of {', '.join(BACKENDS)}")
