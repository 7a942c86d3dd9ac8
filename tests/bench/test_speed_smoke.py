"""Smoke tests: the speed and embedding-backend benchmarks run end to end on the real report (3-5 questions) and
print every figure. Figures are printed, never asserted against a time: the machine's load decides those."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bench._util import ROOT

pytestmark = pytest.mark.slow

FIGURES = (
    "ingest total", "imports + model load", "embedded texts/s", "no-op re-ingest", "cold start: Assistant.load()",
    "warm search p50 ms", "warm search p95 ms", "warm ask p50 ms", "warm ask p95 ms", "peak RSS serve MB",
)


def _number(cell: str) -> float:
    return float(cell.strip().rstrip("x"))


def test_speed_quick_prints_every_figure_and_the_langchain_ratio():
    proc = subprocess.run([sys.executable, "-m", "bench.speed", "--quick", "--no-save"], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
            for line in out.splitlines() if line.startswith("| ") and not line.startswith("| figure")}
    for fig in FIGURES:
        row = next((v for k, v in rows.items() if fig in k), None)
        assert row is not None, f"figure {fig!r} missing from:\n{out}"
        assert _number(row[0]) > 0, (fig, row)
    # the LangChain baseline ran in the same invocation and its ratio is printed
    search = next(v for k, v in rows.items() if k.startswith("warm search p50 ms"))
    assert _number(search[1]) > 0 and re.fullmatch(r"[\d.]+x", search[2])
    assert re.search(r"paracite --help`?: p50 [\d.]+ s", out) or "app.cli --help" in out
    for target in ("ask p50 <= 100 ms warm", "search p50 <= 25 ms warm", "ingest <= 15 s", "--help <= 1 s"):
        assert re.search(re.escape(target) + r".*\| (yes|NO) \|", out), target


def test_embed_backends_quick_reports_speed_and_quality():
    proc = subprocess.run([sys.executable, "-m", "bench.embed_backends", "--quick", "--no-save",
                           "--variants", "torch,torch-int8"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| torch")]
    assert len(rows) == 2, proc.stdout
    cells = [c.strip() for c in rows[0].split("|")[1:-1]]
    # torch is the reference: perfect agreement with itself, a hit rate in [0, 1]
    assert cells[0] == "torch" and float(cells[7]) == pytest.approx(1.0, abs=1e-4) and float(cells[8]) == 1.0
    assert 0.0 <= float(cells[6]) <= 1.0 and float(cells[3]) > 0
