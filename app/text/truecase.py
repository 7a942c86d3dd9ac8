"""Capitals for a question typed without them: "how many guns were seized in nigeria during trigger iii" is read as
"... in Nigeria during TRIGGER III", the way the reports write those names.

Much of what decides whether a paragraph answers is read from capitals: names are identities (a paragraph on Canada
does not answer a question about Japan), a country the paragraph does not name makes an answer partial, a figure
given for a list of countries is no one country's. A reader who types in lower case loses all of that. Truecasing
gives the names back from two sources that hold for any report: how the indexed reports themselves write each word
(a word they never write in lower case is a name there), and the names of the world's countries.

Only a question with no capitalised word after its first is read so: a reader who capitalises some names has chosen
which words are names, and words such as "convention" are then left as the reader wrote them.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from app.text.countries import country_names_in, is_place
from app.text.lexical import STOPWORDS, regular_sample, split_sentences
from app.text.numbered import numeral_value

_WORD = re.compile(r"[^\W\d_][\w’'\-]*\w|[^\W\d_]")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]")  # "Nigeria", "StAR"; not "III", "UNODC", "E4J"
# a country's name that is also an everyday word is not read as the name when typed in lower case
_EVERYDAY = frozenset("chad guinea jersey jordan georgia turkey".split())
_ELIDED = re.compile(r"[dl][’'].", re.I)
_PARTICLES = frozenset("of the and da de del des du la le d’ d'".split())
SHARE = 0.9  # of its uses past the start of a sentence, how many a report writes capitalised for it to be a name


class Casing:
    """How a collection writes the names it always writes so: acronyms and other words with capitals past their
    first letter ("SHERLOC", "TRIGGER", "StAR", "E4J") and places ("Tashkent", "Kenyan", "Africa"), read from its
    paragraphs. Words it merely capitalises ("Convention", "Fund", "World", "Source") are left in lower case: they
    are a title's or a body's words there, and the reader's "world" or "fund" is an everyday word."""

    def __init__(self, texts: Iterable[str], *, max_texts: int = 20000):
        forms: dict[str, Counter] = {}
        for text in regular_sample(texts, max_texts):  # a large collection: a sample says how it writes words
            for sentence in split_sentences(text):
                for i, m in enumerate(_WORD.finditer(sentence)):
                    if i or _acronym(m.group()):  # a sentence capitalises its first word, but not all its letters
                        forms.setdefault(m.group().lower(), Counter())[m.group()] += 1
        self._name: dict[str, str] = {}
        for low, counts in forms.items():
            total = sum(counts.values())
            form, n = counts.most_common(1)[0]
            if form != low and counts[low] <= total * (1 - SHARE) and n >= total * SHARE and low not in STOPWORDS \
                    and (_acronym(form) or is_place(form)):
                self._name[low] = form

    def form(self, word: str) -> str | None:
        """How the collection writes this lower-case word when it writes it as a name; None if it does not."""
        return self._name.get(word)


def _acronym(form: str) -> bool:
    """"SHERLOC", "StAR", "UNODC-UNDP"; not "Secretary-General", whose parts are only capitalised."""
    return any(len(part) > 1 and part != part.capitalize() for part in form.split("-"))


def needs_capitals(question: str) -> bool:
    """The reader did not capitalise any word past the first (capitals in acronyms and numerals aside)."""
    return not _CAPITALISED.search(question[1:])


def truecased(question: str, casing: Casing | None) -> str:
    """The question with the capitals its names take in the reports and in the names of countries, when it was
    typed without any; else as it is. Only letters' case changes, so every position stays where it was."""
    if not needs_capitals(question):
        return question
    chars = list(question)
    for start, end in country_names_in(question):
        if question[start:end].lower() in _EVERYDAY:
            continue
        whole = question[start:end]
        if len(whole.replace(".", "")) <= 3:  # "usa", "uk", "u.s.": letters of an abbreviation
            chars[start:end] = whole.upper()
            continue
        for m in _WORD.finditer(whole):
            if m.group().lower() not in _PARTICLES or m.start() == 0:
                # "d’ivoire": the name's capital comes after the elided article
                at = start + m.start() + (2 if _ELIDED.match(m.group()) else 0)
                chars[at] = chars[at].upper()
    if casing is not None:
        for m in _WORD.finditer(question):
            form = casing.form(m.group()) if m.group().islower() else None
            if form is not None and len(form) == len(m.group()):
                chars[m.start():m.end()] = form
    # a Roman numeral after a name is part of it: "trigger ii" -> "TRIGGER II", as "TRIGGER III" is written
    words = list(_WORD.finditer(question))
    for before, m in zip(words, words[1:]):
        if m.group().islower() and len(m.group()) > 1 and numeral_value(m.group()) and chars[before.start()].isupper():
            chars[m.start():m.end()] = m.group().upper()
    return "".join(chars)
