"""Fusing a dense and a lexical ranking of the same candidates into one.

Measurement that chose the default (tests/app/test_retrieval_real.py::test_fusion_measurement_supports_the_default,
37 questions written from the real report, 21 of them paraphrased; all-MiniLM-L6-v2, 110 paragraphs / 112 chunks;
top-1 / top-3 / MRR@10; BM25 over whole paragraphs, dense = best chunk cosine per paragraph):

    dense only        26/37  29/37  0.756
    BM25 only         23/37  27/37  0.693
    RRF k=60          26/37  30/37  0.762
    RRF k=10          26/37  31/37  0.765
    convex a=0.5      26/37  32/37  0.775
    convex a=0.7      28/37  32/37  0.810   <- default
    convex a=0.8      29/37  31/37  0.827

Convex fusion with the dense score weighted 0.7 places the most gold paragraphs in the top 3 and is second on MRR
(0.8 wins MRR but loses a top-3 hit). With RRF the issue's own example ("How many States are parties to the
Convention?") ranks ¶63 above ¶7; convex a=0.7 puts ¶7 first.
Caveat: the same questions chose alpha, so the eval set (eval/) is the independent check; RRF stays available
(`fusion="rrf"`) and is the safer choice for corpora whose score distributions differ a lot from this one.
"""
from __future__ import annotations

from typing import Hashable, Mapping, Sequence

from ingest.choices import Choice


class RetrievalMode(Choice):
    """hybrid: dense + BM25 fused; dense: FAISS only; bm25: lexical only."""

    HYBRID = "hybrid"
    DENSE = "dense"
    BM25 = "bm25"


class Fusion(Choice):
    """How hybrid fuses the two paragraph rankings: rrf or convex (below)."""

    RRF = "rrf"
    CONVEX = "convex"


DEFAULT_FUSION = Fusion.CONVEX  # the measurement above
RRF_K = 60  # Cormack et al.'s constant: damps the head of each list so one ranking alone cannot dominate
CONVEX_ALPHA = 0.7  # weight of the dense score in convex fusion
# Weight of the dense score for a question not in English (app/language.py): BM25 indexes the English report, so it
# can only match the names, acronyms and numbers such a question shares with it. Measured in eval/MULTILINGUAL.md.
CROSS_LINGUAL_ALPHA = 0.9
# Weight of the dense scores when a companion embedder ranks too (ingest/companion.py), split evenly between the two
# models; BM25 gets the rest. Dev, 275 answerable questions, hit@1 / hit@5 (main model + BM25 at 0.7: 0.811 / 0.942):
# 0.7 -> 0.847 / 0.945, 0.8 -> 0.855 / 0.960, 0.9 -> 0.836 / 0.953; an uneven split of 0.8 (0.5 / 0.3 either way)
# 0.844-0.851 / 0.960. End to end (dev key-fact recall, citation precision): 0.835 / 0.868 -> 0.849 / 0.882 for every
# question, 0.844 / 0.876 with the margin below (eval/TUNING.md, session 6).
COMPANION_ALPHA = 0.8
# ...and only when the main ranking is unsure: its first paragraph leads the second by less than this share of the
# score range. Embedding the query with multilingual-e5-small costs 20-50 ms on 2 cores; dev (275 answerable), share
# of questions that consult the companion and hit@1 / hit@5: never 0 / 0.811 / 0.942; below 0.05 0.13 / 0.836 / 0.945;
# 0.10 0.24 / 0.844 / 0.956; 0.15 0.36 / 0.847 / 0.960; 0.20 0.46 / 0.851 / 0.960; always 1.0 / 0.855 / 0.960.
# At 0.15 most questions skip it, so the median question pays nothing.
COMPANION_MARGIN = 0.15


def rrf(rankings: Sequence[Sequence[Hashable]], *, k: int = RRF_K) -> dict[Hashable, float]:
    """Reciprocal rank fusion: sum over rankings of 1 / (k + rank), rank starting at 1."""
    out: dict[Hashable, float] = {}
    for ranking in rankings:
        for rank, key in enumerate(ranking, start=1):
            out[key] = out.get(key, 0.0) + 1.0 / (k + rank)
    return out


def _minmax(scores: Mapping[Hashable, float]) -> dict[Hashable, float]:
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    if hi - lo <= 1e-12:
        return {key: (1.0 if hi > 0 else 0.0) for key in scores}
    return {key: (v - lo) / (hi - lo) for key, v in scores.items()}


def convex(dense: Mapping[Hashable, float], lexical: Mapping[Hashable, float], *,
           alpha: float = CONVEX_ALPHA, companion: Mapping[Hashable, float] | None = None) -> dict[Hashable, float]:
    """alpha * minmax(dense) + (1 - alpha) * minmax(lexical) over the union of candidates (a missing score counts
    as the list's minimum). With a companion model's dense scores, its minmax shares the dense weight evenly."""
    d, lx = _minmax(dense), _minmax(lexical)
    keys = set(d) | set(lx)
    if companion is None:
        return {key: alpha * d.get(key, 0.0) + (1.0 - alpha) * lx.get(key, 0.0) for key in keys}
    c = _minmax(companion)
    keys |= set(c)
    return {key: alpha * 0.5 * (d.get(key, 0.0) + c.get(key, 0.0)) + (1.0 - alpha) * lx.get(key, 0.0)
            for key in keys}
