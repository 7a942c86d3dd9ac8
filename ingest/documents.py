"""CONTRACT STUB (owner: parser helper). Finding and reading the reports in a corpus folder."""
from __future__ import annotations

from pathlib import Path

from ingest.types import Document, Paragraph

SUPPORTED_SUFFIXES = (".txt", ".pdf")


def discover(corpus_dir: str | Path) -> list[Path]:
    """The report files in corpus_dir (sorted, .txt and .pdf; sidecar *.meta.json files are not reports)."""
    raise NotImplementedError


def read_document(path: str | Path, *, corpus_dir: str | Path | None = None) -> tuple[Document, list[Paragraph]]:
    """Read and parse one report: its Document (doc_id from the file stem, title from <stem>.meta.json or the stem)
    and paragraphs. Raises CorpusError."""
    raise NotImplementedError
