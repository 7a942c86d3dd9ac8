"""Names that carry a number: "operation TRIGGER III", "Phase 2", "Article 16".

The number is part of the name's identity. A paragraph about TRIGGER III does not answer a question about "trigger
ii", although it is about an operation of the same series and its chapter heading may well be numbered "II".
A reader writes the number as they like ("trigger 3", "TRIGGER III", lower-case "trigger iii"), so numbers are
compared by value.
"""
from __future__ import annotations

import re

from app.text.lexical import STOPWORDS, stem

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}
# a Roman numeral of two letters or more (a lone "I", "V" or "X" is a pronoun, a letter, an item) or a small
# number; not a year, a count with thousands, a decimal, a ratio ("resolution 4/6") or a percentage
_NUMERAL = r"(?:[IVXLivxl]{2,7}|\d{1,3})(?![\w,./%\u2010-]\w|%)"
# the text's name is capitalised (so "involving 13 countries" names nothing); the question's may be in lower case
_TEXT_PAIR = re.compile(r"(?<![\w./-])([A-Z][A-Za-z\-]{2,})\s+(" + _NUMERAL + r")\b")
_ASKED_PAIR = re.compile(r"(?<![\w./-])([A-Za-z][A-Za-z\-]{2,})\s+(" + _NUMERAL + r")\b")
# numbers written before a count, a month or a unit: "Phase 2 of", but not "from 13 countries", "on 9 February"
_NOT_A_NAME = frozenset("""than about over under some around nearly almost approximately least most from since
until between and or to of in on at by for with including involving within among per each every all only""".split())


def numeral_value(token: str) -> int | None:
    """3 for "3", "III" or "iii"; None for what is not a well-formed numeral ("IIII", "ivx", "lid")."""
    if token.isdigit():
        return int(token)
    t = token.lower()
    if not t or any(c not in _ROMAN_VALUES for c in t):
        return None
    values = [_ROMAN_VALUES[c] for c in t]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if total > 0 and _roman(total) == t else None


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def numbered_names(text: str) -> dict[str, set[int]]:
    """The stems of the capitalised words a number follows as part of a name, each with the numbers' values:
    {"trigger": {3}} for "operation named TRIGGER III"."""
    out: dict[str, set[int]] = {}
    for key, _, value in _pairs(_TEXT_PAIR, text):
        out.setdefault(key, set()).add(value)
    return out


def _pairs(pattern: re.Pattern, text: str):
    """(name's stem, numeral as written in lower case, its value) for each name and number the pattern finds."""
    for name, numeral in pattern.findall(text):
        value = numeral_value(numeral)
        if value is not None and name.lower() not in STOPWORDS and name.lower() not in _NOT_A_NAME:
            yield stem(name), numeral.lower(), value


def other_numbered(question: str, text: str) -> list[str]:
    """The numerals of names the question asks about ("trigger ii") that the text numbers otherwise and never so
    ("TRIGGER III"), as the question writes them, in lower case. A name the text never numbers is not judged here."""
    have = numbered_names(text)
    return list(dict.fromkeys(numeral for key, numeral, value in _pairs(_ASKED_PAIR, question)
                              if key in have and value not in have[key]))


def numbered_alike(question: str, text: str) -> set[str]:
    """The question's numerals ("3" of "trigger 3") that name what the text names with the same value otherwise
    written ("TRIGGER III"): present, though the text has no "3"."""
    have = numbered_names(text)
    return {numeral for key, numeral, value in _pairs(_ASKED_PAIR, question) if value in have.get(key, ())}
