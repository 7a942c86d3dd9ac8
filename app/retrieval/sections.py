"""Section labels ("III", "II.C", "III.B.2") and the section filter.

A label is the chain of heading numbers from the chapter down: "II. Transnational organized crime" > "C. Promoting
..." > "2. Protocol ..." is "II.C.2". An unnumbered sub-heading (the five inside III.B.2) gets its parent's label
and its own text: "III.B.2 Judicial integrity".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ingest.errors import ParaCiteError
from ingest.types import Paragraph

_NUMBERED = re.compile(r"^\s*([IVXLCDM]+|[A-Z]|\d{1,3})\.\s+\S")


@dataclass(frozen=True)
class SectionInfo:
    doc_id: str
    path: tuple[str, ...]  # e.g. ("III. Corruption", "B. Promoting ...")
    label: str  # short code, e.g. "III.B" or "III.B.2"
    n_paragraphs: int

    @property
    def heading(self) -> str:
        return self.path[-1] if self.path else ""


def heading_number(heading: str) -> str | None:
    m = _NUMBERED.match(heading)
    return m.group(1) if m else None


def label_of(path: Sequence[str]) -> str:
    label = ""
    for heading in path:
        number = heading_number(heading)
        if number is not None:
            label = f"{label}.{number}" if label else number
        else:
            text = heading.strip()
            label = f"{label} {text}" if label else text
    return label


def build_sections(paragraphs: Iterable[Paragraph]) -> list[SectionInfo]:
    """Every section and sub-section with paragraphs under it, in document order; n_paragraphs counts the
    paragraphs of its sub-sections too."""
    order: list[tuple[str, tuple[str, ...]]] = []
    counts: dict[tuple[str, tuple[str, ...]], int] = {}
    for p in paragraphs:
        for depth in range(1, len(p.section_path) + 1):
            key = (p.doc_id, tuple(p.section_path[:depth]))
            if key not in counts:
                counts[key] = 0
                order.append(key)
            counts[key] += 1
    return [SectionInfo(doc_id, path, label_of(path), counts[(doc_id, path)]) for doc_id, path in order]


def _norm_label(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().rstrip(".")).casefold()


def resolve_section(section: str, sections: Sequence[SectionInfo]) -> list[SectionInfo]:
    """The sections a user's `section` names: an exact label ("II.C", case-insensitive), else every section whose
    heading contains it. Raises ParaCiteError listing the valid labels when nothing matches."""
    wanted = _norm_label(section)
    if not wanted:
        raise ParaCiteError("empty section filter: give a label such as II.C or part of a heading")
    exact = [s for s in sections if _norm_label(s.label) == wanted]
    if exact:
        return exact
    by_heading = [s for s in sections if wanted in s.heading.casefold()]
    if by_heading:
        return by_heading
    labels = []
    for s in sections:
        if s.label not in labels:
            labels.append(s.label)
    raise ParaCiteError(
        f"unknown section {section!r}: use a label ({', '.join(labels)}) or words from a heading")


def in_sections(paragraph: Paragraph, chosen: Sequence[SectionInfo]) -> bool:
    path = tuple(paragraph.section_path)
    return any(paragraph.doc_id == s.doc_id and path[:len(s.path)] == s.path for s in chosen)


# A question about the report's own chapter: "the report's recommendations", "in its closing recommendations", "the
# recommendations chapter", "what does the report recommend / conclude". What a body or a study recommended is not
# meant; the chapter whose heading has the word is.
_REPORT = r"\b(?:the|this)\s+(?:present\s+)?report"
_OWN_CHAPTER = re.compile(
    _REPORT + r"['’]s\s+(?:(?:closing|final|concluding|own)\s+)?(recommend|conclu|introduc)\w*|"
    r"\bits\s+(?:closing|final|concluding)\s+(recommend|conclu)\w*|"
    r"\b(recommend|conclu|introduc)\w*\s+(?:chapter|section)\b|" + _REPORT + r"\s+(recommend|conclu)\w*", re.I)


def chapters_named(question: str, sections: Sequence[SectionInfo]) -> tuple[list[SectionInfo], str]:
    """The chapters (top-level sections) that a question about the report's own recommendations, conclusions or
    introduction points at (those whose heading has the word), and the question without the words that point."""
    m = _OWN_CHAPTER.search(question)
    if not m:
        return [], question
    word = next(g for g in m.groups() if g).casefold()
    # the heading's own words ("IV. Recommendations", "V. Conclusions and recommendations"), not those of what it is
    # about ("II. Implementation of the recommendations of the Congress")
    return ([s for s in sections if len(s.path) == 1 and re.search(rf"\b{word}", _own_words(s.heading), re.I)],
            question[:m.start()] + question[m.end():])


_ABOUT = re.compile(r"\b(?:of|on|for|in|to|by|from|with|against|under|about)\b", re.I)


def _own_words(heading: str) -> str:
    """A heading up to its first preposition."""
    return _ABOUT.split(heading, maxsplit=1)[0]
