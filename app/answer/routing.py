"""`auto`: the extractive reader answers when it is confident; a language model reads the rest.

Confident means the relevance gate graded the question `answered` with a probability at or above the route
threshold. Everything else (paraphrases the gate grades partial, near-misses, questions it would decline) goes to
the LLM, which reads the retrieved paragraphs. The chain (app/chain.py) keeps the LLM's answer only when
verification supports it, as a `partial` answer that names the gap first (the gate did not find the question
answered, and a small model answers near-misses with the neighbouring fact), and otherwise falls back to the
extractive graded answer.

Why the default threshold is 0 (every question the gate grades answered stays extractive): on dev, with
Qwen2.5-Coder-1.5B, the LLM did better than the extractive reader on none of the 13 gate-answered questions it was
routed at a 0.7 threshold, and worse on 5 (eval/TUNING.md).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from app.answer.base import Backend, get_backend, register
from app.types import AnswerStatus
from ingest.errors import BackendError

if TYPE_CHECKING:  # pragma: no cover
    from app.abstain import Relevance
    from app.context import PackedContext

# the gate's probability at or above which an `answered` grade is kept without asking the LLM (dev: eval/TUNING.md)
ROUTE_THRESHOLD = 0.0


class RoutingAnswerer:
    name = "auto"
    routes = True  # the chain asks `llm_needed` before answering

    def __init__(self, llm: Any, *, threshold: float = ROUTE_THRESHOLD):
        self.llm = llm
        self.threshold = threshold

    def llm_needed(self, question: str, relevance: "Relevance") -> bool:
        return not (relevance.status is AnswerStatus.ANSWERED and relevance.score >= self.threshold)

    def generate(self, question: str, context: "PackedContext") -> Iterator[str]:
        return self.llm.generate(question, context)


def make_auto_answerer(*, llm_backend: str = "openai", route_threshold: float | None = None,
                       **llm_options: Any) -> RoutingAnswerer:
    if llm_backend == "auto":
        raise BackendError("auto routes to an LLM backend (openai or llamacpp), not to itself")
    llm = get_backend(llm_backend).make(**llm_options)  # the LLM's own configuration check
    return RoutingAnswerer(llm, threshold=ROUTE_THRESHOLD if route_threshold is None else route_threshold)


def _options(s: Any, embedder: Any) -> dict[str, Any]:
    # a configured OpenAI-compatible server wins; a GGUF path alone means in-process llama.cpp
    llm = "llamacpp" if (s.llamacpp_model_path and not s.llm_base_url) else "openai"
    return {"llm_backend": llm, "route_threshold": s.llm_route_threshold, **get_backend(llm).options(s, embedder)}


register(Backend(
    name="auto",
    make=make_auto_answerer,
    options=_options,
    configured=lambda s: bool((s.llm_base_url and s.llm_model) or s.llamacpp_model_path),
    description="extractive when confident, else an LLM (the openai or llamacpp settings); verified either way",
))
