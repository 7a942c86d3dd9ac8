"""CONTRACT STUB (owner: answering helper). The LangChain (LCEL) answering chain.

question (+history, section) -> condense -> retriever -> context packed to a token budget (tiktoken) -> answerer ->
citation parsing and verification -> Answer.
"""
from __future__ import annotations

from typing import Iterator, Sequence

from app.types import Answer


class AnswerChain:
    def __init__(self, searcher, answerer, *, fallback=None, k: int = 5, max_context_tokens: int = 2000,
                 abstain_threshold: float | None = None):
        raise NotImplementedError

    def invoke(self, question: str, *, history: Sequence[tuple[str, str]] | None = None,
               section: str | None = None, k: int | None = None) -> Answer:
        """history: earlier (question, answer text) pairs, oldest first."""
        raise NotImplementedError

    def stream(self, question: str, *, history: Sequence[tuple[str, str]] | None = None,
               section: str | None = None, k: int | None = None) -> Iterator[str | Answer]:
        """Yields text pieces as produced, then the complete Answer last."""
        raise NotImplementedError
