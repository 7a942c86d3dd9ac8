"""Scoring the sentences of retrieved paragraphs against a question: embedding similarity + lexical evidence.

Used by the extractive answerer to pick sentences and by the chain's abstention gate. Sentence embeddings are cached
per paragraph across calls (paragraph text is immutable for a loaded index), so a warm question embeds only itself.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from app.answer.lexical import (
    DOMAIN_COMMON, all_numbers, content_terms, numbers, proper_terms, split_sentences, stem, years,
)
from app.types import Hit

# Weights tuned on the questions in tests/app/test_answer_real.py (see the report in the module docstring there).
W_DENSE = 1.0  # cosine(question, sentence) with all-MiniLM-L6-v2; typically 0.2-0.8
W_LEXICAL = 0.6  # share of the question's content terms in the sentence
W_PROPER = 0.25  # share of the question's names (countries, bodies, instruments) in the sentence
W_TYPE = 0.15  # sentence carries what the question type asks for (a number, a date, a place)
W_NUMBER_MATCH = 0.2  # a number named in the question occurs in the sentence
W_RANK = 0.08  # retrieval rank prior: 1 for the first hit, decaying
W_PARAGRAPH = 0.3  # share of the question's terms in the sentence's paragraph + section headings (its context)
W_COUNTED = 0.35  # "how many States" and the sentence has "<number> ... States": the count asked for

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"\b(?:{_MONTHS})\b|\b(?:19|20)\d{{2}}\b")
_QUANTITY_Q = re.compile(r"\b(how many|how much|number of|what number|total|percentage|per cent|amount|how large|"
                         r"how big|size of|count)\b", re.I)
_WHEN_Q = re.compile(r"\b(when|what date|which date|what year|which year|what month|since when|until when)\b", re.I)
_WHERE_Q = re.compile(r"\b(where|which city|what city|in which country|which country|location)\b", re.I)


@dataclass(frozen=True)
class ScoredSentence:
    hit: Hit
    index: int  # position of the sentence in its paragraph
    text: str  # verbatim substring of hit.text
    score: float
    dense: float
    lexical: float
    rank: int  # rank of the paragraph in the retrieval


def question_kind(question: str) -> str:
    if _QUANTITY_Q.search(question):
        return "quantity"
    if _WHEN_Q.search(question):
        return "date"
    if _WHERE_Q.search(question):
        return "place"
    return "other"


def key_terms(question: str) -> tuple[set[str], set[str]]:
    """(numbers incl. years, proper-name stems) the question names: an answer must be about those."""
    return numbers(question), proper_terms(question)


class SentenceScorer:
    def __init__(self, embedder=None, *, cache_size: int = 20000):
        self.embedder = embedder
        self._cache: OrderedDict[tuple[str, int, int], tuple[list[str], np.ndarray | None]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def sentences(self, hits: Sequence[Hit], texts: Sequence[str] | None = None) -> list[tuple[list[str], np.ndarray | None]]:
        """Sentences and their (cached) embeddings for each hit; `texts` overrides hit.text (a truncated context)."""
        texts = list(texts) if texts is not None else [h.text for h in hits]
        keys = [(h.doc_id, h.paragraph, hash(t)) for h, t in zip(hits, texts)]
        with self._lock:
            cached = {k: self._cache[k] for k in keys if k in self._cache}
        missing = [(k, t) for k, t in zip(keys, texts) if k not in cached]
        if missing:
            split = [(k, split_sentences(t) or [t]) for k, t in missing]
            flat = [s for _, ss in split for s in ss]
            vecs = self.embedder.encode(flat, kind="passage") if (self.embedder is not None and flat) else None
            pos = 0
            for k, ss in split:
                m = None if vecs is None else np.asarray(vecs[pos:pos + len(ss)], dtype=np.float32)
                pos += len(ss)
                cached[k] = (ss, m)
            with self._lock:
                for k, _ in missing:
                    self._cache[k] = cached[k]
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return [cached[k] for k in keys]

    def embed_query(self, question: str) -> np.ndarray | None:
        if self.embedder is None:
            return None
        return np.asarray(self.embedder.encode([question], kind="query")[0], dtype=np.float32)

    def score(self, question: str, hits: Sequence[Hit], texts: Sequence[str] | None = None,
              qvec: np.ndarray | None = None) -> list[ScoredSentence]:
        """Every sentence of every hit, best first."""
        if not hits:
            return []
        per_hit = self.sentences(hits, texts)
        if qvec is None:
            qvec = self.embed_query(question)
        q_terms = {t for t in content_terms(question) if t not in DOMAIN_COMMON} or content_terms(question)
        q_numbers, q_proper = key_terms(question)
        kind = question_kind(question)
        counted = counted_noun(question) if kind == "quantity" else None
        out: list[ScoredSentence] = []
        for rank, (hit, (sents, mat)) in enumerate(zip(hits, per_hit)):
            dense_all = (mat @ qvec) if (mat is not None and qvec is not None) else np.zeros(len(sents))
            # a sentence inherits its paragraph's and section's topic ("the Convention" in a section on the
            # Organized Crime Convention)
            p_terms = content_terms(" ".join(sents) + " " + " ".join(hit.section_path))
            para_lex = len(q_terms & p_terms) / len(q_terms) if q_terms else 0.0
            for i, s in enumerate(sents):
                s_terms = content_terms(s)
                lexical = len(q_terms & s_terms) / len(q_terms) if q_terms else 0.0
                proper = len(q_proper & s_terms) / len(q_proper) if q_proper else 0.0
                s_numbers = all_numbers(s)
                type_bonus = _type_bonus(kind, s, s_numbers)
                number_match = 1.0 if q_numbers and q_numbers <= s_numbers else 0.0
                dense = float(dense_all[i])
                counted_bonus = 1.0 if counted and _counts(s, counted) else 0.0
                score = (W_DENSE * dense + W_LEXICAL * lexical + W_PROPER * proper + W_TYPE * type_bonus
                         + W_NUMBER_MATCH * number_match + W_RANK / (1 + rank) + W_COUNTED * counted_bonus
                         + W_PARAGRAPH * para_lex)
                out.append(ScoredSentence(hit, i, s, score, dense, lexical, rank))
        out.sort(key=lambda s: -s.score)
        return out


_NUM_WORD = (r"(?:(?<![/\d.,])(?:\d[\d,.]*\d|\d)(?: (?:million|billion|thousand))?|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
             r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
             r"fifty|sixty|seventy|eighty|ninety|hundred)(?:-\w+)?)")


_COUNT = re.compile(rf"\b{_NUM_WORD}\s+(?!(?:{_MONTHS})\b)[A-Za-z$]|\$\s?\d", re.I)


def counted_noun(question: str) -> str | None:
    """The stem of what a how-many question counts ("How many States ..." -> "state")."""
    m = re.search(r"\bhow many\s+(?:of\s+the\s+)?([A-Za-z][\w\-]*)", question, re.I) or \
        re.search(r"\bnumber of\s+([A-Za-z][\w\-]*)", question, re.I)
    return stem(m.group(1)) if m else None


def _counts(sentence: str, noun_stem: str) -> bool:
    """A number followed (within three words) by the counted noun: "189 States", "Twenty-one experts"."""
    # a lookahead so that overlapping candidates ("2018, 189 States") are all tried
    for m in re.finditer(rf"(?=\b{_NUM_WORD}\s+((?:[\w’'\-]+\s+){{0,3}})([\w’'\-]+))", sentence, re.I):
        words_after = (m.group(1) + m.group(2)).split()
        if any(stem(w) == noun_stem for w in words_after):
            return True
    return False


def _type_bonus(kind: str, sentence: str, s_numbers: set[str]) -> float:
    if kind == "quantity":
        # a count is a number followed by what it counts: not a year, a date, or a resolution number ("8/2")
        return 1.0 if _COUNT.search(sentence) else 0.0
    if kind == "date":
        return 1.0 if _DATE.search(sentence) else 0.0
    if kind == "place":
        return 1.0 if re.search(r"\b(?:in|at) [A-Z][a-z]+", sentence) else 0.0
    return 0.0


def term_stems(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[A-Za-z][A-Za-z'’\-]+", text)}
