"""Sentence boundaries in UN-report prose, as verbatim substrings (quotes and citations must match the source).

A full stop ends a sentence only when the next word starts like a sentence (capital, digit, opening quote or
bracket) and the word before it is not an abbreviation UN documents use in running text ("art. 13", "para. 1",
"arts. 7", "No. 5", "U.S.", "e.g."). Decimals ("1.66") never qualify because no space follows their point.
"""
from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """
    art arts para paras subpara subparas no nos vol vols p pp chap chaps ch sect sects sec fig figs ann annex
    e.g i.e cf al approx ca mr mrs ms dr prof st mt jr sr inc ltd co corp op cit ibid viz vs rev suppl
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)

# End punctuation, any closing quotes/brackets, then whitespace and something that can open a sentence.
_BOUNDARY = re.compile(r"[.!?]+[”’\"')\]]*(?=\s+[“‘\"'(\[]?[A-Z0-9À-ÖØ-Þ])")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")  # U.S, U.K, e.g (the final point is the boundary point)


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip("([“‘\"'")


def _is_boundary(text: str, m: re.Match) -> bool:
    punct = m.group()
    if not punct.startswith("."):
        return True
    word = _word_before(text, m.start())
    if not word:
        return False
    lowered = word.lower()
    if lowered in ABBREVIATIONS:
        return False
    if _INITIALS.match(word) and "." in word:
        return False
    if len(word) == 1 and word.isupper():  # an initial ("John F. Kennedy")
        return False
    return True


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` in order; each is an exact substring of `text` (no edge whitespace)."""
    return [text[a:b] for a, b in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`; text[start:end] is the sentence."""
    spans = []
    start = _skip_space(text, 0)
    for m in _BOUNDARY.finditer(text):
        if m.end() <= start or not _is_boundary(text, m) or _inside_title(text, start, m.end()):
            continue
        spans.append((start, m.end()))
        start = _skip_space(text, m.end())
    end = len(text)
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
    return spans


MAX_QUOTED_CHARS = 300  # a quoted title longer than this is taken to have lost its closing quote


def _inside_title(text: str, start: int, i: int) -> bool:
    """Position i (after a full stop and any closing quote) is inside a quotation in curly quotes that opened in this
    sentence and closes soon after: the exhibition “Hear their voices. Act to protect” is one sentence, not two."""
    opened = text.rfind("“", start, i)
    if opened < 0 or text.find("”", opened, i) >= 0:
        return False
    closing = text.find("”", i)
    # the quote closes before another opens: "“never closed. Then the “Guide” appeared." ends after "closed."
    return 0 <= closing - i <= MAX_QUOTED_CHARS and text.find("“", i, closing) < 0


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i
