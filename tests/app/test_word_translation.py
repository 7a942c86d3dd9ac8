"""app/word_translation.py: a question's content words in another language, each read as its nearest report word."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from doubles import HashEmbedder  # noqa: E402

from app.word_translation import WordTranslator, content_words  # noqa: E402


class Dictionary:
    """A stand-in embedder: each known word (in any language) is the unit vector of its meaning, so a word and its
    translation have cosine 1 and other words 0; an unknown word is a fixed vector near no meaning."""

    MEANINGS = ["migrants", "held", "workshop", "kenya", "purpose", "meeting"]
    WORDS = {"migrantes": "migrants", "celebró": "held", "taller": "workshop", "肯尼亚": "kenya", "目的": "purpose",
             "会议": "meeting", "تونس": "kenya", **{m: m for m in MEANINGS}}

    def __init__(self):
        self.calls: list[list[str]] = []

    def encode(self, texts, kind="query", progress=False):
        assert kind == "query"
        self.calls.append(list(texts))
        out = np.full((len(texts), len(self.MEANINGS)), 0.1, dtype=np.float32)
        for i, t in enumerate(texts):
            meaning = self.WORDS.get(t.lower())
            if meaning is not None:
                out[i] = 0.0
                out[i, self.MEANINGS.index(meaning)] = 1.0
        return out


def _translator(emb=None):
    emb = emb or Dictionary()
    return WordTranslator(emb, Dictionary.MEANINGS, emb.encode(Dictionary.MEANINGS, kind="query")), emb


@pytest.mark.parametrize("question,lang,want", [
    # function words (stopwordsiso's lists have the question words too), numbers and fragments are not content words
    ("¿Dónde se celebró el taller sobre migrantes en 2017?", "es", ["celebró", "taller", "migrantes"]),
    ("Combien d'États sont parties à la Convention ?", "fr", ["États", "parties", "Convention"]),
    ("Сколько государств являются участниками Конвенции?", "ru", ["государств", "являются", "участниками",
                                                                     "Конвенции"]),
    # Arabic vowel marks would otherwise cut a word in two ("أُطلقت" -> "طلقت")
    ("أين أُطلقت الورقة في تونس؟", "ar", ["أطلقت", "الورقة", "تونس"]),
    # Chinese has no spaces: jieba cuts it into words; single characters and particles are dropped
    ("肯尼亚专家组会议的目的是什么？", "zh", ["肯尼亚", "专家组", "会议", "目的"]),
])
def test_content_words_of_a_question_in_each_language(question, lang, want):
    assert content_words(question, lang) == want


def test_each_content_word_becomes_its_nearest_report_word_in_the_questions_order():
    tr, _ = _translator()
    assert tr.translate("¿Dónde se celebró el taller sobre migrantes?", "es") == ["held", "workshop", "migrants"]
    assert tr.translate("肯尼亚专家组会议的目的是什么？", "zh")[:1] == ["kenya"]
    # a question of function words and numbers alone has nothing to translate, and the embedder is not called
    tr2, emb = _translator()
    emb.calls.clear()
    assert tr2.translate("¿Y en 2017?", "es") == [] and emb.calls == []


def test_words_are_embedded_once_until_cleared():
    tr, emb = _translator()
    emb.calls.clear()
    tr.translate("¿Se celebró el taller?", "es")
    tr.translate("¿Se celebró el taller sobre migrantes?", "es")
    assert emb.calls == [["celebró", "taller"], ["migrantes"]]
    tr.clear()
    tr.translate("¿Se celebró el taller?", "es")
    assert emb.calls[-1] == ["celebró", "taller"]


def test_terms_are_the_scorers_topic_terms_of_the_translated_words():
    from app.text.lexical import topic_terms

    tr, _ = _translator()
    question = "¿Se celebró el taller sobre migrantes?"
    assert tr.terms(question, "es") == topic_terms("held workshop migrants")
    assert tr.terms("¿Y en 2017?", "es") == set()
    assert WordTranslator(Dictionary(), [], np.zeros((0, 6))).translate(question, "es") == []


def test_prepare_gives_a_multilingual_embedder_a_translator_into_the_reports_vocabulary(tmp_path):
    from test_multilingual import MultiHash, _index

    from app.multilingual import prepare, report_texts

    emb = MultiHash()
    stored = _index(tmp_path, emb)
    wrapped, _ = prepare(stored, emb, tmp_path / "index")
    vocab = report_texts(stored.paragraphs)[1]
    assert wrapped.translator.words == vocab and wrapped.translator.vectors.shape == (len(vocab), emb.dim)
    # the same word, in the report and in a question, is the same vector: it translates to itself (a word whose
    # hashed vector no other word of the vocabulary shares)
    sims = wrapped.translator.vectors @ wrapped.translator.vectors.T
    word = next(w for i, w in enumerate(vocab) if (sims[i] > 0.99).sum() == 1)
    assert wrapped.translator.translate(f"¿Y {word}?", "es") == [word]
    english_only = prepare(stored, HashEmbedder(), tmp_path / "index")[0]
    assert getattr(english_only, "translator", None) is None


def test_only_a_question_not_in_english_is_read_through_the_translator():
    from app.multilingual import scorer_class
    from app.text.lexical import topic_terms

    class Wrapped(Dictionary):
        multilingual = True

    emb = Wrapped()
    emb.translator, _ = _translator()
    scorer = scorer_class(emb)(emb)
    english = "Where was the workshop on migrants held?"
    assert scorer.question_terms(english) == topic_terms(english)
    spanish = "¿Dónde se celebró el taller sobre migrantes?"
    assert scorer.question_terms(spanish) == emb.translator.terms(spanish, "es") != topic_terms(spanish)
    emb.translator = None  # an index prepared before translators existed: the words as they are
    assert scorer.question_terms(spanish) == topic_terms(spanish)


class Glosses:
    """A stand-in bilingual dictionary."""

    def __init__(self, entries):
        self.entries = entries

    def glosses(self, word):
        return self.entries.get(word, [])


@pytest.fixture
def spanish_glosses(lexicon_registry):
    """A stand-in dictionary for Spanish, for one test."""
    entries = {"reunión": ["gathering", "meetings"], "asamblea": ["assembly"], "taller": ["purpose", "workshop"]}
    lexicon_registry("es", lambda: Glosses(entries))
    return entries


def test_a_dictionary_proposes_and_the_embedder_chooses_among_its_proposals(spanish_glosses):
    # "reunión" is near no meaning for the embedder (it would be read as the first report word); its glosses name a
    # report word, compared as stems ("meetings" -> meeting)
    assert _translator()[0].translate("¿Una reunión?", "es") == ["meeting"]
    # several glosses are report words: the embedder picks the one nearest to the word, not the first listed
    assert _translator()[0].translate("¿Un taller?", "es") == ["workshop"]
    # no gloss is a report word: the embedder's reading stands
    assert _translator()[0].translate("¿Una asamblea?", "es") == ["migrants"]


def test_a_languages_dictionary_is_not_read_for_another_language(spanish_glosses):
    assert _translator()[0].translate("Une reunión ?", "fr") == ["migrants"]


def test_a_word_read_in_one_language_is_not_reused_for_another(spanish_glosses):
    tr, _ = _translator()
    assert tr.translate("¿Una reunión?", "es") == ["meeting"]
    assert tr.translate("Une reunión ?", "fr") == ["migrants"]
