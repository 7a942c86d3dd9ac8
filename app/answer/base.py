"""The answerer contract shared by every backend, and the registry that finds one by name.

Every backend turns (question, packed context) into text with inline paragraph markers (`[¶N]`, or `[doc_id ¶N]` for
several reports). The chain then runs the SAME citation parsing and verification on every backend's output, so a
backend cannot smuggle an unchecked claim past it.

Adding an answerer is one module that calls `register(Backend(...))` when imported: the built-in ones are listed in
BUILTIN; others are found through the `paracite.answerers` entry point group (or registered by importing them).
`Assistant.backends()`, `Assistant.chain()`, Settings' answer_backend check and the CLI's --backend choices all read
this registry.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, Protocol, runtime_checkable

from app.registry import Registry

if TYPE_CHECKING:  # pragma: no cover
    from app.context import PackedContext
    from app.settings import Settings

BUILTIN = ("app.answer.extractive_backend", "app.answer.openai_backend", "app.answer.llamacpp_backend",
           "app.answer.routing")
ENTRY_POINTS = "paracite.answerers"


@runtime_checkable
class Answerer(Protocol):
    name: str

    def generate(self, question: str, context: "PackedContext") -> Iterator[str]:
        """Yield the answer text as it is produced (tokens for an LLM, sentences for the extractive backend).
        Raise BackendError (or any exception: the chain falls back to the extractive answerer) on failure."""
        ...


def _always(_settings: Any) -> bool:
    return True


@dataclass(frozen=True)
class Backend:
    """One answerer backend.

    make(**options) builds the answerer and raises BackendError (saying what to set) when it cannot: that is the
    backend's one configuration check. options(settings, embedder) maps Settings to those keyword arguments (callers
    of make_answerer pass them explicitly; nothing here reads the environment). configured(settings) says whether
    the settings it needs are there, for the list a user chooses from. An LLM backend falls back to the extractive
    answerer when it fails at answer time."""

    name: str
    make: Callable[..., Answerer]
    options: Callable[["Settings", Any], dict[str, Any]]
    configured: Callable[["Settings"], bool] = _always
    description: str = ""
    falls_back: bool = True


_REGISTRY: Registry[Backend] = Registry("answer backend", BUILTIN, ENTRY_POINTS)
register = _REGISTRY.register
unregister = _REGISTRY.unregister
registered = _REGISTRY.registered
names = _REGISTRY.names
get_backend = _REGISTRY.get


def make_answerer(name: str, **kwargs: Any) -> Answerer:
    """The answerer `name` built from explicit keyword arguments (see each backend's module: extractive: embedder=;
    openai: base_url=, model=, api_key=, timeout=; llamacpp: model_path=, timeout=)."""
    return get_backend(name).make(**kwargs)


def reader_parts(backend: str) -> tuple[str, str]:
    """(router, reader) of an Answer.backend: "auto:openai" -> ("auto", "openai"), "extractive" -> ("", "extractive")."""
    router, _, llm = backend.partition(":") if ":" in backend else ("", "", backend)
    return router, llm


def is_extractive(reader: str) -> bool:
    return reader in ("extractive", "")


def reader_label(backend: str) -> str:
    """Which reader wrote the answer, in words: "extractive reader", "language model (openai, chosen by auto)"."""
    router, llm = reader_parts(backend)
    if is_extractive(llm):
        return "extractive reader (the report's own sentences)"
    return f"language model ({llm}{', chosen by ' + router if router else ''}), checked against the cited paragraphs"
