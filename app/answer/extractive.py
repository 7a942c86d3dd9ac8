"""The default answerer: verbatim sentences of the retrieved paragraphs, each followed by its citation. No LLM."""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import product
from typing import Iterator


from app.language import detect
from app.multilingual import is_multilingual
from app.text.foreign_parts import split_parts, standalone
from app.text.focus import counted_noun, counts, figures, past_forms, question_kind, verb_candidates
from app.text.lexical import (
    STOPWORDS, asks_about_several, asks_for_plural, content_terms, is_yes_no, split_subquestions, standalone_parts,
    words,
)
from app.text.reference import with_subject
from app.text.scoring import ScoredSentence, SentenceScorer, of_the_asked_ordinal, referred_to
from app.context import PackedContext, format_marker
from app.retrieval.lookup import is_pure_lookup, strip_lookup

MAX_SENTENCES = 3
MAX_PARAGRAPHS = 3
# A further sentence must score at least this share of the best one: one precise sentence beats three loose ones.
RELATIVE_FLOOR = 0.85
# ...and must add something: sentences mostly made of terms already shown are skipped.
MAX_REDUNDANCY = 0.8
MAX_SENTENCE_CHARS = 1400  # a runaway "sentence" (a list without full stops) is not a short answer
# A neighbouring sentence joins an answer sentence when it carries the asked answer type the chosen one lacks, or when
# it continues it ("It ...", "The briefing ...") and adds at least this (IDF-weighted) share of the question's terms.
NEW_COVERAGE = 0.15
# ...unless it comes from another paragraph and scores almost as well as the best: the question may need both (dev:
# key-fact recall 0.888 -> 0.898, citation precision 0.928 -> 0.924; at 0.92, 0.900 / 0.920; at 0.97, 0.891 / 0.922)
NEAR_TIE = 0.95
# A question asking for things ("Which publications did ...?", "What training did ...?", "... X and Y?"), and for no
# figure, may find one in each of several paragraphs: another paragraph's best sentence joins down to PARALLEL_FLOOR
# of the best when its share of the question's terms is at least PARALLEL_LEXICAL of the best's (dev 842: key-fact
# recall 0.848 -> 0.854, multi 0.749 -> 0.765, citation precision 0.898 -> 0.893; for every question of those kinds,
# plural or not, 0.857 / 0.771 / 0.885; floor 0.6, 0.854 / 0.891; share 0.6, 0.854 / 0.883)
PARALLEL_FLOOR = 0.7
PARALLEL_LEXICAL = 0.8
MAX_WITH_NEIGHBOURS = 5  # sentences in an answer, neighbours included
# "What did the Council adopt ...?": how far after a chosen sentence one with the question's verb (past tense) is
# looked for, in the same paragraph (dev: key-fact recall 0.831 -> 0.844)
VERB_REACH = 3
# A question not in English shares no words with the report, so the coverage test cannot show that a further sentence
# answers more of it; one that scores within this share of the best joins instead (translated dev questions, mean of
# five languages, multilingual-e5-small: key-fact recall 0.677 -> 0.772, citation precision 0.821 -> 0.817, 1.2 -> 1.9
# sentences an answer; at 0.95, 0.759 / 0.822; at 0.90, 0.777 / 0.765; at 0.85, 0.786 / 0.634)
CROSS_LINGUAL_TIE = 0.93


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, embedder=None, *, scorer: SentenceScorer | None = None, max_sentences: int = MAX_SENTENCES,
                 max_paragraphs: int = MAX_PARAGRAPHS):
        # without an embedder the scorer is lexical only (still grounded, just less good at paraphrases)
        self.scorer = scorer or SentenceScorer(embedder)
        self.max_sentences = max_sentences
        self.max_paragraphs = max_paragraphs

    def select(self, question: str, context: PackedContext, scored: list[ScoredSentence] | None = None, *,
               single: bool = False) -> list[ScoredSentence]:
        """The sentences that answer, in report order. `single`: only the best one (a partial answer's one
        neighbouring fact), with the sentence its subject refers back to."""
        texts = [p.text for p in context.paragraphs]
        named = context.hits[0] if context.hits and context.hits[0].match == "lookup" else None
        if named is not None:
            # the question names a paragraph: answer from that paragraph only, from its start when nothing more
            # specific is asked ("What does paragraph 80 say?")
            if is_pure_lookup(question):
                own = [s for s in (scored or self.scorer.score(question, context.hits, texts)) if s.hit.key == named.key]
                return sorted(own, key=lambda s: s.index)[: self.max_sentences]
            question = strip_lookup(question)
            scored = [s for s in self.scorer.score(question, context.hits, texts) if s.hit.key == named.key]
        lang = detect(question)
        if not lang.english:
            return self._select_foreign(question, lang.code, context, scored, texts, single=single)
        parts = split_subquestions(question)
        if len(parts) > 1:
            return self._select_parts(question, parts, standalone_parts(question), context, texts)
        return self._select_whole(question, context, scored, texts, single=single)

    def _select_foreign(self, question: str, lang: str, context: PackedContext, scored: list[ScoredSentence] | None,
                        texts: list[str], *, single: bool) -> list[ScoredSentence]:
        """A question in another language: the whole question's sentences and, when it asks several questions
        (app/text/foreign_parts.py), each part's. A part read alone is short, and a short text's cross-language
        cosine is weak, so its sentence adds to the whole question's answer rather than replacing it (translated dev,
        mean of five languages: key-fact recall 0.756 -> 0.781, multi-paragraph 0.431 -> 0.515, citation precision
        0.817 -> 0.818; the parts' sentences alone, as for English, 0.767 / 0.823; eval/TUNING.md)."""
        whole = self._select_whole(question, context, scored, texts, single=single)
        parts = split_parts(question, lang)
        if len(parts) == 1:
            return whole
        have = {(s.hit.key, s.index) for s in whole}
        more = [s for s in self._select_parts(question, parts, standalone(parts, lang), context, texts)
                if (s.hit.key, s.index) not in have]
        return _in_report_order(whole + more)

    def _select_parts(self, question: str, parts: list[str], standalones: list[str], context: PackedContext,
                      texts: list[str]) -> list[ScoredSentence]:
        """One sentence per part ("how many X and how many Y"), chosen jointly (_assign)."""
        texts_of = dict(zip(parts, standalones))
        scored_parts = []
        for j, part in enumerate(parts):
            part_scored = self._score_part(part, texts_of[part], parts[0] if j else None, context, texts)
            fitting = [s for s in part_scored if len(s.text) <= MAX_SENTENCE_CHARS]
            scored_parts.append((part, fitting))
        scored_parts = _later_after_first(scored_parts)
        everything = next((f for p, f in scored_parts if f and not _bare_how_much(p)),
                          next((f for _, f in scored_parts if f), []))
        picked = _assign(scored_parts)
        picked = picked[: max(self.max_sentences, len(parts))]
        return _in_report_order(self._with_neighbours(question, picked, everything, len(picked) + 2))

    def _select_whole(self, question: str, context: PackedContext, scored: list[ScoredSentence] | None,
                      texts: list[str], *, single: bool) -> list[ScoredSentence]:
        """The best sentence, and those within reach of it that answer more of the question."""
        if scored is None:
            scored = self.scorer.score(question, context.hits, texts)
        scored = [s for s in scored if len(s.text) <= MAX_SENTENCE_CHARS] or scored[:1]
        if not scored:
            return []
        best = of_the_asked_ordinal(question, scored)
        chosen = [best]
        if single:
            return _in_report_order(self._with_neighbours(question, chosen, scored, 2, follow=False))
        kind = question_kind(question)
        noun = counted_noun(question) if kind == "quantity" else None
        if noun and counts(best.text, noun):
            # "how many States ...?" and the best sentence counts States: that is the fact asked, and more sentences
            # would only share words with the question. (A date or a bare number is weaker evidence: many sentences
            # have one, so those questions go through the coverage rule below.)
            return _in_report_order(self._with_neighbours(question, chosen, scored, MAX_WITH_NEIGHBOURS))
        seen_terms = set(content_terms(best.text))
        # for a sentence of another paragraph, what the best sentence's paragraph and section establish is not new
        context_terms = content_terms(best.hit.text + " " + best.hit.section)
        q_terms = self.scorer.question_terms(question)
        # only with a cross-language embedder: its cosines are what the tie was measured on, and an English-only
        # model's cosine for a question in another language says little
        foreign = is_multilingual(getattr(self.scorer, "embedder", None)) and not detect(question).english
        # "What has UNODC done on X and Y?": a question about several things, asking for no figure, is answered by
        # the best sentence of each paragraph within RELATIVE_FLOOR of the best, shared words or not (dev, 302
        # questions: key-fact recall 0.819 -> 0.825, multi-paragraph 0.543 -> 0.586, citation precision 0.865 ->
        # 0.867; without the "several" test, 0.827 / 0.859: single-fact answers gained a second paragraph)
        several = kind in ("other", "names") and asks_about_several(question)
        # ...and one asking for things in the plural too, unless it asks whether (one fact says yes or no)
        things = kind in ("other", "names") and not is_yes_no(question) and (several or asks_for_plural(question))
        top_of: dict = {}
        for s in scored:
            top_of.setdefault(s.hit.key, s)
        for s in scored[1:]:
            if len(chosen) >= self.max_sentences:
                break
            if s.score < best.score * (PARALLEL_FLOOR if things else RELATIVE_FLOOR):
                break
            paragraphs = {c.hit.key for c in chosen}
            if s.hit.key not in paragraphs and len(paragraphs) >= self.max_paragraphs:
                continue
            parallel = things and s.hit.key not in paragraphs and top_of[s.hit.key] is s and \
                s.lexical >= best.lexical * PARALLEL_LEXICAL
            if s.score < best.score * RELATIVE_FLOOR and not parallel:
                continue
            terms = content_terms(s.text)
            if terms and len(terms & seen_terms) / len(terms) > MAX_REDUNDANCY:
                continue
            # a second answer sentence must answer more of the question, not merely share its words
            known = seen_terms if s.hit.key == best.hit.key else seen_terms | context_terms
            near_tie = (s.hit.key != best.hit.key and s.score >= best.score * NEAR_TIE) or parallel or \
                (several and s.hit.key not in paragraphs and top_of[s.hit.key] is s) or \
                (foreign and s.score >= best.score * CROSS_LINGUAL_TIE)
            if not near_tie and self.scorer.coverage(q_terms, terms - known) < NEW_COVERAGE:
                continue
            chosen.append(s)
            seen_terms |= terms
        return _in_report_order(self._with_neighbours(question, chosen, scored, MAX_WITH_NEIGHBOURS))

    def _score_part(self, part: str, standalone: str, first: str | None, context: PackedContext,
                    texts: list[str]) -> list[ScoredSentence]:
        """A part's sentences, best first. A later part that points back ("..., and when did it hold its first
        workshop?") is read with the whole first part, whose predicate pulls it to the first part's answer, and with
        its pronoun replaced by the first part's subject, which keeps the part's own question: a sentence's score
        weighs the second reading by OWN_READING."""
        kind = question_kind(part)
        scored = self.scorer.score(standalone, context.hits, texts, kind=kind)
        resolved = with_subject(part, first) if first is not None and standalone != part else None
        if resolved is None:
            return scored
        own = {(s.hit.key, s.index): s.score for s in self.scorer.score(resolved, context.hits, texts, kind=kind)}
        mixed = [replace(s, score=(1 - OWN_READING) * s.score + OWN_READING * own[(s.hit.key, s.index)])
                 for s in scored]
        return sorted(mixed, key=lambda s: -s.score)

    def _with_neighbours(self, question: str, chosen: list[ScoredSentence], scored: list[ScoredSentence],
                         limit: int, *, follow: bool = True) -> list[ScoredSentence]:
        """Complete each chosen sentence from its own paragraph: the sentence its subject refers back to, and the
        next sentence when that one carries the asked answer type or continues it with more of the question."""
        by_pos = {(s.hit.key, s.index): s for s in scored}
        kind = question_kind(question)
        q_terms = self.scorer.question_terms(question)
        out = list(chosen)
        have = {(s.hit.key, s.index) for s in out}

        def add(s: ScoredSentence | None) -> bool:
            if s is None or (s.hit.key, s.index) in have or len(out) >= limit or len(s.text) > MAX_SENTENCE_CHARS:
                return False
            out.append(s)
            have.add((s.hit.key, s.index))
            return True

        # only where no figure, date or place is asked: those have their own evidence (the asked type); where the
        # question reads as asking one (a date), the verb of a part that asks what was done ("What did the Council
        # adopt ..., and on what date?")
        doing = question if kind in ("other", "names") else \
            next((p for p in split_subquestions(question) if question_kind(p) in ("other", "names")), None)
        verb = asked_verb(doing, [s.text for s in scored]) if follow and doing else None
        for c in chosen:
            unit = [c, *referred_to(c, by_pos)]
            for prev in unit[1:]:
                add(prev)
            if verb and not any(_says(u.text, verb) for u in unit):
                # "What did the Council adopt ...?": the sentence setting the scene won; the one saying what was
                # adopted follows it
                later = (by_pos.get((c.hit.key, c.index + j)) for j in range(1, VERB_REACH + 1))
                add(next((s for s in later if s is not None and _says(s.text, verb)), None))
            nxt = by_pos.get((c.hit.key, c.index + 1))
            if nxt is None or not follow:
                continue
            shown = set().union(*(content_terms(u.text) for u in unit))
            typed = kind != "other" and nxt.type_match > max(u.type_match for u in unit)
            adds = self.scorer.coverage(q_terms, content_terms(nxt.text) - shown) >= NEW_COVERAGE
            if typed or (nxt.refers_back and adds) or goes_on(c.text, nxt.text):
                add(nxt)
        return out

    def generate(self, question: str, context: PackedContext,
                 scored: list[ScoredSentence] | None = None, *, single: bool = False) -> Iterator[str]:
        for i, s in enumerate(self.select(question, context, scored, single=single)):
            yield ("" if i == 0 else " ") + f"{s.text} {format_marker([s.hit], context.multi_document)}"


# "..., and what did the Conference ask it to do afterwards / next / later?": what a later part asks is told after
# the first part's answer (the body's next decision, in a later paragraph), not in the scene that answered the first
# part, so a sentence of that paragraph or an earlier one weighs EARLIER_PENALTY for it (dev 962: key-fact recall
# 0.845 -> 0.847, multi 0.734 -> 0.742, citation precision 0.906 -> 0.905; at 0.6, the same answers and one more
# cited paragraph; within the paragraph, after the first part's sentence, no answer changed)
_AFTERWARDS = re.compile(r"\b(?:afterwards?|later|subsequently|thereafter|then|next|further)\b", re.I)
EARLIER_PENALTY = 0.8


def _later_after_first(scored_parts: list[tuple[str, list[ScoredSentence]]]) -> list[tuple[str, list[ScoredSentence]]]:
    """Each later part asking what came next, with its sentences from the first part's best paragraph or before it
    weighed down by EARLIER_PENALTY and re-ranked."""
    if len(scored_parts) < 2 or not scored_parts[0][1]:
        return scored_parts
    first = scored_parts[0][1][0].hit

    def earlier(s: ScoredSentence) -> bool:
        return s.hit.doc_id == first.doc_id and s.hit.paragraph <= first.paragraph

    out = scored_parts[:1]
    for part, fitting in scored_parts[1:]:
        if _AFTERWARDS.search(part):
            fitting = sorted((replace(s, score=s.score * EARLIER_PENALTY) if earlier(s) else s for s in fitting),
                             key=lambda s: -s.score)
        out.append((part, fitting))
    return out


# "... discussed X. It also discussed Y and Z.": the next sentence says the same verb again with "also", so it is the
# rest of the chosen sentence's list, whatever words it shares with the question (dev 962: key-fact recall 0.869 ->
# 0.871, multi 0.738 -> 0.741, citation precision unchanged; fresh b18 0.794 -> 0.802; past tenses only: the same)
_ALSO = re.compile(r"\balso\s+([a-z]+)\b")


def goes_on(sentence: str, following: str) -> bool:
    """`following` does again what `sentence` did, with "also" ("The Conference also adopted ...")."""
    done = {w.lower() for w in words(sentence)} - STOPWORDS
    return any(m.group(1) in done for m in _ALSO.finditer(following))


_HOW_MUCH = re.compile(r"\bhow much\b", re.I)


def _bare_how_much(part: str) -> bool:
    """"How much content ...?": a number of anything is its type, so a sentence's number says little about it."""
    return bool(_HOW_MUCH.search(part)) and not counted_noun(part)


# A later part's own reading (its pronoun resolved) against its reading with the whole first part (dev 722: 0.5 and 0.7
# both key-fact recall 0.840 -> 0.841; 1.0, the own reading alone, 0.839, multi 0.691 -> 0.681: three parts lost the
# first part's scene, "cultural heritage")
OWN_READING = 0.7
ASSIGN_TOP = 5  # candidate sentences per part for the joint choice
ASSIGN_COMBINATIONS = 1000  # ... and at most this many choices weighed (a question listing many parts)
FIGURE_KINDS = ("quantity", "amount")


def _assign(scored_parts: list[tuple[str, list[ScoredSentence]]]) -> list[ScoredSentence]:
    """One sentence per part, chosen together so that the parts' scores sum highest: two parts asking "how many X"
    and "how many Y" are not both given the sentence that counts X when the Y count is in another. A part may share an
    earlier part's sentence only where that sentence carries its asked type (a date and a place in one sentence), the
    part is not a bare "how much" (whose type any number matches), and two parts asking a figure find two in it.
    (Ranking first by how many parts get a sentence of their asked type lost answers: dev key-fact recall 0.848 ->
    0.842.) When no choice keeps to that (parts whose few candidates are all one sentence), each part takes its best
    sentence not yet shown, as a part-by-part choice would."""
    parts = [(question_kind(part), _bare_how_much(part), fitting) for part, fitting in scored_parts if fitting]
    if not parts:
        return []
    # ASSIGN_TOP candidates a part, fewer when there are many parts: at most ASSIGN_COMBINATIONS choices are weighed
    top = max(1, min(ASSIGN_TOP, int(ASSIGN_COMBINATIONS ** (1 / len(parts)))))
    best_total, best_pick = None, ()
    for combo in product(*(fitting[:top] for _, _, fitting in parts)):
        seen: dict = {}
        for (kind, bare, _), s in zip(parts, combo):
            key = (s.hit.key, s.index)
            one_figure_for_two = kind == seen.get(key) in FIGURE_KINDS and len(figures(s.text)) < 2
            if key in seen and (s.type_match < 1.0 or bare or one_figure_for_two):
                break
            seen.setdefault(key, kind)
        else:
            total = sum(s.score for s in combo)
            if best_total is None or total > best_total:
                best_total, best_pick = total, combo
    if not best_pick:
        shown: set = set()
        for _, _, fitting in parts:
            s = next((s for s in fitting if (s.hit.key, s.index) not in shown), None)
            if s is not None:
                shown.add((s.hit.key, s.index))
                best_pick += (s,)
    out: dict = {}
    for s in best_pick:
        out.setdefault((s.hit.key, s.index), s)
    return list(out.values())


def asked_verb(question: str, sentences: list[str]) -> frozenset[str] | None:
    """The past-tense forms of the question's verb ("adopted"), when one of its candidates occurs in the past tense in
    these sentences: the report's own morphology tells a verb from a noun, and a past form is what says it was done."""
    candidates = verb_candidates(question)
    if not candidates:  # most questions have none: the sentences need not be read
        return None
    seen = {w.lower() for t in sentences for w in words(t)}
    for v in candidates:
        found = past_forms(v) & seen
        if found:
            return frozenset(found)
    return None


def _says(text: str, forms: frozenset[str]) -> bool:
    return any(w.lower() in forms for w in words(text))


def _in_report_order(chosen: list[ScoredSentence]) -> list[ScoredSentence]:
    """By the best sentence's paragraph first, then sentence position within each paragraph."""
    para_order: dict = {}
    for c in chosen:
        para_order.setdefault(c.hit.key, len(para_order))
    return sorted(chosen, key=lambda c: (para_order[c.hit.key], c.index))
