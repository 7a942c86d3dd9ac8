"""Paragraph numbering faults: labels that stay unique when a number is printed twice, and the anomalies reported.

Real reports and their PDF extractions have numbering slips: a number printed twice, one skipped, two swapped, a
stray one. The parser keeps every paragraph as printed and this module names what went wrong, so that nothing is
dropped silently and every citation still points at exactly one paragraph.

A paragraph is cited by its label: the printed number, plus a suffix when that number was already used in the
document ("5", "5bis", "5ter", ... as UN documents themselves number inserted paragraphs). Past "decies" the
suffix is ".k" ("5.11"): a hyphen would read as a range in a citation marker ("[¶¶7-9]").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Latin multiplicative suffixes, as UN documents use them for inserted paragraphs ("5 bis"); index 0 is the 2nd use.
SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
LABEL_RE = re.compile(r"(\d+)(?:(" + "|".join(sorted(SUFFIXES, key=len, reverse=True)) + r")|\.(\d+))?", re.IGNORECASE)

DUPLICATE = "duplicate"  # a number printed again; the later paragraph gets a suffixed label
SKIPPED = "skipped"  # numbers never printed: the numbering jumps over them
OUT_OF_ORDER = "out_of_order"  # a number printed where another was expected; the numbering resumes after it
SPLIT = "split"  # a paragraph longer than the parser's maximum, cut into parts (labelled like duplicates)
UNNUMBERED = "unnumbered"  # text after a heading without a paragraph number: kept as a part of the one before
KINDS = (DUPLICATE, SKIPPED, OUT_OF_ORDER, SPLIT, UNNUMBERED)


def make_label(number: int, occurrence: int) -> str:
    """Label of the `occurrence`-th (1-based) paragraph printed with `number` in one document."""
    if occurrence <= 1:
        return str(number)
    if occurrence - 2 < len(SUFFIXES):
        return f"{number}{SUFFIXES[occurrence - 2]}"
    return f"{number}.{occurrence}"


def parse_label(text: str) -> tuple[int, str] | None:
    """'5bis' -> (5, '5bis'); ' 7 ' -> (7, '7'); '5 bis' -> (5, '5bis'); anything else -> None."""
    m = LABEL_RE.fullmatch(text.strip().replace(" ", ""))
    if not m:
        return None
    number = int(m.group(1))
    if m.group(2):
        return number, f"{number}{m.group(2).lower()}"
    if m.group(3):
        return number, f"{number}.{int(m.group(3))}"
    return number, str(number)


@dataclass(frozen=True)
class NumberingAnomaly:
    """One fault in a document's paragraph numbering (or an over-long paragraph cut), found while parsing."""

    kind: str  # one of KINDS
    number: int  # the number concerned (the first missing one for SKIPPED)
    label: str  # the label the affected paragraph is cited by ("" for SKIPPED numbers, which have no paragraph)
    line: int  # 1-based source line of the affected paragraph's start (for SKIPPED: of the paragraph after the gap)
    detail: str  # one readable sentence, naming the other line involved where there is one

    def __str__(self) -> str:
        return f"line {self.line}: {self.detail}"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number, "label": self.label, "line": self.line,
                "detail": self.detail}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "NumberingAnomaly":
        return cls(str(d["kind"]), int(d["number"]), str(d.get("label", "")), int(d.get("line", 0)),
                   str(d.get("detail", "")))


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


class Numbering:
    """Follows the numbering of one document as the parser accepts paragraphs; hands out labels and anomalies.

    `expected` is the number the next paragraph should carry. After a number out of sequence, the parser tells
    where the numbering resumes (`resume`): from that number (a jump or a restart), or at the expected one."""

    def __init__(self) -> None:
        self.expected: int | None = None
        self.first_line: dict[int, int] = {}  # number -> source line of its first paragraph
        self.uses: dict[int, int] = {}  # number -> paragraphs labelled with it so far
        self.anomalies: list[NumberingAnomaly] = []
        self._parts: dict[tuple[str, int], list[str]] = {}  # (first label, line) -> labels of an over-long paragraph
        self.early: set[int] = set()  # numbers printed before their turn ("10" before "9"): not expected again

    def _label(self, number: int) -> str:
        self.uses[number] = self.uses.get(number, 0) + 1
        return make_label(number, self.uses[number])

    def accept(self, number: int, line: int, *, resume: int | None = None) -> str:
        """Record a paragraph printed with `number` at `line`; return its label. `resume` is the number the
        numbering continues with after it, when the parser saw it (None: unknown or end of document)."""
        expected = self.expected
        seen = number in self.uses
        label = self._label(number)
        if seen:
            where = f" where {expected} was expected" if expected is not None and expected != number else ""
            self.anomalies.append(NumberingAnomaly(
                DUPLICATE, number, label, line,
                f"paragraph number {number} printed again (first at line {self.first_line[number]}){where}; "
                f"cited as ¶{label}"))
        else:
            self.first_line[number] = line
        if expected is None or number == expected:
            self.expected = number + 1
        elif resume == expected:  # printed before the expected one, which follows: out of order
            self.early.add(number)
            if not seen:
                self.anomalies.append(NumberingAnomaly(
                    OUT_OF_ORDER, number, label, line,
                    f"paragraph {number} printed where {expected} was expected; {expected} follows it"))
        elif resume is not None and resume != number + 1 and (resume in (expected + 1, expected + 2)
                                                               or resume == number):
            # in the place of the expected one, which is never printed (or the same slip again next)
            if not seen:
                self.anomalies.append(NumberingAnomaly(
                    OUT_OF_ORDER, number, label, line,
                    f"paragraph {number} printed where {expected} was expected; numbering resumes at {resume}"))
            self.expected = expected + 1
        else:  # the numbering goes on from this number: a jump forward or a restart lower
            if number > expected and not seen:
                missing = [n for n in (expected, number - 1) if n not in self.uses]
                self.anomalies.append(NumberingAnomaly(
                    SKIPPED, expected, "", line,
                    f"no paragraph {_span(expected, number - 1)}: numbering goes from {expected - 1} to {number}"
                    if missing else f"numbering jumps from {expected - 1} to {number}"))
            elif number < expected and not seen:
                self.anomalies.append(NumberingAnomaly(
                    OUT_OF_ORDER, number, label, line,
                    f"numbering goes back from {expected - 1} to {number}"))
            self.expected = number + 1
        self._skip_used()
        return label

    def cut(self, number: int, line: int, first_label: str, max_chars: int) -> tuple[str]:
        """Label for the next part of the over-long paragraph `first_label` starting at `line`. One SPLIT anomaly per
        paragraph, replaced as parts are added, names its parts."""
        label = self._label(number)
        parts = self._parts.setdefault((first_label, line), [first_label])
        parts.append(label)
        if self.anomalies and self.anomalies[-1].kind == SPLIT and self.anomalies[-1].label == first_label \
                and self.anomalies[-1].line == line:
            self.anomalies.pop()
        shown = parts if len(parts) <= 6 else parts[:3] + ["…"] + parts[-2:]
        self.anomalies.append(NumberingAnomaly(
            SPLIT, number, first_label, line,
            f"paragraph {first_label} is longer than {max_chars:,} characters: cut into {len(parts)} parts "
            f"({', '.join(p if p == '…' else '¶' + p for p in shown)})"))
        return (label,)

    def unnumbered(self, number: int, label: str, line: int) -> None:
        """Running text at `line` follows a heading but carries no number: it was added to ¶`label`."""
        self.anomalies.append(NumberingAnomaly(
            UNNUMBERED, number, label, line,
            f"text after a heading has no paragraph number; kept at the end of ¶{label}"))

    def _skip_used(self) -> None:
        # After "10" printed before "9", the paragraph after 9 is 11. Only numbers printed early are skipped, each
        # once, so a numbering that restarts (an annex from 1 again) costs no walk over the numbers used before.
        while self.expected is not None and self.expected in self.early:
            self.early.discard(self.expected)
            self.expected += 1
