"""app/lexicons.py: bilingual dictionaries that propose a question word's English readings."""
from __future__ import annotations

import pytest

from app.lexicons import CedictLexicon, lexicon


def test_chinese_has_cc_cedict_and_other_languages_no_dictionary():
    assert isinstance(lexicon("zh"), CedictLexicon)
    assert lexicon("zh") is lexicon("zh")  # loaded once
    assert all(lexicon(lang) is None for lang in ("ar", "en", "es", "fr", "ru"))


def test_cedict_glosses_are_the_words_of_its_senses_without_notes():
    zh = lexicon("zh")
    assert zh.glosses("公约")[0] == "convention"  # "convention (i.e. international agreement)": the note dropped
    assert "agreement" not in zh.glosses("公约")
    assert "workshop" in zh.glosses("讲习班")
    assert zh.glosses("不是一个词语的字符串") == []


def test_cedict_reads_every_reading_of_a_word_in_either_script():
    zh = lexicon("zh")
    assert {"king", "rule"} <= set(zh.glosses("王"))  # wang2 "king", wang4 "to rule": two entries
    assert zh.glosses("講習班") == zh.glosses("讲习班")  # traditional and simplified


@pytest.mark.parametrize("sense", [
    "surname Wang", "variant of 了[liao3]", "old variant of 法", "see 了結|了结[liao3 jie2]", "Taiwan pr. [fa3]",
    "classifier for batches", "same as 一下", "name of a river", "CL:個|个[ge4]", "abbr. for 中國|中国",
])
def test_cedict_senses_that_name_no_meaning_are_skipped(sense):
    assert CedictLexicon({"字": [sense]}).glosses("字") == []


@pytest.mark.parametrize("sense,glosses", [
    ("convention (i.e. international agreement)", ["convention"]),  # notes in brackets dropped
    ("to make progress", ["progress"]),  # a light verb after "to" is grammar
    ("to set up", ["set"]),  # ... but only a light verb with more after it
    ("one's own country", ["country"]),  # possessives and function words carry no meaning
    ("a sentence of several years with restrictions on activities", []),  # an explanation, not a translation
    ("lit. to eat vinegar", ["eat", "vinegar"]),
])
def test_cedict_glosses_are_the_content_words_of_short_senses(sense, glosses):
    assert CedictLexicon({"字": [sense]}).glosses("字") == glosses


def test_a_registered_factory_is_called_once_on_first_use(lexicon_registry):
    calls = []

    class One:
        def glosses(self, word):
            return ["one"]

    lexicon_registry("xx", lambda: calls.append(1) or One())
    assert calls == []
    assert lexicon("xx").glosses("a") == ["one"] and lexicon("xx").glosses("b") == ["one"]
    assert calls == [1]
