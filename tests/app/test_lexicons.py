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


def test_cedict_senses_that_name_no_meaning_are_skipped():
    assert CedictLexicon({"字": ["surname Wang", "king"]}).glosses("字") == ["king"]


def test_a_registered_factory_is_called_once_on_first_use(lexicon_registry):
    calls = []

    class One:
        def glosses(self, word):
            return ["one"]

    lexicon_registry("xx", lambda: calls.append(1) or One())
    assert calls == []
    assert lexicon("xx").glosses("a") == ["one"] and lexicon("xx").glosses("b") == ["one"]
    assert calls == [1]
