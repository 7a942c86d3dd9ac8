"""Registers the extractive answerer (app/answer/extractive.py): offline, no LLM, always available."""
from __future__ import annotations

from typing import Any

from app.answer.base import Backend, register


def make_extractive_answerer(**kwargs: Any) -> Any:
    from app.answer.extractive import ExtractiveAnswerer

    return ExtractiveAnswerer(**kwargs)


register(Backend(
    name="extractive",
    make=make_extractive_answerer,
    options=lambda _settings, embedder: {"embedder": embedder},
    description="verbatim sentences of the retrieved paragraphs, each cited (offline, no LLM)",
    falls_back=False,
))
