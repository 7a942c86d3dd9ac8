"""Queries that name a paragraph: "paragraph 68", "para. 68", "paras 68", "¶68", "§ 68", "what does 68 say",
optionally "... of <document>"."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from app.markers import LABEL, normalise_label
from ingest.types import Document

# the number may carry a label suffix: "paragraph 5bis", "¶5 bis" (a number printed twice in a report)
_NAMED = re.compile(rf"(?:\bparagraphs?|\bparas?\.?|¶+|§+)\s*({LABEL})(?![\w])", re.IGNORECASE)
_WHAT_DOES = re.compile(r"\bwhat\s+(?:does|do|did)\s+(?:no\.?\s*|number\s+)?(\d{1,4})\s+(?:say|state|contain|cover)",
                        re.IGNORECASE)
# "article 46, paragraph 13, of the Convention" cites a treaty's paragraph, not the report's
_TREATY = re.compile(r"\b(?:articles?|arts?\.)\s*\d+\s*,?\s*$", re.IGNORECASE)
_OF_DOC = re.compile(r"^\s*,?\s*(?:of|in|from)\s+(?:the\s+)?(.+?)\s*[?.!]*\s*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class LookupRequest:
    number: int
    doc_hint: str | None = None  # the words after "of"/"in", to pick a document in a multi-document corpus
    label: str = ""  # "5bis" when the query names a suffixed label; default str(number)

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", str(self.number))


def parse_lookup(query: str) -> LookupRequest | None:
    for pattern in (_NAMED, _WHAT_DOES):
        for m in pattern.finditer(query):
            if _TREATY.search(query[:m.start()]):
                continue
            rest = _OF_DOC.match(query[m.end():])
            label = normalise_label(m.group(1))
            return LookupRequest(int(re.match(r"\d+", label).group()), rest.group(1) if rest else None, label)
    return None


def pick_document(hint: str | None, documents: Sequence[Document]) -> str | None:
    """The doc_id the hint names best (by shared words with its id and title), or None if it names none."""
    if not hint:
        return None
    words = {w for w in _WORD.findall(hint.casefold()) if len(w) > 2}
    best, best_score = None, 0
    for doc in documents:
        if doc.doc_id.casefold() in hint.casefold():
            return doc.doc_id
        vocab = set(_WORD.findall(f"{doc.doc_id} {doc.title}".casefold()))
        score = len(words & vocab)
        if score > best_score:
            best, best_score = doc.doc_id, score
    return best


# Words that only say "show me the paragraph": with nothing else, a lookup question asks for the paragraph itself.
_SHOW_WORDS = {"what", "does", "do", "did", "say", "says", "said", "state", "contain", "contains", "cover", "covers",
               "tell", "show", "read", "quote", "summarize", "summarise", "summary", "text", "of", "the", "report",
               "in", "about", "me", "us", "please", "is", "there", "whole", "full", "give"}


def strip_lookup(query: str) -> str:
    """The query without its paragraph reference: "What does paragraph 68 say about Japan?" -> "What does say about
    Japan?" (the number names a paragraph; it is not a figure the answer must contain)."""
    request = parse_lookup(query)
    return query if request is None else _without_reference(query, request)


def is_pure_lookup(query: str) -> bool:
    """True when the query only names a paragraph ("What does paragraph 80 say?", "¶68"), asking for no detail."""
    request = parse_lookup(query)
    if request is None:
        return False
    rest = _without_reference(query, request)
    return all(w.casefold() in _SHOW_WORDS or w.isdigit() for w in _WORD.findall(rest))


def _without_reference(query: str, request: LookupRequest) -> str:
    rest = _NAMED.sub(" ", _WHAT_DOES.sub(" ", query))
    if request.doc_hint:
        rest = rest.replace(request.doc_hint, " ")
    return " ".join(rest.split())
