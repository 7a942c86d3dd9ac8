"""The default answerer: verbatim sentences of the retrieved paragraphs, each followed by its citation. No LLM."""
from __future__ import annotations

from typing import Iterator

from app.answer.lexical import content_terms, split_subquestions
from app.answer.scoring import ScoredSentence, SentenceScorer
from app.context import PackedContext, format_marker

MAX_SENTENCES = 3
MAX_PARAGRAPHS = 3
# A further sentence must score at least this share of the best one: one precise sentence beats three loose ones.
RELATIVE_FLOOR = 0.85
# ...and must add something: sentences mostly made of terms already shown are skipped.
MAX_REDUNDANCY = 0.8
MAX_SENTENCE_CHARS = 1400  # a runaway "sentence" (a list without full stops) is not a short answer


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, embedder=None, *, scorer: SentenceScorer | None = None, max_sentences: int = MAX_SENTENCES,
                 max_paragraphs: int = MAX_PARAGRAPHS):
        # without an embedder the scorer is lexical only (still grounded, just less good at paraphrases)
        self.scorer = scorer or SentenceScorer(embedder)
        self.max_sentences = max_sentences
        self.max_paragraphs = max_paragraphs

    def select(self, question: str, context: PackedContext,
               scored: list[ScoredSentence] | None = None) -> list[ScoredSentence]:
        texts = [p.text for p in context.paragraphs]
        parts = split_subquestions(question)
        if len(parts) > 1:
            # "how many X and how many Y": the best sentence for each part, in the order asked
            picked: list[ScoredSentence] = []
            for part in parts:
                best = next((s for s in self.scorer.score(part, context.hits, texts)
                             if len(s.text) <= MAX_SENTENCE_CHARS and (s.hit.key, s.index) not in
                             {(p.hit.key, p.index) for p in picked}), None)
                if best is not None:
                    picked.append(best)
            return picked[: max(self.max_sentences, len(parts))]
        if scored is None:
            scored = self.scorer.score(question, context.hits, texts)
        scored = [s for s in scored if len(s.text) <= MAX_SENTENCE_CHARS] or scored[:1]
        if not scored:
            return []
        best = scored[0]
        chosen = [best]
        seen_terms = set(content_terms(best.text))
        for s in scored[1:]:
            if len(chosen) >= self.max_sentences:
                break
            if s.score < best.score * RELATIVE_FLOOR:
                break
            paragraphs = {c.hit.key for c in chosen}
            if s.hit.key not in paragraphs and len(paragraphs) >= self.max_paragraphs:
                continue
            terms = content_terms(s.text)
            if terms and len(terms & seen_terms) / len(terms) > MAX_REDUNDANCY:
                continue
            chosen.append(s)
            seen_terms |= terms
        # read in report order within the answer: by the best sentence's paragraph first, then sentence position
        para_order = {}
        for c in chosen:
            para_order.setdefault(c.hit.key, len(para_order))
        chosen.sort(key=lambda c: (para_order[c.hit.key], c.index))
        return chosen

    def generate(self, question: str, context: PackedContext,
                 scored: list[ScoredSentence] | None = None) -> Iterator[str]:
        for i, s in enumerate(self.select(question, context, scored)):
            yield ("" if i == 0 else " ") + f"{s.text} {format_marker([s.hit], context.multi_document)}"
