"""Text of a PDF report, page by page, for the same parser as .txt reports (pypdf, imported when needed)."""
from __future__ import annotations

import re
from pathlib import Path

from ingest.errors import CorpusError

# Running heads and feet of UN documents: the symbol ("E/CN.15/2018/5"), page counters ("3/15"), job numbers
# ("V.18-00787"), bare page numbers. They sit alone on a line and would otherwise land inside paragraphs.
_FURNITURE = (
    re.compile(r"^[A-Z]{1,5}(?:/[A-Z0-9.()-]+){1,6}$"),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),
    re.compile(r"^V\.\d{2}-\d{4,6}(?:\s+\d{1,4}\s*/\s*\d{1,4})?$"),
    re.compile(r"^\d{1,4}$"),
)


def is_page_furniture(line: str) -> bool:
    text = line.strip()
    return bool(text) and any(p.match(text) for p in _FURNITURE)


def read_pdf_text(path: str | Path) -> tuple[str, list[int]]:
    """(text of all pages, page number of each text line). CorpusError for unreadable PDFs and PDFs without text."""
    path = Path(path)
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise CorpusError(str(path), "reading PDF reports needs pypdf: pip install pypdf") from None
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise CorpusError(str(path), "the PDF is encrypted; save an unprotected copy") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except CorpusError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as e:
        raise CorpusError(str(path), f"is not a readable PDF ({type(e).__name__}: {e}); re-export it") from None
    if not any(p.strip() for p in pages):
        raise CorpusError(str(path), "the PDF has no text layer (a scan?); run OCR on it or add its text as .txt")
    lines: list[str] = []
    line_pages: list[int] = []
    for number, page_text in enumerate(pages, 1):
        for line in page_text.splitlines():
            if is_page_furniture(line):
                continue
            lines.append(line)
            line_pages.append(number)
    return "\n".join(lines), line_pages
