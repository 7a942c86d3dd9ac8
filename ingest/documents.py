"""Finding and reading the reports in a corpus folder.

A report is a .txt (text extracted from a PDF) or .pdf file; its doc_id is the file stem, so two files with the
same stem (x.pdf and x.txt) cannot both be ingested: the first readable one in sorted order wins and the other
is reported as a problem.
An optional sidecar `<stem>.meta.json` ({"title", "symbol", "body", "session", "date"}) gives the metadata the
report's front matter does not (ingest/metadata.py).

A symbolic link whose target lies outside the corpus folder is refused (unless allowed) before anything reads the
target: a corpus is what is in its folder, and a link to /etc/passwd or a colleague's home must not be indexed and
served to whoever can reach the UI.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest.errors import CorpusError
from ingest.metadata import ReportMeta, read_front_matter, read_metadata, read_sidecar
from ingest.parse import parse_report_file
from ingest.types import Document, IngestProblem, Paragraph

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".pdf")
META_SUFFIX = ".meta.json"
ALLOW_LINKS_HINT = "copy the file into the corpus folder, or set PARACITE_ALLOW_EXTERNAL_LINKS=true"


def external_target(path: Path, corpus_dir: str | Path) -> str | None:
    """Where `path` leads when it is a link leaving corpus_dir (None when it stays inside, or is no link). Only
    resolves the link: the target is never opened."""
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    root = os.path.realpath(corpus_dir)
    return None if os.path.commonpath([root, target]) == root else target


def scan(corpus_dir: str | Path, *, allow_external_links: bool = False) -> tuple[list[Path], list[IngestProblem]]:
    """(report files, refused links) in corpus_dir, both sorted: .txt and .pdf files (sidecar *.meta.json files are
    not reports), and the reports that are links to files outside the folder when those are not allowed."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(str(corpus_dir), "the corpus folder does not exist; create it and put reports (.txt/.pdf) in it")
    reports, refused = [], []
    for p in sorted(corpus_dir.iterdir()):
        if p.name.startswith(".") or p.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        target = None if allow_external_links else external_target(p, corpus_dir)
        if target is not None:
            refused.append(IngestProblem(str(p), f"is a link to {target}, outside the corpus folder: not read; "
                                                 f"{ALLOW_LINKS_HINT}"))
        elif p.is_file():
            reports.append(p)
    return reports, refused


def discover(corpus_dir: str | Path, *, allow_external_links: bool = False) -> list[Path]:
    """The report files in corpus_dir (sorted, .txt and .pdf; sidecar *.meta.json files are not reports; links to
    files outside the folder only when allowed)."""
    return scan(corpus_dir, allow_external_links=allow_external_links)[0]


def humanise(stem: str) -> str:
    """A readable title from a file stem: "unodc-ccpcj-2018-activities" -> "Unodc ccpcj 2018 activities"."""
    words = re.sub(r"[-_.\s]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else stem


def _checked_sidecar(path: Path, corpus_dir: str | Path | None, allow_external_links: bool) -> Path:
    meta = path.with_name(path.stem + META_SUFFIX)
    if corpus_dir is not None and not allow_external_links:
        target = external_target(meta, corpus_dir)
        if target is not None:
            raise CorpusError(str(meta), f"is a link to {target}, outside the corpus folder: not read; "
                                         f"{ALLOW_LINKS_HINT}")
    return meta


def read_title(path: Path, *, corpus_dir: str | Path | None = None, allow_external_links: bool = True) -> str:
    """The title from the sidecar, or from the file name when there is none. Raises CorpusError for a sidecar that is
    not valid, or (with corpus_dir and allow_external_links=False) that links outside the corpus folder."""
    meta = read_sidecar(_checked_sidecar(path, corpus_dir, allow_external_links))
    return meta.title or humanise(path.stem)


def read_meta(path: Path, *, corpus_dir: str | Path | None = None, allow_external_links: bool = True) -> ReportMeta:
    """The report's metadata: front matter first, then the sidecar; the title defaults to the file name. Raises
    CorpusError for a sidecar that is not valid or links outside the corpus folder (when that is not allowed)."""
    meta = read_metadata(path, _checked_sidecar(path, corpus_dir, allow_external_links))
    return meta if meta.title else replace(meta, title=humanise(path.stem))


def read_document(path: str | Path, *, corpus_dir: str | Path | None = None,
                  warnings: list[IngestProblem] | None = None,
                  allow_external_links: bool = True, progress: bool = False) -> tuple[Document, list[Paragraph]]:
    """Read and parse one report: its Document (doc_id from the file stem, title from <stem>.meta.json or the stem)
    and paragraphs. Raises CorpusError. With a `warnings` list, a bad sidecar does not cost the report: it is
    read with the title from its file name, and the sidecar's fault is appended to `warnings`. `progress`: a
    progress bar while parsing a long report."""
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise CorpusError(str(path), f"unsupported file type '{path.suffix}'; use .txt or .pdf")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CorpusError(str(path), f"cannot be read ({e.strerror or e})") from None
    parsed = parse_report_file(path, progress=progress)
    paragraphs = parsed.paragraphs
    rel = path.name
    if corpus_dir is not None:
        try:
            rel = path.resolve().relative_to(Path(corpus_dir).resolve()).as_posix()
        except ValueError:
            rel = path.name
    try:
        meta = read_meta(path, corpus_dir=corpus_dir, allow_external_links=allow_external_links)
    except CorpusError as err:
        if warnings is None:
            raise
        meta = read_front_matter(path)
        meta = meta if meta.title else replace(meta, title=humanise(path.stem))
        warnings.append(IngestProblem(err.path, f"{err.reason} (the report is indexed with the title {meta.title!r})"))
    doc = Document(
        doc_id=path.stem,
        title=meta.title,
        path=rel,
        sha256=hashlib.sha256(data).hexdigest(),
        n_paragraphs=len(paragraphs),
        anomalies=parsed.anomalies,
        symbol=meta.symbol,
        body=meta.body,
        session=meta.session,
        date=meta.date,
    )
    return doc, paragraphs


@dataclass
class CorpusContents:
    documents: list[tuple[Document, list[Paragraph]]] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)
    warnings: list[IngestProblem] = field(default_factory=list)  # read anyway (a bad sidecar: default title)


def read_corpus(corpus_dir: str | Path, *, allow_external_links: bool = False) -> CorpusContents:
    """Every readable report in corpus_dir, in sorted order; each unreadable file becomes a problem instead, and so
    does a file whose doc_id an earlier readable file already took (x.pdf and x.txt), and a refused link."""
    out = CorpusContents()
    taken: dict[str, str] = {}
    paths, out.problems = scan(corpus_dir, allow_external_links=allow_external_links)
    for path in paths:
        try:
            doc, paras = read_document(path, corpus_dir=corpus_dir, warnings=out.warnings,
                                       allow_external_links=allow_external_links)
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
