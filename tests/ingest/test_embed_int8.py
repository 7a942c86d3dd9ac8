"""The optional int8 backend: its own model id (so an index is never mixed across backends) and the same ranking."""
import numpy as np
import pytest

from ingest.embed import make_embedder


@pytest.fixture(scope="module")
def int8():
    return make_embedder("sentence-transformers/all-MiniLM-L6-v2", backend="int8")


def test_int8_has_its_own_model_id(int8, embedder):
    assert int8.model_id == embedder.model_id + "#int8" and int8.dim == embedder.dim


def test_int8_ranks_paragraphs_like_full_precision(int8, embedder, report_paragraphs):
    texts = [p.text for p in report_paragraphs]
    questions = ["How many States had become parties to the Convention?", "cybercrime training for parliamentarians",
                 "voluntary contributions to the Review Mechanism", "judicial integrity network",
                 "smuggling of migrants by sea in the Mediterranean"]
    full = embedder.encode(questions, kind="query") @ embedder.encode(texts).T
    quant = int8.encode(questions, kind="query") @ int8.encode(texts).T
    assert np.allclose(np.linalg.norm(int8.encode(texts[:3]), axis=1), 1.0, atol=1e-4)
    # quantisation may swap near-ties, never promote an unrelated paragraph: int8's best is in full precision's top 3
    top3 = np.argsort(-full, axis=1)[:, :3]
    assert all(q in row for q, row in zip(quant.argmax(axis=1), top3))
