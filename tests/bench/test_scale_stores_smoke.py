"""Smoke test: the FAISS-vs-Milvus scale benchmark runs on a tiny size and prints every figure. No timing asserted."""
from __future__ import annotations

import importlib.util

import pytest

if importlib.util.find_spec("pymilvus") is None or importlib.util.find_spec("milvus_lite") is None:
    pytest.skip("pymilvus / milvus-lite not installed", allow_module_level=True)

from bench.scale_stores import main  # noqa: E402


def test_scale_stores_prints_both_stores(capsys, monkeypatch, tmp_path):
    import bench._util as util

    monkeypatch.setattr(util, "OUT_DIR", tmp_path)
    assert main(["--sizes", "1000", "--queries", "10", "--per-doc", "50"]) == 0
    out = capsys.readouterr().out
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in out.splitlines() if line.startswith("| 1000 ")]
    assert [r[1] for r in rows] == ["faiss (flat)", "milvus-lite (FLAT)"]
    for r in rows:
        assert float(r[7]) == 1.0  # exact search on both sides: recall@10 against exact is 1
