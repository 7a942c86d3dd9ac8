"""The index folder: atomic layout, manifest verification, clear errors, garbage collection. HashEmbedder only."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from doubles import HashEmbedder, write_synthetic_corpus  # noqa: E402

from ingest.build import build_index  # noqa: E402
from ingest.errors import IndexCorruptError, IndexMismatchError, IndexMissingError  # noqa: E402
from ingest.store import (BUILDS, DATA_FILES, EMBEDDINGS, MANIFEST, VECTORS, collect_garbage, current_build,  # noqa: E402
                          load_index)


@pytest.fixture
def built(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_synthetic_corpus(corpus)
    emb = HashEmbedder()
    build_index(corpus, index, emb, progress=False)
    return corpus, index, emb


def test_layout_and_manifest(built):
    _, index, emb = built
    build = current_build(index)
    assert build.parent == index / BUILDS and (index / "CURRENT").read_text().strip() == f"builds/{build.name}"
    assert sorted(p.name for p in build.iterdir()) == sorted(DATA_FILES + (MANIFEST,))
    m = json.loads((build / MANIFEST).read_text())
    assert m["embedding_model"] == emb.model_id and m["embedding_dim"] == emb.dim
    assert m["index_kind"] == "flat" and m["section_headers"] is True and m["n_chunks"] == 6
    assert m["created"].endswith("Z") and m["package_version"] and m["format_version"] == 1
    assert len(m["documents"]) == 1 and len(m["documents"][0]["sha256"]) == 64
    for name in DATA_FILES:
        assert m["files"][name]["size"] == (build / name).stat().st_size
    np.load(build / EMBEDDINGS, allow_pickle=False)  # a plain array: loadable without pickle


def test_load_round_trip(built):
    _, index, emb = built
    stored = load_index(index, model_id=emb.model_id, dim=emb.dim)
    assert [p.number for p in stored.paragraphs] == [1, 2, 3, 4, 5, 6]
    assert stored.vectors.ntotal == len(stored.chunks) == stored.embeddings.shape[0]
    assert stored.documents[0].title == "Synthetic report on rivers and forests"


def test_no_index_is_missing_error(tmp_path):
    with pytest.raises(IndexMissingError, match=r"run `paracite ingest`"):
        load_index(tmp_path / "nothing")


def test_truncated_vectors_file(built):
    _, index, _ = built
    path = current_build(index) / VECTORS
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(IndexCorruptError, match=r"truncated.*paracite ingest --force"):
        load_index(index)


@pytest.mark.parametrize("name", DATA_FILES + (MANIFEST,))
def test_missing_file(built, name):
    _, index, _ = built
    (current_build(index) / name).unlink()
    with pytest.raises(IndexCorruptError, match=r"missing.*paracite ingest --force"):
        load_index(index)


def test_same_size_but_changed_bytes(built):
    _, index, _ = built
    path = current_build(index) / "chunks.jsonl"
    data = bytearray(path.read_bytes())
    data[10] = ord("X") if data[10] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))
    with pytest.raises(IndexCorruptError, match="does not match its manifest hash"):
        load_index(index)


def test_other_model_or_dim_is_mismatch_naming_both(built):
    _, index, emb = built
    with pytest.raises(IndexMismatchError) as err:
        load_index(index, model_id="intfloat/e5-small-v2", dim=emb.dim)
    msg = str(err.value)
    assert emb.model_id in msg and "intfloat/e5-small-v2" in msg and "paracite ingest --force" in msg
    with pytest.raises(IndexMismatchError, match="dim 64.*dim 384"):
        load_index(index, model_id=emb.model_id, dim=384)


def test_garbage_collection_keeps_live_and_previous(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    path = write_synthetic_corpus(corpus)
    emb = HashEmbedder()
    lives = []
    for i in range(4):
        path.write_text(path.read_text() + f"\n7. Extra paragraph number {i}.\n")
        build_index(corpus, index, emb, progress=False)
        lives.append(current_build(index))
    assert sorted(p.name for p in (index / BUILDS).iterdir()) == sorted([lives[-1].name, lives[-2].name])
    (index / BUILDS / ".tmp-crashed").mkdir()
    collect_garbage(index)
    assert not (index / BUILDS / ".tmp-crashed").exists() and current_build(index).is_dir()
