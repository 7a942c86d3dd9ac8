"""app/multilingual.py: the report's sentence and word vectors kept beside the index for a multilingual embedder, and
sentence-level matching for questions not in English."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from doubles import HashEmbedder, write_synthetic_corpus  # noqa: E402

from app.multilingual import TABLE_DIR, TableEmbedder, prepare, report_texts  # noqa: E402


class MultiHash(HashEmbedder):
    multilingual = True


def _index(tmp_path, emb):
    from ingest.build import build_index
    from ingest.store import load_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_synthetic_corpus(corpus)
    build_index(corpus, tmp_path / "index", emb, progress=False)
    return load_index(tmp_path / "index", model_id=emb.model_id, dim=emb.dim)


def test_english_only_embedder_is_left_alone(tmp_path):
    emb = HashEmbedder()
    stored = _index(tmp_path, emb)
    out, extra = prepare(stored, emb, tmp_path / "index")
    assert out is emb and extra == {}
    assert not (tmp_path / "index" / TABLE_DIR).exists()


def test_table_is_computed_once_kept_beside_the_index_and_reused(tmp_path):
    emb = MultiHash()
    stored = _index(tmp_path, emb)
    sentences, vocab = report_texts(stored.paragraphs)
    assert sentences and vocab
    before = emb.n_encoded
    wrapped, extra = prepare(stored, emb, tmp_path / "index")
    assert isinstance(wrapped, TableEmbedder) and wrapped.model_id == emb.model_id and wrapped.dim == emb.dim
    assert emb.n_encoded - before >= len(sentences) + len(vocab)
    assert set(extra["sentence_vectors"]) == {(p.doc_id, p.label) for p in stored.paragraphs}
    assert list((tmp_path / "index" / TABLE_DIR).glob("*.npz"))

    fresh = MultiHash()
    again, _ = prepare(stored, fresh, tmp_path / "index")
    assert fresh.n_encoded == 0  # everything came from the table on disk
    np.testing.assert_array_equal(again.encode([sentences[0]]), emb.encode([sentences[0]]))
    # a text not in the table goes to the model; a question is never written to the table
    again.encode(["a question nobody indexed"], kind="query")
    assert fresh.n_encoded == 1 and ("query", "a question nobody indexed") not in again.table
    # the scorer reads some sentences after the one before them: those readings are in the table too
    from app.text.scoring import SentenceScorer
    from app.types import Hit

    hits = [Hit(p.doc_id, p.label, tuple(p.section_path), p.text, 1.0) for p in stored.paragraphs]
    SentenceScorer(again).score("What did the Office do?", hits)
    assert fresh.n_encoded == 2  # the question alone


def test_table_of_another_model_is_ignored(tmp_path):
    emb = MultiHash()
    stored = _index(tmp_path, emb)
    prepare(stored, emb, tmp_path / "index")
    other = MultiHash(model_id=emb.model_id)  # same id, but pretend a different dimension
    other.dim = 32
    fresh, _ = prepare(stored, other, tmp_path / "index")
    assert other.n_encoded > 0


def test_sentence_matching_only_for_questions_not_in_english(tmp_path):
    from app.retrieval.searcher import Searcher

    emb = MultiHash()
    stored = _index(tmp_path, emb)
    wrapped, extra = prepare(stored, emb, tmp_path / "index")
    plain = Searcher(stored, wrapped, mode="dense")
    mixed = Searcher(stored, wrapped, mode="dense", sentence_mix=1.0, **extra)
    english = "How many States are parties to the Convention?"
    assert [h.dense_score for h in plain.search(english, k=3)] == [h.dense_score for h in mixed.search(english, k=3)]
    french = "Combien d'États sont parties à la Convention ?"
    a, b = plain.search(french, k=5), mixed.search(french, k=5)
    assert [h.dense_score for h in a] != [h.dense_score for h in b]
    q = wrapped.encode([french], kind="query")[0]
    for h in b:  # mix 1.0: the paragraph's score is its best sentence's cosine
        assert abs(h.dense_score - float(np.max(extra["sentence_vectors"][h.key] @ q))) < 1e-5


# ---- the language direction taken out of a question's vector ------------------------------------------------------

def test_fit_shifts_is_the_mean_difference_of_parallel_questions():
    from app.multilingual import fit_shifts

    en = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], dtype=np.float32)
    fr = en + np.array([0.0, 0.0, 0.5], dtype=np.float32)  # the same questions, moved along a "French" axis
    shift = fit_shifts({"fr": (en, fr)})["fr"]
    assert np.allclose(shift, [0.0, 0.0, -0.5])
    try:
        fit_shifts({"fr": (en, fr[:1])})
    except ValueError as err:
        assert "fr" in str(err)
    else:
        raise AssertionError("unaligned questions were accepted")


def test_only_questions_in_a_shifted_language_move_and_stay_unit_length():
    from app.multilingual import shift_queries

    vecs = np.array([[0.6, 0.8, 0.0], [0.6, 0.8, 0.0]], dtype=np.float32)
    out = shift_queries(["How many States are parties to the Convention?",
                         "Combien d'États sont parties à la Convention ?"], vecs,
                        {"fr": np.array([0.0, 0.0, 1.0], dtype=np.float32)})
    assert np.allclose(out[0], vecs[0])  # English: untouched
    assert out[1][2] > 0.5 and np.isclose(np.linalg.norm(out[1]), 1.0)


def test_table_embedder_shifts_new_questions_not_the_report_words_it_serves(tmp_path):
    emb = MultiHash()
    word = "parties"
    wrapped = TableEmbedder(emb, {("query", word): np.ones(emb.dim, dtype=np.float32)},
                            {"fr": np.full(emb.dim, 0.3, dtype=np.float32)})
    question = "Combien d'États sont parties à la Convention ?"
    served, shifted = wrapped.encode([word, question], kind="query")
    assert np.allclose(served, 1.0)  # the table's vector, as stored
    raw = emb.encode([question], kind="query")[0]
    assert not np.allclose(shifted, raw) and np.isclose(np.linalg.norm(shifted), 1.0)
    assert np.allclose(wrapped.encode([question], kind="passage")[0], emb.encode([question], kind="passage")[0])


def test_shifts_of_another_model_or_dimension_are_not_used(tmp_path):
    import json

    from app.multilingual import load_shifts

    path = tmp_path / "shift.json"
    path.write_text(json.dumps({"model_id": "m", "scale": 0.5, "shifts": {"fr": [1.0, 2.0], "es": [1.0]}}))
    assert load_shifts("other", 2, path) == {}
    got = load_shifts("m", 2, path)
    assert list(got) == ["fr"] and np.allclose(got["fr"], [0.5, 1.0])


# ---- the report's centre taken out of a question in another language ----------------------------------------------

def test_report_center_is_the_scaled_mean_sentence_vector_or_none():
    from app.multilingual import report_center

    vecs = [np.array([1.0, 0.0], dtype=np.float32), np.array([0.0, 1.0], dtype=np.float32)]
    assert np.allclose(report_center(vecs, 0.5), [0.25, 0.25])
    assert report_center(vecs, 0.0) is None and report_center([], 0.5) is None


def test_centre_is_taken_out_of_non_english_questions_only():
    from app.multilingual import shift_queries

    vecs = np.array([[0.6, 0.8, 0.0], [0.6, 0.8, 0.0]], dtype=np.float32)
    center = np.array([0.0, 0.4, 0.0], dtype=np.float32)
    out = shift_queries(["How many States are parties to the Convention?",
                         "Combien d'États sont parties à la Convention ?"], vecs, {}, center)
    assert np.allclose(out[0], vecs[0])  # English: untouched
    assert out[1][1] < 0.8 and out[1][0] > 0.6 and np.isclose(np.linalg.norm(out[1]), 1.0)
    # a sentence near the centre loses against one away from it, for the same raw cosine
    hub, own = np.array([0.0, 1.0, 0.0]), np.array([1.0, 0.0, 0.0])
    assert float(vecs[1] @ hub) > float(vecs[1] @ own) and float(out[1] @ hub) < float(out[1] @ own)


def test_prepare_gives_the_wrapped_embedder_the_centre_of_the_report_sentences(tmp_path):
    from app.multilingual import CENTER_SCALE

    emb = MultiHash()
    stored = _index(tmp_path, emb)
    wrapped, extra = prepare(stored, emb, tmp_path / "index")
    mats = list(extra["sentence_vectors"].values())
    assert np.allclose(wrapped.center, CENTER_SCALE * np.concatenate(mats).mean(0), atol=1e-6)
    question = "Combien d'États sont parties à la Convention ?"
    raw = emb.encode([question], kind="query")[0]
    want = raw - wrapped.center
    assert np.allclose(wrapped.encode([question], kind="query")[0], want / np.linalg.norm(want), atol=1e-5)
