"""Start llama-cpp-python's OpenAI-compatible server on a local model, bound to 127.0.0.1 by default.

ParaCite then talks to it only through the `openai` answer backend, exactly as it would talk to Ollama or vLLM:
PARACITE_ANSWER_BACKEND=openai (or auto), PARACITE_LLM_BASE_URL=http://127.0.0.1:PORT/v1, PARACITE_LLM_MODEL=<name>.
"""
from __future__ import annotations

import importlib.util
import json
import os
import sys
import urllib.request
from pathlib import Path

from app.errors import ParaCiteError
from app.llm.models import LocalModel


def server_command(model: LocalModel, path: Path, *, host: str = "127.0.0.1", port: int = 8000,
                   n_ctx: int = 4096, threads: int | None = None) -> list[str]:
    """The argv that serves `path` under the name model.name (what PARACITE_LLM_MODEL must say)."""
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(path), "--model_alias", model.name,
           "--host", host, "--port", str(port), "--n_ctx", str(n_ctx),
           "--n_threads", str(threads or os.cpu_count() or 2)]
    if model.chat_format:
        cmd += ["--chat_format", model.chat_format]
    return cmd


def require_server_package() -> None:
    if importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("uvicorn") is None:
        raise ParaCiteError("the local LLM server needs llama-cpp-python[server]: pip install 'paracite[llm]' "
                            "(it compiles llama.cpp from source, about 15 minutes on 2 cores; pip caches the wheel)")


def served_models(base_url: str, timeout: float = 2.0) -> list[str]:
    """The model names an OpenAI-compatible server lists at base_url (…/v1), or [] when nothing answers there."""
    try:
        with urllib.request.urlopen(base_url.rstrip("/") + "/models", timeout=timeout) as r:  # noqa: S310 (local URL)
            return [m.get("id", "") for m in json.load(r).get("data", [])]
    except (OSError, ValueError):
        return []
