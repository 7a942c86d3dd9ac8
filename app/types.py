"""Value objects returned by the Python API (`Assistant.search`, `Assistant.ask`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ingest.types import SECTION_SEPARATOR


def _default_label(obj: Any) -> None:
    # frozen: a hit or citation built from a number alone is labelled with it (no duplicate numbers involved)
    if not obj.label:
        object.__setattr__(obj, "label", str(obj.paragraph))


@dataclass(frozen=True)
class Hit:
    """One retrieved paragraph (several chunks of one paragraph collapse into one hit)."""

    doc_id: str
    paragraph: int  # the report's own paragraph number
    section_path: tuple[str, ...]
    text: str  # the full paragraph text, as shown and quoted
    score: float  # the fused ranking score (higher is better); comparable within one result list only
    title: str = ""  # the document's title
    footnotes: tuple[str, ...] = ()
    dense_score: float | None = None  # best cosine similarity of the paragraph's chunks to the query, if computed
    lexical_score: float | None = None  # BM25 score, if computed
    match: str = "hybrid"  # how it was found: "lookup", "hybrid", "dense", "bm25"
    label: str = ""  # unique in the document, what markers cite ("7", "5bis"); default str(paragraph)

    def __post_init__(self) -> None:
        _default_label(self)

    @property
    def section(self) -> str:
        return SECTION_SEPARATOR.join(self.section_path)

    @property
    def key(self) -> tuple[str, str]:
        """(doc_id, label): names one paragraph even when its report prints a number twice."""
        return (self.doc_id, self.label)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "paragraph": self.paragraph,
            "label": self.label,
            "section": self.section,
            "text": self.text,
            "score": self.score,
            "title": self.title,
            "footnotes": list(self.footnotes),
            "dense_score": self.dense_score,
            "lexical_score": self.lexical_score,
            "match": self.match,
        }


@dataclass(frozen=True)
class Citation:
    """A paragraph cited by an answer, with the verbatim sentence of it that supports the answer."""

    paragraph: int
    doc_id: str
    section: str
    quote: str  # verbatim substring of the cited paragraph's text
    verified: bool = True
    label: str = ""  # the cited paragraph's label ("5bis"); default str(paragraph)

    def __post_init__(self) -> None:
        _default_label(self)

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc_id, self.label)

    def to_json(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "label": self.label,
            "doc_id": self.doc_id,
            "section": self.section,
            "quote": self.quote,
            "verified": self.verified,
        }


@dataclass(frozen=True)
class Sentence:
    """One sentence of an answer and the paragraphs it cites; `verified` is False when the check against them failed."""

    text: str  # without its citation markers
    cites: tuple[tuple[str, str], ...]  # (doc_id, label), as Hit.key
    verified: bool = True
    reason: str = ""  # why it is unverified ("number 109 not in ¶7", "no citation", ...)


class AnswerStatus(StrEnum):
    """How far the report answers the question."""

    ANSWERED = "answered"  # the cited sentences answer it
    PARTIAL = "partial"  # the report answers a neighbouring question: the text names the gap first, then cites that
    # nothing answers it: see-also paragraphs only, no citations
    NOT_IN_REPORT = "not_in_report"
    # no loaded model reads the question's language, so nothing was searched: the text says which setting helps; no
    # citations, no hits (app/other_languages.py)
    NOT_SEARCHED = "not_searched"
    CLARIFY = "clarify"  # which report? the question names a paragraph several loaded reports have; `hits` are they

    @classmethod
    def parse(cls, value: "str | AnswerStatus") -> "AnswerStatus":
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(f"unknown answer status {value!r}; use one of {', '.join(s.value for s in cls)}") from None


@dataclass
class Answer:
    question: str
    text: str  # the answer with inline markers, e.g. "... 189 States had become parties ... [¶7]"
    citations: list[Citation] = field(default_factory=list)
    status: AnswerStatus = AnswerStatus.ANSWERED
    hits: list[Hit] = field(default_factory=list)
    backend: str = "extractive"
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage: condense, retrieve, answer, verify, total
    standalone_question: str = ""  # the question after follow-up condensing
    sentences: list[Sentence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "the LLM timed out; answered with the extractive backend"
    gap: str = ""  # partial and not_in_report: what the report does not give, in words
    lead: str = ""  # partial: the sentence naming the gap that opens `text`; it cites nothing and claims nothing
    lacks: str = ""  # partial: the asked type the cited sentences do not give ("no date"; app/abstain.py LACKED)
    language: str = "en"  # the question's language (app/language.py); other than en, `lead` introduces the English quote
    # a follow-up: the question as the conversation made it ("How many States were parties to the Firearms
    # Protocol?" for "And to the Firearms Protocol?"), before names were added for the search; "" when it is the
    # question as asked
    read_as: str = ""

    def __post_init__(self) -> None:
        self.status = AnswerStatus.parse(self.status)

    @property
    def claims(self) -> str:
        """The part of `text` that states what the report says (without a partial answer's gap sentence)."""
        return self.text[len(self.lead):].lstrip() if self.lead and self.text.startswith(self.lead) else self.text

    @property
    def abstained(self) -> bool:
        """True exactly when no answer is given (status not_in_report or not_searched): no citations then."""
        return self.status in (AnswerStatus.NOT_IN_REPORT, AnswerStatus.NOT_SEARCHED)

    def to_json(self) -> dict[str, Any]:
        """The `paracite ask --json` contract."""
        return {
            "answer": self.text,
            "citations": [c.to_json() for c in self.citations],
            "status": self.status.value,
            "abstained": self.abstained,
            "gap": self.gap,
            "lacks": self.lacks,
            "hits": [{"paragraph": h.paragraph, "label": h.label, "doc_id": h.doc_id, "score": h.score}
                     for h in self.hits],
            "backend": self.backend,
            "timings": self.timings,
            "standalone_question": self.standalone_question,
            "read_as": self.read_as,
            "notes": self.notes,
            "language": self.language,
        }
