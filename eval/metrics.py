"""Evaluation metrics as pure functions. Paragraph identities are any hashable (the harness uses (doc_id, number)).

Conventions, shared by every retrieval metric:
- a ranking is best-first; an id repeated in it counts once, at its first (best) position;
- ties in score are broken by the given order (`rank_by_score` is a stable sort), never by id;
- relevance is binary (an id is gold or not); questions without gold paragraphs have no retrieval metrics, and the
  functions refuse them rather than return a number that would be averaged in silently.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence, TypeVar

from app.citations import UNVERIFIED_MARK
from eval import normalize as norm

K = TypeVar("K", bound=Hashable)


# ---------------------------------------------------------------- retrieval

def dedupe(ranking: Iterable[K]) -> list[K]:
    seen: set = set()
    out = []
    for item in ranking:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def rank_by_score(scored: Sequence[tuple[K, float]]) -> list[K]:
    """Ids by descending score; equal scores keep their given order; repeated ids keep their best position."""
    order = sorted(range(len(scored)), key=lambda i: -scored[i][1])  # sorted() is stable
    return dedupe(scored[i][0] for i in order)


def _gold(gold: Iterable[K]) -> set[K]:
    g = set(gold)
    if not g:
        raise ValueError("retrieval metrics need at least one gold paragraph (unanswerable questions have none)")
    return g


def hit_at_k(ranking: Sequence[K], gold: Iterable[K], k: int) -> float:
    g = _gold(gold)
    return 1.0 if any(x in g for x in dedupe(ranking)[:k]) else 0.0


def recall_at_k(ranking: Sequence[K], gold: Iterable[K], k: int) -> float:
    g = _gold(gold)
    return len(g.intersection(dedupe(ranking)[:k])) / len(g)


def reciprocal_rank(ranking: Sequence[K], gold: Iterable[K], k: int | None = None) -> float:
    """1/rank of the first gold id (within the top k when k is given), 0 when none is found."""
    g = _gold(gold)
    ranked = dedupe(ranking)
    for i, x in enumerate(ranked[:k] if k else ranked, 1):
        if x in g:
            return 1.0 / i
    return 0.0


def ndcg_at_k(ranking: Sequence[K], gold: Iterable[K], k: int = 10) -> float:
    """Binary-relevance nDCG: DCG = sum 1/log2(rank+1) over gold ids in the top k; ideal = all gold ids first."""
    g = _gold(gold)
    dcg = sum(1.0 / math.log2(i + 1) for i, x in enumerate(dedupe(ranking)[:k], 1) if x in g)
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(g), k) + 1))
    return dcg / ideal


# ---------------------------------------------------------------- answers

def key_fact_recall(answer: str, key_facts: Sequence[str]) -> float:
    """Share of key facts found in the answer, compared as number-aware normalised token sequences."""
    if not key_facts:
        raise ValueError("key_fact_recall needs at least one key fact")
    ans = norm.tokens(norm.strip_citation_markers(answer))
    return sum(1 for f in key_facts if norm.contains(ans, f)) / len(key_facts)


def citation_precision(cited: Iterable[K], gold: Iterable[K]) -> float | None:
    """Share of the distinct cited paragraphs that are gold; None when nothing is cited (undefined, not 0 or 1)."""
    c = set(cited)
    if not c:
        return None
    return len(c & set(gold)) / len(c)


def citation_recall(cited: Iterable[K], gold: Iterable[K]) -> float:
    return len(set(cited) & _gold(gold)) / len(set(gold))


def quote_valid(quote: str, paragraph_text: str) -> bool:
    """The quote occurs verbatim in the cited paragraph (only runs of whitespace may differ)."""
    q = " ".join(quote.split())
    return bool(q) and q in " ".join(paragraph_text.split())


def quote_validity(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Share of (quote, cited paragraph text) pairs whose quote is valid; None without citations."""
    results = [quote_valid(q, p) for q, p in pairs]
    return sum(results) / len(results) if results else None


@dataclass(frozen=True)
class Faithfulness:
    numbers: tuple[str, ...]  # canonical numbers in the answer, citation markers excluded
    unsupported: tuple[str, ...]  # those that occur in none of the cited paragraphs

    @property
    def ok(self) -> bool:
        return not self.unsupported


def numeric_faithfulness(answer: str, cited_texts: Iterable[str]) -> Faithfulness:
    """Every number in the answer (not "[¶7]" markers) must occur, normalised, in some cited paragraph."""
    found = norm.numbers(answer)
    allowed = norm.number_set(cited_texts)
    return Faithfulness(tuple(found), tuple(n for n in dict.fromkeys(found) if n not in allowed))


SUPPORT_OVERLAP = 0.6  # share of a sentence's words (4+ letters) that must occur in the cited paragraphs
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(“\"])")


def unsupported_sentences(answer: str, cited_texts: Iterable[str]) -> list[str]:
    """The answer's sentences that the paragraphs it cites do not support: a number none of them has, or fewer than
    SUPPORT_OVERLAP of its words. One lexical rule for every system (ParaCite's own verifier is not used to grade
    ParaCite), so an LLM's free wording and the peer's three sentences are judged alike."""
    texts = list(cited_texts)
    allowed = norm.number_set(texts)
    vocab = {t for text in texts for t in norm.tokens(text)}
    out = []
    answer = answer.replace(UNVERIFIED_MARK, " ")  # ParaCite's mark on a sentence it could not verify, not a claim
    flat = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(norm.strip_citation_markers(answer).split()))
    for sentence in _SENTENCE_END.split(flat):
        words = [t for t in norm.tokens(sentence) if len(t) >= 4 and t.isalpha()]
        if not words and not norm.numbers(sentence):
            continue
        numbers_ok = all(n in allowed for n in norm.numbers(sentence))
        overlap = sum(w in vocab for w in words) / len(words) if words else 1.0
        if not numbers_ok or overlap < SUPPORT_OVERLAP:
            out.append(sentence)
    return out


# ---------------------------------------------------------------- abstention and latency

@dataclass(frozen=True)
class AbstentionRates:
    abstention: float | None  # share of unanswerable questions answered with an abstention (higher is better)
    false_abstention: float | None  # share of answerable questions wrongly abstained on (lower is better)
    n_unanswerable: int
    n_answerable: int


def abstention_rates(outcomes: Iterable[tuple[bool, bool]]) -> AbstentionRates:
    """outcomes: (answerable, abstained) per question."""
    outcomes = list(outcomes)
    on_unans = [abst for answerable, abst in outcomes if not answerable]
    on_ans = [abst for answerable, abst in outcomes if answerable]
    return AbstentionRates(
        abstention=sum(on_unans) / len(on_unans) if on_unans else None,
        false_abstention=sum(on_ans) / len(on_ans) if on_ans else None,
        n_unanswerable=len(on_unans),
        n_answerable=len(on_ans),
    )


def percentile(values: Sequence[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), p in [0, 100]."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError("p must be within [0, 100]")
    xs = sorted(values)
    pos = (len(xs) - 1) * p / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


@dataclass(frozen=True)
class Latency:
    p50: float
    p95: float
    mean: float
    n: int


def latency(values: Sequence[float]) -> Latency:
    return Latency(percentile(values, 50), percentile(values, 95), sum(values) / len(values), len(values))


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the defined values (None = not applicable to that question); None when none is defined."""
    xs = [v for v in values if v is not None]
    return sum(xs) / len(xs) if xs else None
