"""UN-report text -> numbered paragraphs with section paths.

The text is what a PDF extractor gives: lines wrapped by the layout, headings wrapped over lines, footnotes and
link annotations dropped in the middle of paragraphs at page breaks, words split by stray spaces. Paragraph
numbers run through the whole report, so the parser always knows the next paragraph number to expect; that,
and the shape of a heading, tell a subsection heading " 1. Organized Crime Convention" from paragraph 1.
Nothing here knows the headings of any particular report.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ingest import footnotes as fn
from ingest import headings as hd
from ingest.errors import CorpusError
from ingest.lines import Item, to_items
from ingest.textfix import Vocabulary, clean_line, join_lines, repair_words
from ingest.types import Paragraph

LOOKAHEAD_ITEMS = 4  # non-blank lines looked at after a heading candidate for the paragraph it introduces


@dataclass
class _Open:
    number: int
    path: tuple[str, ...]
    lines: list[str]
    line_start: int
    line_end: int


@dataclass
class _Parser:
    items: Sequence[Item]
    expected: int | None = None  # next paragraph number; None before the first paragraph
    chapter: int = 0
    letter: int = 0
    sub: int = 0
    levels: dict[int, str] = field(default_factory=dict)  # 0 chapter, 1 section, 2 subsection, 3 unnumbered
    done: list[_Open] = field(default_factory=list)
    current: _Open | None = None
    after_heading: bool = False

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
            return False
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

    def _numbered_later(self, j: int, number: int) -> bool:
        return any((m := hd.NUMBER_RE.match(item.raw)) and int(m.group(1)) == number for item in self.items[j:])

    def _current_ended(self) -> bool:
        return self.current is None or hd.ends_sentence(clean_line(self.current.lines[-1]))

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

    def run(self) -> list[_Open]:
        i = 0
        while i < len(self.items):
            item = self.items[i]
            if item.sep:
                i += 1
                continue
            if self._is_paragraph_start(i):
                self._close()
                m = hd.NUMBER_RE.match(item.raw)
                number = int(m.group(1))
                self.current = _Open(number, self._path(), [m.group(2)], item.no, item.no)
                self.expected = number + 1
                self.after_heading = False
                i += 1
                continue
            after = self._try_headings(i)
            if after is not None:
                i = after
                continue
            if self.current is not None:  # running text; text before the first paragraph is front matter
                self.current.lines.append(item.raw)
                self.current.line_end = item.no
            i += 1
        self._close()
        return self.done


def parse_text(text: str, *, doc_id: str, source: str = "<text>",
               line_pages: Sequence[int] | None = None) -> list[Paragraph]:
    """Parse report text already in memory. `source` names it in errors; `line_pages[k]` is the 1-based PDF page
    of source line k+1, when the text came from a PDF."""
    if not text.strip():
        raise CorpusError(source, "the file is empty: put the report's text in it or remove it from the corpus")
    items, notes = fn.extract_footnotes(to_items(text))
    opened = _Parser(items).run()
    if not opened:
        raise CorpusError(source, "no numbered paragraphs found (expected lines like '1. The present report ...'); "
                                  "is this a UN report?")
    texts = [join_lines(p.lines) for p in opened]
    attached = fn.attach(texts, [p.line_start for p in opened], notes)
    note_texts = {id(n): join_lines(n.lines) for n in notes}
    headings = {h for p in opened for h in p.path}
    vocab = Vocabulary.from_texts([*texts, *note_texts.values(), *headings])
    fixed_headings = {h: repair_words(h, vocab) for h in headings}
    out = []
    for p, body, notes_here in zip(opened, texts, attached):
        page = None
        if line_pages is not None and 0 < p.line_start <= len(line_pages):
            page = line_pages[p.line_start - 1]
        out.append(Paragraph(
            doc_id=doc_id,
            number=p.number,
            section_path=tuple(fixed_headings[h] for h in p.path),
            text=repair_words(body, vocab).strip(" "),
            footnotes=tuple(repair_words(note_texts[id(n)], vocab) for n in notes_here),
            line_start=p.line_start,
            line_end=p.line_end,
            page=page,
        ))
    return out


def parse_report(path: str | Path, *, doc_id: str | None = None) -> list[Paragraph]:
    """Parse one report (.txt or .pdf) into its numbered paragraphs, in order. doc_id defaults to the file stem.
    Raises ingest.errors.CorpusError (naming the file and the reason) for unreadable / empty / paragraph-less input."""
    path = Path(path)
    doc_id = doc_id or path.stem
    if path.suffix.lower() == ".pdf":
        from ingest.pdf import read_pdf_text

        text, line_pages = read_pdf_text(path)
        return parse_text(text, doc_id=doc_id, source=str(path), line_pages=line_pages)
    return parse_text(read_text(path), doc_id=doc_id, source=str(path))


def read_text(path: str | Path) -> str:
    """A text file's content; CorpusError when it is missing, unreadable or not UTF-8."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CorpusError(str(path), f"cannot be read ({e.strerror or e}); check the path and permissions") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CorpusError(str(path), f"is not UTF-8 text (invalid byte at offset {e.start}); "
                                     "re-save it as UTF-8") from None
