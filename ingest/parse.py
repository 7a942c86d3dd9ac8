"""CONTRACT STUB (owner: parser helper). UN-report text -> numbered paragraphs with section paths."""
from __future__ import annotations

from pathlib import Path

from ingest.types import Paragraph


def parse_report(path: str | Path, *, doc_id: str | None = None) -> list[Paragraph]:
    """Parse one report (.txt or .pdf) into its numbered paragraphs, in order. doc_id defaults to the file stem.
    Raises ingest.errors.CorpusError (naming the file and the reason) for unreadable / empty / paragraph-less input."""
    raise NotImplementedError


def parse_text(text: str, *, doc_id: str, source: str = "<text>") -> list[Paragraph]:
    """Parse report text already in memory. `source` names it in errors."""
    raise NotImplementedError
