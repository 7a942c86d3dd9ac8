"""Searching a loaded index: dense (FAISS) + lexical (BM25), fused, one hit per paragraph.

Pipeline per query: (1) a paragraph named in the query ("paragraph 68", "¶68") is looked up directly and put first;
(2) the section filter, if any, becomes a set of allowed chunk and paragraph ids; (3) FAISS returns the best `depth`
chunks (all of them for a small corpus) restricted to those ids, and chunks collapse to paragraphs (best chunk cosine
of each); BM25 scores whole paragraphs (a paragraph is the unit cited; splitting one for the embedder's input limit
must not hand BM25 a short, keyword-dense tail that outranks a complete paragraph); (4) the two paragraph rankings are
fused (RRF or convex) and the top k become Hits.

Fusion default: convex, dense weight 0.7 -- measured against RRF, dense-only and BM25-only on 37 real-report questions
(numbers in app/retrieval/fusion.py).
"""
from __future__ import annotations

import logging
from typing import Iterable

import numpy as np

from app.markers import normalise_label
from app.retrieval.bm25 import BM25Index
from app.retrieval.fusion import (
    COMPANION_ALPHA, COMPANION_MARGIN, CONVEX_ALPHA, CROSS_LINGUAL_ALPHA, DEFAULT_FUSION, RRF_K, Fusion, RetrievalMode,
    convex, rrf,
)
from app.retrieval.lookup import parse_lookup, pick_document
from app.retrieval.sections import SectionInfo, build_sections, chapters_named, in_sections, resolve_section
from app.text.focus import defined_acronym
from app.text.glossary import defined_in
from app.text.lexical import content_terms, topic_terms
from app.types import Hit
from ingest.embed import Embedder
from ingest.errors import ParaCiteError
from ingest.store import StoredIndex, check_compatible
from ingest.types import Paragraph

__all__ = ["Searcher", "SectionInfo", "RetrievalMode", "Fusion", "MODES", "FUSIONS", "DEFAULT_FUSION"]

log = logging.getLogger(__name__)


MODES = RetrievalMode.values()
FUSIONS = Fusion.values()
EXHAUSTIVE_BELOW = 5_000  # chunks: below this every chunk is a candidate (exact and still sub-millisecond)
CANDIDATES = 50

Key = tuple[str, str]  # (doc_id, paragraph label): Hit.key


class Searcher:
    def __init__(self, stored: StoredIndex, embedder: Embedder, *, mode: str = RetrievalMode.HYBRID,
                 fusion: str = DEFAULT_FUSION, candidates: int = CANDIDATES, rrf_k: int = RRF_K,
                 alpha: float = CONVEX_ALPHA, cross_lingual_alpha: float = CROSS_LINGUAL_ALPHA,
                 sentence_vectors: dict[Key, np.ndarray] | None = None, sentence_mix: float | None = None, store=None,
                 companion=None, companion_alpha: float = COMPANION_ALPHA,
                 companion_margin: float = COMPANION_MARGIN):
        if mode not in MODES:
            raise ParaCiteError(f"retrieval mode {mode!r} is not one of {', '.join(MODES)}")
        if fusion not in FUSIONS:
            raise ParaCiteError(f"fusion {fusion!r} is not one of {', '.join(FUSIONS)}")
        # a StoredIndex loaded without model_id/dim was not checked against this embedder yet
        check_compatible(stored.manifest, where=stored.path, model_id=embedder.model_id, dim=embedder.dim)
        self.stored = stored
        self.embedder = embedder
        if store is None:  # the index folder's FAISS file (app/retrieval/stores/: a registry of vector stores)
            from app.retrieval.stores.faiss_store import FaissStore

            store = FaissStore(stored)
        self.store = store
        self.mode = mode
        self.fusion = fusion
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.alpha = alpha
        # dense weight for a question not in English: BM25 over the English report matches only its names and numbers
        self.cross_lingual_alpha = cross_lingual_alpha
        # per paragraph, its sentences' vectors: a question not in English is matched on its best sentence too
        # (app/multilingual.py); None keeps paragraph-level dense scores for every question
        self._sentence_vectors = sentence_vectors
        if sentence_mix is None:
            from app.multilingual import SENTENCE_MIX as sentence_mix
        self.sentence_mix = sentence_mix
        # a second embedder's view of the same paragraphs (app/retrieval/companion.py), fused with the dense ranking;
        # the hits' dense_score stays the main model's cosine (the answerability gate is calibrated on it)
        self.companion = companion
        self.companion_alpha = companion_alpha
        self.companion_margin = companion_margin
        self.documents = list(stored.documents)
        self._titles = {d.doc_id: d.title for d in self.documents}
        self._paragraphs: dict[Key, Paragraph] = {(p.doc_id, p.label): p for p in stored.paragraphs}
        self._order: dict[Key, int] = {(p.doc_id, p.label): i for i, p in enumerate(stored.paragraphs)}
        self._chunk_keys: list[Key] = [(c.doc_id, c.label) for c in stored.chunks]
        self._chunks_of: dict[Key, list[int]] = {}
        for i, key in enumerate(self._chunk_keys):
            self._chunks_of.setdefault(key, []).append(i)
        self._embeddings = stored.embeddings
        self._para_keys: list[Key] = [(p.doc_id, p.label) for p in stored.paragraphs]
        self._bm25 = BM25Index([p.text for p in stored.paragraphs]) if mode != "dense" else None
        self._sections = build_sections(stored.paragraphs)
        # short name -> the paragraphs that spell it out, first first: "What is StAR?" is answered there
        self._defined_in = {short: [self._para_keys[i] for i in found]
                            for short, found in defined_in(p.text for p in stored.paragraphs).items()}

    # -- public API ---------------------------------------------------------------------------------------------

    def search(self, query: str, k: int = 5, section: str | None = None,
               doc_ids: Iterable[str] | None = None) -> list[Hit]:
        """Paragraph-level hits, best first. A query naming a paragraph ("paragraph 68", "para. 68", "¶68",
        "what does 68 say") returns that paragraph first. `section` ("III", "II.C", "III.B.2" or a heading substring)
        restricts the search; an unknown section raises ParaCiteError listing valid ones. `doc_ids` (None: every
        report) restricts it to those reports: no hit, lookups included, comes from another."""
        if k < 1:
            raise ParaCiteError(f"k must be at least 1, not {k}")
        query = (query or "").strip()
        docs = None if doc_ids is None else frozenset(doc_ids)
        allowed = self._allowed(section, docs) if (section and section.strip()) or docs is not None else None
        if not query:
            return []
        looked_up = self._lookup(query, docs)
        qvec = self.embedder.encode([query], kind="query")[0] if self.mode != "bm25" else None
        hits = self._rank(query, qvec, k + (1 if looked_up else 0), allowed)
        hits = self._with_definition(query, qvec, hits, allowed)
        if not (section and section.strip()):  # a section the user chose wins over one the question names
            hits = self._own_chapter_first(query, qvec, hits, docs)
        if looked_up is None:
            return hits[:k]
        key = (looked_up.doc_id, looked_up.label)
        rest = [h for h in hits if h.key != key]
        top = max((h.score for h in rest), default=0.0)
        dense = self._dense_of(key, qvec) if qvec is not None else None
        first = self._hit(key, score=top + 1.0, dense=dense, lexical=None, match="lookup")
        return ([first] + rest)[:k]

    def _own_chapter_first(self, query: str, qvec: np.ndarray | None, hits: list[Hit],
                           docs: frozenset[str] | None) -> list[Hit]:
        """"What does the report recommend about X?": the hits come from the chapter the question names
        (app/retrieval/sections.py chapters_named), as if it were the section filter; what a body or a study in
        another chapter recommended is not what is asked."""
        chapters, rest = chapters_named(query, [s for s in self._sections if docs is None or s.doc_id in docs])
        if not chapters or not hits:
            return hits
        keys = {key for key, p in self._paragraphs.items() if in_sections(p, chapters)}
        own = self._rank(query, qvec, len(hits), self._allowed_keys(keys))
        # ... when the chapter speaks of what is asked, if anything beyond the chapter is asked ("What are the
        # report's recommendations?"): "What does the report recommend about cybercrime?" is not answered by
        # recommendations that never name it
        asked = topic_terms(rest)
        if not own or (asked and not asked & content_terms(" ".join(h.text for h in own))):
            return hits
        return own

    def _with_definition(self, query: str, qvec: np.ndarray | None, hits: list[Hit], allowed) -> list[Hit]:
        """A question asking what a short name is ("What is the StAR Initiative?") has, among its hits, the first
        paragraph that spells the name out, in place of the last hit: the fusion may rank five paragraphs that only
        use the name above it."""
        short = defined_acronym(query)
        keys = self._defined_in.get(short, []) if short and len(hits) > 1 else []  # k=1 keeps the fused first
        if allowed is not None:
            inside = {self._para_keys[int(i)] for i in allowed[1]}
            keys = [key for key in keys if key in inside]
        if not keys or not hits or any(h.key in keys for h in hits):
            return hits
        key = keys[0]
        dense = self._dense_of(key, qvec) if qvec is not None else None
        return hits[:-1] + [self._hit(key, score=hits[-1].score, dense=dense, lexical=None, match=self.mode)]

    def paragraph(self, number: int | str, doc_id: str | None = None) -> Hit | None:
        """The paragraph with that label (7, "7", "5bis") in doc_id, or in the first document that has it; None if
        there is none."""
        label = normalise_label(str(number))
        docs = [doc_id] if doc_id else [d.doc_id for d in self.documents]
        for d in docs:
            if (d, label) in self._paragraphs:
                return self._hit((d, label), score=1.0, dense=None, lexical=None, match="lookup")
        return None

    def sections(self) -> list[SectionInfo]:
        return list(self._sections)

    @property
    def n_paragraphs(self) -> int:
        return len(self._paragraphs)

    # -- internals ----------------------------------------------------------------------------------------------

    def has_paragraph(self, doc_id: str, label: int | str) -> bool:
        return (doc_id, normalise_label(str(label))) in self._paragraphs

    def _lookup(self, query: str, docs: frozenset[str] | None = None) -> Paragraph | None:
        req = parse_lookup(query)
        if req is None:
            return None
        documents = [d for d in self.documents if docs is None or d.doc_id in docs]
        doc_id = pick_document(req.doc_hint, documents) if len(documents) > 1 else None
        for d in ([doc_id] if doc_id else []) + [d.doc_id for d in documents]:
            if (d, normalise_label(req.label)) in self._paragraphs:
                return self._paragraphs[(d, normalise_label(req.label))]
        return None

    def _allowed(self, section: str | None, docs: frozenset[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(chunk ids, paragraph indexes) inside the named section(s) of the reports in `docs` (None: all)."""
        if section and section.strip():
            chosen = resolve_section(section, [s for s in self._sections if docs is None or s.doc_id in docs])
            keys = {key for key, p in self._paragraphs.items() if in_sections(p, chosen)}
        else:
            keys = {key for key in self._paragraphs if key[0] in docs}
        return self._allowed_keys(keys)

    def _allowed_keys(self, keys: set[Key]) -> tuple[np.ndarray, np.ndarray]:
        return (np.array([i for i, key in enumerate(self._chunk_keys) if key in keys], dtype=np.int64),
                np.array([i for i, key in enumerate(self._para_keys) if key in keys], dtype=np.int64))

    def _dense_of(self, key: Key, qvec: np.ndarray) -> float | None:
        rows = self._chunks_of.get(key)
        if not rows or self._embeddings is None:
            return None
        return float(np.max(self._embeddings[rows] @ qvec))

    def _depth(self, k: int, n_allowed: int) -> int:
        if n_allowed <= EXHAUSTIVE_BELOW:
            return n_allowed
        return min(n_allowed, max(self.candidates, 10 * k))

    def _uses_companion(self, query: str) -> bool:
        """The companion ranks English questions only: its weights and margin were measured on them, and a question in
        another language has its own path (app/multilingual.py, eval/MULTILINGUAL.md)."""
        return self.companion is not None and self.mode != "bm25" and not self._cross_lingual(query)

    def _rank(self, query: str, qvec: np.ndarray | None, k: int,
              allowed: tuple[np.ndarray, np.ndarray] | None) -> list[Hit]:
        chunk_ids, para_ids = (None, None) if allowed is None else allowed
        n_allowed = len(self._chunk_keys) if chunk_ids is None else len(chunk_ids)
        if n_allowed == 0:
            return []
        depth = self._depth(k, n_allowed)
        dense: dict[Key, float] = {}
        lexical: dict[Key, float] = {}
        dense_chunks: dict[int, float] = {}
        if qvec is not None:
            scores, ids = self.store.search(qvec, depth, ids=chunk_ids)
            for s, i in zip(scores[0], ids[0]):
                if i >= 0:
                    dense_chunks[int(i)] = float(s)
            for i, s in dense_chunks.items():
                key = self._chunk_keys[i]
                dense[key] = max(dense.get(key, -np.inf), s)
        lex_all = self._bm25.scores(query) if self._bm25 is not None else None
        if lex_all is not None:
            pool = np.arange(len(self._para_keys)) if para_ids is None else para_ids
            pool = pool[lex_all[pool] > 0]
            # stable order: score desc, then position, so equal scores rank the same on every run
            top = pool[np.lexsort((pool, -lex_all[pool]))][:depth]
            for i in top:
                lexical[self._para_keys[int(i)]] = float(lex_all[i])
        # every candidate gets both scores (exact cosine from the stored embeddings, BM25 from the full array)
        candidates = set(dense) | set(lexical)
        if qvec is not None:
            for key in candidates - set(dense):
                value = self._dense_of(key, qvec)
                if value is not None:
                    dense[key] = value
        if lex_all is not None:
            for key in candidates - set(lexical):
                value = float(lex_all[self._order[key]])
                if value > 0:
                    lexical[key] = value

        cross_lingual = self.mode != "bm25" and self._cross_lingual(query)
        if cross_lingual and qvec is not None and self._sentence_vectors:
            m = self.sentence_mix
            for key, value in dense.items():
                sv = self._sentence_vectors.get(key)
                if sv is not None and len(sv):
                    dense[key] = (1.0 - m) * value + m * float(np.max(sv @ qvec))
        fused = self._fuse(dense, lexical, cross_lingual)
        if self._uses_companion(query) and _margin(fused) < self.companion_margin:
            # the main model is unsure: the companion's ranking is fused in (embedding the query costs it ~20-50 ms)
            fused = self._fuse(dense, lexical, cross_lingual,
                               self.companion.scores(self.companion.embed(query), candidates))
        ranked = sorted(fused, key=lambda key: (-fused[key], self._order[key]))[:k]
        return [self._hit(key, score=float(fused[key]), dense=dense.get(key), lexical=lexical.get(key, 0.0)
                          if lex_all is not None else None, match=self.mode) for key in ranked]

    def _fuse(self, dense: dict[Key, float], lexical: dict[Key, float], cross_lingual: bool,
              companion: dict[Key, float] | None = None) -> dict[Key, float]:
        if self.mode == "dense":
            return dict(dense) if companion is None else convex(dense, {}, alpha=1.0, companion=companion)
        if self.mode == "bm25":
            return dict(lexical)
        if cross_lingual:
            # BM25 only sees the names and numbers such a question shares with the English text: weigh it little
            # whatever the fusion (rrf has no weight to lower)
            return convex(dense, lexical, alpha=self.cross_lingual_alpha, companion=companion)
        if self.fusion == "rrf":
            rankings = [self._ranking(dense), self._ranking(lexical)]
            return rrf(rankings + ([self._ranking(companion)] if companion else []), k=self.rrf_k)
        return convex(dense, lexical, alpha=self.alpha if companion is None else self.companion_alpha,
                      companion=companion)

    def _cross_lingual(self, query: str) -> bool:
        from app.language import detect

        return not detect(query).english

    def _ranking(self, scores: dict[Key, float]) -> list[Key]:
        return sorted(scores, key=lambda key: (-scores[key], self._order[key]))

    def _hit(self, key: Key, *, score: float, dense: float | None, lexical: float | None, match: str) -> Hit:
        p = self._paragraphs[key]
        return Hit(
            doc_id=p.doc_id,
            paragraph=p.number,
            section_path=tuple(p.section_path),
            text=p.text,
            score=score,
            title=self._titles.get(p.doc_id, ""),
            footnotes=tuple(p.footnotes),
            dense_score=dense,
            lexical_score=lexical,
            match=match,
            label=p.label,
        )

    def __repr__(self) -> str:
        return (f"Searcher({len(self._paragraphs)} paragraphs, {len(self._chunk_keys)} chunks, mode={self.mode!r}, "
                f"fusion={self.fusion!r}, companion={self.companion.model_id if self.companion else None!r})")


def _margin(fused: dict[Key, float]) -> float:
    """How far the first paragraph leads the second, on min-max normalised fused scores (1.0: alone, or far ahead)."""
    if len(fused) < 2:
        return 1.0
    top = sorted(fused.values(), reverse=True)
    lo, hi = top[-1], top[0]
    return 1.0 if hi - lo <= 1e-12 else (top[0] - top[1]) / (hi - lo)
