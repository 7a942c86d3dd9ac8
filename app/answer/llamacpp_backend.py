"""A local GGUF model through llama-cpp-python (optional extra: pip install 'paracite[llm]')."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.answer.base import Backend, register
from ingest.errors import BackendError

if TYPE_CHECKING:  # pragma: no cover
    from app.answer.chat import ChatModelAnswerer


def make_llamacpp_answerer(*, model_path: str | None = None, n_ctx: int = 4096, temperature: float = 0.0,
                           max_tokens: int = 512, prompt: str = "quote", **_ignored) -> "ChatModelAnswerer":
    if not model_path:
        raise BackendError("the llamacpp backend needs PARACITE_LLAMACPP_MODEL_PATH (a .gguf file)")
    try:
        import llama_cpp  # noqa: F401  (the heavy optional dependency)
        from langchain_community.chat_models import ChatLlamaCpp
    except ImportError:
        raise BackendError("the llamacpp backend needs llama-cpp-python and langchain-community: "
                           "pip install 'paracite[llm]' (or use --backend extractive)") from None
    if not Path(model_path).is_file():
        raise BackendError(f"llamacpp model file not found: {model_path!r}; set PARACITE_LLAMACPP_MODEL_PATH to a .gguf file")
    from app.answer.chat import ChatModelAnswerer

    chat = ChatLlamaCpp(model_path=str(model_path), n_ctx=n_ctx, temperature=temperature, max_tokens=max_tokens,
                        streaming=True, verbose=False)
    return ChatModelAnswerer(chat, name="llamacpp", style=prompt)


register(Backend(
    name="llamacpp",
    make=make_llamacpp_answerer,
    options=lambda s, _embedder: {"model_path": s.llamacpp_model_path, "timeout": s.llm_timeout, "prompt": s.llm_prompt},
    configured=lambda s: bool(s.llamacpp_model_path),
    description="a local GGUF file through llama-cpp-python (PARACITE_LLAMACPP_MODEL_PATH)",
))
