"""Parsing paragraph markers out of answer text and verifying every sentence against the paragraphs it cites.

Runs identically on every backend's output. Accepted markers: `[¶7]`, `[¶7, ¶8]`, `[¶7][¶8]`, `[¶¶7-8]`,
`[doc_id ¶7]`, `[doc_id ¶7, ¶8]` (a doc_id carries to the numbers after it inside one bracket).

A sentence is verified when it cites at least one paragraph of the context and is supported by the cited text: it
occurs verbatim there, or every number in it occurs there ('2,700' == '2700') and enough of its content words do (or
its embedding is close to a sentence there). Failures stay in the answer, visibly marked, never silently dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from app.text.lexical import all_numbers, clean_text, content_terms, numbers, split_sentences
from app.text.scoring import SentenceScorer
from app import markers
from app.context import PackedContext, format_marker
from app.types import Citation, Hit, Sentence

SENTINEL = "NOT_IN_REPORT"
UNVERIFIED_MARK = "(unverified)"
MIN_OVERLAP = 0.6  # share of an answer sentence's content words that must occur in the cited paragraphs
MIN_SIMILARITY = 0.7  # or: cosine to the closest sentence of a cited paragraph (all-MiniLM-L6-v2)

_MARKER = markers.MARKER_RE
_MARKERS_RUN = markers.MARKERS_RUN


@dataclass
class VerifiedAnswer:
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sentinel: bool = False  # the backend said the context does not answer

    @property
    def supported(self) -> bool:
        return any(s.verified for s in self.sentences)


def parse_marker(inner: str) -> list[tuple[str | None, int | str]]:
    """'¶7, ¶8' -> [(None, 7), (None, 8)]; 'doc ¶7-9' -> [('doc', 7), ('doc', 8), ('doc', 9)]; '¶5bis' ->
    [(None, '5bis')]: a plain number stays an int, a suffixed label is a str (see app.markers)."""
    return [(r.doc_id, int(r.label) if r.plain else r.label) for r in markers.parse_refs(inner)]


def split_cited(text: str) -> list[tuple[str, list[tuple[str | None, int | str]]]]:
    """Answer text -> [(sentence without markers, the markers that follow it)]. A unit ends at a run of markers; a
    unit holding several sentences leaves the earlier ones uncited (they are flagged, not credited)."""
    # "fact [¶7]." -> "fact. [¶7]" so the full stop stays with its sentence
    text = re.sub(rf"({_MARKERS_RUN})\s*([.!?;])", r"\2\1", text)
    units: list[tuple[str, list[tuple[str | None, int | str]]]] = []
    pos = 0
    for m in re.finditer(_MARKERS_RUN, text):
        body = text[pos:m.start()]
        cites = [c for inner in _MARKER.findall(m.group(0)) for c in parse_marker(inner)]
        units.append((body, cites))
        pos = m.end()
    units.append((text[pos:], []))
    out = []
    for body, cites in units:
        body = clean_text(body)
        if not re.search(r"[A-Za-z0-9]", body):
            if cites and out:  # a marker run after a marker run: belongs to the previous sentence
                out[-1] = (out[-1][0], out[-1][1] + cites)
            continue
        parts = split_sentences(body) or [body]
        for p in parts[:-1]:
            out.append((p, []))
        out.append((parts[-1], cites))
    return out


class CitationVerifier:
    def __init__(self, scorer: SentenceScorer | None = None):
        self.scorer = scorer or SentenceScorer(None)

    def verify(self, raw: str, context: PackedContext) -> VerifiedAnswer:
        notes: list[str] = []
        sentinel = SENTINEL in raw
        raw = raw.replace(SENTINEL, " ")
        sentences: list[Sentence] = []
        citations: list[Citation] = []
        pieces: list[str] = []
        for body, cites in split_cited(raw):
            resolved: list[Hit] = []
            for doc, n in cites:
                hit = context.resolve(n, doc)
                if hit is None:
                    label = markers.format_ref(n, doc)
                    notes.append(f"removed citation [{label}]: not one of the paragraphs given to the answerer")
                elif hit not in resolved:
                    resolved.append(hit)
            verified, reason, quotes = self._check(body, resolved)
            sentences.append(Sentence(body, tuple(h.key for h in resolved), verified, reason))
            for hit, quote in quotes:
                c = Citation(hit.paragraph, hit.doc_id, hit.section, quote, verified, label=hit.label)
                if c not in citations:
                    citations.append(c)
            piece = body
            if resolved:
                piece += " " + format_marker(resolved, context.multi_document)
            if not verified:
                piece += " " + UNVERIFIED_MARK
            pieces.append(piece)
        if any(not s.verified for s in sentences):
            notes.append(f"{sum(not s.verified for s in sentences)} sentence(s) could not be verified against the "
                         f"cited paragraphs and are marked {UNVERIFIED_MARK}")
        return VerifiedAnswer(" ".join(pieces), sentences, citations, notes, sentinel)

    def _check(self, sentence: str, cited: Sequence[Hit]) -> tuple[bool, str, list[tuple[Hit, str]]]:
        if not cited:
            return False, "no citation", []
        quotes = [(h, self._quote(sentence, h)) for h in cited]
        flat = clean_text(sentence)
        if any(flat and flat in clean_text(h.text) for h in cited):
            return True, "", quotes
        cited_numbers = set().union(*(all_numbers(h.text) for h in cited))
        missing = sorted(numbers(sentence) - cited_numbers)
        if missing:
            where = ", ".join(markers.format_ref(h.label) for h in cited)
            return False, f"number {', '.join(missing)} not in {where}", quotes
        terms = content_terms(sentence)
        cited_terms = set().union(*(content_terms(h.text) for h in cited))
        overlap = len(terms & cited_terms) / len(terms) if terms else 1.0
        if overlap >= MIN_OVERLAP:
            return True, "", quotes
        if self._similarity(sentence, cited) >= MIN_SIMILARITY:
            return True, "", quotes
        return False, f"not supported by the cited paragraph (word overlap {overlap:.0%})", quotes

    def _quote(self, sentence: str, hit: Hit) -> str:
        """The verbatim sentence of the cited paragraph closest to the answer sentence."""
        flat = clean_text(sentence)
        sents, mat = self.scorer.sentences([hit])[0]
        for s in sents:
            if flat and (flat in clean_text(s) or clean_text(s) in flat):
                return s
        terms = content_terms(sentence)
        lex = np.array([len(terms & content_terms(s)) / (len(terms) or 1) for s in sents])
        if mat is not None and self.scorer.embedder is not None:
            v = np.asarray(self.scorer.embedder.encode([sentence], kind="passage")[0], dtype=np.float32)
            lex = lex + mat @ v
        return sents[int(np.argmax(lex))]

    def _similarity(self, sentence: str, cited: Sequence[Hit]) -> float:
        if self.scorer.embedder is None:
            return 0.0
        v = np.asarray(self.scorer.embedder.encode([sentence], kind="passage")[0], dtype=np.float32)
        best = 0.0
        for sents, mat in self.scorer.sentences(list(cited)):
            if mat is not None and len(mat):
                best = max(best, float(np.max(mat @ v)))
        return best
