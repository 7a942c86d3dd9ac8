"""The one grammar of citation markers: how ParaCite writes them and how answers, the UI and eval read them.

Written: `[¶7]`, `[¶7, ¶9]`, `[¶5bis]`, and `[doc_id ¶7, doc_id ¶9]` when a context holds several reports.
Read, besides those: `[¶7][¶8]`, `[¶¶7-9]` (a range of plain numbers, at most MAX_RANGE long), `[¶ 7; 8]`,
`[doc_id ¶7, ¶8]` (a doc_id carries to the items after it inside one bracket), `[¶5 bis]`.
A paragraph's label is its printed number, with a suffix when the number occurs twice in a report (ingest.numbering).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ingest.numbering import SUFFIXES

MAX_RANGE = 20  # "¶7-5" or "¶1-400" is not a citation of a few paragraphs: read as the first number alone

_SUFFIX = "|".join(sorted(SUFFIXES, key=len, reverse=True))
LABEL = rf"\d+(?:\s?(?:{_SUFFIX})\b|\.\d+(?!\d))?"
# A bracket holding at least one ¶: the unit an answer's markers come in.
MARKER_RE = re.compile(r"\[([^\[\]]*¶[^\[\]]*)\]")
MARKERS_RUN = r"(?:\s*\[[^\[\]]*¶[^\[\]]*\])+"
_ITEM = re.compile(
    rf"(?:(?P<doc>[A-Za-z0-9][\w.\-]*)\s+)?¶{{1,2}}\s*(?P<a>{LABEL})(?:\s*[-–]\s*¶{{0,2}}\s*(?P<b>\d+)(?![\w.]))?",
    re.IGNORECASE)
_BARE = re.compile(rf"^\s*(?P<a>{LABEL})\s*$", re.IGNORECASE)  # "13" in "[¶12; 13]": a ¶ carries to the list


@dataclass(frozen=True)
class Ref:
    """One paragraph a marker names: its document (None: the only one in context) and label ("7", "5bis")."""

    doc_id: str | None
    label: str

    @property
    def number(self) -> int:
        return int(re.match(r"\d+", self.label).group())

    @property
    def plain(self) -> bool:
        return self.label.isdigit()


def normalise_label(text: str) -> str:
    """'5 bis' / '5BIS' -> '5bis'; '07' -> '7'."""
    m = re.match(r"(\d+)(.*)", text.replace(" ", ""))
    if not m:
        return text
    return f"{int(m.group(1))}{m.group(2).lower()}"


def format_ref(label: str | int, doc_id: str | None = None) -> str:
    """`¶5bis`, or `doc_id ¶5bis`: the label a context paragraph is shown and cited with."""
    return f"{doc_id} ¶{label}" if doc_id else f"¶{label}"


def format_marker(refs: Iterable[tuple[str | None, str | int]]) -> str:
    """`[¶7]`, `[¶7, ¶5bis]`, `[doc ¶7, doc ¶8]` from (doc_id or None, label) pairs."""
    return "[" + ", ".join(format_ref(label, doc) for doc, label in refs) + "]"


def parse_refs(inner: str) -> list[Ref]:
    """The paragraphs named inside one bracket (without the brackets): '¶7, ¶8' -> [Ref(None, '7'), Ref(None, '8')];
    'doc ¶7-9' -> doc's 7, 8 and 9; '¶5bis' -> [Ref(None, '5bis')]; '¶12; 13' -> 12 and 13."""
    out: list[Ref] = []
    doc: str | None = None
    for part in re.split(r"[,;]", inner):
        found = list(_ITEM.finditer(part))
        if not found:
            bare = _BARE.match(part)
            if bare and out:
                out.append(Ref(doc, normalise_label(bare.group("a"))))
            continue
        for m in found:
            doc = m.group("doc") or doc
            label = normalise_label(m.group("a"))
            if m.group("b") and label.isdigit():
                a, b = int(label), int(m.group("b"))
                if a < b <= a + MAX_RANGE:
                    out.extend(Ref(doc, str(n)) for n in range(a, b + 1))
                    continue
            out.append(Ref(doc, label))
    return out


def find_markers(text: str) -> list[tuple[int, int, list[Ref]]]:
    """(start, end, refs) of every marker in `text`, in order."""
    return [(m.start(), m.end(), parse_refs(m.group(1))) for m in MARKER_RE.finditer(text or "")]


def strip_markers(text: str) -> str:
    """`text` without its bracketed markers."""
    return MARKER_RE.sub(" ", text or "")
