"""Source lines of extracted text, with layout separators told apart from the extractor's filler blank lines."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

# Longest line kept as one item. Extractors give lines of a few hundred characters at most, or one paragraph per
# line; a longer line (a whole report on one line) is cut at spaces so the parser can cut an over-long paragraph
# at an item boundary. A piece never starts with a digit, so a cut cannot fake a numbered paragraph line.
MAX_LINE_CHARS = 10_000
_CUT = re.compile(r" +(?=[^\d\s])")


@dataclass(frozen=True, slots=True)
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
        if len(raw) > MAX_LINE_CHARS:
            items.extend(Item(no, piece, False) for piece in _pieces(raw))
        else:
            items.append(Item(no, raw, blank))
    return items


def _pieces(raw: str) -> Iterator[str]:
    """`raw` cut at spaces into pieces of at most about MAX_LINE_CHARS (hard cuts only inside a longer word)."""
    start = 0
    while len(raw) - start > MAX_LINE_CHARS:
        window = raw[start + MAX_LINE_CHARS // 2:start + MAX_LINE_CHARS]
        cut = None
        for m in _CUT.finditer(window):
            cut = m
        if cut is None:
            end = next_start = start + MAX_LINE_CHARS
        else:
            end = start + MAX_LINE_CHARS // 2 + cut.start()
            next_start = start + MAX_LINE_CHARS // 2 + cut.end()
        yield raw[start:end]
        start = next_start
    yield raw[start:]
