"""What headings of UN reports look like: numbering patterns and the shape of a title.

UN reports number chapters with Roman numerals ("II. Transnational organized crime"), sections with capital
letters ("C. Promoting ..."), subsections with Arabic numbers that restart in each section ("1. Organized Crime
Convention", easily confused with paragraph 1) and may add unnumbered sub-headings ("Judicial integrity").
"""
from __future__ import annotations

import re

from ingest.textfix import clean_line

ROMAN_RE = re.compile(r"^[ \t]*([IVXLC]{1,7})\.[ \t]+(\S.*)$")
LETTER_RE = re.compile(r"^[ \t]*([A-Z])\.[ \t]+(\S.*)$")
# Any count of digits: a report (or a concatenation of reports) can run past paragraph 9999.
NUMBER_RE = re.compile(r"^[ \t]*(\d+)\.[ \t]+(\S.*)$")

MAX_HEADING_WORDS = 30
MAX_SUBHEADING_WORDS = 12
MAX_SUBHEADING_CHARS = 90
MAX_HEADING_LINES = 4
# A heading line this long (or ending in a word that cannot end a title) was wrapped by the layout.
WRAP_MIN_CHARS = 40
_DANGLING = re.compile(
    r"(?:\b(?:the|of|and|or|to|in|on|for|with|by|at|from|against|under|a|an|its|their)|[,\-–])$",
    re.IGNORECASE,
)
_BAD_END = re.compile(r"[.;:,]$")
_ENDS_SENTENCE = re.compile(r"[.!?][”’\"')\]]*(?:\d{1,3})?$")  # a footnote marker may follow

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(s: str) -> int | None:
    """Integer value of a well-formed Roman numeral, else None."""
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN[ch]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total if to_roman(total) == s else None


def to_roman(n: int) -> str:
    out = ""
    for value, sym in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def is_structural(raw: str) -> bool:
    """The line opens a paragraph or a numbered heading."""
    return bool(NUMBER_RE.match(raw) or ROMAN_RE.match(raw) or LETTER_RE.match(raw))


def wraps(line: str) -> bool:
    """A heading line that continues on the next line."""
    text = clean_line(line)
    return len(text) >= WRAP_MIN_CHARS or bool(_DANGLING.search(text))


def title_like(title: str, *, max_words: int = MAX_HEADING_WORDS) -> bool:
    """Shape of a heading's title: starts with a capital, short, not ending like a sentence or a clause."""
    title = title.strip()
    if not title or not (title[0].isupper() or title[0] in "“\"‘'("):
        return False
    return len(title.split()) <= max_words and not _BAD_END.search(title)


def subheading_like(line: str) -> bool:
    """Shape of an unnumbered sub-heading line ("Judicial integrity")."""
    text = clean_line(line)
    return (len(text) <= MAX_SUBHEADING_CHARS and title_like(text, max_words=MAX_SUBHEADING_WORDS)
            and not any(ch.isdigit() for ch in text[:1]))


MIN_PROSE_WORDS = 3
_PROSE_WORD = re.compile(r"^[“\"‘'(]?[^\W\d_]+(?:[-’'][^\W\d_]+)*[”\"’')]?[,;:.]?$")
_PROSE_TOKEN = re.compile(r"^(?:[“\"‘'(]?[^\W\d_]+(?:[-’'][^\W\d_]+)*[”\"’')]?|\d[\d,.]*\d|\d)[,;:.]?$")


def prose_like(text: str) -> bool:
    """The text opens like a sentence of a paragraph: a capital (or an opening quote) and a few plain words
    separated by single spaces. Shape only, no word list: it tells a paragraph start from table debris or a
    number glued to other junk."""
    text = text.strip(" \t")
    if not text or not (text[0].isupper() or text[0] in "“\"‘'("):
        return False
    words = text.split(" ")[:MIN_PROSE_WORDS]
    return (len(words) == MIN_PROSE_WORDS and bool(_PROSE_WORD.match(words[0]))
            and all(_PROSE_TOKEN.match(w) for w in words[1:]))


def ends_sentence(text: str) -> bool:
    return bool(_ENDS_SENTENCE.search(text.rstrip(" \t")))
