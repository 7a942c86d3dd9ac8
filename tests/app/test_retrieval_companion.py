"""A companion model's dense ranking fused with the main one (app/retrieval/companion.py, Searcher, fusion.convex),
and how Assistant.load finds or builds it."""
from __future__ import annotations

import logging

import numpy as np
import pytest

from app.assistant import Assistant
from app.retrieval.companion import CompanionView
from app.retrieval.fusion import convex
from app.retrieval.searcher import Searcher
from ingest.build import build_index
from ingest.companion import companion_dir, load_companion
from ingest.store import load_index
from tests.doubles import HashEmbedder, write_synthetic_corpus

MAIN = HashEmbedder(model_id="test/main")
ALWAYS = 1.01  # companion_margin above any margin: the companion is consulted for every question


class OneTopicEmbedder:
    """A companion that finds every question about the Nairobi workshop (¶4): cosine ~0.7 for passages naming
    Nairobi, 0 for the rest."""

    model_id = "test/one-topic"
    dim = 2
    max_tokens = 256
    passage_prefix = ""
    n_special_tokens = 0
    multilingual = False

    def __init__(self):
        self.queries = 0

    def count_tokens(self, text):
        return len(text.split())

    def encode(self, texts, *, kind="passage", progress=False):
        if kind == "query":
            self.queries += len(texts)
            return np.tile(np.array([1.0, 0.0], dtype=np.float32), (len(texts), 1))
        out = np.array([[1.0, 1.0] if "nairobi" in t.lower() else [0.0, 1.0] for t in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture()
def built(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_synthetic_corpus(corpus)
    build_index(corpus, tmp_path / "index", MAIN, progress=False)
    main = load_index(tmp_path / "index", model_id=MAIN.model_id, dim=MAIN.dim)
    other = load_companion(corpus, main, tmp_path / "index", OneTopicEmbedder(), progress=False)
    return corpus, main, CompanionView(other, OneTopicEmbedder())


def _rank(hits, number):
    return [h.paragraph for h in hits].index(number)


def test_convex_splits_the_dense_weight_evenly_with_a_companion():
    fused = convex({"a": 1.0, "b": 0.0}, {"a": 0.0, "b": 1.0}, alpha=0.8, companion={"a": 0.0, "b": 1.0})
    assert fused == pytest.approx({"a": 0.4, "b": 0.6})
    assert convex({"a": 1.0, "b": 0.0}, {"a": 0.0, "b": 1.0}, alpha=0.8) == pytest.approx({"a": 0.8, "b": 0.2})


def test_companion_ranking_moves_its_paragraph_up_and_dense_score_stays_the_main_models(built):
    _, main, view = built
    question = "How many States joined the Convention on Clean Rivers?"
    alone = Searcher(main, MAIN).search(question, k=6)
    fused = Searcher(main, MAIN, companion=view, companion_margin=ALWAYS).search(question, k=6)
    assert _rank(fused, 4) < _rank(alone, 4)
    by_number = {h.paragraph: h.dense_score for h in alone}
    assert all(h.dense_score == pytest.approx(by_number[h.paragraph]) for h in fused)


def test_companion_is_consulted_only_when_the_main_ranking_is_unsure(built):
    _, main, view = built
    question = "How many States joined the Convention on Clean Rivers?"  # the main model's clear winner: ¶2
    confident = Searcher(main, MAIN, companion=view)
    assert confident.search(question, k=6)[0].paragraph == 2 and view.embedder.queries == 0
    alone = Searcher(main, MAIN).search(question, k=6)
    assert [h.key for h in confident.search(question, k=6)] == [h.key for h in alone]
    unsure = Searcher(main, MAIN, companion=view, companion_margin=ALWAYS)
    unsure.search(question, k=6)
    assert view.embedder.queries == 1


def test_margin_is_the_lead_of_the_first_over_the_second_on_the_score_range():
    from app.retrieval.searcher import _margin

    assert _margin({"a": 1.0, "b": 0.5, "c": 0.0}) == pytest.approx(0.5)
    assert _margin({"a": 3.0, "b": 3.0, "c": 1.0}) == 0.0
    assert _margin({"a": 1.0}) == 1.0 and _margin({"a": 2.0, "b": 2.0}) == 1.0


def test_companion_ranks_in_dense_and_rrf_modes_but_not_bm25(built):
    _, main, view = built
    question = "Which inspectors were trained in sampling?"
    for mode, fusion in (("dense", "convex"), ("hybrid", "rrf")):
        alone = Searcher(main, MAIN, mode=mode, fusion=fusion).search(question, k=6)
        fused = Searcher(main, MAIN, mode=mode, fusion=fusion, companion=view, companion_margin=ALWAYS).search(
            question, k=6)
        assert _rank(fused, 4) < _rank(alone, 4), mode
    assert [h.key for h in Searcher(main, MAIN, mode="bm25", companion=view, companion_margin=ALWAYS).search(
        question, k=6)] == \
        [h.key for h in Searcher(main, MAIN, mode="bm25").search(question, k=6)]


def test_question_in_another_language_is_ranked_as_before(built):
    _, main, view = built
    question = "Combien d'inspecteurs ont été formés à l'échantillonnage ?"
    assert [h.key for h in Searcher(main, MAIN, companion=view, companion_margin=ALWAYS).search(question, k=6)] == \
        [h.key for h in Searcher(main, MAIN).search(question, k=6)]
    assert view.embedder.queries == 0
    assert Searcher(main, MAIN, companion=view)._uses_companion("How many inspectors were trained?")


def test_assistant_builds_the_companion_index_and_ranks_with_it(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_synthetic_corpus(corpus)
    a = Assistant.load(index_dir=tmp_path / "index", corpus_dir=corpus, embedder=MAIN,
                       companion_model="test/one-topic", companion_embedder=OneTopicEmbedder())
    assert (companion_dir(tmp_path / "index", "test/one-topic") / "CURRENT").is_file()
    assert a.info()["companion_model"] == "test/one-topic"
    assert a.search("Which inspectors were trained in sampling?", k=3)[0].paragraph in (3, 4)


@pytest.mark.parametrize("name", ["none", "off", ""])
def test_companion_setting_turns_it_off(tmp_path, name):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_synthetic_corpus(corpus)
    a = Assistant.load(index_dir=tmp_path / "index", corpus_dir=corpus, embedder=MAIN, companion_model=name,
                       companion_embedder=OneTopicEmbedder())
    assert a.searcher.companion is None and a.info()["companion_model"] is None
    assert not (tmp_path / "index" / "companions").exists()


def test_companion_naming_the_main_model_is_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_synthetic_corpus(corpus)
    a = Assistant.load(index_dir=tmp_path / "index", corpus_dir=corpus, embedder=MAIN, companion_model=MAIN.model_id,
                       companion_embedder=HashEmbedder(model_id=MAIN.model_id))
    assert a.searcher.companion is None


def test_companion_that_cannot_be_built_leaves_the_main_model_ranking(tmp_path, caplog):
    """An index shipped without its corpus: the main index answers, the companion is skipped with a warning."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_synthetic_corpus(corpus)
    build_index(corpus, tmp_path / "index", MAIN, progress=False)
    with caplog.at_level(logging.WARNING):
        a = Assistant.load(index_dir=tmp_path / "index", corpus_dir=tmp_path / "no-corpus", embedder=MAIN,
                           companion_model="test/one-topic", companion_embedder=OneTopicEmbedder())
    assert a.searcher.companion is None and "main model only" in caplog.text
    assert a.ask("How many States joined the Convention on Clean Rivers?").citations


def test_companion_model_that_does_not_load_leaves_the_main_model_ranking(tmp_path, caplog):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_synthetic_corpus(corpus)
    with caplog.at_level(logging.WARNING):
        a = Assistant.load(index_dir=tmp_path / "index", corpus_dir=corpus, embedder=MAIN,
                           companion_model=str(tmp_path / "no-such-model"))
    assert a.searcher.companion is None and "main model only" in caplog.text
    assert a.ask("How many States joined the Convention on Clean Rivers?").citations

