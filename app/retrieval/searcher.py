"""CONTRACT STUB (owner: index helper). Searching a loaded index."""
from __future__ import annotations

from dataclasses import dataclass

from app.types import Hit
from ingest.embed import Embedder
from ingest.store import StoredIndex


@dataclass(frozen=True)
class SectionInfo:
    doc_id: str
    path: tuple[str, ...]  # e.g. ("III. Corruption", "B. Promoting ...")
    label: str  # short code, e.g. "III.B" or "III.B.2"
    n_paragraphs: int


class Searcher:
    def __init__(self, stored: StoredIndex, embedder: Embedder, *, mode: str = "hybrid", fusion: str = "rrf"):
        raise NotImplementedError

    def search(self, query: str, k: int = 5, section: str | None = None) -> list[Hit]:
        """Paragraph-level hits, best first. A query naming a paragraph ("paragraph 68", "para. 68", "¶68",
        "what does 68 say") returns that paragraph first. `section` ("III", "II.C", "III.B.2" or a heading substring)
        restricts the search; an unknown section raises ParaCiteError listing valid ones."""
        raise NotImplementedError

    def paragraph(self, number: int, doc_id: str | None = None) -> Hit | None:
        raise NotImplementedError

    def sections(self) -> list[SectionInfo]:
        raise NotImplementedError
