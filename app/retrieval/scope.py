"""Which reports a question is about: an explicit filter (a doc_id, a year, a session), else the report the question
names ("in the 2018 report", "E/CN.15/2018/5", "at its twenty-seventh session"), else every loaded report.

A scope is a frozenset of doc_ids, or None for "every report". The searcher never returns a paragraph outside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from app.errors import OptionError
from ingest.metadata import SYMBOL
from ingest.types import Document

Scope = "frozenset[str] | None"

_YEAR_REPORT = re.compile(
    r"\b(?:(?:19|20)\d{2}\s+(?:report|session)|(?:report|session)\s+(?:of|for|from|in)\s+(?:19|20)\d{2})\b",
    re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_SESSION_WORDS = re.compile(r"\b([a-z]+(?:-[a-z]+)?)\s+(?:special\s+)?session\b", re.IGNORECASE)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def check_doc_id(doc_id: object) -> str | None:
    """A report filter as given (None or blank: every report)."""
    if doc_id is None or (isinstance(doc_id, str) and not doc_id.strip()):
        return None
    if not isinstance(doc_id, str):
        raise OptionError(f"doc_id must be a report's doc_id (its file name without extension), not "
                          f"{type(doc_id).__name__}")
    return doc_id.strip()


def check_year(year: object) -> int | None:
    if year is None or (isinstance(year, str) and not year.strip()):
        return None
    try:
        value = int(str(year).strip()) if not isinstance(year, bool) else None
    except ValueError:
        value = None
    if value is None or not 1900 <= value <= 2999:
        raise OptionError(f"year must be a four-digit year such as 2018, not {year!r}")
    return value


def resolve_filter(documents: Sequence[Document], *, doc_id: str | None = None, year: int | None = None,
                   session: str | None = None) -> frozenset[str] | None:
    """The doc_ids an explicit filter keeps (None: no filter). An unknown doc_id, or a year or session no loaded report
    has, raises OptionError listing what there is: an empty result would look like 'the report does not say'."""
    if doc_id is None and year is None and not (session and session.strip()):
        return None
    docs = list(documents)
    if doc_id is not None:
        by_id = {d.doc_id: d for d in docs}
        by_symbol = {_norm(d.symbol): d for d in docs if d.symbol}
        found = by_id.get(doc_id) or by_symbol.get(_norm(doc_id))
        if found is None:
            raise OptionError(f"no report {doc_id!r} is loaded: use one of {', '.join(sorted(by_id))}")
        docs = [found]
    if year is not None:
        kept = [d for d in docs if d.year == year]
        if not kept:
            years = sorted({d.year for d in documents if d.year is not None})
            known = f"the loaded reports are from {', '.join(map(str, years))}" if years else \
                "no loaded report has a date (set 'date' in its .meta.json)"
            raise OptionError(f"no {'such ' if doc_id else ''}report from {year}: {known}")
        docs = kept
    if session and session.strip():
        wanted = _norm(session)
        kept = [d for d in docs if d.session and (wanted in _norm(d.session) or wanted == _norm(d.body))]
        if not kept:
            sessions = sorted({d.session for d in documents if d.session})
            raise OptionError(f"no report of session {session!r}: "
                              f"{'use one of ' + ', '.join(sessions) if sessions else 'no loaded report names its session'}")
        docs = kept
    return frozenset(d.doc_id for d in docs)


def named_in_question(question: str, documents: Sequence[Document]) -> frozenset[str] | None:
    """The reports a question names, when it names some but not all of the loaded ones: a symbol or doc_id it
    contains, "the 2018 report" / "report of 2018" / "2018 session", or an ordinal session ("twenty-seventh
    session"). None when it names none (or one report is loaded: nothing to choose)."""
    docs = list(documents)
    if len(docs) < 2 or not question:
        return None
    text = _norm(question)
    named = {d.doc_id for d in docs if d.symbol and _norm(d.symbol) in text}
    named |= {d.doc_id for d in docs if len(d.doc_id) > 3 and d.doc_id.casefold() in text}
    symbols = {m.group(1).casefold() for m in SYMBOL.finditer(question)}
    if not named and symbols:
        return None  # it names a symbol no loaded report has: the question is about something else
    if not named:
        for m in _YEAR_REPORT.finditer(question):
            year = int(_YEAR.search(m.group(0)).group(1))
            named |= {d.doc_id for d in docs if d.year == year}
        for m in _SESSION_WORDS.finditer(question):
            word = _norm(m.group(1))
            named |= {d.doc_id for d in docs if d.session and _norm(d.session).split(" ")[0] == word}
    if not named or len(named) == len(docs):
        return None
    return frozenset(named)


@dataclass(frozen=True)
class Ambiguity:
    """A question naming a paragraph that several reports in scope have: ask which report."""

    label: str
    doc_ids: tuple[str, ...]


def ambiguous_lookup(question: str, documents: Sequence[Document], scope: Iterable[str] | None,
                     has_paragraph) -> Ambiguity | None:
    """An Ambiguity when `question` is a direct paragraph lookup ("paragraph 7", "¶7") without a report named and
    more than one report in `scope` (None: all) has that paragraph; `has_paragraph(doc_id, label)` tells."""
    from app.retrieval.lookup import parse_lookup

    request = parse_lookup(question)
    if request is None:
        return None
    docs = [d for d in documents if scope is None or d.doc_id in set(scope)]
    if len(docs) < 2:
        return None
    if request.doc_hint and (named_in_question(request.doc_hint, docs) or _distinct_pick(request.doc_hint, docs)):
        return None
    holders = tuple(d.doc_id for d in docs if has_paragraph(d.doc_id, request.label))
    return Ambiguity(request.label, holders) if len(holders) > 1 else None


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _distinct_pick(hint: str, documents: Sequence[Document]) -> str | None:
    """The one report whose id or title shares the most of the hint's distinctive words (words every report's name
    has, such as "report", count for nothing); None when none or several tie."""
    vocab = {d.doc_id: set(_WORD.findall(f"{d.doc_id} {d.title} {d.symbol} {d.session}".casefold())) for d in documents}
    common = set.intersection(*vocab.values()) if vocab else set()
    words = {w for w in _WORD.findall(hint.casefold()) if len(w) > 2} - common
    scores = {doc_id: len(words & v) for doc_id, v in vocab.items()}
    best = max(scores.values(), default=0)
    winners = [d for d, s in scores.items() if s == best]
    return winners[0] if best > 0 and len(winners) == 1 else None
