"""Extracted report lines -> numbered paragraph spans under their headings: the parser's state machine.

Paragraph numbers run through the whole report, so the parser always knows the next paragraph number to expect; that,
and the shape of a heading, tell a subsection heading " 1. Organized Crime Convention" from paragraph 1. Nothing here
knows the headings of any particular report. ingest.parse joins each span's lines and repairs its words.

A numbered line out of sequence (a number printed twice, skipped, swapped, a stray one) still opens a paragraph when
it looks like one, and the numbering resumes right after it; ingest.numbering labels it and records the slip.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from ingest import headings as hd
from ingest.lines import Item
from ingest.numbering import Numbering
from ingest.textfix import EDGE, clean_line, join_lines

LOOKAHEAD_ITEMS = 4  # non-blank lines looked at after a heading candidate for the paragraph it introduces
# Lines looked at after a number out of sequence for the number the report goes on with. A paragraph of a UN report
# runs to a few dozen extracted lines; past this window the slip is not confirmed and the line stays running text.
RESUME_WINDOW = 400
# Longest paragraph kept whole, in characters. The longest paragraphs of UN reports run to a few thousand
# characters; ten times that is only reached when numbering failed and paragraphs ran together. Cutting there keeps
# each paragraph quotable and bounds the work on it downstream (sentence split, chunking, display).
MAX_PARAGRAPH_CHARS = 30_000
TICK_ITEMS = 4096  # lines between progress reports: often enough for a bar, rare enough to cost nothing


@dataclass
class OpenParagraph:
    number: int
    label: str
    path: tuple[str, ...]
    lines: list[str]
    line_start: int
    line_end: int
    chars: int = 0  # length of `lines` joined (a space counted after each), to cut an over-long paragraph
    origin: tuple[str, int] | None = None  # (label, first line) of the paragraph this is a later part of


@dataclass
class ParagraphParser:
    items: Sequence[Item]
    numbering: Numbering = field(default_factory=Numbering)
    chapter: int = 0
    letter: int = 0
    sub: int = 0
    levels: dict[int, str] = field(default_factory=dict)  # 0 chapter, 1 section, 2 subsection, 3 unnumbered
    done: list[OpenParagraph] = field(default_factory=list)
    current: OpenParagraph | None = None
    after_heading: bool = False
    resumes: dict[int, tuple[int | None, bool]] = field(default_factory=dict)  # item index -> _resume()
    last_numbered: dict[int, int] | None = None  # paragraph-like number -> index of its last line; built on demand

    @property
    def expected(self) -> int | None:
        """Next paragraph number; None before the first paragraph."""
        return self.numbering.expected

    # -- looking at lines -------------------------------------------------------------------------------------

    def _next_text(self, j: int) -> int | None:
        while j < len(self.items) and self.items[j].sep:
            j += 1
        return j if j < len(self.items) else None

    def _block(self, i: int) -> tuple[list[str], int]:
        """Lines of a heading starting at items[i] (wrapped lines included) and the index after them."""
        lines = [self.items[i].raw]
        j = i + 1
        while (j < len(self.items) and len(lines) < hd.MAX_HEADING_LINES and not self.items[j].sep
               and not hd.is_structural(self.items[j].raw) and hd.wraps(lines[-1])):
            lines.append(self.items[j].raw)
            j += 1
        return lines, j

    def _numbered_after(self, j: int) -> int | None:
        """Number of the first numbered line within a few lines after index j."""
        seen = 0
        while j < len(self.items) and seen < LOOKAHEAD_ITEMS:
            item = self.items[j]
            j += 1
            if item.sep:
                continue
            seen += 1
            m = hd.NUMBER_RE.match(item.raw)
            if m:
                return int(m.group(1))
        return None

    def _heading(self, i: int, pattern) -> tuple[str, int] | None:
        """(clean title line, index after) when items[i] has the shape of a numbered heading."""
        m = pattern.match(self.items[i].raw)
        if not m:
            return None
        lines, j = self._block(i)
        first = m.group(2)
        title_text = join_lines([first] + lines[1:])
        if not hd.title_like(title_text):
            return None
        nxt = self._next_text(j)
        if nxt is not None and not (hd.is_structural(self.items[nxt].raw) or hd.subheading_like(self.items[nxt].raw)):
            return None  # a heading is followed by a paragraph or another heading, not by running text
        return f"{m.group(1)}. {title_text}", j

    def _is_paragraph_start(self, i: int) -> bool:
        m = hd.NUMBER_RE.match(self.items[i].raw)
        if not m:
            return False
        number = int(m.group(1))
        if self.expected is not None and number != self.expected:
            return self._out_of_sequence_start(i, number, m.group(2))
        heading = self._heading(i, hd.NUMBER_RE)
        if heading is None:
            return True
        # Heading-shaped: it is a heading if the paragraph it introduces carries the same number. Before the first
        # paragraph the numbering is unknown: it is also a heading if it introduces a numbered line that is not
        # its successor but whose own successor follows (paragraph 8 after a subsection "1.", in an excerpt).
        after = self._numbered_after(heading[1])
        if after == number:
            return False
        if self.expected is None and after is not None and after != number + 1:
            return not self._numbered_later(heading[1], after + 1)
        return True

    def _out_of_sequence_start(self, i: int, number: int, text: str) -> bool:
        """A numbering slip that still opens a paragraph: it looks like one, and the numbering goes on from it, or
        from the number expected in its place (so a line "2018. It was ..." inside a paragraph stays text)."""
        if not (self._current_ended() and hd.prose_like(text)) or self._heading(i, hd.NUMBER_RE) is not None:
            return False
        if i not in self.resumes:
            self.resumes[i] = self._resume(i, number)
        if self.current is None:  # right after a heading, a numbered line of prose can only open a paragraph
            return True
        return self.resumes[i][1]

    def _resume(self, i: int, number: int) -> tuple[int | None, bool]:
        """(number the report goes on with after the slip at items[i], whether that confirms the slip). It does at
        the end of the text (-1), or when it is near: the same slip again ("20." three times), the numbering going
        on from the slip, or from the expected number it stands in for (+2: a second slip right after the first).
        The next paragraph may be a slip itself (two neighbouring faults, "5." then "10006."): the numbering then
        goes on from the paragraph after it. None: no paragraph start within RESUME_WINDOW lines."""
        expected = self.expected
        j, first = self._next_start(i)
        resume = first
        for _ in range(2):
            if resume is None:
                break
            if resume == -1 or (expected is not None and min(number, expected) <= resume <= max(number, expected) + 2):
                return resume, True
            j, resume = self._next_start(j)
        return first, False

    def _next_start(self, i: int) -> tuple[int, int | None]:
        """(index, number) of the next line after items[i] shaped like a paragraph start; the number is -1 at the end
        of the text (a slip in the last paragraph), None when there is none within RESUME_WINDOW lines."""
        for j in range(i + 1, min(len(self.items), i + 1 + RESUME_WINDOW)):
            item = self.items[j]
            if item.sep:
                continue
            m = hd.NUMBER_RE.match(item.raw)
            if m and hd.prose_like(m.group(2)) and self._heading(j, hd.NUMBER_RE) is None:
                return j, int(m.group(1))
        return len(self.items), (-1 if i + 1 + RESUME_WINDOW >= len(self.items) else None)

    def _numbered_later(self, j: int, number: int) -> bool:
        # One pass builds the index: scanning the rest of the text on each call was quadratic before the first
        # paragraph of a text where none is ever recognised.
        if self.last_numbered is None:
            self.last_numbered = {}
            for k, item in enumerate(self.items):
                if m := hd.NUMBER_RE.match(item.raw):
                    self.last_numbered[int(m.group(1))] = k
        return self.last_numbered.get(number, -1) >= j

    def _current_ended(self) -> bool:
        if self.current is None:
            return True
        return bool(self.current.lines) and hd.ends_sentence(clean_line(self.current.lines[-1]))

    # -- state changes ----------------------------------------------------------------------------------------

    def _close(self) -> None:
        if self.current is not None:
            self.done.append(self.current)
            self.current = None

    def _set_heading(self, level: int, title: str) -> None:
        self._close()
        self.levels = {k: v for k, v in self.levels.items() if k < level}
        self.levels[level] = title
        self.after_heading = True

    def _path(self) -> tuple[str, ...]:
        return tuple(self.levels[k] for k in sorted(self.levels))

    def _try_headings(self, i: int) -> int | None:
        """Apply a heading at items[i]; return the index after it, or None if items[i] is no heading."""
        raw = self.items[i].raw
        # Chapters, sections and subsections are numbered in sequence; one out of sequence (an excerpt, a missed
        # heading) still counts when it sits between a finished paragraph and the paragraph it introduces.
        m = hd.ROMAN_RE.match(raw)
        value = hd.roman_value(m.group(1)) if m else None
        m = hd.LETTER_RE.match(raw)
        index = ord(m.group(1)) - ord("A") + 1 if m else 0
        # "C." and "I." read as letters unless they continue the chapter sequence; only a numeral of two or more
        # characters ("IV.") may open an out-of-sequence chapter.
        if value == self.chapter + 1 or (value and value > self.chapter and not index):
            found = self._heading(i, hd.ROMAN_RE)
            if found and (value == self.chapter + 1 or self._between(found[1])):
                self.chapter = value
                self.letter = self.sub = 0
                self._set_heading(0, found[0])
                return found[1]
        if index > self.letter:
            found = self._heading(i, hd.LETTER_RE)
            if found and (index == self.letter + 1 or self._between(found[1])):
                self.letter = index
                self.sub = 0
                self._set_heading(1, found[0])
                return found[1]
        m = hd.NUMBER_RE.match(raw)
        if m:
            number = int(m.group(1))
            found = self._heading(i, hd.NUMBER_RE)
            if found and (number == self.sub + 1 or self._between(found[1])):
                self.sub = number
                self._set_heading(2, found[0])
                return found[1]
        if self._is_subheading(i):
            self._set_heading(3, clean_line(raw))
            return i + 1
        return None

    def _between(self, j: int) -> bool:
        """The heading ending before index j follows a finished paragraph and introduces the next paragraph
        or a lower heading."""
        if not self._current_ended():
            return False
        nxt = self._next_text(j)
        return nxt is not None and (self._introduces_paragraph(j) or self._heading(nxt, hd.NUMBER_RE) is not None)

    def _introduces_paragraph(self, j: int) -> bool:
        nxt = self._next_text(j)
        if nxt is None:
            return False
        m = hd.NUMBER_RE.match(self.items[nxt].raw)
        return bool(m) and (self.expected is None or int(m.group(1)) == self.expected)

    def _is_subheading(self, i: int) -> bool:
        raw = self.items[i].raw
        if hd.is_structural(raw) or not hd.subheading_like(raw):
            return False
        if not (self.after_heading or (self.current is not None and self._current_ended())):
            return False
        nxt = self._next_text(i + 1)
        return nxt is not None and self._is_paragraph_start(nxt)

    def _cut_if_over_long(self, line: int, length: int) -> None:
        """Before adding a line of `length` characters at `line`: close a paragraph that would grow past
        MAX_PARAGRAPH_CHARS and go on with a part labelled like a duplicate ("5bis"). The cut goes after a full
        sentence once the paragraph is within a fifth of the limit, else at the line that would overflow it."""
        cur = self.current
        if cur.chars + length <= MAX_PARAGRAPH_CHARS and not (
                cur.chars >= MAX_PARAGRAPH_CHARS * 4 // 5 and self._current_ended()):
            return
        first_label, first_line = cur.origin or (cur.label, cur.line_start)
        (label,) = self.numbering.cut(cur.number, first_line, first_label, MAX_PARAGRAPH_CHARS)
        self._close()
        self.current = OpenParagraph(cur.number, label, cur.path, [], line, line, origin=(first_label, first_line))

    def _reopen_after_heading(self, line: int) -> None:
        """Text must never be dropped: running text after a heading, with no paragraph number of its own, goes on
        the end of the paragraph before the heading."""
        self.current = self.done.pop()
        self.numbering.unnumbered(self.current.number, self.current.label, line)

    def run(self, tick: Callable[[int], None] | None = None) -> list[OpenParagraph]:
        """The paragraphs, in order. `tick(n)` is told every TICK_ITEMS lines or so that n more lines were read."""
        i = 0
        ticked = 0
        while i < len(self.items):
            if tick is not None and i - ticked >= TICK_ITEMS:
                tick(i - ticked)
                ticked = i
            item = self.items[i]
            if item.sep:
                i += 1
                continue
            if item.raw.lstrip(EDGE)[:1].islower():
                # No paragraph number or heading opens with a lower-case letter: most lines of a report are such
                # continuation lines, and they skip the paragraph and heading tests.
                self._running_text(item)
                i += 1
                continue
            if self._is_paragraph_start(i):
                self._close()
                m = hd.NUMBER_RE.match(item.raw)
                number = int(m.group(1))
                resume = self.resumes.get(i, (None, False))[0]
                label = self.numbering.accept(number, item.no, resume=None if resume == -1 else resume)
                self.current = OpenParagraph(number, label, self._path(), [m.group(2)], item.no, item.no,
                                             len(m.group(2)) + 1)
                self.after_heading = False
                i += 1
                continue
            after = self._try_headings(i)
            if after is not None:
                i = after
                continue
            self._running_text(item)
            i += 1
        if tick is not None:
            tick(len(self.items) - ticked)
        self._close()
        return self.done

    def _running_text(self, item: Item) -> None:
        if self.current is None and self.done:  # text after a heading that opens no numbered paragraph
            self._reopen_after_heading(item.no)
        if self.current is not None:  # running text; text before the first paragraph is front matter
            # +1: the space that joins the line to the next; the joined paragraph is then never over the limit
            length = len(item.raw) + 1
            if self.current.chars + length > MAX_PARAGRAPH_CHARS or self.current.chars >= MAX_PARAGRAPH_CHARS * 4 // 5:
                self._cut_if_over_long(item.no, length)  # (a call per line of a long report costs)
            self.current.lines.append(item.raw)
            self.current.line_end = item.no
            self.current.chars += length
