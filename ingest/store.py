"""CONTRACT STUB (owner: index helper). The index folder on disk: FAISS file + JSONL records + manifest.json with hashes.

Layout: index_dir/CURRENT names the live build folder (index_dir/builds/<id>/); a build is written in full to a new
folder, then CURRENT is replaced atomically, so a crash mid-build leaves the previous index usable. Never pickled.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.types import Chunk, Document, Paragraph


@dataclass
class StoredIndex:
    path: Path  # the build folder that was loaded
    manifest: dict[str, Any]
    documents: list[Document]
    paragraphs: list[Paragraph]
    chunks: list[Chunk]  # chunk i <-> vector id i
    vectors: Any  # the faiss index


def load_index(index_dir: str | Path, *, model_id: str | None = None, dim: int | None = None) -> StoredIndex:
    """Load the live build, verifying files against the manifest. Raises IndexMissingError, IndexCorruptError,
    IndexMismatchError (model_id/dim differ), each naming the fix (`paracite ingest`)."""
    raise NotImplementedError
