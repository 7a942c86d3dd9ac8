"""Source lines of extracted text, with layout separators told apart from the extractor's filler blank lines."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    no: int  # 1-based line number in the source text
    raw: str
    sep: bool  # a blank line that separates blocks (paragraphs, headings)


def to_items(text: str) -> list[Item]:
    """Non-filler lines of `text`.

    Some extractors put an empty line after every text line and mark real block breaks with a line holding only
    spaces (as the shipped report does); when most lines are empty, empty lines are filler and only
    whitespace-only lines separate blocks. Otherwise every blank line separates blocks.
    """
    lines = text.splitlines()
    n_empty = sum(1 for line in lines if line == "")
    filler_empty = len(lines) > 4 and n_empty >= 0.3 * len(lines)
    items = []
    for no, raw in enumerate(lines, 1):
        blank = raw.strip(" \t\r\n\f\v") == ""
        if blank and raw == "" and filler_empty:
            continue
        items.append(Item(no, raw, blank))
    return items
