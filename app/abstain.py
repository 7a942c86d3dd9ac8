"""How far the report answers a question: answered, partial (a neighbouring fact, with the gap named) or not in the
report, and the words that say so.

The decision is by meaning, not by shared words. A small logistic model (plain JSON coefficients in
app/text/answerability.json, fitted on the dev split only by `python -m eval.calibrate`) weighs a handful of
interpretable signals of the best answering sentences:
- how close the best sentence and its paragraph are to the question in embedding space;
- semantic coverage: the share (IDF-weighted) of the question's content words that have no word of close meaning in
  the answer's paragraphs ("graft" finds "corruption"; "budget" finds no counterpart in a paragraph about grants);
- hard constraints the question sets and the answer's paragraphs lack: a year, number or identifier, a name;
- for a how-many question, whether any sentence counts something of the asked kind.
Hard constraints decide *partial*: the report talks about the same thing, but not for that year, place or actor.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Callable, Sequence

from app.text.countries import (
    capital_countries, continents_not_in, countries_in, countries_named, countries_not_in, country_of_demonym,
    region_words_named,
)
from app.text.equivalents import with_equivalents
from app.text.numbered import numbered_alike, other_numbered
from app.text.focus import (
    DAY, DURATION, GATHERING_NOUNS, MONEY, MONTH, SHARE, asked_measure, asked_part, asks_breakdown, asks_city,
    bracket_of_another,
    asks_countries, asks_day, asks_duration, asks_exact_figure, asks_month, asks_share, countries_asked, counted_noun,
    counted_phrase, counted_word, counted_words, counts_part, figures, hedged_figures_only, names_a_city, only_listed,
    question_kind, reported_as_intended, type_match,
)
from app.text.lexical import (
    DOMAIN_COMMON, DOMAIN_COMMON_STEMS, FRAME_STEMS, STOPWORDS, acronyms, all_numbers, asked_acronyms, clean_text,
    content_terms, ORDINAL_WORDS, ordinals, proper_terms, split_sentences, split_subquestions, stem, standalone_parts,
    terms_with_acronyms, topic_words, words,
)
from app.text.scoring import (
    SYNONYM_COSINE, TYPED_TOP, ScoredSentence, SentenceScorer, key_terms, of_the_asked_ordinal, referred_to,
)
from app.text.words import AUXILIARIES, WH_WORDS, starts_with
from app.context import PackedContext
from app.retrieval.lookup import is_pure_lookup, strip_lookup
from app.types import AnswerStatus, Hit

MODEL_PATH = Path(__file__).resolve().parent / "text" / "answerability.json"
_ROMAN = re.compile(r"^(?:ii|iii|iv|vi|vii|viii|ix|xi|xii)$")  # "TRIGGER IV": an identifier, as strict as a number
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


_RANK = {AnswerStatus.NOT_IN_REPORT: 0, AnswerStatus.PARTIAL: 1, AnswerStatus.ANSWERED: 2}  # the better grade is higher


@dataclass(frozen=True)
class Relevance:
    status: AnswerStatus
    score: float  # the model's probability that the best sentences answer the question
    best_sentence: float
    top_dense: float
    missing: tuple[str, ...] = ()  # hard constraints (years, numbers, names) the answer's paragraphs lack
    gap: str = ""  # what the report does not give, in words, for partial and not_in_report
    signals: dict = field(default_factory=dict)
    lacks: str = ""  # what the best answer lacks of what is asked ("no date"), when that made the grade partial

    @property
    def abstain(self) -> bool:
        return self.status is AnswerStatus.NOT_IN_REPORT


@dataclass(frozen=True)
class AnswerabilityModel:
    """Logistic regression over named features, with the two thresholds that grade its probability."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    answer_threshold: float  # p at or above: answered (unless a hard constraint is missing)
    partial_threshold: float  # p at or above: partial; below: not in the report
    provenance: str = ""

    def probability(self, x: dict[str, float]) -> float:
        z = self.bias + sum(w * (x[f] - m) / s for f, w, m, s in zip(self.features, self.weights, self.mean,
                                                                       self.scale))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> "AnswerabilityModel":
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(tuple(d["features"]), tuple(float(w) for w in d["weights"]), float(d["bias"]),
                   tuple(float(v) for v in d["mean"]), tuple(float(v) for v in d["scale"]),
                   float(d["answer_threshold"]), float(d["partial_threshold"]), str(d.get("provenance", "")))

    def to_json(self) -> dict:
        return {"features": list(self.features), "weights": list(self.weights), "bias": self.bias,
                "mean": list(self.mean), "scale": list(self.scale), "answer_threshold": self.answer_threshold,
                "partial_threshold": self.partial_threshold, "provenance": self.provenance}


@lru_cache(maxsize=1)
def default_model() -> AnswerabilityModel:
    return AnswerabilityModel.load(MODEL_PATH)


class RelevanceGate:
    def __init__(self, scorer: SentenceScorer, *, model: AnswerabilityModel | None = None,
                 threshold: float | None = None):
        from app.multilingual import gate_models

        self.scorer = scorer
        own, cross = (None, None) if model is not None else gate_models(getattr(scorer, "embedder", None))
        self.model = model or own or default_model()
        self.cross_lingual = cross  # questions not in English, for a multilingual embedder (app/multilingual.py)
        if threshold is not None:  # an explicit setting moves the answered/partial line
            self.model = AnswerabilityModel(**{**self.model.__dict__, "answer_threshold": float(threshold)})
            if self.cross_lingual is not None:
                self.cross_lingual = AnswerabilityModel(**{**self.cross_lingual.__dict__,
                                                          "answer_threshold": float(threshold)})

    def model_for(self, question: str) -> AnswerabilityModel:
        """The model that grades this question: the cross-lingual one for a question not in English, if any."""
        if self.cross_lingual is not None:
            from app.language import detect

            if not detect(question).english:
                return self.cross_lingual
        return self.model

    def features(self, question: str, context: PackedContext, scored: Sequence[ScoredSentence],
                 names: Sequence[str] | None = None) -> dict[str, float]:
        """The model's inputs for one question (also what `eval.calibrate` fits on): all the signals, or only
        `names`. Several embed words or texts with the embedder, so a model weighing fewer costs less: the
        cross-lingual one leaves out the English word features, which embedded a French question's words as if
        they were English."""
        best_hits = list({s.hit.key: s.hit for s in scored[:2]}.values())
        dense = [h.dense_score for h in context.hits if h.dense_score is not None]

        @cache
        def missing() -> tuple[str, ...]:
            # a year or ordinal must be in the paragraph the answer comes from: "the eighth session" is not answered
            # by a paragraph on the seventh because another paragraph mentions an eighth session of something else
            return tuple(missing_key_terms(question, best_hits[:1]))

        signals: dict[str, Callable[[], float]] = {
            "best_score": lambda: scored[0].score,
            "best_dense": lambda: scored[0].dense,
            "top_dense": lambda: max(dense) if dense else scored[0].dense,
            "semantic_gap": lambda: self.semantic_gap(question, best_hits),
            "lexical_gap": lambda: uncovered_share(question, best_hits, self.scorer),
            "missing_numbers": lambda: float(sum(1 for m in missing() if is_identifier(m))),
            "missing_names": lambda: float(sum(1 for m in missing() if not is_identifier(m))),
            "uncounted": lambda: float(not counted_in(question, best_hits, self.scorer)),
            "typed_gap": lambda: self.typed_gap(question, scored),
            "sentence_gap": lambda: self.semantic_gap(question, [], texts=[_unit_text(scored[0], scored)]),
        }
        return {name: signals[name]() for name in (signals if names is None else names)}

    def assess(self, question: str, context: PackedContext, scored: Sequence[ScoredSentence]) -> Relevance:
        if not context.paragraphs or not scored:
            return Relevance(AnswerStatus.NOT_IN_REPORT, 0.0, 0.0, 0.0, (), "")
        if context.hits[0].match == "lookup":
            if is_pure_lookup(question):
                # "What does paragraph 80 say?": the paragraph exists, so the report answers by definition
                return Relevance(AnswerStatus.ANSWERED, 1.0, scored[0].score, 1.0, (), "", {"lookup": True})
            # "... paragraph 68 ... about Japan?": 68 names the paragraph, it is not a figure to find in it
            question = strip_lookup(question)
        # only the interrogative sentences name what must be answered; "say that 109 States..." around a real
        # question is data, and must not make the question look unanswerable
        asked = " ".join(s for s in split_sentences(question) if s.rstrip().endswith("?")) or question
        graded = self._grade(asked, context, scored)
        parts = split_subquestions(asked)
        if graded.status is AnswerStatus.ANSWERED or len(parts) == 1:
            return graded
        # "How much content does SHERLOC hold and how many people used it?": as a whole it resembles no sentence, so
        # each part is graded on its own (as the extractive reader answers it), and the best part's grade stands
        # (dev: multi-paragraph key-fact recall 0.513 -> 0.628, no near-miss answered; eval/TUNING.md)
        texts = [p.text for p in context.paragraphs]
        by_part = []
        for part, text in zip(parts, standalone_parts(asked)):
            by_part.append(self._grade(text, context, self.scorer.score(text, context.hits, texts,
                                                                       kind=question_kind(part))))
        best = max(by_part, key=lambda r: (_RANK[r.status], r.score))
        return best if _RANK[best.status] > _RANK[graded.status] else graded

    def _grade(self, asked: str, context: PackedContext, scored: Sequence[ScoredSentence]) -> Relevance:
        model = self.model_for(asked)
        # an English question's signals are all kept, for diagnostics; another's only those its model weighs
        x = self.features(asked, context, scored, None if model is self.model else model.features)
        p = model.probability(x)
        # whether the report talks about the asked thing at all, a year or identifier aside: "How many parties in
        # 2019?" is about the same thing as a paragraph giving the 2018 figure, so it is partial, not "not in the
        # report". A missing name stays in: "the Sun" is not a neighbour of anything in a crime report.
        p_topic = model.probability({**x, "missing_numbers": 0.0})
        missing = tuple(missing_key_terms(asked, [scored[0].hit]))
        # a country the question names and the answer's paragraph does not: the same work, elsewhere (app/text/countries.py)
        elsewhere = absent_places(asked, [scored[0].hit])
        # "What is ACAD?" and the best sentence spells the name out: that is the answer, however short the question
        # and so however low its cosine (in another language, "Что такое ACAD?" shares only the name with it)
        spelled_out = question_kind(asked) == "definition" and scored[0].type_match >= 1.0
        if p_topic < model.partial_threshold:
            status = AnswerStatus.NOT_IN_REPORT
        elif (p < model.answer_threshold and not spelled_out) or any(is_identifier(m) for m in missing) or elsewhere:
            status = AnswerStatus.PARTIAL  # the same topic, but not that year/figure/country: a neighbouring fact
        else:
            status = AnswerStatus.ANSWERED
        lacks = self.lacked_type(asked, scored) if status is AnswerStatus.ANSWERED else ""
        if lacks:
            status = AnswerStatus.PARTIAL  # on topic, but the sentence shown gives no date for a "when" question
        gap = gap_text(asked, missing, context.hits, lacks=lacks, elsewhere=elsewhere) \
            if status is not AnswerStatus.ANSWERED else ""
        return Relevance(status, p, scored[0].score, x["top_dense"], missing, gap, {**x, "p": p, "p_topic": p_topic},
                         lacks)

    def lacked_type(self, question: str, scored: Sequence[ScoredSentence]) -> str:
        """What the answer the reader would show lacks of what the question asks for ("no date", "no number of
        States"), else "". That answer is the best sentence, the sentences its subject refers back to, and the next one
        (the extractive reader adds it when it carries the asked type). A "when" question answered by a sentence
        with no date is about the right thing but does not answer: dev near-misses 0.615 -> 0.718, no answerable
        question affected (eval/TUNING.md)."""
        kind = question_kind(question)
        best = of_the_asked_ordinal(question, scored)  # as the extractive reader chooses it
        by_pos = {(s.hit.key, s.index): s for s in scored}
        unit = [best, *referred_to(best, by_pos)]
        if reported_as_intended(question, [u.text for u in unit], best.hit.text):
            return NOT_DONE  # "Did the parliament pass the amendments?" against "amendments ... were proposed"
        if len(split_subquestions(question)) > 1:
            return ""
        nxt = by_pos.get((best.hit.key, best.index + 1))
        unit += [nxt] if nxt is not None else []
        if asks_breakdown(question) and len(figures(" ".join(u.text for u in unit), question)) < 2:
            return NO_BREAKDOWN  # "How were the 1,600 officials split by region?" against "1,600 officials" alone
        if asks_duration(question) and not any(DURATION.search(u.text) for u in unit):
            return NO_DURATION  # "How long did the training sessions last?" against "trained experts from 46 States"
        if kind not in LACKED:
            return ""
        part = asked_part(question) if kind == "quantity" else set()
        if part and any(u.type_match > 0 for u in unit) and not any(counts_part(part, u.text) for u in unit):
            return NO_PART  # "How many of the 735 people were from civil society?" against "735 practitioners, ..."
        typed = [u.text for u in unit if u.type_match >= 1.0]
        if kind in ("date", "place"):
            # "Where will the fourth meeting be held?" against "The third meeting was held in Vienna; its fourth
            # meeting is to be held from 3 to 5 April 2018": the place is the third meeting's
            numbered = ordinals(question)
            typed = [t for t in typed if not _typed_elsewhere(kind, numbered, t)
                     and not bracket_of_another(kind, question, t)]
            asked = numbered | ({"1"} if _FIRST_TIME.search(question) else set())
            if asked and best.text in typed and ordinals(best.text) and not any(asked & ordinals(t) for t in typed):
                # "When did the expert group first meet?" against "The third meeting was held in April 2017": the
                # date of another of them
                return ANOTHER_DATE if kind == "date" else ANOTHER_PLACE
        if typed and kind in ("quantity", "amount") and asks_exact_figure(question) and \
                all(hedged_figures_only(t, counted_noun(question)) for t in typed):
            return ONLY_APPROXIMATE  # "What was the exact number of participants?" against "almost 2,000 participants"
        if typed and kind in ("amount", "quantity"):
            # "How much did Germany contribute?" is not answered by a total received from a list of donors
            names = proper_terms(question)
            # the names as the question writes them, each with its words: capitalised words proper_terms keeps
            # (it leaves out sentence openers), then the countries ("the United States": words it leaves out)
            countries = countries_in(question)
            in_countries = {stem(w) for c in countries.values() for w in re.findall(r"[A-Za-z][\w’'\-]*", c)}
            named = [(w, w) for w in (re.sub(r"[’']s$", "", w) for w in re.findall(r"\b[A-Z][\w’'\-]+", question))
                     if stem(w) in names and stem(w) not in in_countries]
            # a country whose capital the answer names is where it happened ("the workshop in Uzbekistan's
            # capital" against "held in Tashkent"), not one member of a list
            placed = capital_countries(" ".join(u.text for u in unit))
            named += [(_with_article(c, question), c) for code, c in countries.items() if code not in placed]
            for shown, name in named:
                if _only_listed_for(name, typed, best.hit.text):
                    return f"no figure for {shown} alone"
        if typed and kind == "amount":
            # "What was the total budget?" is not answered by "grants totalling $403,447": the sum must be of the
            # asked measure, or of a word of like meaning ("spent" for "spend", "funds" for "funding")
            measure = asked_measure(question)
            if not measure or measured_in(measure, typed, self.scorer, qualifier=measure_qualifier(question, measure)):
                return ""
            return f"no figure for the {measure}"
        if typed and kind == "date" and asks_day(question) and not any(DAY.search(t) for t in typed):
            return NO_DAY  # "On which dates did the operation take place?" against "... 2017"
        if typed and kind == "date" and asks_month(question) and not any(MONTH.search(t) for t in typed):
            return NO_MONTH  # "In which month was the workshop held?" against "... in 2017"
        if typed and kind == "place" and asks_city(question) and not any(names_a_city(t) for t in typed):
            return NO_CITY  # "In which city was the workshop held?" against "... held in Senegal"
        if kind == "quantity" and asks_share(question) and not any(SHARE.search(u.text) for u in unit):
            return NO_SHARE  # "By what percentage did users grow?" against "186,990 users"
        if kind == "names" and asks_countries(question):
            # "Which twelve countries ...?" against "12 States and Kosovo": only a country the question does not
            # itself name answers it (names are world knowledge: app/text/countries.py)
            asked = set(countries_in(question))
            # the next sentence only as the reader shows it: when it carries names ("In South-East Asia, UNODC held
            # workshops." is not answered by the next one's "trained officials in Panama")
            shown = [u for u in unit if u is not nxt or u.type_match >= 1.0]
            named = set().union(*(set(countries_in(u.text)) for u in shown)) - asked
            if not named:
                return LACKED["names"]
            # "Which four countries ...?" against "four States ... and Vanuatu": not the four asked for
            wanted = countries_asked(question)
            return NOT_ALL_NAMED if wanted and len(named) < wanted else ""
        if typed:
            return ""
        noun = counted_word(question) if kind == "quantity" else None
        if kind == "quantity" and any(u.type_match > 0 for u in unit) and \
                counted_in(question, [best.hit], self.scorer, sentences=[u.text for u in unit]):
            return ""  # a bare number that counts a word of like meaning ("staff" for "officials")
        return f"no number of {noun}" if noun else LACKED[kind]

    def typed_gap(self, question: str, scored: Sequence[ScoredSentence]) -> float:
        """0 when one of the best sentences carries what the question asks for (a count of the asked thing, a date,
        a place, names), rising to 1 as the best such sentence scores lower than the best sentence; 1 when none of
        the top sentences carries it. 0 for questions that ask for no particular type."""
        kind = question_kind(question)
        if kind == "other":
            return 0.0
        noun = counted_noun(question) if kind == "quantity" else None
        best = max(scored[0].score, 1e-6)
        for s in scored[:TYPED_TOP]:
            ok = s.type_match >= 1.0
            if kind == "quantity" and noun and not ok and s.type_match > 0:
                ok = counted_in(question, [s.hit], self.scorer, sentences=[s.text])
            if ok:
                return max(0.0, 1.0 - s.score / best)
        return 1.0

    def semantic_gap(self, question: str, hits: Sequence[Hit], *, texts: Sequence[str] = ()) -> float:
        """IDF-weighted share of the question's topic words with no word of like meaning in these paragraphs (or
        texts): 0 when every asked word (or a synonym of it) is there, 1 when none is."""
        q_words = topic_words(question)
        texts = list(texts) or [h.text + " " + h.section for h in hits]
        if not q_words or not texts:
            return 0.0
        p_words = sorted({w.lower() for t in texts for w in words(t) if w.lower() not in STOPWORDS and len(w) > 2})
        p_stems = {stem(w) for w in p_words} | acronyms(" ".join(texts))
        names = proper_terms(question) | asked_acronyms(question)
        said = with_equivalents(p_stems, content_terms(question))  # a reader's word for the document's, but not a name
        vocab = self.scorer.vocabulary
        total = gap = 0.0
        sims = self.scorer.word_similarity(q_words, p_words)
        for i, w in enumerate(q_words):
            weight = vocab.idf(stem(w)) if vocab is not None else 1.0
            if stem(w) in names:
                close = float(stem(w) in p_stems)  # a name is an identity: Canada is not "like" Australia
            else:
                close = 1.0 if stem(w) in said else float(sims[i].max()) if sims is not None and len(p_words) else 0.0
            total += weight
            gap += weight * (1.0 - min(1.0, close / SYNONYM_COSINE))
        return gap / total if total else 0.0


def _unit_text(best: ScoredSentence, scored: Sequence[ScoredSentence]) -> str:
    """The best sentence with the one its subject refers back to, and its section heading: what an answer shows."""
    prev = next((s.text for s in scored if s.hit.key == best.hit.key and s.index == best.index - 1), "")
    return " ".join(t for t in (prev if best.refers_back else "", best.text, best.hit.section) if t)


# the first of a series asked without the word "first" as an ordinal: "When did the group first meet?", "the
# inaugural forum"
_FIRST_TIME = re.compile(r"\binaugural\b|\bfor\s+the\s+first\s+time\b|\bfirst\s+(?:ever\s+)?(?:[\w-]+\s+)?(?:"
                         + "|".join(GATHERING_NOUNS) + r")s?\b|\bfirst\s+(?:ever\s+)?"
                         r"(?:convene|convened|meet|met|gather|gathered|held|hold|take\s+place|took\s+place|sit|sat|"
                         r"open|opened|launch|launched|start|started|begin|began|begun)\b(?![^?]*\bin\s+(?:19|20)\d\d)",
                         re.I)


def _typed_elsewhere(kind: str, asked: set[str], sentence: str) -> bool:
    """The sentence names the question's ordinal ("fourth") in one clause and gives the asked date or place only in
    another (clauses split at semicolons): that date or place is another event's."""
    clauses = [c for c in re.split(r";\s*", sentence) if c]
    if not asked or len(clauses) < 2:
        return False
    own = [c for c in clauses if asked & ordinals(c)]
    if not own or any(type_match(kind, c) for c in own):
        return False
    # ... unless the clause giving it only refers back: "the session was held in Vienna" after "the fifth session
    # ...;" is still the fifth's
    return any(not _REFERS_BACK.match(c) for c in clauses if c not in own and type_match(kind, c))


_REFERS_BACK = re.compile(r"\s*(?:it|they|this|that|the\s+(?:" + "|".join((*GATHERING_NOUNS, "event")) +
                          r"))\s+(?:was|were|is|are|will|took|had|has)\b", re.I)


def _with_article(name: str, question: str) -> str:
    """The name with the article the question gives it: "no figure for the United States alone"."""
    m = re.search(rf"\b(the)\s+{re.escape(name)}\b", question, re.I)
    return f"{m.group(1).lower()} {name}" if m else name


def is_identifier(term: str) -> bool:
    return term.isdigit() or "." in term or bool(_ROMAN.match(term)) or bool(re.fullmatch(r"\d+th", term))


def _ordinal_word(term: str) -> str:
    n = int(term[:-2])
    return f"the {ORDINAL_WORDS[n - 1]}" if 1 <= n <= len(ORDINAL_WORDS) else f"the {term}"


def absent_places(question: str, hits: Sequence[Hit]) -> list[str]:
    """The countries and continents the question names (as it writes them) that none of these paragraphs names in
    any form: "experts from Africa" against a paragraph that names no African country and not Africa."""
    text = " ".join(h.text + " " + h.section for h in hits)
    return countries_not_in(question, text) + continents_not_in(question, text)


def missing_key_terms(question: str, hits: Sequence[Hit]) -> list[str]:
    """Numbers/years, ordinals ("eighth" as "8") and names the question uses that none of these paragraphs contains."""
    q_numbers, q_proper = key_terms(question)
    text = " ".join(h.text + " " + h.section for h in hits)
    have_numbers, have_ordinals = all_numbers(text), ordinals(text)
    have_terms = terms_with_acronyms(text, asked_acronyms(question))
    # "trigger 3" is named by "TRIGGER III"; "trigger ii" is not, whatever else is numbered II (a chapter heading)
    alike = numbered_alike(question, text)
    missing = [n for n in sorted(q_numbers) if n not in have_numbers and n not in alike]
    missing += other_numbered(question, text)
    # an ordinal matches an ordinal only: "the eighth session" is not answered by "resolution 8/2"
    missing += [f"{n}th" for n in sorted(ordinals(question)) if n not in have_ordinals]
    absent = [t for t in sorted(q_proper) if t not in have_terms]
    # "Mexican" is named by a paragraph that names Mexico (the paragraph is read for countries only when the question
    # has a demonym that is missing: every graded question passes here)
    by_demonym = {stem(w): code for w in re.findall(r"\b[A-Z][\w’'\-]+", question)
                  if (code := country_of_demonym(w)) and stem(w) in absent}
    named = countries_named(text) if by_demonym else set()
    absent = [t for t in absent if by_demonym.get(t) not in named]
    # a country is named by its capital too ("held in Bishkek" for "Kyrgyzstan's capital"), as countries_not_in reads
    asked = countries_in(question) if absent else {}
    if asked:
        lacking = set(countries_not_in(question, text))
        present = {stem(w) for name in asked.values() if name not in lacking
                   for w in re.findall(r"[A-Za-z][\w’'\-]*", name)}
        absent = [t for t in absent if t not in present]
    # "West African" is named by a paragraph about Senegal, or about West Africa (a continent's adjective, its
    # compass points with it)
    if absent:
        regional = {stem(w) for w in region_words_named(question, text)}
        absent = [t for t in absent if t not in regional]
    return list(dict.fromkeys(missing + absent))


def _only_listed_for(name: str, typed: Sequence[str], paragraph: str) -> bool:
    """The figure is not the name's own: every sentence giving it names it only in a list of names, or, none naming
    it, the paragraph names it only in lists ("186,990 users" then "the 10 States with the most users were ...,
    India, ...": no figure for India)."""
    said = [only_listed(name, t) for t in typed]
    if any(s is not None for s in said):
        return all(said)
    mentions = [m for m in (only_listed(name, t) for t in split_sentences(paragraph)) if m is not None]
    return bool(mentions) and all(mentions)


def counted_in(question: str, hits: Sequence[Hit], scorer: SentenceScorer | None = None, *,
               sentences: Sequence[str] | None = None) -> bool:
    """False only for a how-many question whose counted noun (or a word of like meaning) no sentence of these
    paragraphs (or of `sentences`) counts."""
    noun = counted_noun(question) if question_kind(question) == "quantity" else None
    if not noun:
        return True
    if sentences is None:
        sentences = [s for h in hits for s in split_sentences(h.text)]
    counted = sorted({w.lower() for s in sentences for w in counted_words(s)})
    if any(stem(w) == noun for w in counted):
        return True
    return scorer is not None and scorer.counts_alike(counted_phrase(question), sentences)


_MEASURE_WINDOW = 6  # words either side of a sum of money that say what it is a sum of


# words that say how much of a measure, not which measure: "the total budget" is not "a total of $403,447 in grants"
_SIZE_WORDS = frozenset("total overall annual yearly entire whole combined full approximate exact estimated "
                        "average cumulative aggregate".split())


def measure_qualifier(question: str, measure: str) -> str | None:
    """The ordinary word that qualifies the asked measure in the question ("voluntary" in "voluntary funding")."""
    m = re.search(rf"\b([a-z][\w-]+)\s+{re.escape(measure)}\b", question)
    word = m.group(1) if m else None
    return word if word and word not in STOPWORDS and word not in _SIZE_WORDS and len(word) > 3 else None


def measured_in(measure: str, sentences: Sequence[str], scorer: SentenceScorer | None = None, *,
                qualifier: str | None = None) -> bool:
    """Whether a sum of money in these sentences is of the asked measure: the measure word, one of like meaning, or
    the word that qualifies it in the question, within a few words of the sum ("$1.66 million in contributions",
    "spent $2 million", "$14 million in voluntary contributions" for "voluntary funding")."""
    near = []
    for s in sentences:
        for m in MONEY.finditer(s):
            window = s[:m.start()].split()[-_MEASURE_WINDOW:] + s[m.end():].split()[:_MEASURE_WINDOW]
            near += [w.strip(".,;:()“”\"'").lower() for w in window]
    near = sorted({w for w in near if w.isalpha() and len(w) > 2 and w not in STOPWORDS})
    if any(stem(w) in (stem(measure), stem(qualifier or measure)) for w in near):
        return True
    if scorer is None or not near:
        return False
    sims = scorer.word_similarity([measure.lower()], near)
    return sims is not None and float(sims[0].max()) >= SYNONYM_COSINE


def uncovered_share(question: str, hits: Sequence[Hit], scorer: SentenceScorer | None = None) -> float:
    """IDF-weighted share of the question's ordinary content words (names excluded) that these paragraphs lack."""
    _, q_proper = key_terms(question)
    terms = {t for t in content_terms(question)
             if t not in q_proper and t not in DOMAIN_COMMON_STEMS and t not in FRAME_STEMS and not t.isdigit()}
    if not terms:
        return 0.0
    have = terms_with_acronyms(" ".join(h.text + " " + h.section for h in hits), asked_acronyms(question))
    if scorer is not None:
        return 1.0 - scorer.coverage(terms, have)
    return len(terms - have) / len(terms)


# what a question of each kind asks for, named in the gap when the answer lacks it
NO_DAY = "no day, only a year"
NO_MONTH = "no month, only a year"
NO_SHARE = "no percentage"
NOT_DONE = "no outcome, only what was planned or proposed"
NO_CITY = "no city, only a country or region"
NO_PART = "no figure for that part, only for the whole"
NOT_ALL_NAMED = "only some of the names asked for"
NO_BREAKDOWN = "no breakdown, only a total"
NO_DURATION = "no length of time"
ANOTHER_DATE = "no date for that one, only for another"
ANOTHER_PLACE = "no place for that one, only for another"
ONLY_APPROXIMATE = "no exact figure, only an approximate one"
# what an answer lacks of the asked type, as the gap says it ("it gives no date"); app/localize.py words each in the
# question's language
LACKED = {"quantity": "no number", "amount": "no sum of money", "date": "no date", "place": "no place",
           "names": "no names"}
# every "what it lacks" the gate may name (app/localize.py words each one)
ALL_LACKS = frozenset({*LACKED.values(), NO_DAY, NO_MONTH, NO_SHARE, NOT_DONE, NO_CITY, NO_PART,
                       NOT_ALL_NAMED, NO_BREAKDOWN, NO_DURATION, ANOTHER_DATE, ANOTHER_PLACE,
                       ONLY_APPROXIMATE})
MAX_ECHO_CHARS = 120
_WH = starts_with(WH_WORDS)
_YES_NO = starts_with(AUXILIARIES)


def _asks(first: str) -> bool:
    """A plain question: it ends with "?", or, typed without one as into a search box, opens with a question word or
    an auxiliary and ends without a full stop ("how many guns were seized in operation trigger ii")."""
    return first.endswith("?") or (bool(_WH.match(first) or _YES_NO.match(first))
                                   and not re.search(r"[.!:;]\s*$", first))


def _asked_clause(question: str, closest: Sequence[Hit]) -> tuple[str, str]:
    """(first sentence, "how many ..." clause or "") of a plain question that is safe to echo: a wh-question of at
    most MAX_ECHO_CHARS characters whose digits all occur in the closest paragraphs. Anything else is not echoed, so
    text injected into a question ("... and answer 42") never appears as if the report said it."""
    q = clean_text(question)
    first = (split_sentences(q) or [q])[0].strip()
    digits = set(re.findall(r"\d+", first))
    closest_digits = set(re.findall(r"\d+", " ".join(h.text for h in closest)))
    if not (_asks(first) and len(first) <= MAX_ECHO_CHARS and digits <= closest_digits):
        return first, ""
    body = first.rstrip("?.! ")
    return first, (body[0].lower() + body[1:]) if _WH.match(body) else ""


def gives(lacks: str) -> str:
    """How the gap says what the answer lacks ("it gives no date"): app/localize.py finds it there to word it."""
    return f"it gives {lacks}"


def gap_text(question: str, missing: Sequence[str], closest: Sequence[Hit], *, lacks: str = "",
             elsewhere: Sequence[str] = ()) -> str:
    """What the report does not give, in words: the asked clause, and the constraint it lacks (a year, an
    identifier such as "IV", a name, the countries in `elsewhere` as the question writes them). Nothing is named
    unless the question is a plain question; a missing number other than a year is called "that figure", so text
    injected into a question never reads as a report fact."""
    first, _ = _asked_clause(question, closest)
    if not (_asks(first) and len(first) <= MAX_ECHO_CHARS):
        # what the answer lacks is the gate's own words ("no date"), safe to say of any text
        return f"({gives(lacks)})" if lacks else "what was asked"
    named = [m.upper() if _ROMAN.match(m) else _ordinal_word(m) if m.endswith("th") else m for m in missing
             if _YEAR.match(m) or _ROMAN.match(m) or re.fullmatch(r"\d+th", m)]
    names = [re.sub(r"[’']s$", "", w) for w in re.findall(r"\b[A-Z][\w’'\-]+", first)
             if stem(w) in set(missing) and not is_identifier(stem(w))]
    names = [w for w in dict.fromkeys(names) if w.lower() not in DOMAIN_COMMON]
    # a country's name whole ("Sierra Leone", "U.S."), not its words one by one
    names = list(dict.fromkeys([*elsewhere, *(w for w in names if not any(w in e.split() for e in elsewhere))]))
    parts = ([f"for {', '.join(named)}"] if named else []) + ([f"about {', '.join(names)}"] if names else [])
    if any(is_identifier(m) and not (_YEAR.match(m) or _ROMAN.match(m) or m.endswith("th")) for m in missing):
        parts.append("for that figure")
    said = [f"not {p}" for p in parts] + ([gives(lacks)] if lacks else [])
    if _echo_safe(first, closest):
        # the reader's own question, quoted: grammatical whatever its word order, and exactly what is not answered
        return f"“{first}”" + (f" ({'; '.join(said)})" if said else "")
    return "; ".join(parts + ([f"({gives(lacks)})"] if lacks else [])) or "what was asked"


def _echo_safe(first: str, closest: Sequence[Hit]) -> bool:
    digits = set(re.findall(r"\d+", first))
    return _asks(first) and len(first) <= MAX_ECHO_CHARS and \
        digits <= set(re.findall(r"\d+", " ".join(h.text for h in closest)))


def abstention_text(question: str, closest: Sequence[Hit]) -> str:
    """'The report does not say how many ... The closest passages: see ¶7, ¶9.' (no citations: see-also only)"""
    first, clause = _asked_clause(question, closest)
    if clause:
        text = f"The report does not say {clause}."
    elif _asks(first) and len(first) <= MAX_ECHO_CHARS and _YES_NO.match(first) and \
            set(re.findall(r"\d+", first)) <= set(re.findall(r"\d+", " ".join(h.text for h in closest))):
        text = f"The report does not answer “{first}”"  # a yes/no question does not turn into a "say" clause
    else:
        text = "The report does not say anything that answers this question."
    if closest:
        multi = len({h.doc_id for h in closest}) > 1
        refs = ", ".join(f"{h.doc_id} ¶{h.paragraph}" if multi else f"¶{h.paragraph}" for h in closest[:3])
        text += f" The closest passages: see {refs}."
    return text


PARTIAL_BRIDGE = "What it does report:"  # ends a partial answer's gap sentence, before the neighbouring fact


def partial_lead(gap: str) -> str:
    """The first sentence of a partial answer: the gap, in words, before the neighbouring fact that follows it."""
    if gap.startswith("“"):
        quoted, _, constraint = gap.rpartition("”")
        return f"The report does not answer {quoted}” exactly{' ' + constraint.strip() if constraint.strip() else ''}." \
               f" {PARTIAL_BRIDGE}"
    if gap.startswith("("):  # only what the answer lacks: "(it gives no date)"
        return f"The report does not answer this exactly {gap}. {PARTIAL_BRIDGE}"
    if gap and gap != "what was asked":
        return f"The report does not give this {gap}. {PARTIAL_BRIDGE}"
    return f"The report does not answer this exactly. {PARTIAL_BRIDGE}"
