"""End-to-end speed of ParaCite on the bundled report, next to the LangChain-tutorial pipeline in the same run.

    python -m bench.speed                 # ingest, cold start, warm search/ask p50/p95, peak RSS, --help; ~2 min
    python -m bench.speed --quick         # 3 questions, no LangChain baseline repeat; for the smoke test
    python -m bench.speed --no-langchain  # ParaCite only

Every workload runs in a fresh Python process (bench/pipelines.py) so model loading and peak RSS are real. The index
is built in a temporary folder from a copy of corpus/; the project's index/ is never touched. Raw JSON goes to
bench/out/speed-<time>.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/speed.py`
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench._util import ROOT, machine, percentile, write_json
from bench.questions import load_questions

# The targets of issue 7 (on a 2-core machine).
TARGETS = {"ask_p50_ms": 100.0, "search_p50_ms": 25.0, "ingest_s": 15.0, "help_s": 1.0}


def run_child(workload: str, out_dir: Path, *extra: str) -> dict[str, Any]:
    out = out_dir / f"{workload}.json"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "bench.pipelines", workload, "--out", str(out), *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
        raise RuntimeError(f"bench.pipelines {workload} failed (exit {proc.returncode}):\n{tail}")
    result = json.loads(out.read_text())
    result["process_wall_s"] = wall  # includes interpreter start-up
    return result


def help_time(repeats: int) -> dict[str, Any]:
    exe = Path(sys.executable).with_name("paracite")
    cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "app.cli", "--help"]
    times, bare = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.strip()[-500:]}")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], capture_output=True)
        bare.append(time.perf_counter() - t0)
    return {"command": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd)),
            "p50_s": percentile(times, 50), "max_s": max(times), "python_startup_s": percentile(bare, 50)}


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if not a or not b else b / a


def report(res: dict[str, Any]) -> str:
    ing, pc, lc, hlp = res["ingest"], res["paracite"], res.get("langchain"), res["help"]
    lines = [f"# speed benchmark ({res['machine']['date']}, {res['machine']['nproc']} x {res['machine']['cpu']}, "
             f"load {res['machine']['loadavg']})", "",
             f"questions: {res['n_questions']} from {res['questions_source']}", ""]
    rows = [
        ("ingest total (process start -> index written) s", ing["total_s"], lc and lc["total_s"]),
        # one row: ParaCite imports torch inside make_embedder, the baseline at its top
        ("  of which imports + model load s", ing["imports_s"] + ing["model_load_s"],
         lc and lc["imports_s"] + lc["model_load_s"]),
        ("  of which parse/chunk/embed/index s", ing["build_s"], lc and lc["build_s"]),
        ("ingest process wall (incl. interpreter) s", ing["process_wall_s"], None),
        ("texts embedded", ing["n_embedded"], lc and lc["n_chunks"]),
        ("embedded texts/s", ing["texts_per_s"], lc and lc["texts_per_s"]),
        ("no-op re-ingest (unchanged corpus) s", ing["noop_rebuild_s"], None),
        ("companion index (multilingual-e5-small), model load + build s", ing.get("companion_s"), None),
        ("cold start: Assistant.load() s", pc["load_s"], lc and lc["load_s"]),
        ("cold start: process start -> first answer s", pc["cold_to_first_answer_s"],
         lc and lc["cold_to_first_answer_s"]),
        ("first search ms", pc["first_search_ms"], lc and lc["first_search_ms"]),
        ("warm search p50 ms", pc["search"]["p50_ms"], lc and lc["search"]["p50_ms"]),
        ("warm search p95 ms", pc["search"]["p95_ms"], lc and lc["search"]["p95_ms"]),
        ("warm ask p50 ms (extractive)", pc["ask"]["p50_ms"], lc and lc["ask"]["p50_ms"]),
        ("warm ask p95 ms (extractive)", pc["ask"]["p95_ms"], lc and lc["ask"]["p95_ms"]),
        ("repeated question ask p50 ms (cached query vector)", pc["ask_cached_query"]["p50_ms"], None),
        ("peak RSS ingest MB", ing["peak_rss_mb"], None),
        ("peak RSS serve MB", pc["peak_rss_mb"], lc and lc["peak_rss_mb"]),
    ]
    lines += ["| figure | ParaCite | LangChain tutorial | LangChain / ParaCite |", "|---|---|---|---|"]
    for name, ours, theirs in rows:
        r = _ratio(ours, theirs)
        lines.append(f"| {name} | {_fmt(ours)} | {_fmt(theirs)} | {'' if r is None else f'{r:.2f}x'} |")
    lines += ["", f"`{hlp['command']}`: p50 {hlp['p50_s']:.3f} s, max {hlp['max_s']:.3f} s "
                  f"(bare `python -c pass`: {hlp['python_startup_s']:.3f} s)", ""]
    checks = [
        ("ask p50 <= 100 ms warm", pc["ask"]["p50_ms"], TARGETS["ask_p50_ms"]),
        ("search p50 <= 25 ms warm", pc["search"]["p50_ms"], TARGETS["search_p50_ms"]),
        ("ingest <= 15 s incl. model load", ing["total_s"], TARGETS["ingest_s"]),
        ("paracite --help <= 1 s", hlp["p50_s"], TARGETS["help_s"]),
    ]
    lines += ["| target | measured | met |", "|---|---|---|"]
    lines += [f"| {n} | {_fmt(v)} | {'yes' if v <= t else 'NO'} |" for n, v, t in checks]
    pt = res.get("paracite_threads")
    if pt:
        lines += [f"With torch.set_num_threads({pt['torch_threads']}) after load (same index, same questions): "
                  f"search p50 {pt['search']['p50_ms']:.1f} ms / p95 {pt['search']['p95_ms']:.1f} ms, "
                  f"ask p50 {pt['ask']['p50_ms']:.1f} ms / p95 {pt['ask']['p95_ms']:.1f} ms "
                  f"(retrieve stage p50 {pt['ask'].get('stages_p50_ms', {}).get('retrieve', float('nan')):.1f} ms)", ""]
    stages = pc["ask"].get("stages_p50_ms") or {}
    if stages:
        lines.append("\nask stages p50 ms (Answer.timings): " + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))
    lines.append(f"\nindex kind {pc['index_kind']}, {pc['n_chunks']} chunks; LangChain chunks: "
                 f"{lc['n_chunks'] if lc else '-'}")
    return "\n".join(lines)


def _fmt(v: Any) -> str:
    if v is None or v == "":
        return "-"
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 1000 else f"{v:.0f}"
    return str(v)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.speed", description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=str(ROOT / "corpus"), help="folder of reports (copied, never modified)")
    p.add_argument("--questions", type=int, default=None, help="use only the first N questions")
    p.add_argument("--no-langchain", action="store_true", help="skip the LangChain-tutorial baseline")
    p.add_argument("--backend", default="torch", help="ParaCite embedding backend: torch or onnx")
    p.add_argument("--help-repeats", type=int, default=5)
    p.add_argument("--torch-threads", type=int, default=1,
                   help="also time ParaCite with torch.set_num_threads(N) after load (0: skip that variant)")
    p.add_argument("--quick", action="store_true", help="3 questions, 2 --help runs")
    p.add_argument("--no-save", action="store_true", help="do not write bench/out/speed-*.json")
    args = p.parse_args(argv)
    if args.quick:
        args.questions, args.help_repeats = 3, 2
    qs, source = load_questions(limit=args.questions)
    res: dict[str, Any] = {"machine": machine(), "n_questions": len(qs), "questions_source": source,
                           "backend": args.backend}
    nq = ["--questions", str(args.questions)] if args.questions else []
    with tempfile.TemporaryDirectory(prefix="paracite-bench-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        shutil.copytree(args.corpus, corpus)
        index = tmp / "index"
        common = ["--corpus", str(corpus), "--index", str(index), "--backend", args.backend]
        print("ingest ...", file=sys.stderr, flush=True)
        res["ingest"] = run_child("ingest", tmp, *common)
        print("paracite ...", file=sys.stderr, flush=True)
        res["paracite"] = run_child("paracite", tmp, *common, *nq)
        if args.torch_threads:
            print(f"paracite, torch threads {args.torch_threads} ...", file=sys.stderr, flush=True)
            res["paracite_threads"] = run_child("paracite", tmp, *common, *nq,
                                                "--torch-threads", str(args.torch_threads))
        if not args.no_langchain:
            print("langchain ...", file=sys.stderr, flush=True)
            res["langchain"] = run_child("langchain", tmp, "--corpus", str(corpus), *nq)
    print("--help ...", file=sys.stderr, flush=True)
    res["help"] = help_time(args.help_repeats)
    text = report(res)
    print(text)
    if not args.no_save:
        print(f"\nraw: {write_json('speed', res)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
