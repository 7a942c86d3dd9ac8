"""Any OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp server, OpenAI) through langchain-openai."""
from __future__ import annotations

from typing import TYPE_CHECKING

from app.answer.base import Backend, register
from ingest.errors import BackendError

if TYPE_CHECKING:  # pragma: no cover
    from app.answer.chat import ChatModelAnswerer


def make_openai_answerer(*, base_url: str | None = None, model: str | None = None, api_key: str | None = None,
                         timeout: float = 60.0, temperature: float = 0.0, max_tokens: int = 512, prompt: str = "quote",
                         **_ignored) -> "ChatModelAnswerer":
    if not base_url or not model:
        raise BackendError("the openai backend needs PARACITE_LLM_BASE_URL (e.g. http://127.0.0.1:8000/v1) and "
                           "PARACITE_LLM_MODEL; set them or use --backend extractive")
    from langchain_openai import ChatOpenAI

    from app.answer.chat import ChatModelAnswerer

    chat = ChatOpenAI(base_url=base_url, model=model, api_key=api_key or "not-needed", timeout=timeout,
                      max_retries=0, temperature=temperature, max_tokens=max_tokens, streaming=True)
    return ChatModelAnswerer(chat, name="openai", style=prompt)


register(Backend(
    name="openai",
    make=make_openai_answerer,
    options=lambda s, _embedder: {"base_url": s.llm_base_url, "model": s.llm_model, "api_key": s.llm_api_key,
                                  "timeout": s.llm_timeout, "prompt": s.llm_prompt},
    configured=lambda s: bool(s.llm_base_url and s.llm_model),
    description="any OpenAI-compatible server (PARACITE_LLM_BASE_URL, PARACITE_LLM_MODEL)",
))
