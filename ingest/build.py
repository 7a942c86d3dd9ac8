"""CONTRACT STUB (owner: index helper). The ingest pipeline: corpus -> parse -> chunk -> embed -> index folder."""
from __future__ import annotations

from pathlib import Path

from ingest.embed import Embedder
from ingest.types import BuildReport


def build_index(corpus_dir: str | Path, index_dir: str | Path, embedder: Embedder, *, index_kind: str = "auto",
                ann_threshold: int = 100_000, section_headers: bool = True, progress: bool = True,
                force: bool = False) -> BuildReport:
    """Incremental, atomic, locked build. Unchanged documents (same sha256, same model and options) reuse their chunks
    and vectors; an unchanged corpus does no work (report.changed False). Problem files are reported in
    report.problems and skipped; the rest is still built. Raises IndexLockedError if another build holds the lock
    past its timeout, CorpusError if no document at all could be ingested."""
    raise NotImplementedError


def corpus_changed(corpus_dir: str | Path, index_dir: str | Path) -> bool:
    """True when the corpus files' hashes differ from those in the live manifest (or there is no index)."""
    raise NotImplementedError
