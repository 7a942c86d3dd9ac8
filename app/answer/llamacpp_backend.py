"""A local GGUF model through llama-cpp-python (optional extra: pip install 'paracite[llm]')."""
from __future__ import annotations

from pathlib import Path

from app.answer.chat import ChatModelAnswerer
from ingest.errors import BackendError


def make_llamacpp_answerer(*, model_path: str | None = None, n_ctx: int = 4096, temperature: float = 0.0,
                           max_tokens: int = 512, **_ignored) -> ChatModelAnswerer:
    try:
        import llama_cpp  # noqa: F401  (the heavy optional dependency)
        from langchain_community.chat_models import ChatLlamaCpp
    except ImportError:
        raise BackendError("the llamacpp backend needs llama-cpp-python and langchain-community: "
                           "pip install 'paracite[llm]' (or use --backend extractive)") from None
    if not model_path or not Path(model_path).is_file():
        raise BackendError(f"llamacpp model file not found: {model_path!r}; set PARACITE_LLAMACPP_MODEL_PATH to a .gguf file")
    chat = ChatLlamaCpp(model_path=str(model_path), n_ctx=n_ctx, temperature=temperature, max_tokens=max_tokens,
                        streaming=True, verbose=False)
    return ChatModelAnswerer(chat, name="llamacpp")
