"""Any OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp server, OpenAI) through langchain-openai."""
from __future__ import annotations

from app.answer.chat import ChatModelAnswerer
from ingest.errors import BackendError


def make_openai_answerer(*, base_url: str | None = None, model: str | None = None, api_key: str | None = None,
                         timeout: float = 60.0, temperature: float = 0.0, max_tokens: int = 512,
                         **_ignored) -> ChatModelAnswerer:
    if not base_url or not model:
        raise BackendError("the openai backend needs PARACITE_LLM_BASE_URL (e.g. http://127.0.0.1:8000/v1) and "
                           "PARACITE_LLM_MODEL; set them or use --backend extractive")
    from langchain_openai import ChatOpenAI

    chat = ChatOpenAI(base_url=base_url, model=model, api_key=api_key or "not-needed", timeout=timeout,
                      max_retries=0, temperature=temperature, max_tokens=max_tokens, streaming=True)
    return ChatModelAnswerer(chat, name="openai")
