"""The workloads bench.speed times, each run in a fresh Python process so that model load, imports and peak RSS are
those of a real cold start:

    python -m bench.pipelines ingest    --corpus C --index I --out F   # ParaCite ingest (model load included)
    python -m bench.pipelines paracite  --corpus C --index I --out F   # Assistant.load() + warm search/ask
    python -m bench.pipelines langchain --corpus C --out F             # the LangChain-tutorial RAG pipeline

Each writes one JSON object to --out.
"""
from __future__ import annotations

import time

T_PROCESS = time.perf_counter()  # as early as possible: imports count towards cold start

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, Callable  # noqa: E402

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench._util import peak_rss_mb, percentile  # noqa: E402
from bench.questions import load_questions  # noqa: E402

WARMUP = ("What is this report about?", "Which programmes are described?")


def _since(t0: float) -> float:
    return time.perf_counter() - t0


def _timed(fn: Callable[[str], Any], questions: list[str], before: Callable[[], None] | None = None
           ) -> dict[str, float]:
    lat = []
    for q in questions:
        if before:
            before()
        t0 = time.perf_counter()
        fn(q)
        lat.append(_since(t0) * 1000)
    return {"p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95), "mean_ms": sum(lat) / len(lat),
            "n": len(lat)}


class TimedEmbedder:
    """Wraps an Embedder and adds up the time and texts of passage encoding, to report paragraphs/s."""

    def __init__(self, inner: Any):
        self._inner = inner
        self.encode_s = 0.0
        self.n_texts = 0

    def encode(self, texts, *, kind="passage", progress=False):
        t0 = time.perf_counter()
        out = self._inner.encode(texts, kind=kind, progress=progress)
        if kind == "passage":
            self.encode_s += _since(t0)
            self.n_texts += len(texts)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def ingest(args: argparse.Namespace) -> dict[str, Any]:
    from app.settings import PACKAGED_MODEL
    from ingest.build import build_index
    from ingest.embed import make_embedder

    t_imports = _since(T_PROCESS)
    t0 = time.perf_counter()
    emb = make_embedder(args.model or PACKAGED_MODEL, backend=args.backend)
    model_load_s = _since(t0)
    timed = TimedEmbedder(emb)
    t0 = time.perf_counter()
    report = build_index(args.corpus, args.index, timed, progress=False, force=True)
    build_s = _since(t0)
    t0 = time.perf_counter()
    again = build_index(args.corpus, args.index, emb, progress=False)
    noop_s = _since(t0)
    n_paragraphs = sum(getattr(d, "n_paragraphs", 0) for d in report.documents)
    total_s = _since(T_PROCESS) - noop_s  # in-process: imports + model load + build of the main index
    companion_s = _companion_ingest(args, emb.model_id)  # a second ingest, reported on its own row
    return {
        "companion_s": companion_s,
        "imports_s": t_imports, "model_load_s": model_load_s, "build_s": build_s,
        "total_s": total_s,
        "embed_s": timed.encode_s, "n_embedded": timed.n_texts,
        "texts_per_s": timed.n_texts / timed.encode_s if timed.encode_s else None,
        "n_paragraphs": n_paragraphs, "n_chunks": report.n_chunks, "n_documents": len(report.documents),
        "problems": [str(p) for p in report.problems],
        "noop_rebuild_s": noop_s, "noop_changed": bool(getattr(again, "changed", True)),
        "peak_rss_mb": peak_rss_mb(),
    }


def _companion_ingest(args: argparse.Namespace, main_model_id: str) -> float | None:
    """Seconds to build the companion model's index beside the main one, model load included, as `paracite ingest`
    does after the main index (None when the settings have no companion)."""
    from app.assistant import make_companion_embedder
    from app.settings import Settings
    from ingest.companion import build_companion

    t0 = time.perf_counter()
    other = make_companion_embedder(Settings.from_env(), main_model_id)
    if other is None:
        return None
    build_companion(args.corpus, args.index, other, progress=False, force=True)
    return _since(t0)


def _clear_query_cache(embedder: Any) -> None:
    """Warm latency means 'model loaded', not 'this exact question seen before': drop cached query vectors."""
    cache = getattr(embedder, "_cache", None)
    data = getattr(cache, "_data", None)
    if hasattr(data, "clear"):
        data.clear()


def paracite(args: argparse.Namespace) -> dict[str, Any]:
    from app import Assistant
    from app.runtime import serve_one_query_at_a_time

    questions = [q.text for q in load_questions(limit=args.questions)[0]]
    t0 = time.perf_counter()
    a = Assistant.load(index_dir=args.index, corpus_dir=args.corpus,
                       **({"embedding_backend": args.backend} if args.backend else {}))
    serve_one_query_at_a_time()  # as `paracite serve` does (app/runtime.py)
    load_s = _since(t0)
    if args.torch_threads:
        # what a serving process should do: faiss.omp_set_num_threads(1) only binds the calling thread, while
        # LangChain runs the chain's retrieval in executor threads that still use every core for torch
        import torch

        torch.set_num_threads(args.torch_threads)
    t0 = time.perf_counter()
    a.search(questions[0])
    first_search_ms = _since(t0) * 1000
    t0 = time.perf_counter()
    a.ask(questions[0])
    first_ask_ms = _since(t0) * 1000
    cold_total_s = _since(T_PROCESS)
    for q in WARMUP:
        a.ask(q)
    companion = getattr(a.searcher, "companion", None)

    def clear() -> None:
        _clear_query_cache(a.embedder)
        if companion is not None:
            _clear_query_cache(companion.embedder)

    search = _timed(lambda q: a.search(q), questions, clear)
    stages: dict[str, list[float]] = {}

    def ask_and_keep_timings(q: str) -> None:
        for stage, seconds in (getattr(a.ask(q), "timings", None) or {}).items():
            stages.setdefault(stage, []).append(seconds * 1000)

    ask = _timed(ask_and_keep_timings, questions, clear)
    ask["stages_p50_ms"] = {k: percentile(v, 50) for k, v in stages.items()}
    ask_cached = _timed(lambda q: a.ask(q), questions)
    info = a.info()
    return {
        "load_s": load_s, "process_to_loaded_s": cold_total_s - (first_search_ms + first_ask_ms) / 1000,
        "first_search_ms": first_search_ms, "first_ask_ms": first_ask_ms, "cold_to_first_answer_s": cold_total_s,
        "search": search, "ask": ask, "ask_cached_query": ask_cached,
        "n_chunks": info.get("n_chunks"), "index_kind": info.get("index_kind"), "peak_rss_mb": peak_rss_mb(),
        "torch_threads": args.torch_threads,
    }


def langchain(args: argparse.Namespace) -> dict[str, Any]:
    """The LangChain RAG tutorial, as the eval compares it (eval/peer.py, the one baseline): RecursiveCharacterTextSplitter
    (1000, 200) over the raw text, the same sentence-transformers model as LangChain Embeddings, an in-memory FAISS
    vector store, the top 4 chunks. It has no persistence without pickle, so its 'cold start' is a full rebuild, as in
    the tutorial."""
    from langchain_core.prompts import PromptTemplate

    from eval.peer import CONTEXT_K, TUTORIAL_PROMPT, split_reports, vector_store
    from ingest.embed import make_embedder

    questions = [q.text for q in load_questions(limit=args.questions)[0]]
    t_imports = _since(T_PROCESS)
    t0 = time.perf_counter()
    # no query cache: each timed question costs its encoding, as in the tutorial
    embedder = make_embedder(args.model or "all-MiniLM-L6-v2", cache_size=0)
    model_load_s = _since(t0)
    t0 = time.perf_counter()
    docs = split_reports(args.corpus)
    t_split = _since(t0)
    t1 = time.perf_counter()
    store = vector_store(docs, embedder)
    index_s = _since(t1)
    build_s = _since(t0)
    total_s = _since(T_PROCESS)
    retriever = store.as_retriever(search_kwargs={"k": CONTEXT_K})
    prompt = PromptTemplate.from_template(TUTORIAL_PROMPT)

    def ask(q: str) -> Any:  # the tutorial chain up to the LLM call (no LLM here: ParaCite's default has none)
        context = "\n\n".join(d.page_content for d in retriever.invoke(q))
        return prompt.invoke({"context": context, "question": q})

    t0 = time.perf_counter()
    retriever.invoke(questions[0])
    first_search_ms = _since(t0) * 1000
    for q in WARMUP:
        ask(q)
    return {
        "imports_s": t_imports, "model_load_s": model_load_s, "split_s": t_split, "embed_index_s": index_s,
        "build_s": build_s, "total_s": total_s, "n_chunks": len(docs),
        "texts_per_s": len(docs) / index_s if index_s else None,
        "load_s": total_s, "first_search_ms": first_search_ms, "cold_to_first_answer_s": _since(T_PROCESS),
        "search": _timed(lambda q: retriever.invoke(q), questions),
        "ask": _timed(ask, questions),
        "peak_rss_mb": peak_rss_mb(),
    }


WORKLOADS = {"ingest": ingest, "paracite": paracite, "langchain": langchain}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.pipelines")
    p.add_argument("workload", choices=sorted(WORKLOADS))
    p.add_argument("--corpus", required=True)
    p.add_argument("--index")
    p.add_argument("--out", required=True)
    p.add_argument("--model", default=None, help="embedding model (default: the packaged all-MiniLM-L6-v2)")
    p.add_argument("--backend", default=None, help="embedding backend: torch or onnx")
    p.add_argument("--questions", type=int, default=None, help="use only the first N questions")
    p.add_argument("--torch-threads", type=int, default=None, help="paracite: torch.set_num_threads after load")
    args = p.parse_args(argv)
    if args.workload == "ingest" and not args.backend:
        args.backend = "torch"
    result = WORKLOADS[args.workload](args)
    Path(args.out).write_text(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
