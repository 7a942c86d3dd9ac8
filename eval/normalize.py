"""Number-aware text normalisation for comparing answers with key facts and with cited paragraphs.

Two texts are compared as token sequences after the same folding, so "2,700" = "2700", "33 per cent" = "33%" =
"33 percent", "four" = "4", "$1.66 million" = "1.66 million dollars" = "US$ 1,660,000", "February 9, 2018" =
"9 February 2018", and case, accents, curly quotes and dash variants do not matter. Token matching (not substring
matching) keeps "18" from matching inside "186".
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from app.markers import LABEL, MARKER_RE

_UNITS = {
    # "one" is left alone on purpose: in report prose it is mostly a pronoun ("one another"), and turning it into a
    # number would make numeric faithfulness flag sentences that contain no figure at all.
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNIT_DIGITS = {"one": 1, **{k: v for k, v in _UNITS.items() if v < 10}}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}
_UNIT_ORDINALS = {k: v for k, v in _ORDINALS.items() if v < 10}
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december")
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u02bc"): "'", ord("`"): "'",
           ord("\u201c"): '"', ord("\u201d"): '"', ord("\u00a0"): " "}

# Bracketed markers by ParaCite's one grammar (app.markers: "[¶7]", "[doc_id ¶5bis]"); also "(¶12)" and a bare
# "¶¶7-8" that other systems write.
_CITATION_MARKERS = re.compile(rf"{MARKER_RE.pattern}|\(\s*¶[^)]*\)|¶+\s*{LABEL}(?:\s*(?:[-,]|and)\s*¶?\s*{LABEL})*",
                               re.IGNORECASE)
_TOKEN = re.compile(r"\$|%|\d+(?:\.\d+)?(?:st|nd|rd|th)?|[a-z]+(?:'[a-z]+)?")
_NUMBER_TOKEN = re.compile(r"^(\d+(?:\.\d+)?)(?:st|nd|rd|th)?$")


def _ordinal(n: int) -> str:
    return f"{n}th"  # one canonical suffix: "1st" and "first" must compare equal, not read well


def _canon_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().translate(_DASHES).translate(_QUOTES)


def _number_words(text: str) -> str:
    tens = "|".join(_TENS)
    text = re.sub(rf"\b({tens})[- ]({'|'.join(_UNIT_DIGITS)})\b",
                  lambda m: str(_TENS[m.group(1)] + _UNIT_DIGITS[m.group(2)]), text)
    text = re.sub(rf"\b({tens})[- ]({'|'.join(_UNIT_ORDINALS)})\b",
                  lambda m: _ordinal(_TENS[m.group(1)] + _UNIT_ORDINALS[m.group(2)]), text)
    text = re.sub(rf"\b({'|'.join(_ORDINALS)})\b", lambda m: _ordinal(_ORDINALS[m.group(1)]), text)
    text = re.sub(rf"\b({'|'.join(_UNITS)}|{tens})\b", lambda m: str(_UNITS.get(m.group(1)) or _TENS[m.group(1)]),
                  text)
    return re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", lambda m: _ordinal(int(m.group(1))), text)


def _numbers(text: str) -> str:
    # Thousands separators, repeatedly for "14,086,600"; "7, 8 and 11" keeps its commas (a space follows them).
    prev = None
    while prev != text:
        prev = text
        text = re.sub(r"(\d),(\d{3})(?!\d)", r"\1\2", text)
    text = re.sub(r"(\d)\s*(?:per\s*cent|percent|pct)\b", r"\1 %", text)
    text = re.sub(rf"\b({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b,?", r"\2 \1", text)
    text = re.sub(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion)\b",
                  lambda m: _canon_number(float(m.group(1)) * _SCALES[m.group(2)]), text)
    text = re.sub(r"\b(?:us\s*\$|usd\s*(?=\d)|us\s+dollars?\s*(?=\d))", "$", text)
    text = re.sub(r"(\d+(?:\.\d+)?)\s*(?:(?:us\s+)?dollars?|usd)\b", r"$\1", text)
    return text


def tokens(text: str) -> list[str]:
    """The comparison tokens of text: folded words, canonical numbers, "$" and "%"."""
    text = _fold(text)
    text = re.sub(r"([a-z]) -([a-z])", r"\1-\2", text)  # PDF-extraction artefact "anti -corruption"
    text = _number_words(text)
    text = _numbers(text)
    out = []
    for tok in _TOKEN.findall(text):
        m = _NUMBER_TOKEN.match(tok)
        if m and "." in m.group(1):
            tok = _canon_number(float(m.group(1))) + tok[len(m.group(1)):]
        out.append(tok)
    return out


def normalize(text: str) -> str:
    return " ".join(tokens(text))


def contains(haystack: str | list[str], needle: str | list[str]) -> bool:
    """True when needle's tokens occur contiguously in haystack's tokens (either may be pre-tokenised)."""
    hay = tokens(haystack) if isinstance(haystack, str) else haystack
    nee = tokens(needle) if isinstance(needle, str) else needle
    if not nee:
        return False
    n = len(nee)
    first = nee[0]
    return any(hay[i] == first and hay[i:i + n] == nee for i in range(len(hay) - n + 1))


def strip_citation_markers(text: str) -> str:
    """Remove "[¶7]", "[¶7, ¶9]", "(¶12)", "¶¶7-8" so marker numbers are not read as figures of the answer."""
    return _CITATION_MARKERS.sub(" ", text)


def numbers(text: str) -> list[str]:
    """The canonical numbers in text (ordinals as their number), in order, after removing citation markers."""
    out = []
    for tok in tokens(strip_citation_markers(text)):
        m = _NUMBER_TOKEN.match(tok)
        if m:
            out.append(m.group(1))
    return out


def number_set(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for t in texts:
        found.update(numbers(t))
    return found
