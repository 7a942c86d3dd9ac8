"""The openai and auto backends against a real local model (`paracite llm serve`), opt-in: `pytest -m llm`.

Skipped unless an OpenAI-compatible server answers at PARACITE_LLM_BASE_URL (default http://127.0.0.1:8000/v1) with
PARACITE_LLM_MODEL (default qwen2.5-coder-1.5b); CI has neither the compiled llama.cpp nor the model."""
from __future__ import annotations

import os
import re

import pytest

from app.answer import make_answerer
from app.answer.routing import RoutingAnswerer
from app.chain import AnswerChain
from app.llm.server import served_models
from app.types import AnswerStatus

BASE_URL = os.environ.get("PARACITE_LLM_BASE_URL", "http://127.0.0.1:8000/v1")
MODEL = os.environ.get("PARACITE_LLM_MODEL", "qwen2.5-coder-1.5b")
pytestmark = [pytest.mark.llm, pytest.mark.slow,
              pytest.mark.skipif(MODEL not in served_models(BASE_URL), reason=f"no LLM server with {MODEL} at {BASE_URL}")]


@pytest.fixture(scope="module")
def llm():
    return make_answerer("openai", base_url=BASE_URL, model=MODEL, timeout=300)


def _numbers(text):
    return set(re.findall(r"\d[\d,.]*\d|\d", re.sub(r"\[[^\]]*\]", " ", text)))


def test_plain_question_is_quoted_and_cited(assistant, llm):
    a = AnswerChain(assistant.searcher, llm, k=5, llm_context_tokens=1200).invoke(
        "How many States were parties to the Organized Crime Convention?")
    assert a.status is AnswerStatus.ANSWERED and a.backend == "openai", a.notes
    assert "189" in a.text and 7 in {c.paragraph for c in a.citations}
    assert all(s.verified for s in a.sentences), a.sentences


def test_auto_keeps_only_verified_llm_sentences(assistant, llm):
    chain = AnswerChain(assistant.searcher, RoutingAnswerer(llm, threshold=1.01), k=5, llm_context_tokens=1200)
    a = chain.invoke("Roughly how many people in the field got trained by the Office to fight online crime?")
    assert a.status is AnswerStatus.NOT_IN_REPORT or all(s.verified for s in a.sentences)
    cited = " ".join(assistant.searcher.paragraph(c.paragraph).text for c in a.citations)
    assert _numbers(a.claims) <= _numbers(cited) | {str(c.paragraph) for c in a.citations}
