"""Value objects produced by ingest and read by every later layer.

They are plain frozen dataclasses with lossless JSON round trips, because the index is stored as JSONL (never pickled).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.numbering import NumberingAnomaly

SECTION_SEPARATOR = " > "


def _default_label(obj: Any, number: int) -> None:
    # Frozen dataclass: the label defaults to the printed number, so code and stored records from before labels
    # (which never had a duplicate number) keep working unchanged.
    if not obj.label:
        object.__setattr__(obj, "label", str(number))


@dataclass(frozen=True)
class Document:
    """One report in the corpus."""

    doc_id: str  # stable, from the file name (stem), e.g. "unodc-ccpcj-2018-activities"
    title: str
    path: str  # path relative to the corpus folder, for display
    sha256: str  # hash of the file's bytes: decides whether a re-ingest must re-parse it
    n_paragraphs: int = 0
    anomalies: tuple[NumberingAnomaly, ...] = ()  # numbering faults found while parsing (none in a clean report)
    # bibliographic metadata (ingest/metadata.py: front matter, else the sidecar); "" when unknown
    symbol: str = ""  # the UN document symbol, e.g. "E/CN.15/2018/5"
    body: str = ""  # e.g. "Commission on Crime Prevention and Criminal Justice"
    session: str = ""  # e.g. "Twenty-seventh session"
    date: str = ""  # ISO: "2018-03-12", "2018-03" or "2018"

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date[:4].isdigit() else None

    @property
    def short_name(self) -> str:
        """How a citation names the report when several are loaded: its symbol, else its doc_id."""
        return self.symbol or self.doc_id

    def metadata(self) -> dict[str, Any]:
        """symbol, body, session, date and year, the ones known."""
        out: dict[str, Any] = {k: getattr(self, k) for k in META_FIELDS if getattr(self, k)}
        if self.year is not None:
            out["year"] = self.year
        return out

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "title": self.title,
            "path": self.path,
            "sha256": self.sha256,
            "n_paragraphs": self.n_paragraphs,
        }
        if self.anomalies:  # a clean report's record stays as it was before anomalies existed
            out["anomalies"] = [a.to_json() for a in self.anomalies]
        out.update({k: getattr(self, k) for k in META_FIELDS if getattr(self, k)})  # likewise: only the known ones
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Document":
        return cls(d["doc_id"], d["title"], d["path"], d["sha256"], int(d.get("n_paragraphs", 0)),
                   tuple(NumberingAnomaly.from_json(a) for a in d.get("anomalies", ())),
                   **{k: str(d.get(k) or "") for k in META_FIELDS})


META_FIELDS = ("symbol", "body", "session", "date")


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph of a report, exactly as the report numbers it."""

    doc_id: str
    number: int  # as printed; two paragraphs of one document can share it (a numbering slip)
    section_path: tuple[str, ...]  # headings from the chapter down, e.g. ("II. Transnational organized crime", "C. ...")
    text: str  # clean, one line; what is shown and quoted
    footnotes: tuple[str, ...] = ()  # texts of the footnotes whose markers occur in this paragraph
    line_start: int = 0  # 1-based line span in the source text (provenance)
    line_end: int = 0
    page: int | None = None  # 1-based PDF page where the paragraph starts, when the source is a PDF
    label: str = ""  # unique in its document, what citations use: "7", or "5bis" for a second "5."; default str(number)

    def __post_init__(self) -> None:
        _default_label(self, self.number)

    @property
    def section(self) -> str:
        return SECTION_SEPARATOR.join(self.section_path)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "number": self.number,
            "label": self.label,
            "section_path": list(self.section_path),
            "text": self.text,
            "footnotes": list(self.footnotes),
            "line_start": self.line_start,
            "line_end": self.line_end,
            "page": self.page,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Paragraph":
        return cls(
            doc_id=d["doc_id"],
            number=int(d["number"]),
            section_path=tuple(d["section_path"]),
            text=d["text"],
            footnotes=tuple(d.get("footnotes", ())),
            line_start=int(d.get("line_start", 0)),
            line_end=int(d.get("line_end", 0)),
            page=d.get("page"),
            label=str(d.get("label") or ""),
        )


@dataclass(frozen=True)
class Chunk:
    """The unit that is embedded. One per paragraph, or several (parts) for a paragraph longer than the embedder's limit."""

    chunk_id: str  # f"{doc_id}:{label}:{part}"
    doc_id: str
    paragraph: int  # the paragraph's printed number
    part: int  # 0-based index of this piece within its paragraph
    n_parts: int
    section_path: tuple[str, ...]
    text: str  # the paragraph text (or the sentences of this part): shown, quoted, BM25-indexed
    embed_text: str  # text + short section header: what the embedder sees
    n_tokens: int  # tiktoken cl100k_base count of `text`, for context budgeting
    label: str = ""  # the paragraph's label (unique in its document); default str(paragraph)

    def __post_init__(self) -> None:
        _default_label(self, self.paragraph)

    @property
    def section(self) -> str:
        return SECTION_SEPARATOR.join(self.section_path)

    def to_json(self) -> dict[str, Any]:
        return {
            "chunk_id": self.chunk_id,
            "doc_id": self.doc_id,
            "paragraph": self.paragraph,
            "label": self.label,
            "part": self.part,
            "n_parts": self.n_parts,
            "section_path": list(self.section_path),
            "text": self.text,
            "embed_text": self.embed_text,
            "n_tokens": self.n_tokens,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Chunk":
        return cls(
            chunk_id=d["chunk_id"],
            doc_id=d["doc_id"],
            paragraph=int(d["paragraph"]),
            part=int(d["part"]),
            n_parts=int(d["n_parts"]),
            section_path=tuple(d["section_path"]),
            text=d["text"],
            embed_text=d["embed_text"],
            n_tokens=int(d["n_tokens"]),
            label=str(d.get("label") or ""),
        )


@dataclass
class IngestProblem:
    """A document that could not be ingested, and why; the other documents are still ingested."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class BuildReport:
    """What an ingest run did."""

    index_dir: str
    documents: list[Document] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)  # doc_ids whose chunks and vectors were reused unchanged
    parsed: list[str] = field(default_factory=list)  # doc_ids (re)parsed and embedded in this run
    problems: list[IngestProblem] = field(default_factory=list)
    warnings: list[IngestProblem] = field(default_factory=list)  # ingested anyway (a bad sidecar: default title)
    n_chunks: int = 0
    seconds: float = 0.0
    changed: bool = True  # False when the corpus was unchanged and no work was done
