"""Index-only scale benchmark: FAISS Flat vs HNSW vs IVF on synthetic 384-d unit vectors at 10k / 100k / 1M.

For each index: build time (all cores), memory (serialized bytes, RSS growth, build peak), single-query latency
p50/p95 with one FAISS thread (how the app serves), recall@10 against exact search. Run from the repo root:

    python -m bench.scale                      # 10k, 100k and 1M, uniform and clustered (~30 min, quiet 2 cores)
    python -m bench.scale --quick              # 10k only, a few seconds
    python -m bench.scale --sizes 1M --data clustered --kinds hnsw --hnsw-efc 40

Raw rows go to bench/out/scale-<time>.json; the markdown tables printed are what bench/RESULTS.md quotes.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/scale.py`
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np

from bench import synth
from bench._util import loadavg, machine, peak_rss_mb, percentile, reset_peak_rss, rss_mb, table, write_json

K = 10
TARGET_RECALL = 0.95
TARGET_P50_MS = 5.0
COLS = ["data", "n", "index", "build", "search", "build_s", "bytes_mb", "rss_mb", "peak_mb", "p50_ms", "p95_ms",
        "recall10"]


def parse_size(text: str) -> int:
    t = text.strip().lower().replace("_", "")
    mult = 1_000_000 if t.endswith("m") else 1_000 if t.endswith("k") else 1
    return int(float(t.rstrip("mk")) * mult)


def ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def _faiss():
    try:
        import faiss
    except ImportError:  # pragma: no cover - faiss-cpu is a core dependency
        sys.exit("faiss is not installed: pip install faiss-cpu")
    return faiss


def single_query_run(index, xq: np.ndarray, gt: np.ndarray) -> dict[str, float]:
    """Queries one at a time on one thread, as the app serves them: latency percentiles and recall@10."""
    faiss = _faiss()
    faiss.omp_set_num_threads(1)
    for i in range(min(10, len(xq))):  # warm caches and lazily built tables
        index.search(xq[i:i + 1], K)
    lat = []
    found = np.empty((len(xq), K), dtype=np.int64)
    for i in range(len(xq)):
        t0 = time.perf_counter()
        _, ids = index.search(xq[i:i + 1], K)
        lat.append((time.perf_counter() - t0) * 1000)
        found[i] = ids[0]
    hits = sum(len(set(found[i]) & set(gt[i])) for i in range(len(xq)))
    return {"p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95), "recall10": hits / (K * len(xq)),
            "load": loadavg().split()[0]}


def measured_build(make_index, xb: np.ndarray, threads: int, cache: Path | None = None
                   ) -> tuple[Any, dict[str, float]]:
    """Build (timed) or, with a cache file from an earlier run, read the index and that run's build figures: lets
    query latency be re-measured on a quiet machine without repeating a long 1M build."""
    faiss = _faiss()
    meta = cache.with_suffix(".json") if cache else None
    if cache and cache.exists() and meta.exists():
        index = faiss.read_index(str(cache))
        return index, {**json.loads(meta.read_text()), "cached": True}
    faiss.omp_set_num_threads(threads)
    gc.collect()
    reset_peak_rss()
    rss0 = rss_mb()
    t0 = time.perf_counter()
    index = make_index()
    build_s = time.perf_counter() - t0
    rss1 = rss_mb()
    nbytes = faiss.serialize_index(index).nbytes  # what an index file on disk takes
    figures = {"build_s": build_s, "bytes_mb": nbytes / 2**20, "rss_mb": rss1 - rss0,
               "peak_mb": peak_rss_mb() - rss0, "build_load": loadavg()}
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        faiss.write_index(index, str(cache))
        meta.write_text(json.dumps(figures))
    return index, figures


def bench_dataset(data: str, n: int, args: argparse.Namespace, log) -> list[dict[str, Any]]:
    faiss = _faiss()
    dim = args.dim
    t0 = time.perf_counter()
    xb, xq = synth.make(data, n, args.queries, dim=dim, seed=args.seed)
    log(f"[{data} {n}] generated in {time.perf_counter() - t0:.1f}s")
    rows: list[dict[str, Any]] = []
    base = {"data": data, "n": n}

    # Exact top-10 on all cores: the ground truth every index is scored against.
    faiss.omp_set_num_threads(args.threads)
    flat, m = measured_build(lambda: _filled(faiss.IndexFlatIP(dim), xb), xb, args.threads)
    t0 = time.perf_counter()
    gt_d, gt = flat.search(xq, K)
    log(f"[{data} {n}] ground truth in {time.perf_counter() - t0:.1f}s")
    sample = xb[np.random.default_rng(1).integers(0, n, 2000)]
    stats = {"top1_cos": float(gt_d[:, 0].mean()), "top10_cos": float(gt_d[:, -1].mean()),
             "random_pair_cos": float((sample[:1000] * sample[1000:]).sum(1).mean())}
    log(f"[{data} {n}] similarity stats {stats}")
    if "flat" in args.kinds:
        nq = min(len(xq), args.flat_queries)
        r = single_query_run(flat, xq[:nq], gt[:nq])
        rows.append({**base, "index": "Flat", "build": "", "search": "exact", **m, **r})
        log(_line(rows[-1]))
    del flat
    gc.collect()

    if "hnsw" in args.kinds:
        efcs = args.hnsw_efc_big if n >= args.big and args.hnsw_efc_big else args.hnsw_efc
        for efc in efcs:
            def make(efc=efc):
                idx = faiss.IndexHNSWFlat(dim, args.hnsw_m, faiss.METRIC_INNER_PRODUCT)
                idx.hnsw.efConstruction = efc
                idx.add(xb)
                return idx
            idx, m = measured_build(make, xb, args.threads, _cache(args, data, n, f"hnsw{args.hnsw_m}-efc{efc}"))
            log(f"[{data} {n}] HNSW M={args.hnsw_m} efC={efc} built in {m['build_s']:.1f}s"
                + (" (read from --index-cache)" if m.get("cached") else ""))
            for ef in args.ef_search:
                idx.hnsw.efSearch = ef
                r = single_query_run(idx, xq, gt)
                rows.append({**base, "index": f"HNSW{args.hnsw_m}", "build": f"efC={efc}", "search": f"efS={ef}",
                             **m, **r})
                log(_line(rows[-1]))
            del idx
            gc.collect()

    nlist = max(1, int(round(4 * math.sqrt(n))))
    for kind in [k for k in args.kinds if k in ("ivf", "ivfsq8")]:
        def make(kind=kind):
            quantizer = faiss.IndexFlatIP(dim)
            if kind == "ivf":
                idx = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            else:
                idx = faiss.IndexIVFScalarQuantizer(quantizer, dim, nlist, faiss.ScalarQuantizer.QT_8bit,
                                                    faiss.METRIC_INNER_PRODUCT)
            # k-means on a sample: FAISS itself caps training at 256 points per list
            train = xb[np.random.default_rng(2).permutation(n)[:min(n, 64 * nlist)]]
            idx.train(train)
            idx.add(xb)
            return idx
        idx, m = measured_build(make, xb, args.threads, _cache(args, data, n, f"{kind}-nlist{nlist}"))
        name = "IVF-Flat" if kind == "ivf" else "IVF-SQ8"
        log(f"[{data} {n}] {name} nlist={nlist} built in {m['build_s']:.1f}s"
            + (" (read from --index-cache)" if m.get("cached") else ""))
        for nprobe in [p for p in args.nprobe if p <= nlist]:
            idx.nprobe = nprobe
            r = single_query_run(idx, xq, gt)
            rows.append({**base, "index": name, "build": f"nlist={nlist}", "search": f"nprobe={nprobe}", **m, **r})
            log(_line(rows[-1]))
        del idx
        gc.collect()
    for r in rows:
        r.update(stats)
    return rows


def _cache(args: argparse.Namespace, data: str, n: int, what: str) -> Path | None:
    if not args.index_cache or n < args.cache_from:
        return None
    return Path(args.index_cache) / f"{data}-{n}-d{args.dim}-s{args.seed}-{what}.faiss"


def _line(r: dict[str, Any]) -> str:
    return " ".join(f"{c}={r[c]:.4g}" if isinstance(r[c], float) else f"{c}={r[c]}" for c in COLS if c in r)


def _filled(index, xb):
    index.add(xb)
    return index


def best_per_index(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per (data, n, index): the fastest setting with recall@10 >= 0.95 (or the most accurate one if none is)."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["data"], r["n"], r["index"]), []).append(r)
    out = []
    for key, rs in groups.items():
        ok = [r for r in rs if r["recall10"] >= TARGET_RECALL]
        pick = min(ok, key=lambda r: r["p50_ms"]) if ok else max(rs, key=lambda r: r["recall10"])
        out.append({**pick, "meets": ok != [] and pick["p50_ms"] <= TARGET_P50_MS})
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="10k,100k,1M", help="comma list, e.g. 10k,100k,1M")
    p.add_argument("--data", default="clustered,uniform", help="clustered and/or uniform")
    p.add_argument("--kinds", default="flat,hnsw,ivf,ivfsq8", help="flat,hnsw,ivf,ivfsq8")
    p.add_argument("--queries", type=int, default=500, help="queries per setting (single-query timing)")
    p.add_argument("--flat-queries", type=int, default=200, help="queries timed for exact search (slow at 1M)")
    p.add_argument("--dim", type=int, default=384)
    p.add_argument("--hnsw-m", type=int, default=32)
    p.add_argument("--hnsw-efc", type=ints, default=[40, 200], help="efConstruction values")
    p.add_argument("--hnsw-efc-big", type=ints, default=[40],
                   help="efConstruction values from --big vectors on (1M builds are long on 2 cores)")
    p.add_argument("--big", type=parse_size, default=500_000)
    p.add_argument("--ef-search", type=ints, default=[16, 32, 64, 128, 256, 512])
    p.add_argument("--nprobe", type=ints, default=[4, 8, 16, 32, 64, 128])
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="FAISS threads for building")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--quick", action="store_true", help="10k vectors, 100 queries, one efConstruction")
    p.add_argument("--index-cache", default=None,
                   help="folder to keep built indexes in (>= --cache-from vectors) and reuse on the next run")
    p.add_argument("--cache-from", type=parse_size, default=500_000)
    p.add_argument("--no-save", action="store_true", help="do not write bench/out/scale-*.json")
    args = p.parse_args(argv)
    if args.quick:
        args.sizes, args.queries, args.flat_queries, args.hnsw_efc = "10k", 100, 50, [40]
    args.sizes = [parse_size(s) for s in args.sizes.split(",")]
    args.data = [d.strip() for d in args.data.split(",") if d.strip()]
    args.kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]

    start = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - start:7.1f}s] {msg}", file=sys.stderr, flush=True)

    info = machine()
    log(f"machine {info}")
    rows: list[dict[str, Any]] = []
    for n in args.sizes:
        for data in args.data:
            rows += bench_dataset(data, n, args, log)
            gc.collect()
    best = best_per_index(rows)
    print(f"# scale benchmark ({info['date']}, {info['nproc']} x {info['cpu']}, {info['ram_gib']} GiB)\n")
    print("## all settings\n")
    print(table(rows, COLS))
    print("\n## fastest setting with recall@10 >= 0.95 per index (meets = also p50 <= 5 ms)\n")
    print(table(best, COLS + ["meets"]))
    if not args.no_save:
        path = write_json("scale", {"machine": info, "args": vars(args), "rows": rows, "best": best,
                                    "total_s": time.perf_counter() - start})
        print(f"\nraw: {path}")
    print(f"total {time.perf_counter() - start:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
