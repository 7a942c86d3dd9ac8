"""Smoke test: the scale benchmark runs on a tiny size and prints every figure. No timing is asserted."""
from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest

from bench import synth
from bench._util import percentile
from bench.scale import best_per_index, main, parse_size

TINY = ["--sizes", "2000", "--queries", "30", "--flat-queries", "10", "--hnsw-efc", "16", "--ef-search", "16,64",
        "--nprobe", "2,16", "--no-save"]


def _rows(text: str, index: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("|").split("|")] for line in text.splitlines()
            if line.startswith("|") and f"| {index} |" in line]


def test_scale_prints_every_index_and_figure(capsys):
    assert main(TINY) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("| data |"))
    cols = [c.strip() for c in header.strip("|").split("|")]
    for needed in ("build_s", "bytes_mb", "rss_mb", "p50_ms", "p95_ms", "recall10"):
        assert needed in cols
    for index in ("Flat", "HNSW32", "IVF-Flat", "IVF-SQ8"):
        rows = _rows(out, index)
        assert rows, f"no {index} row printed"
        for row in rows:
            fig = dict(zip(cols, row))
            assert 0.0 <= float(fig["recall10"]) <= 1.0
            assert float(fig["p50_ms"]) > 0 and float(fig["p95_ms"]) >= float(fig["p50_ms"])
            assert float(fig["bytes_mb"]) > 0
    # exact search is its own ground truth
    for row in _rows(out, "Flat"):
        assert float(dict(zip(cols, row))["recall10"]) == 1.0
    # both data distributions are benchmarked by default
    assert any(r[0] == "clustered" for r in _rows(out, "Flat")) and any(r[0] == "uniform" for r in _rows(out, "Flat"))


def test_runs_as_a_script_from_the_repo_root(tmp_path):
    from bench._util import ROOT

    proc = subprocess.run([sys.executable, "bench/scale.py", *TINY, "--data", "clustered", "--kinds", "flat"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"\| clustered \| 2000 \| Flat \|", proc.stdout)


@pytest.mark.parametrize("kind", ["uniform", "clustered"])
def test_synthetic_vectors_are_unit_float32(kind):
    xb, xq = synth.make(kind, 500, 20, dim=384, seed=3)
    assert xb.shape == (500, 384) and xq.shape == (20, 384)
    assert xb.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(xb, axis=1), 1.0, atol=1e-5)
    # queries are fresh draws, not copies of database rows
    assert (xq @ xb.T).max() < 0.999


def test_clustered_vectors_have_close_neighbours_uniform_do_not():
    def top1(kind: str) -> float:
        xb, xq = synth.make(kind, 3000, 50, seed=1)
        return float((xq @ xb.T).max(axis=1).mean())

    assert top1("clustered") > 0.5 > 0.3 > top1("uniform")


def test_helpers():
    assert parse_size("10k") == 10_000 and parse_size("1M") == 1_000_000 and parse_size("2500") == 2500
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    rows = [{"data": "d", "n": 1, "index": "X", "recall10": r, "p50_ms": p} for r, p in [(0.9, 1), (0.96, 3), (1.0, 5)]]
    best = best_per_index(rows)[0]
    assert best["recall10"] == 0.96 and best["meets"] is True
