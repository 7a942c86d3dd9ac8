"""UN-report text -> numbered paragraphs with section paths.

The text is what a PDF extractor gives: lines wrapped by the layout, headings wrapped over lines, footnotes and
link annotations dropped in the middle of paragraphs at page breaks, words split by stray spaces. Paragraph
numbers run through the whole report, so the parser always knows the next paragraph number to expect; that,
and the shape of a heading, tell a subsection heading " 1. Organized Crime Convention" from paragraph 1.
Nothing here knows the headings of any particular report.

Numbering slips (a number printed twice, skipped, swapped, a stray one) must not swallow the rest of the report:
a numbered line out of sequence still opens a paragraph when it looks like one (the previous paragraph ended a
sentence, it opens like prose, it is not heading-shaped) and the numbering resumes right after it. Every such slip
is recorded as a NumberingAnomaly; every line of text ends up in some paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ingest import footnotes as fn
from ingest.errors import CorpusError
from ingest.lines import Item, to_items
from ingest.numbering import NumberingAnomaly
from ingest.paragraphs import MAX_PARAGRAPH_CHARS, ParagraphParser  # noqa: F401  (MAX_PARAGRAPH_CHARS: public here)
from ingest.textfix import Vocabulary, join_lines, repair_words
from ingest.types import Paragraph

PARSER_VERSION = 3  # 2: numbering faults tolerated, labels, over-long paragraphs cut; 3: neighbouring slips, cut length
# Texts from this size on get a progress bar when one is asked for: they take about a second or more to parse.
PROGRESS_MIN_CHARS = 4_000_000


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def set_description_str(self, desc: str) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(show: bool, total: int) -> Any:
    """A tqdm bar over `total` lines on stderr, or one that shows nothing."""
    if not show:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="line", unit_scale=True, desc="Parsing", leave=False)


@dataclass(frozen=True)
class ParsedReport:
    paragraphs: list[Paragraph]
    anomalies: tuple[NumberingAnomaly, ...] = ()  # numbering slips and cuts, in the order met


def parse_text(text: str, *, doc_id: str, source: str = "<text>",
               line_pages: Sequence[int] | None = None) -> list[Paragraph]:
    """Parse report text already in memory. `source` names it in errors; `line_pages[k]` is the 1-based PDF page
    of source line k+1, when the text came from a PDF."""
    return parse_text_report(text, doc_id=doc_id, source=source, line_pages=line_pages).paragraphs


def parse_text_report(text: str, *, doc_id: str, source: str = "<text>",
                      line_pages: Sequence[int] | None = None, progress: bool = False) -> ParsedReport:
    """parse_text, with the numbering anomalies found. With `progress`, a text of PROGRESS_MIN_CHARS or more shows
    a progress bar on stderr."""
    if not text or text.isspace():  # as `not text.strip()`, without copying a long text
        raise CorpusError(source, "the file is empty: put the report's text in it or remove it from the corpus")
    items, notes = fn.extract_footnotes(to_items(text))
    # The bar counts each line three times: read into paragraphs, counted into the vocabulary, repaired. The three
    # passes take comparable time, so the bar moves about evenly.
    bar = _bar(progress and len(text) >= PROGRESS_MIN_CHARS, 3 * len(items))
    try:
        return _parse_items(items, notes, bar, doc_id=doc_id, source=source, line_pages=line_pages)
    finally:
        bar.close()


def _parse_items(items: list[Item], notes: list[fn.Footnote], bar: Any, *, doc_id: str, source: str,
                 line_pages: Sequence[int] | None) -> ParsedReport:
    parser = ParagraphParser(items)
    opened = parser.run(tick=bar.update)
    anomalies = tuple(parser.numbering.anomalies)
    unread = len(items) - sum(len(p.lines) for p in opened)  # headings, front matter: no later pass sees them
    items.clear()  # the line objects go once joined below: peak memory stays a few times the text's size
    del parser
    if not opened:
        raise CorpusError(source, "no numbered paragraphs found (expected lines like '1. The present report ...'); "
                                  "is this a UN report?")
    sizes = [len(p.lines) for p in opened]
    texts = []
    for p in opened:
        texts.append(join_lines(p.lines))
        p.lines = []
    attached = fn.attach(texts, [p.line_start for p in opened], notes)
    note_texts = {id(n): join_lines(n.lines) for n in notes}
    headings = {h for p in opened for h in p.path}
    bar.set_description_str("Counting words")
    bar.update(unread)
    vocab = Vocabulary.from_texts([*note_texts.values(), *headings])
    for body, size in zip(texts, sizes):
        vocab.add(body)
        bar.update(size)
    bar.set_description_str("Repairing words")
    bar.update(unread)
    fixed_headings = {h: repair_words(h, vocab) for h in headings}
    out = []
    for k, (p, notes_here) in enumerate(zip(opened, attached)):
        body, texts[k] = texts[k], ""  # each joined text goes once repaired
        bar.update(sizes[k])
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
            label=p.label,
        ))
    return ParsedReport(out, anomalies)


def parse_report(path: str | Path, *, doc_id: str | None = None) -> list[Paragraph]:
    """Parse one report (.txt or .pdf) into its numbered paragraphs, in order. doc_id defaults to the file stem.
    Raises ingest.errors.CorpusError (naming the file and the reason) for unreadable / empty / paragraph-less input."""
    return parse_report_file(path, doc_id=doc_id).paragraphs


def parse_report_file(path: str | Path, *, doc_id: str | None = None, progress: bool = False) -> ParsedReport:
    """parse_report, with the numbering anomalies found; `progress` as for parse_text_report."""
    path = Path(path)
    doc_id = doc_id or path.stem
    if path.suffix.lower() == ".pdf":
        from ingest.pdf import read_pdf_text

        text, line_pages = read_pdf_text(path)
        return parse_text_report(text, doc_id=doc_id, source=str(path), line_pages=line_pages, progress=progress)
    return parse_text_report(read_text(path), doc_id=doc_id, source=str(path), progress=progress)


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
