"""The short names a report defines, read from the report itself: "the Network of West African Central Authorities and
Prosecutors against Organized Crime (WACAP)" once, then "WACAP" for the rest of the report. A reader who asks about
"the West African prosecutors' network" shares no word with a paragraph that says only "WACAP"; the glossary lends
that paragraph the words of the name it abbreviates."""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from app.text.lexical import content_terms

MAX_SHORT_CHARS = 12
# a short name: one word, at least two capitals, no more than MAX_SHORT_CHARS ("WACAP", "StAR", "E4J", "INTERPOL")
_SHORT = r"[A-Z](?=[A-Za-z0-9&]{0,%d}[A-Z])[A-Za-z0-9&]{1,%d}" % (MAX_SHORT_CHARS - 2, MAX_SHORT_CHARS - 1)
_SHORT_WORD = re.compile(rf"(?<![\w-])({_SHORT})(?![\w-])")
# "Long Name Of A Body (SHORT)": the capitalised run (with its connectors) before the bracket, from a word's start
# and at most MAX_LONG_WORDS words (a long name has about a dozen: "Network of West African Central Authorities and
# Prosecutors against Organized Crime"), so that a paragraph's text is read in linear time
MAX_LONG_WORDS = 20
_LONG_THEN_SHORT = re.compile(r"(?<![\w’'/-])((?:[A-Z][\w’'/-]*)(?:\s+(?:of|the|and|for|on|against|in|to|de|du|la|le|des|"
                              r"[A-Z][\w’'/-]*)){0,%d})" % (MAX_LONG_WORDS - 1) + rf"\s+\(({_SHORT})\)")
# "“SHORT: a programme's full title”", as programmes are introduced
_SHORT_COLON_TITLE = re.compile(rf"[“\"]({_SHORT}):\s+([^”\"]{{10,300}})[”\"]")


def read_glossary(texts: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each short name defined in these texts -> the content terms of what it stands for (several definitions of one
    short name, in several reports, are pooled)."""
    out: dict[str, set[str]] = {}
    for text in texts:
        for short, long in _definitions(text):
            out.setdefault(short, set()).update(content_terms(long) - content_terms(short))
    return {k: frozenset(v) for k, v in out.items() if v}


def defined_in(texts: Iterable[str]) -> dict[str, list[int]]:
    """Each short name -> the indexes of the texts that define it, in order: where "What is StAR?" is answered."""
    out: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        for short in dict.fromkeys(short for short, _ in _definitions(text)):
            out.setdefault(short, []).append(i)
    return out


def _definitions(text: str) -> Iterator[tuple[str, str]]:
    """(short name, what it stands for) for each definition in the text; a "long name" of one word defines nothing."""
    flat = " ".join(text.split())
    pairs = [(short, _stands_for(long, short)) for long, short in _LONG_THEN_SHORT.findall(flat)]
    pairs += [(short, long) for short, long in _SHORT_COLON_TITLE.findall(flat)]
    return ((short, long) for short, long in pairs if len(long.split()) >= 2)


def _stands_for(run: str, short: str) -> str:
    """The end of a capitalised run that the short name abbreviates: the shortest whose capitalised words' initials
    hold the short name's capitals in order ("the United States and the United Nations Development Programme (UNDP)"
    -> "United Nations Development Programme"), else the longest that opens with its first letter ("International
    Criminal Police Organization (INTERPOL)"), else the run."""
    words_ = run.split()
    capitals = [c for c in short if c.isupper()]
    opening = [i for i, w in enumerate(words_) if w[0] == short[0]]
    for i in reversed(opening):
        initials = iter(w[0] for w in words_[i:] if w[0].isupper())
        if all(c in initials for c in capitals):  # a subsequence: `in` consumes the iterator
            return " ".join(words_[i:])
    return " ".join(words_[opening[0]:]) if opening else run


def expansion_terms(text: str, glossary: dict[str, frozenset[str]]) -> set[str]:
    """The terms of the names that the short names in `text` stand for."""
    if not glossary:
        return set()
    found = {m for m in _SHORT_WORD.findall(text) if m in glossary}
    return set().union(*(glossary[m] for m in found)) if found else set()
