"""Question language detection (app/language.py) and the fusion weight it selects."""
from __future__ import annotations

import pytest

from app.language import detect, language_of


@pytest.mark.parametrize("question, code", [
    ("How many States were parties to the Organized Crime Convention?", "en"),
    ("¿Cuántos Estados son parte de la Convención contra la Delincuencia Organizada?", "es"),
    ("Combien d'États sont parties à la Convention ?", "fr"),
    ("Сколько государств являются участниками Конвенции?", "ru"),
    ("كم عدد الدول الأطراف في الاتفاقية؟", "ar"),
    ("有多少个国家是该公约的缔约国？", "zh"),
    ("Qué dice el párrafo 68?", "es"),
    ("Que dit le paragraphe 68 ?", "fr"),
    ("What did UNODC do in Mexico?", "en"),
    ("Which countries?", "en"),
])
def test_six_languages(question, code):
    assert language_of(question) == code


@pytest.mark.parametrize("question", ["SHERLOC", "paragraph 68", "¶7", "UNODC en 2017", "", "2017?"])
def test_unsure_or_name_only_questions_stay_english(question):
    d = detect(question)
    assert d.english, d


@pytest.mark.parametrize("question", ["¿Qué es BENATOC?", "¿SHERLOC?", "¡UNODC en 2017!"])
def test_spanish_marks_decide_a_question_too_short_for_the_classifier(question):
    d = detect(question)
    assert d.code == "es" and d.how == "punctuation", d


def test_script_decides_a_mixed_question():
    d = detect("SHERLOC 有多少用户？")
    assert d.code == "zh" and d.how == "script"


def test_cross_lingual_question_weighs_bm25_less(tmp_path):
    """A French question fuses with cross_lingual_alpha; an English one with alpha."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from doubles import HashEmbedder, write_synthetic_corpus
    from app.retrieval.searcher import Searcher
    from ingest.build import build_index
    from ingest.store import load_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_synthetic_corpus(corpus)
    emb = HashEmbedder()
    build_index(corpus, tmp_path / "index", emb, progress=False)
    stored = load_index(tmp_path / "index", model_id=emb.model_id, dim=emb.dim)
    used: list[float] = []
    import app.retrieval.searcher as mod

    real = mod.convex

    def spy(dense, lexical, *, alpha, companion=None):
        used.append(alpha)
        return real(dense, lexical, alpha=alpha, companion=companion)

    mod.convex = spy
    try:
        s = Searcher(stored, emb, alpha=0.7, cross_lingual_alpha=0.95)
        s.search("How many States are parties to the Convention?", k=3)
        s.search("Combien d'États sont parties à la Convention ?", k=3)
        rrf = Searcher(stored, emb, fusion="rrf", cross_lingual_alpha=0.95)
        rrf.search("¿Cuántos Estados son parte de la Convención?", k=3)
    finally:
        mod.convex = real
    assert used == [0.7, 0.95, 0.95]
