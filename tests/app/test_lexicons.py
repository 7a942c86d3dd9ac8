"""app/lexicons.py: bilingual dictionaries that propose a question word's English readings."""
from __future__ import annotations

from app.lexicons import CedictLexicon, lexicon, register


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


def test_cedict_senses_that_name_no_meaning_are_skipped():
    zh = lexicon("zh")
    assert "king" in zh.glosses("王") and "wang" not in zh.glosses("王")  # "surname Wang" is no meaning of the word
    assert "make" not in zh.glosses("进展") and "progress" in zh.glosses("进展")  # "to make progress"


def test_a_registered_factory_is_called_once_on_first_use(monkeypatch):
    import app.lexicons as lexicons

    monkeypatch.setattr(lexicons, "_FACTORIES", dict(lexicons._FACTORIES))
    monkeypatch.setattr(lexicons, "_LOADED", {})
    calls = []

    class One:
        def glosses(self, word):
            return ["one"]

    register("xx", lambda: calls.append(1) or One())
    assert calls == []
    assert lexicon("xx").glosses("a") == ["one"] and lexicon("xx").glosses("b") == ["one"]
    assert calls == [1]
