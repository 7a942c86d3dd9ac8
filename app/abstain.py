"""Deciding that the report does not answer a question, and saying so.

Signals (all cheap, computed on the packed context):
- best sentence score (the extractive scorer's combined embedding + lexical score of the best sentence);
- top dense cosine of the retrieved paragraphs (Hit.dense_score);
- key-term coverage: a year, number or name (country, body) the question names that occurs in none of the context
  paragraphs is strong evidence that the report is silent ("in 2015", "in Canada").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from app.answer.lexical import DOMAIN_COMMON, all_numbers, clean_text, content_terms, split_sentences
from app.answer.scoring import ScoredSentence, SentenceScorer, key_terms
from app.context import PackedContext
from app.types import Hit

# Relevance below this abstains. Calibrated with the real model + index (hybrid retrieval, k=5):
#   tests/app/answer_questions.py (35 answerable, 10 unanswerable): lowest answerable 1.18, highest unanswerable 0.82;
#     any threshold in (0.82, 1.18] gives 35/35 answered and 10/10 abstained.
#   eval/gold.jsonl (211 answerable, 18 unanswerable near-misses such as "SHERLOC users in 2016"):
#     threshold 0.6: 7/211 answerable abstained, 5/18 unanswerable abstained
#     threshold 0.9: 16/211 answerable abstained, 8/18 unanswerable abstained   <- chosen
#     threshold 1.1: 20/211 answerable abstained, 10/18 unanswerable abstained
#   The rest of the gold near-misses score like real answers (the report talks about the same thing, a different
#   year or body); an extractive answer to them is still verbatim and cited, so it misleads less than a wrong LLM one.
DEFAULT_THRESHOLD = 0.9
MISSING_NUMBER_PENALTY = 1.0  # a year/number the question names that no context paragraph contains
MISSING_NAME_PENALTY = 0.5  # a name (country, body) the question names that no context paragraph contains
UNCOVERED_PENALTY = 0.6  # times the share of the question's other content words absent from the context


@dataclass(frozen=True)
class Relevance:
    score: float
    best_sentence: float
    top_dense: float
    missing: tuple[str, ...] = ()
    abstain: bool = False
    signals: dict = field(default_factory=dict)


class RelevanceGate:
    def __init__(self, scorer: SentenceScorer, *, threshold: float | None = None):
        self.scorer = scorer
        self.threshold = DEFAULT_THRESHOLD if threshold is None else threshold

    def assess(self, question: str, context: PackedContext, scored: Sequence[ScoredSentence]) -> Relevance:
        if not context.paragraphs or not scored:
            return Relevance(0.0, 0.0, 0.0, (), True)
        best = scored[0].score
        dense = [h.dense_score for h in context.hits if h.dense_score is not None]
        top_dense = max(dense) if dense else scored[0].dense
        # key terms must be in the paragraphs the answer would come from, not just anywhere in the context: "SHERLOC
        # users in 2016" is not answered by a 2016 resolution number in another paragraph
        best_hits = list({s.hit.key: s.hit for s in scored[:2]}.values())
        # only the interrogative sentences name what must be answered; "say that 109 States..." around a real
        # question is data, and must not make the question look unanswerable
        asked = " ".join(s for s in split_sentences(question) if s.rstrip().endswith("?")) or question
        missing = missing_key_terms(asked, best_hits)
        uncovered = uncovered_share(asked, context.hits)
        penalty = sum(MISSING_NUMBER_PENALTY if m.isdigit() or "." in m else MISSING_NAME_PENALTY for m in missing)
        score = best - penalty - UNCOVERED_PENALTY * uncovered
        signals = {"uncovered": uncovered, "penalty": penalty}
        return Relevance(score, best, top_dense, tuple(missing), score < self.threshold, signals)


def missing_key_terms(question: str, hits: Sequence[Hit]) -> list[str]:
    """Numbers/years and names the question uses that no context paragraph contains."""
    q_numbers, q_proper = key_terms(question)
    text = " ".join(h.text + " " + h.section for h in hits)
    have_numbers = all_numbers(text)
    have_terms = content_terms(text)
    missing = [n for n in sorted(q_numbers) if n not in have_numbers]
    missing += [t for t in sorted(q_proper) if t not in have_terms]
    return missing


def uncovered_share(question: str, hits: Sequence[Hit]) -> float:
    """Share of the question's ordinary content words (names excluded) that no context paragraph contains."""
    _, q_proper = key_terms(question)
    terms = {t for t in content_terms(question) if t not in q_proper and t not in DOMAIN_COMMON and not t.isdigit()}
    if not terms:
        return 0.0
    have = content_terms(" ".join(h.text + " " + h.section for h in hits))
    return len(terms - have) / len(terms)


def abstention_text(question: str, closest: Sequence[Hit]) -> str:
    """'The report does not say how many ... See ¶7, ¶9 for the closest passages.'"""
    q = clean_text(question).rstrip("?.! ")
    if q and len(q) <= 200 and re.match(r"^(how|what|which|when|where|who|whom|whose|why)\b", q, re.I):
        clause = q[0].lower() + q[1:]
    elif q and len(q) <= 200 and re.match(r"^(is|are|was|were|do|does|did|has|have|had|can|could|will|would)\b", q, re.I):
        clause = "whether " + q[0].lower() + q[1:]
    else:
        clause = "anything that answers this question"
    text = f"The report does not say {clause}."
    if closest:
        multi = len({h.doc_id for h in closest}) > 1
        refs = ", ".join(f"{h.doc_id} ¶{h.paragraph}" if multi else f"¶{h.paragraph}" for h in closest[:3])
        text += f" The closest passages: see {refs}."
    return text
