"""Finding and reading the reports in a corpus folder.

A report is a .txt (text extracted from a PDF) or .pdf file; its doc_id is the file stem, so two files with the
same stem (x.pdf and x.txt) cannot both be ingested: the first readable one in sorted order wins and the other
is reported as a problem.
An optional sidecar `<stem>.meta.json` ({"title": ...}) gives the title.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import CorpusError
from ingest.parse import parse_report_file
from ingest.types import Document, IngestProblem, Paragraph

SUPPORTED_SUFFIXES = (".txt", ".pdf")
META_SUFFIX = ".meta.json"


def discover(corpus_dir: str | Path) -> list[Path]:
    """The report files in corpus_dir (sorted, .txt and .pdf; sidecar *.meta.json files are not reports)."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(str(corpus_dir), "the corpus folder does not exist; create it and put reports (.txt/.pdf) in it")
    return sorted(
        p for p in corpus_dir.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUPPORTED_SUFFIXES
    )


def humanise(stem: str) -> str:
    """A readable title from a file stem: "unodc-ccpcj-2018-activities" -> "Unodc ccpcj 2018 activities"."""
    words = re.sub(r"[-_.\s]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else stem


def read_title(path: Path) -> str:
    meta = path.with_name(path.stem + META_SUFFIX)
    if not meta.is_file():
        return humanise(path.stem)
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CorpusError(str(meta), f"is not valid UTF-8 JSON ({e}); fix it or delete it") from None
    title = data.get("title") if isinstance(data, dict) else None
    if title is None:
        return humanise(path.stem)
    if not isinstance(title, str) or not title.strip():
        raise CorpusError(str(meta), "'title' must be a non-empty string")
    return " ".join(title.split())


def read_document(path: str | Path, *, corpus_dir: str | Path | None = None) -> tuple[Document, list[Paragraph]]:
    """Read and parse one report: its Document (doc_id from the file stem, title from <stem>.meta.json or the stem)
    and paragraphs. Raises CorpusError."""
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise CorpusError(str(path), f"unsupported file type '{path.suffix}'; use .txt or .pdf")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CorpusError(str(path), f"cannot be read ({e.strerror or e})") from None
    parsed = parse_report_file(path)
    paragraphs = parsed.paragraphs
    rel = path.name
    if corpus_dir is not None:
        try:
            rel = path.resolve().relative_to(Path(corpus_dir).resolve()).as_posix()
        except ValueError:
            rel = path.name
    doc = Document(
        doc_id=path.stem,
        title=read_title(path),
        path=rel,
        sha256=hashlib.sha256(data).hexdigest(),
        n_paragraphs=len(paragraphs),
        anomalies=parsed.anomalies,
    )
    return doc, paragraphs


@dataclass
class CorpusContents:
    documents: list[tuple[Document, list[Paragraph]]] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)


def read_corpus(corpus_dir: str | Path) -> CorpusContents:
    """Every readable report in corpus_dir, in sorted order; each unreadable file becomes a problem instead, and so
    does a file whose doc_id an earlier readable file already took (x.pdf and x.txt)."""
    out = CorpusContents()
    taken: dict[str, str] = {}
    for path in discover(corpus_dir):
        try:
            doc, paras = read_document(path, corpus_dir=corpus_dir)
        except CorpusError as e:
            out.problems.append(IngestProblem(e.path, e.reason))
            continue
        if doc.doc_id in taken:
            out.problems.append(IngestProblem(str(path), f"duplicate doc_id '{doc.doc_id}' (also {taken[doc.doc_id]}); "
                                                         "rename or remove one of the two files"))
            continue
        taken[doc.doc_id] = doc.path
        out.documents.append((doc, paras))
    return out
