"""Numbering slips applied to a copy of the real report: the text of a paragraph's number line is changed in place,
so every other character of the report stays where it was."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ingest.parse import parse_text
from ingest.types import Paragraph

REPORT = Path(__file__).resolve().parents[2] / "corpus" / "unodc-ccpcj-2018-activities.txt"
_NUMBER = re.compile(r"^([ \t]*)\d+\.")


def report_text() -> str:
    return REPORT.read_text(encoding="utf-8")


def relabel(text: str, paragraphs: Sequence[Paragraph], changes: dict[int, str]) -> str:
    """`text` with the printed number of each paragraph n in `changes` replaced by changes[n] ("5." or "" to delete
    the number). Paragraphs are found by their parsed first line, not by searching the text for a number."""
    lines = text.split("\n")
    start = {p.number: p.line_start for p in paragraphs}
    for n, printed in changes.items():
        i = start[n] - 1
        lines[i], k = _NUMBER.subn(lambda m: m.group(1) + printed, lines[i], count=1)
        assert k == 1, f"line {i + 1} does not start with a number"
        if not printed:
            lines[i] = lines[i].lstrip(" ")
    return "\n".join(lines)


def flat(paragraphs: Sequence[Paragraph]) -> str:
    """All paragraph texts in order, whitespace-normalised: what must not change under a numbering slip."""
    return " ".join(" ".join(p.text for p in paragraphs).split())


def parse(text: str) -> list[Paragraph]:
    return parse_text(text, doc_id="unodc-ccpcj-2018-activities")


def kept(base: Sequence[Paragraph], mutated: Sequence[Paragraph]) -> bool:
    """Every word of `base`'s paragraphs is in `mutated`'s, in order, and any extra word comes from a heading: a
    deleted number can turn the sub-heading above it into running text, and a number on a paragraph next to another
    slip may stay in the text ("8. From February ..."), but no word is ever dropped."""
    heading_words = {w for p in base for h in p.section_path for w in h.split()}
    heading_words |= {w for w in flat(mutated).split() if w[:-1].isdigit() and w.endswith(".")}
    new = flat(mutated).split()
    at = 0
    for word in flat(base).split():
        while at < len(new) and new[at] != word:
            if new[at] not in heading_words:
                return False
            at += 1
        if at == len(new):
            return False
        at += 1
    return all(w in heading_words for w in new[at:])
