"""Footnotes in extracted UN-report text: the blocks below a rule line, and the markers that refer to them.

In text extracted from a PDF, a page's footnotes follow a rule of underscores at the page's foot, often in the
middle of a paragraph that continues on the next page; the page's link annotations (http://undocs.org/...) come
right after them. The marker is a number glued to the word or punctuation it follows ("Vanuatu.1", "assets”,2").
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from typing import Sequence

from ingest.lines import Item

RULE_RE = re.compile(r"^[ \t]*_{5,}[ \t]*$")
LINK_RE = re.compile(r"^[ \t]*(?:https?://|www\.)\S*[ \t]*$")
START_RE = re.compile(r"^[ \t]*(\d{1,3})[ \t]+(\S.*)$")
# Any line that opens a paragraph or a heading ends a footnote block.
_STRUCTURAL_RE = re.compile(r"^[ \t]*(?:\d+|[IVXLC]+|[A-Z])\.[ \t]+\S")
_ENDS_SENTENCE = re.compile(r"[.!?][”’\"')\]]*[ \t]*$")


@dataclass
class Footnote:
    number: int
    lines: list[str]
    line: int  # 1-based source line where the footnote starts


def is_link(raw: str) -> bool:
    return bool(LINK_RE.match(raw))


def extract_footnotes(items: Sequence[Item]) -> tuple[list[Item], list[Footnote]]:
    """Items without footnote blocks and link lines, and the footnotes found (in order)."""
    kept: list[Item] = []
    notes: list[Footnote] = []
    i = 0
    while i < len(items):
        item = items[i]
        if is_link(item.raw):
            i += 1
        elif RULE_RE.match(item.raw):
            i = _read_block(items, i + 1, notes, kept)
        else:
            kept.append(item)
            i += 1
    return kept, notes


def _read_block(items: Sequence[Item], i: int, notes: list[Footnote], kept: list[Item]) -> int:
    """Consume one footnote block starting at items[i]; return the index of the first item after it."""
    current: Footnote | None = None
    links_seen = False
    while i < len(items):
        item = items[i]
        if item.sep:
            kept.append(item)
            i += 1
            continue
        if is_link(item.raw):
            links_seen = True  # links close a page: the footnotes of that page are complete
            i += 1
            continue
        m = START_RE.match(item.raw)
        expected = notes[-1].number + 1 if notes else None
        if m and not links_seen and (expected is None or int(m.group(1)) == expected):
            current = Footnote(int(m.group(1)), [m.group(2)], item.no)
            notes.append(current)
            i += 1
            continue
        if (current is not None and not links_seen and not _ENDS_SENTENCE.search(current.lines[-1])
                and not _STRUCTURAL_RE.match(item.raw)):
            current.lines.append(item.raw)
            i += 1
            continue
        return i
    return i


def marker_re(number: int) -> re.Pattern:
    """A footnote marker: the number glued to a letter or closing punctuation, not part of a bigger number or
    a decimal ("$1.66" is not marker 66), and followed by a space, punctuation or the end."""
    return re.compile(
        rf"(?<=[^\W\d_]|[.,;:”’\"')\]])(?<!\d[.,]){number}(?!\d)(?=\s|$|[.,;:])"
    )


# Every marker of any number, the same places marker_re finds: a digit run after a letter or closing punctuation (not
# after "1." or "1,": a decimal), ending before a space, punctuation or the end. It opens with the digit, so the
# regex engine skips to digits instead of trying the look-behinds at every character.
_ANY_MARKER = re.compile(r"\d(?<=(?:[^\W\d_]|[.,;:”’\"')\]])\d)(?<!\d[.,]\d)\d*(?!\d)(?=\s|$|[.,;:])")


def _markers(text: str) -> set[str]:
    return {m.group() for m in _ANY_MARKER.finditer(text)}


def attach(texts: list[str], starts: Sequence[int], notes: Sequence[Footnote]) -> list[list[Footnote]]:
    """For each paragraph text, the footnotes whose marker it carries; markers are removed from `texts` in place.

    Footnotes are numbered in reading order, so footnote n is looked for from the paragraph of footnote n-1 on.
    A footnote whose marker cannot be found goes to the paragraph it was printed in (`starts` are the paragraphs'
    first source lines), so no footnote is lost.
    """
    found: list[list[Footnote]] = [[] for _ in texts]
    # Which texts hold a marker of each number, in order: searching every later paragraph for a footnote whose
    # marker is missing made a long report quadratic. Kept exact as markers are removed.
    held = [_markers(t) for t in texts]
    where: dict[str, list[int]] = {}
    for k, keys in enumerate(held):
        for key in keys:
            where.setdefault(key, []).append(k)
    in_order = all(a <= b for a, b in zip(starts, starts[1:]))
    at = 0
    for note in notes:
        pattern = marker_re(note.number)
        holders = where.get(str(note.number), [])
        for k in holders[bisect_left(holders, at):]:
            m = pattern.search(texts[k])
            if m:
                texts[k] = texts[k][:m.start()] + texts[k][m.end():]
                _reindex(where, held, k, texts[k])
                found[k].append(note)
                at = k
                break
        else:
            if in_order:
                host = max(bisect_right(starts, note.line) - 1, 0)
            else:
                host = max((k for k, s in enumerate(starts) if s <= note.line), default=0)
            if texts:
                found[host].append(note)
    return found


def _reindex(where: dict[str, list[int]], held: list[set[str]], k: int, text: str) -> None:
    """Text k changed (a marker removed, which can expose another: "x1.5" -> "x.5")."""
    keys = _markers(text)
    for key in held[k] - keys:
        holders = where[key]
        del holders[bisect_left(holders, k)]
    for key in keys - held[k]:
        insort(where.setdefault(key, []), k)
    held[k] = keys
