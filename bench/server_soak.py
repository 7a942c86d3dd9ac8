"""Soak test of the served UI: the real server on 127.0.0.1 (an ephemeral port), the real Assistant and model, N chat
turns sent the way the browser sends them (Gradio's queue protocol, one session per 10 turns), a few at a time.

Prints the server's RSS after warm-up and at the end (it must not grow by more than 10% after warm-up) and the size of
the temporary folders (the server's own, and Gradio's cache) before and after.

    python -m bench.server_soak                     # 1,000 turns, 2 at a time, 40 warm-up turns; a few minutes
    python -m bench.server_soak --turns 200 --concurrency 4

The server runs in a child process, so its RSS is not the client's. Loopback only; bounded in count and in time
(--max-seconds), and the server is stopped (SIGTERM) at the end, which must remove its temporary folder.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from bench._util import ROOT, loadavg, machine

QUESTIONS = [
    "How many States were parties to the Organized Crime Convention?",
    "How many users accessed SHERLOC from February 2017 to February 2018?",
    "What did UNODC do to counter cybercrime?",
    "What does paragraph 68 say?",
    "What was UNODC's total budget in 2019?",  # abstains
    "How did UNODC support the fight against corruption?",
]


# -- the browser's side of a chat turn ---------------------------------------------------------------------------

def chat_fn_index(config: dict[str, Any]) -> tuple[int, int]:
    """(fn_index, trigger id) of the Ask button's event in a served app's /config."""
    ask = next(c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == "pc-ask")
    for dep in config["dependencies"]:
        if [ask, "click"] in [list(t) for t in dep["targets"]]:
            return dep["id"], ask
    raise LookupError("no click event on the Ask button")


def chat_turn(http: httpx.Client, fn_index: int, trigger: int, session_hash: str, question: str, *, k: int = 5,
              timeout: float = 120.0) -> list[Any]:
    """Send one question as the chat's Ask button does; returns the final outputs (chat messages, evidence, state,
    question box, note, download) or raises RuntimeError with the server's error."""
    body = {"data": [question, None, "", "extractive", k, ""], "event_data": None, "fn_index": fn_index,
            "trigger_id": trigger, "session_hash": session_hash}
    r = http.post("/gradio_api/queue/join", json=body)
    r.raise_for_status()
    deadline = time.monotonic() + timeout
    with http.stream("GET", "/gradio_api/queue/data", params={"session_hash": session_hash}) as resp:
        for line in resp.iter_lines():
            if time.monotonic() > deadline:
                raise RuntimeError("no answer in time")
            if not line.startswith("data:"):
                continue
            msg = json.loads(line[5:])
            if msg.get("msg") == "process_completed":
                if not msg.get("success"):
                    raise RuntimeError(f"chat turn failed: {msg.get('output')}")
                return msg["output"]["data"]
    raise RuntimeError("the event stream ended without a result")


# -- measuring the server ----------------------------------------------------------------------------------------

def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def folder_size(path: Path) -> tuple[int, int]:
    """(files, bytes) under path; (0, 0) when it does not exist."""
    n = size = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                size += os.lstat(os.path.join(root, f)).st_size
                n += 1
            except OSError:
                pass
    return n, size


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVER = """
import sys, time
from app import Assistant
from app.ui import serve
a = Assistant.load(index_dir=sys.argv[1], corpus_dir=sys.argv[2])
print("READY", flush=True)
serve(a, port=int(sys.argv[3]), concurrency=int(sys.argv[4]), block=True, quiet=True)
"""


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--turns", type=int, default=1000)
    p.add_argument("--warmup", type=int, default=40)
    p.add_argument("--concurrency", type=int, default=2)
    p.add_argument("--max-seconds", type=float, default=1800.0)
    p.add_argument("--index", default=None, help="index folder (default: a fresh one built from corpus/)")
    p.add_argument("--corpus", default=str(ROOT / "corpus"))
    args = p.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="paracite-soak-"))
    index = args.index or str(work / "index")
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               TMPDIR=str(work))  # the server's temp folders land here, where nothing else writes
    gradio_cache = Path(env.get("GRADIO_TEMP_DIR") or work / "gradio")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, index, args.corpus, str(port), str(args.concurrency)],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    started = time.monotonic()
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "READY"
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=120) as http:
            for _ in range(600):
                try:
                    config = http.get("/config").json()
                    break
                except httpx.HTTPError:
                    time.sleep(0.5)
            fn_index, trigger = chat_fn_index(config)
            server_dirs = lambda: sorted(work.glob("paracite-ui-*"))  # noqa: E731
            before = {"server": sum(folder_size(d)[1] for d in server_dirs()), "gradio": folder_size(gradio_cache)}
            sessions = [uuid.uuid4().hex for _ in range(max(1, args.turns // 10))]

            def one(i: int) -> float:
                t0 = time.perf_counter()
                out = chat_turn(http, fn_index, trigger, sessions[i % len(sessions)], QUESTIONS[i % len(QUESTIONS)])
                assert out[5] is not None and out[4].startswith("# Briefing note"), out[0][-1]
                return time.perf_counter() - t0

            for i in range(args.warmup):
                one(i)
            rss_warm = rss_mib(server.pid)
            latencies = []
            with ThreadPoolExecutor(args.concurrency) as pool:
                for lat in pool.map(one, range(args.warmup, args.turns)):
                    latencies.append(lat)
                    if time.monotonic() - started > args.max_seconds:
                        raise SystemExit(f"stopped: over --max-seconds after {len(latencies)} turns")
            rss_end = rss_mib(server.pid)
            dirs = server_dirs()
            after = {"server_files": sum(folder_size(d)[0] for d in dirs),
                     "server": sum(folder_size(d)[1] for d in dirs), "gradio": folder_size(gradio_cache)}
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        left = server_dirs()
        latencies.sort()
        result = {
            "turns": args.turns, "warmup": args.warmup, "concurrency": args.concurrency,
            "seconds": round(time.monotonic() - started, 1),
            "turn_p50_s": round(latencies[len(latencies) // 2], 3),
            "turn_p95_s": round(latencies[int(len(latencies) * 0.95)], 3),
            "rss_after_warmup_mib": round(rss_warm, 1), "rss_end_mib": round(rss_end, 1),
            "rss_growth_pct": round(100 * (rss_end - rss_warm) / rss_warm, 1),
            "server_temp_before_bytes": before["server"], "server_temp_after_files": after["server_files"],
            "server_temp_after_bytes": after["server"],
            "gradio_cache_before": before["gradio"], "gradio_cache_after": after["gradio"],
            "server_temp_left_after_sigterm": [str(d) for d in left],
            "machine": machine(), "loadavg_end": loadavg(),
        }
        print(json.dumps(result, indent=2))
        ok = result["rss_growth_pct"] <= 10 and not left and after["gradio"] == before["gradio"]
        print("PASS" if ok else "FAIL: RSS grew over 10%, or temporary files were left or grew in Gradio's cache")
        return 0 if ok else 1
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
