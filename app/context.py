"""Packing retrieved paragraphs into a labelled context that fits a token budget (tiktoken cl100k_base).

Labels are what answers cite: `¶N` when every paragraph comes from one document, `doc_id ¶N` otherwise, so a citation
always names exactly one paragraph of the corpus.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from app import markers
from app.types import Hit


def _default_count_tokens(text: str) -> int:
    from ingest.chunk import count_tokens  # the parser helper's tiktoken counter (offline cl100k_base)

    return count_tokens(text)


@dataclass(frozen=True)
class ContextParagraph:
    label: str  # "¶7" or "unodc-ccpcj-2018-activities ¶7"
    hit: Hit
    text: str  # what the answerer sees: the whole paragraph, or its leading sentences when it alone overflows
    n_tokens: int

    @property
    def truncated(self) -> bool:
        return self.text != self.hit.text


@dataclass(frozen=True)
class PackedContext:
    question: str
    paragraphs: tuple[ContextParagraph, ...]
    multi_document: bool
    n_tokens: int
    dropped: tuple[Hit, ...] = ()  # retrieved paragraphs that did not fit the budget

    @property
    def hits(self) -> list[Hit]:
        return [p.hit for p in self.paragraphs]

    def resolve(self, label: int | str, doc_id: str | None = None) -> Hit | None:
        """The context paragraph a marker names (by label: 7 or "7", "5bis"); a bare `¶N` is accepted when N is
        unambiguous in this context."""
        label = markers.normalise_label(str(label))
        found = [p.hit for p in self.paragraphs if p.hit.label == label and (doc_id is None or p.hit.doc_id == doc_id)]
        return found[0] if len(found) == 1 else None

    def render(self) -> str:
        """The context block of an LLM prompt: one labelled paragraph per block, with its section and report."""
        blocks = []
        for p in self.paragraphs:
            where = f"Section: {p.hit.section}" if p.hit.section else "Section: (none)"
            if self.multi_document:
                where = f"Report: {p.hit.title or p.hit.doc_id}; {where}"
            blocks.append(f"[{p.label}] ({where})\n{p.text}")
        return "\n\n".join(blocks)


def paragraph_label(hit: Hit, multi_document: bool) -> str:
    return markers.format_ref(hit.label, hit.doc_id if multi_document else None)


def format_marker(hits: Sequence[Hit], multi_document: bool) -> str:
    """`[¶7]`, `[¶7, ¶5bis]`, or `[doc ¶7, doc ¶8]`."""
    return markers.format_marker((h.doc_id if multi_document else None, h.label) for h in hits)


def pack_context(question: str, hits: Sequence[Hit], max_tokens: int,
                 count_tokens: Callable[[str], int] | None = None) -> PackedContext:
    """Keep hits in rank order while they fit `max_tokens`; a lower-ranked paragraph that does not fit is skipped so a
    shorter one after it can still be used. The best hit is always kept (cut to its leading sentences if it alone is
    over budget), because an answer with no context is worse than one from a shortened paragraph."""
    count = count_tokens or _default_count_tokens
    hits = _dedupe(hits)
    multi = len({h.doc_id for h in hits}) > 1
    kept: list[ContextParagraph] = []
    dropped: list[Hit] = []
    used = 0
    for i, hit in enumerate(hits):
        label = paragraph_label(hit, multi)
        # label + section line cost a few tokens too; count them so the budget is honest
        overhead = count(f"[{label}] (Section: {hit.section})\n") + 2
        n = count(hit.text) + overhead
        if used + n <= max_tokens:
            kept.append(ContextParagraph(label, hit, hit.text, n))
            used += n
        elif i == 0:
            text = _truncate(hit.text, max(max_tokens - overhead, 1), count)
            n = count(text) + overhead
            kept.append(ContextParagraph(label, hit, text, n))
            used += n
        else:
            dropped.append(hit)
    return PackedContext(question, tuple(kept), multi, used, tuple(dropped))


def _dedupe(hits: Sequence[Hit]) -> list[Hit]:
    seen: set[tuple[str, str]] = set()
    out = []
    for h in hits:
        if h.key not in seen:
            seen.add(h.key)
            out.append(h)
    return out


def _truncate(text: str, budget: int, count: Callable[[str], int]) -> str:
    words = text.split(" ")
    lo, hi = 1, len(words)
    while lo < hi:  # longest word prefix within budget
        mid = (lo + hi + 1) // 2
        if count(" ".join(words[:mid])) <= budget:
            lo = mid
        else:
            hi = mid - 1
    return " ".join(words[:lo])
