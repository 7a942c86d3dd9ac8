"""FAISS vs Milvus Lite as ParaCite's vector store, on the real report: sync time, warm search and ask latency (p50 /
p95, with and without a report filter), and retrieval quality of the fusion choices on the dev split:

- ParaCite's own BM25 + convex fusion over either store's dense scores (what the app does with both stores);
- Milvus hybrid search inside Milvus (dense field + BM25 function on the text field), RRFRanker(60) and
  WeightedRanker(0.7, 0.3), collapsed to paragraphs (best chunk each).

`python -m bench.stores` (needs `pip install 'paracite[milvus]'`). Writes bench/out/stores-<date>.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench._util import OUT_DIR, ROOT, machine


def _pcts(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    return {"p50_ms": round(1000 * xs[len(xs) // 2], 2), "p95_ms": round(1000 * xs[int(0.95 * (len(xs) - 1))], 2)}


def _milvus_hybrid(store, stored, qvec, text: str, ranker, k: int = 5) -> list[int]:
    from pymilvus import AnnSearchRequest

    dense = AnnSearchRequest([qvec.tolist()], "dense", {"metric_type": "IP"}, limit=50, expr=store._live)
    sparse = AnnSearchRequest([text], "sparse", {"metric_type": "BM25"}, limit=50, expr=store._live)
    found = store.client.hybrid_search(store.collection, [dense, sparse], ranker, limit=50, output_fields=[])
    out: list[int] = []
    for hit in found[0]:
        i = store._chunk_of.get(str(hit.get("id", hit.get("pk"))))
        if i is None:
            continue
        number = stored.chunks[i].paragraph
        if number not in out:
            out.append(number)
    return out[:k]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=3, help="passes over the questions for latency")
    args = p.parse_args(argv)
    from app import Assistant
    from app.runtime import serve_one_query_at_a_time
    from ingest.embed import make_embedder

    serve_one_query_at_a_time()
    embedder = make_embedder("sentence-transformers/all-MiniLM-L6-v2")
    work = Path(tempfile.mkdtemp(prefix="paracite-bench-stores-"))
    corpus = ROOT / "corpus"
    faiss = Assistant.load(index_dir=work / "index", corpus_dir=corpus, embedder=embedder, companion_model="none")
    t = time.perf_counter()
    milvus = Assistant.load(index_dir=work / "index", corpus_dir=corpus, embedder=embedder, vector_store="milvus",
                            companion_model="none",
                            milvus_uri=str(work / "milvus.db"))
    first_sync = time.perf_counter() - t
    t = time.perf_counter()
    Assistant.load(index_dir=work / "index", corpus_dir=corpus, embedder=embedder, vector_store="milvus",
                   companion_model="none", milvus_uri=str(work / "milvus.db"))
    reopen = time.perf_counter() - t
    doc = faiss.stored.documents[0].doc_id
    gold = [json.loads(x) for x in (ROOT / "eval" / "gold_dev.jsonl").read_text().splitlines()]
    gold = [q for q in gold if q.get("gold_paragraphs") and not q.get("history")]
    rows = {}
    for name, a in (("faiss", faiss), ("milvus", milvus)):
        lat: dict[str, list[float]] = {"search": [], "search_doc": [], "ask": []}
        for _ in range(args.repeat):
            for q in gold:
                for key, fn in (("search", lambda: a.search(q["question"], k=5)),
                                ("search_doc", lambda: a.search(q["question"], k=5, doc_id=doc))):
                    t = time.perf_counter()
                    fn()
                    lat[key].append(time.perf_counter() - t)
        for q in gold[:60]:
            t = time.perf_counter()
            a.ask(q["question"])
            lat["ask"].append(time.perf_counter() - t)
        h1 = h5 = 0
        for q in gold:
            hits = a.search(q["question"], k=5)
            h1 += hits[0].paragraph in q["gold_paragraphs"]
            h5 += any(h.paragraph in q["gold_paragraphs"] for h in hits)
        rows[name] = {**{k: _pcts(v) for k, v in lat.items()}, "hit@1": round(h1 / len(gold), 3),
                      "hit@5": round(h5 / len(gold), 3)}
    from pymilvus import RRFRanker, WeightedRanker

    store = milvus.searcher.store
    for name, ranker in (("milvus_rrf", RRFRanker(60)), ("milvus_weighted_0.7", WeightedRanker(0.7, 0.3))):
        h1 = h5 = 0
        times = []
        for q in gold:
            qvec = embedder.encode([q["question"]], kind="query")[0]
            t = time.perf_counter()
            ranked = _milvus_hybrid(store, milvus.stored, qvec, q["question"], ranker)
            times.append(time.perf_counter() - t)
            h1 += bool(ranked) and ranked[0] in q["gold_paragraphs"]
            h5 += any(n in q["gold_paragraphs"] for n in ranked)
        rows[name] = {"hit@1": round(h1 / len(gold), 3), "hit@5": round(h5 / len(gold), 3),
                      "hybrid_search": _pcts(times)}
    result = {"machine": machine(), "n_questions": len(gold), "n_chunks": len(faiss.stored.chunks),
              "milvus_first_sync_s": round(first_sync, 2), "milvus_reopen_s": round(reopen, 3), "rows": rows}
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = OUT_DIR / f"stores-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
