"""FAISS vs Milvus Lite at scale (issue 12, part 3), index only, on synthetic clustered 384-d vectors (bench/synth.py):
build time, single-query p50/p95 with and without a one-report filter, recall@10 against exact search, memory.

Each vector belongs to a report of `--per-doc` chunks (doc_id field in Milvus; an id selector over that report's
rows in FAISS, as the app's Searcher does). FAISS is what ParaCite builds (`index_kind=auto`: exact below 100k
vectors, HNSW M=32 from 100k); Milvus Lite is what the milvus store builds (FLAT below 100k rows, IVF_FLAT with
nlist = 4 sqrt(n) and nprobe 16 above). Memory: FAISS = this process's RSS growth over the build; Milvus Lite = the
RSS of its server process (a child of this one) after loading.

    python -m bench.scale_stores --sizes 100k          # ~5 min on 2 shared cores
    python -m bench.scale_stores --sizes 100k,1M       # 1M: long (insert + IVF training in Milvus Lite)
    python -m bench.scale_stores --e2e-reports 1000    # plus the end-to-end ask latency on 1,000 synthetic reports
"""
from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench._util import machine, percentile, rss_mb, table, write_json

DIM = 384
K = 10


def _size(text: str) -> int:
    text = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * mult)


def _children_rss_mb() -> float:
    """RSS of this process's child processes (Milvus Lite's server), MiB."""
    total = 0
    me = str(os.getpid())
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            stat = (p / "stat").read_text().split()
            if stat[3] != me:
                continue
            for line in (p / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _exact(xb: np.ndarray, xq: np.ndarray, k: int) -> np.ndarray:
    out = np.empty((len(xq), k), np.int64)
    for i, q in enumerate(xq):
        s = xb @ q
        top = np.argpartition(-s, k)[:k]
        out[i] = top[np.argsort(-s[top])]
    return out


def _recall(found: list[list[int]], gt: np.ndarray) -> float:
    return float(np.mean([len(set(f[:K]) & set(g.tolist())) / K for f, g in zip(found, gt)]))


def _pcts(times: list[float]) -> tuple[float, float]:
    return round(1000 * percentile(times, 50), 2), round(1000 * percentile(times, 95), 2)


def bench_faiss(xb, xq, gt, docs_of_query, per_doc) -> dict[str, Any]:
    from ingest import vector_index

    vector_index.serve_single_queries()
    before = rss_mb()
    t = time.perf_counter()
    index = vector_index.build_vector_index(xb, kind="auto")
    build = time.perf_counter() - t
    mem = rss_mb() - before
    found, times = [], []
    for q in xq:
        t = time.perf_counter()
        _, ids = vector_index.search(index, q, K)
        times.append(time.perf_counter() - t)
        found.append(ids[0].tolist())
    ftimes = []
    for q, d in zip(xq, docs_of_query):
        ids = np.arange(d * per_doc, (d + 1) * per_doc, dtype=np.int64)
        t = time.perf_counter()
        vector_index.search(index, q, K, ids=ids)
        ftimes.append(time.perf_counter() - t)
    return {"store": f"faiss ({vector_index.index_kind_of(index)})", "build_s": round(build, 1),
            "p50_ms": _pcts(times)[0], "p95_ms": _pcts(times)[1], "filtered_p50_ms": _pcts(ftimes)[0],
            "filtered_p95_ms": _pcts(ftimes)[1], "recall@10": round(_recall(found, gt), 3), "memory_mb": round(mem)}


def _milvus_index_params(client, kind: str, n: int):
    params = client.prepare_index_params()
    if kind == "FLAT":
        params.add_index("dense", index_type="FLAT", metric_type="IP")
    elif kind == "IVF_FLAT":
        params.add_index("dense", index_type="IVF_FLAT", metric_type="IP", params={"nlist": int(4 * math.sqrt(n))})
    else:  # AUTOINDEX: Milvus chooses (in Lite 2.5 it is the only other kind offered)
        params.add_index("dense", index_type="AUTOINDEX", metric_type="IP")
    return params


def _milvus_search_params(kind: str, nprobe: int) -> dict:
    return {"metric_type": "IP", "params": {"nprobe": nprobe} if kind == "IVF_FLAT" else {}}


def bench_milvus(xb, xq, gt, docs_of_query, per_doc, work: Path, kinds: list[str], log,
                 nprobes: list[int] | None = None) -> list[dict[str, Any]]:
    """One insert, then each index kind in turn (built, loaded, measured, released, dropped): the insert dominates
    the build at 1M rows, so it is paid once; build_s = insert + that kind's index build and load."""
    from app.retrieval.stores.milvus_store import FLAT_BELOW, IVF_NPROBE, _pymilvus

    pymilvus = _pymilvus()
    DataType = pymilvus.DataType
    client = pymilvus.MilvusClient(str(work / "scale.db"))
    n = len(xb)
    kinds = kinds or ["FLAT" if n < FLAT_BELOW else "IVF_FLAT"]  # what the milvus store builds
    schema = client.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("doc_id", DataType.VARCHAR, max_length=64)
    schema.add_field("dense", DataType.FLOAT_VECTOR, dim=DIM)
    t = time.perf_counter()
    client.create_collection("scale", schema=schema)
    # Milvus Lite's local gRPC slows sharply with the message size: 500 rows a call insert ~8,000 rows/s here,
    # 5,000 rows a call ~300 rows/s
    batch = 500
    for s in range(0, n, batch):
        e = min(n, s + batch)
        client.insert("scale", [{"id": i, "doc_id": f"d{i // per_doc}", "dense": v}
                                for i, v in zip(range(s, e), xb[s:e].tolist())])
        if s and s % 100_000 == 0:
            log(f"milvus-lite: inserted {s:,} rows in {time.perf_counter() - t:.0f} s")
    client.flush("scale")
    insert_s = time.perf_counter() - t
    log(f"milvus-lite: inserted {n:,} rows in {insert_s:.0f} s")
    rows = []
    for kind in kinds:
        t = time.perf_counter()
        client.create_index("scale", _milvus_index_params(client, kind, n))
        client.load_collection("scale")
        index_s = time.perf_counter() - t
        for nprobe in (nprobes or [IVF_NPROBE]) if kind == "IVF_FLAT" else [0]:
            search_params = _milvus_search_params(kind, nprobe)
            found, times = [], []
            for q in xq:
                t = time.perf_counter()
                r = client.search("scale", data=[q.tolist()], anns_field="dense", limit=K,
                                  search_params=search_params)
                times.append(time.perf_counter() - t)
                found.append([int(h["id"]) for h in r[0]])
            ftimes = []
            for q, d in zip(xq, docs_of_query):
                t = time.perf_counter()
                client.search("scale", data=[q.tolist()], anns_field="dense", limit=K, search_params=search_params,
                              filter=f'doc_id == "d{d}"')
                ftimes.append(time.perf_counter() - t)
            rows.append({"store": f"milvus-lite ({kind}{f', nprobe {nprobe}' if nprobe else ''})",
                         "build_s": round(insert_s + index_s, 1), "insert_s": round(insert_s, 1),
                         "index_s": round(index_s, 1), "p50_ms": _pcts(times)[0], "p95_ms": _pcts(times)[1],
                         "filtered_p50_ms": _pcts(ftimes)[0], "filtered_p95_ms": _pcts(ftimes)[1],
                         "recall@10": round(_recall(found, gt), 3), "memory_mb": round(_children_rss_mb())})
            log(str(rows[-1]))
        client.release_collection("scale")
        client.drop_index("scale", "dense")
    client.drop_collection("scale")
    client.close()
    return rows


def e2e(n_reports: int, paragraphs: int, work: Path, log, backend: str = "torch") -> list[dict[str, Any]]:
    """Ask latency over a synthetic corpus of n_reports small reports (real model), FAISS vs Milvus Lite."""
    from app import Assistant
    from app.runtime import serve_one_query_at_a_time
    from bench.parse_bench import synthetic_report
    from ingest.embed import make_embedder

    corpus = work / "corpus"
    corpus.mkdir()
    text = synthetic_report(0.0005 * paragraphs)  # about `paragraphs` paragraphs each
    for i in range(n_reports):
        # each report its own: a distinct subject word in every paragraph, so retrieval has something to find
        (corpus / f"report-{i:04d}.txt").write_text(text.replace("UNODC", f"UNODC project{i:04d}"), encoding="utf-8")
    embedder = make_embedder("sentence-transformers/all-MiniLM-L6-v2", backend=backend)
    serve_one_query_at_a_time()
    t = time.perf_counter()
    faiss = Assistant.load(index_dir=work / "index", corpus_dir=corpus, embedder=embedder, companion_model="none")
    ingest_s = time.perf_counter() - t
    log(f"e2e: ingested {n_reports} reports, {len(faiss.stored.chunks)} chunks in {ingest_s:.0f} s")
    t = time.perf_counter()
    milvus = Assistant.load(index_dir=work / "index", corpus_dir=corpus, embedder=embedder, vector_store="milvus",
                            companion_model="none",
                            milvus_uri=str(work / "e2e.db"))
    sync_s = time.perf_counter() - t
    questions = [f"What training did UNODC project{i:04d} provide to prosecutors?" for i in range(0, n_reports, 
                                                                                                max(1, n_reports // 40))]
    rows = []
    for name, a in (("faiss", faiss), ("milvus-lite", milvus)):
        for filtered in (False, True):
            times, right = [], 0
            for q in questions:
                doc = f"report-{int(q.split('project')[1][:4]):04d}"
                t = time.perf_counter()
                ans = a.ask(q, doc_id=doc if filtered else None)
                times.append(time.perf_counter() - t)
                right += bool(ans.hits) and ans.hits[0].doc_id == doc
            rows.append({"store": name, "doc filter": filtered, "reports": n_reports,
                         "chunks": len(a.stored.chunks), "ask_p50_ms": _pcts(times)[0], "ask_p95_ms": _pcts(times)[1],
                         "top hit in the named report": round(right / len(questions), 2),
                         "load_s": round(ingest_s if name == "faiss" else sync_s, 1)})
            log(str(rows[-1]))
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="100k", help="comma-separated vector counts (100k,1M)")
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--per-doc", type=int, default=100, help="chunks per report (the filter's selectivity)")
    p.add_argument("--e2e-reports", type=int, default=0, help="also measure ask latency on this many reports")
    p.add_argument("--e2e-paragraphs", type=int, default=6)
    p.add_argument("--e2e-backend", default="torch", help="embedder runtime for the end-to-end run: torch, or int8 "
                   "(torch dynamic int8: about twice the passage throughput, bench/RESULTS.md section 3)")
    p.add_argument("--stores", default="faiss,milvus", help="which stores to measure at --sizes (faiss,milvus)")
    p.add_argument("--milvus-index", default="", help="Milvus Lite index kinds, measured on one insert "
                   "(FLAT, IVF_FLAT, AUTOINDEX; default: what the milvus store builds for that size)")
    p.add_argument("--nprobe", default="", help="IVF_FLAT nprobe values to measure (default: the store's, 16)")
    args = p.parse_args(argv)
    from bench import synth

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    work = Path(tempfile.mkdtemp(prefix="paracite-scale-stores-"))
    rows: list[dict[str, Any]] = []
    try:
        for n in (_size(s) for s in args.sizes.split(",") if s.strip()):
            mix = synth.mixture(max(8, n // 1000), DIM, seed=1)
            xb = mix.sample(n, seed=2)
            xq = mix.sample(args.queries, seed=3)
            gt = _exact(xb, xq, K)
            docs = np.random.default_rng(4).integers(0, n // args.per_doc, size=len(xq))
            stores = {s.strip() for s in args.stores.split(",")}
            if "faiss" in stores:
                rows.append({"n": n, **bench_faiss(xb, xq, gt, docs, args.per_doc)})
                log(str(rows[-1]))
            if "milvus" in stores:
                kinds = [k.strip().upper() for k in args.milvus_index.split(",") if k.strip()]
                rows += [{"n": n, **r} for r in bench_milvus(xb, xq, gt, docs, args.per_doc, work, kinds, log,
                                                                 [int(v) for v in args.nprobe.split(",") if v])]
        e2e_rows = e2e(args.e2e_reports, args.e2e_paragraphs, work, log, args.e2e_backend) if args.e2e_reports \
            else []
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = write_json("scale_stores", {"machine": machine(), "args": vars(args), "rows": rows, "e2e": e2e_rows})
    if rows:
        print(table(rows, ["n", "store", "build_s", "p50_ms", "p95_ms", "filtered_p50_ms", "filtered_p95_ms",
                           "recall@10", "memory_mb"]))
    if e2e_rows:
        print(table(e2e_rows, list(e2e_rows[0])))
    print(f"raw: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
