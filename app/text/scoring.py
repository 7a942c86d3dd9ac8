"""Scoring the sentences of retrieved paragraphs against a question: embedding similarity + lexical evidence.

Used by the extractive answerer to pick sentences and by the chain's abstention gate. Sentence embeddings are cached
per paragraph across calls (paragraph text is immutable for a loaded index), so a warm question embeds only itself.
"""
from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from app.text.glossary import expansion_terms, read_glossary
from app.text.lexical import (
    all_numbers, asked_acronyms, content_terms, numbers, ordinals, proper_terms, split_sentences, stem, topic_terms,
    terms_with_acronyms,
)
from app.text.countries import countries_in
from app.text.equivalents import with_equivalents
from app.text.focus import (
    Vocabulary, asks_countries, counted_heads, counted_noun, counted_phrase, counts, defined_acronym, listed_heads,
    question_kind, refers_back, type_match,
)
from app.text.truecase import Casing
from app.types import Hit

__all__ = ["ScoredSentence", "SentenceScorer", "Vocabulary", "counted_noun", "key_terms", "question_kind"]

# What a sentence is scored on, as named features; the score is their weighted sum. The default weights were tuned by
# hand on the questions in tests/app/test_answer_real.py; `python -m eval.calibrate --ranker --write` refits them on
# the dev split (pairwise logistic regression: a sentence holding a key fact above the others of its question) into
# sentence_ranker.json, which is used when present.
SENTENCE_FEATURES = ("dense", "lexical", "proper", "type", "number_match", "rank_prior", "counted", "paragraph",
                     "paragraph_dense", "position_prior", "refers_back")
HAND_WEIGHTS = {
    "dense": 1.0,  # cosine(question, sentence) with all-MiniLM-L6-v2; typically 0.2-0.8
    "lexical": 0.6,  # IDF-weighted share of the question's content terms in the sentence
    "proper": 0.25,  # share of the question's names (countries, bodies, instruments) in the sentence
    "type": 0.15,  # sentence carries what the question type asks for (a number, a date, a place)
    "number_match": 0.2,  # a number named in the question occurs in the sentence
    "rank_prior": 0.08,  # retrieval rank prior: 1 for the first hit, decaying
    "counted": 0.35,  # "how many States" and the sentence has "<number> ... States": the count asked for
    "paragraph": 0.3,  # share of the question's terms in the sentence's paragraph + section headings (its context)
    "paragraph_dense": 0.0,  # the paragraph's own cosine to the question (from retrieval)
    "position_prior": 0.0,  # 1 for a paragraph's first sentence, decaying
    "refers_back": 0.0,  # its subject is in the previous sentence
}
RANKER_PATH = Path(__file__).resolve().parent / "sentence_ranker.json"
# The answerability gate (app/abstain.py) reads these scores, so its constants that depend on the embedder and on
# this scale live here too:
# two words count as the same meaning at this cosine of their embeddings (all-MiniLM-L6-v2: "graft"/"corruption"
# 0.5-0.6, unrelated report words mostly below 0.35); below it, closeness still counts in proportion
SYNONYM_COSINE = 0.6
# ... but "people" is asked of users, participants and officials alike, whose cosines to it are 0.54-0.65 (countries
# and States 0.32-0.39): a count of persons of any kind is a count of people at this lower cosine
PERSONS_COSINE = 0.5
ANY_PERSONS = frozenset("people persons individuals".split())


def counts_like(word: str, similarity: float) -> bool:
    """Whether a counted noun at this cosine to the asked word counts the same thing."""
    return similarity >= (PERSONS_COSINE if word.lower() in ANY_PERSONS else SYNONYM_COSINE)


TYPED_TOP = 5  # top sentences looked at for one that carries what the question asks for


def load_weights(path: Path = RANKER_PATH) -> np.ndarray:
    """The fitted weights when sentence_ranker.json exists, else the hand-tuned ones (plain JSON, never pickled)."""
    weights = dict(HAND_WEIGHTS)
    if path.is_file():
        weights.update({k: float(v) for k, v in json.loads(path.read_text(encoding="utf-8"))["weights"].items()
                        if k in weights})
    return np.array([weights[f] for f in SENTENCE_FEATURES], dtype=np.float64)


@dataclass(frozen=True)
class ScoredSentence:
    hit: Hit
    index: int  # position of the sentence in its paragraph
    text: str  # verbatim substring of hit.text
    score: float
    dense: float
    lexical: float
    rank: int  # rank of the paragraph in the retrieval
    refers_back: bool = False  # its subject is in the previous sentence of the paragraph ("It ...", "The workshop ...")
    type_match: float = 0.0  # carries what the question type asks for (a count of the asked noun, a date, a place)
    features: tuple[float, ...] = ()  # the SENTENCE_FEATURES values its score is the weighted sum of


@dataclass(frozen=True)
class _Embedded:
    """A paragraph's sentences and their embeddings, the readings of `readings` included."""
    sentences: list[str]
    vectors: np.ndarray | None  # one row a sentence; None without an embedder
    backs: frozenset[int]  # the indexes of the sentences whose subject is in the sentence before them
    windows: dict[int, np.ndarray]  # each of those -> its embedding read after that sentence (none without an embedder)


def readings(sentences: Sequence[str]) -> tuple[list[int], list[str]]:
    """How a paragraph's sentences are read besides alone: (the indexes of those whose subject is in the sentence
    before them ("The report was before the Council ..."), each of those read after the sentence before it, since
    alone it has lost what it is about)."""
    backs = [i for i in range(1, len(sentences)) if refers_back(sentences[i], sentences[i - 1])]
    return backs, [sentences[i - 1] + " " + sentences[i] for i in backs]


def referred_to(s: ScoredSentence, by_pos: dict, most: int = 2) -> list[ScoredSentence]:
    """The sentences before `s` in its paragraph that its subject refers back to, nearest first ("It ..." after
    "They ..." after the sentence naming them), at most `most`; by_pos maps (hit key, index) to scored sentences."""
    out, cur = [], s
    while cur.refers_back and len(out) < most:
        prev = by_pos.get((cur.hit.key, cur.index - 1))
        if prev is None:
            break
        out.append(prev)
        cur = prev
    return out


def key_terms(question: str) -> tuple[set[str], set[str]]:
    """(numbers incl. years, proper-name stems) the question names: an answer must be about those."""
    return numbers(question), proper_terms(question)


class SentenceScorer:
    def __init__(self, embedder=None, *, cache_size: int = 20000):
        self.embedder = embedder
        self._cache: OrderedDict[tuple[str, str, int], tuple[list[str], np.ndarray | None]] = OrderedDict()
        # (doc, paragraph, text hash) -> the backs and windows of _Embedded
        self._readings: OrderedDict[tuple[str, str, int], tuple[frozenset, dict]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self.vocabulary: Vocabulary | None = None  # set by use_vocabulary(); plain term shares until then
        self.glossary: dict[str, frozenset[str]] = {}  # the short names the paragraphs define (use_vocabulary)
        self.casing: Casing | None = None  # how the paragraphs write their names (use_vocabulary)
        self._words: dict[str, np.ndarray] = {}  # single-word embeddings: a report's vocabulary is small and fixed
        self.weights = load_weights()

    def word_similarity(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray | None:
        """Cosine of every word of `left` with every word of `right` (their embeddings as single words): how a
        question word is matched by meaning ("graft" ~ "corruption"). None without an embedder."""
        if self.embedder is None or not left or not right:
            return None
        wanted = [w for w in dict.fromkeys([*left, *right]) if w not in self._words]
        if wanted:
            vecs = np.asarray(self.embedder.encode(wanted, kind="query"), dtype=np.float32)
            with self._lock:
                if len(self._words) > 50 * self._cache_size:
                    self._words.clear()
                self._words.update(zip(wanted, vecs))
        a = np.stack([self._words[w] for w in left])
        b = np.stack([self._words[w] for w in right])
        return a @ b.T

    def sentences(self, hits: Sequence[Hit], texts: Sequence[str] | None = None) -> list[tuple[list[str], np.ndarray | None]]:
        """Sentences and their (cached) embeddings for each hit; `texts` overrides hit.text (a truncated context)."""
        texts = list(texts) if texts is not None else [h.text for h in hits]
        keys = [(h.doc_id, h.paragraph, hash(t)) for h, t in zip(hits, texts)]
        with self._lock:
            cached = {k: self._cache[k] for k in keys if k in self._cache}
        missing = {k: t for k, t in zip(keys, texts) if k not in cached}
        if missing:
            split = {k: split_sentences(t) or [t] for k, t in missing.items()}
            flat = [x for ss in split.values() for x in ss]
            vecs = self.embedder.encode(flat, kind="passage") if (self.embedder is not None and flat) else None
            pos = 0
            for k, ss in split.items():
                cached[k] = (ss, None if vecs is None else np.asarray(vecs[pos:pos + len(ss)], dtype=np.float32))
                pos += len(ss)
            self._remember(self._cache, {k: cached[k] for k in missing})
        return [cached[k] for k in keys]

    def _embedded(self, hits: Sequence[Hit], texts: Sequence[str] | None = None) -> list[_Embedded]:
        """sentences(), with each sentence's other readings (see `readings`), cached apart: verification needs only
        the sentences."""
        texts = list(texts) if texts is not None else [h.text for h in hits]
        plain = self.sentences(hits, texts)
        keys = [(h.doc_id, h.paragraph, hash(t)) for h, t in zip(hits, texts)]
        with self._lock:
            cached = {k: self._readings[k] for k in keys if k in self._readings}
        missing = {k: readings(ss) for k, (ss, _) in zip(keys, plain) if k not in cached}
        if missing:
            flat = [x for _, more in missing.values() for x in more]
            vecs = np.asarray(self.embedder.encode(flat, kind="passage"), dtype=np.float32) \
                if (self.embedder is not None and flat) else None
            pos = 0
            for k, (backs, more) in missing.items():
                cached[k] = (frozenset(backs), {} if vecs is None else {i: vecs[pos + j] for j, i in enumerate(backs)})
                pos += len(more)
            self._remember(self._readings, {k: cached[k] for k in missing})
        return [_Embedded(ss, mat, *cached[k]) for k, (ss, mat) in zip(keys, plain)]

    def _remember(self, cache: OrderedDict, entries: dict) -> None:
        with self._lock:
            cache.update(entries)
            while len(cache) > self._cache_size:
                cache.popitem(last=False)

    def embed_query(self, question: str) -> np.ndarray | None:
        if self.embedder is None:
            return None
        return np.asarray(self.embedder.encode([question], kind="query")[0], dtype=np.float32)

    def counts_alike(self, word: str, sentences: Sequence[str]) -> bool:
        """These sentences count something of like meaning to the asked word ("States" for "countries",
        "participants" for "people"): the heads that numbers count (not their modifiers: "police" in "police
        operation"), compared through the embedder's word vectors. False without an embedder."""
        heads = {h.lower() for s in sentences for h in counted_heads(s)}
        listed = {h.lower() for s in sentences for h in listed_heads(s)}
        # a list member asked by name is a part of the listed whole, whose number is not its own
        if stem(word.lower()) not in {stem(h) for h in listed}:
            heads |= listed
        heads = sorted(heads)
        sims = self.word_similarity([word.lower()], heads) if heads else None  # words, not stems, are embedded
        return sims is not None and counts_like(word, float(sims.max()))

    def use_vocabulary(self, texts) -> None:
        """Weigh question terms by their inverse document frequency over these paragraph texts."""
        texts = list(texts)
        self.vocabulary = Vocabulary(texts)
        self.glossary = read_glossary(texts)
        self.casing = Casing(texts)

    def question_terms(self, question: str) -> set[str]:
        """The question's topic terms, as the report's words are compared with them."""
        return topic_terms(question)

    def coverage(self, q_terms: set[str], terms: set[str]) -> float:
        if not q_terms:
            return 0.0
        if self.vocabulary is None:
            return len(q_terms & terms) / len(q_terms)
        return self.vocabulary.coverage(q_terms, terms)

    def score(self, question: str, hits: Sequence[Hit], texts: Sequence[str] | None = None,
              qvec: np.ndarray | None = None, *, kind: str | None = None) -> list[ScoredSentence]:
        """Every sentence of every hit, best first. `kind` overrides the expected answer type read from the
        question (a sub-question scored with its whole question's topic)."""
        if not hits:
            return []
        per_hit = self._embedded(hits, texts)
        if qvec is None:
            qvec = self.embed_query(question)
        q_terms = self.question_terms(question)
        q_stems = content_terms(question)  # what the question says, for the reader's words it uses
        q_numbers, q_proper = key_terms(question)
        q_acronyms = asked_acronyms(question)
        kind = kind or question_kind(question)
        counted = counted_noun(question) if kind == "quantity" else defined_acronym(question) if kind == "definition" \
            else None
        asked_word = counted_phrase(question) if kind == "quantity" and counted else None
        # "Which States had the most users?": only country names answer it, not the name of a portal
        countries_only = kind == "names" and asks_countries(question)
        out: list[ScoredSentence] = []
        for rank, (hit, embedded) in enumerate(zip(hits, per_hit)):
            sents, mat = embedded.sentences, embedded.vectors
            dense_all = (mat @ qvec) if (mat is not None and qvec is not None) else np.zeros(len(sents))
            if qvec is not None:
                # a sentence that refers back is as close to the question as it is read with its antecedent (dev
                # 962: key-fact recall 0.847 -> 0.861, paraphrased 0.870 -> 0.895; with every sentence read with
                # the one before it, no better, and each paragraph embeds twice as much)
                for i, vec in embedded.windows.items():
                    dense_all[i] = max(float(dense_all[i]), float(vec @ qvec))
            # a sentence inherits its paragraph's and section's topic ("the Convention" in a section on the
            # Organized Crime Convention)
            # ... and a short name the words of the name it stands for ("WACAP": the West African network)
            expanded = [expansion_terms(s, self.glossary) for s in sents]
            p_terms = with_equivalents(terms_with_acronyms(" ".join(sents) + " " + " ".join(hit.section_path),
                                                           q_acronyms).union(*expanded), q_stems)
            para_lex = self.coverage(q_terms, p_terms)
            for i, s in enumerate(sents):
                s_terms = terms_with_acronyms(s, q_acronyms) | expanded[i]
                # "It brought together experts ...": the subject is in the previous sentence, which the answer
                # will include; the pair is judged together
                back = i in embedded.backs
                unit_terms = s_terms | terms_with_acronyms(sents[i - 1], q_acronyms) if back else s_terms
                lexical = self.coverage(q_terms, with_equivalents(unit_terms, q_stems))
                # a name is an identity: a "Treaty" in one is no Convention
                proper = len(q_proper & unit_terms) / len(q_proper) if q_proper else 0.0
                s_numbers = all_numbers(s)
                type_bonus = type_match(kind, s, counted)
                if countries_only and type_bonus and not countries_in(s):
                    type_bonus = 0.0
                counts_it = bool(counted and counts(s, counted))
                if kind == "quantity" and asked_word and type_bonus == 0.5 and self.counts_alike(asked_word, [s]):
                    type_bonus, counts_it = 1.0, True  # "seven States" answers "how many countries"
                x = (float(dense_all[i]), lexical, proper, type_bonus,
                     1.0 if q_numbers and q_numbers <= s_numbers else 0.0, 1.0 / (1 + rank),
                     1.0 if counts_it else 0.0, para_lex,
                     float(hit.dense_score) if hit.dense_score is not None else 0.0, 1.0 / (1 + i), float(back))
                score = float(np.dot(self.weights, x))
                out.append(ScoredSentence(hit, i, s, score, x[0], lexical, rank, back, type_bonus, x))
        out.sort(key=lambda s: -s.score)
        return out


def of_the_asked_ordinal(question: str, scored: Sequence[ScoredSentence]) -> ScoredSentence:
    """The best sentence, unless it numbers other events than the one asked and a close one carrying the asked type
    numbers that one: "When did the group hold its 8th meeting?" is answered by "At its eighth meeting, held ...", not
    by the next sentence's "agreed upon at its seventh meeting, held ..."."""
    best = scored[0]
    asked = ordinals(question)
    if not asked or asked & ordinals(best.text) or not ordinals(best.text) or question_kind(question) == "other":
        return best
    # only within the best sentence's paragraph: another paragraph's "eighth session" is often another body's
    own = next((s for s in scored[1:TYPED_TOP] if s.hit.key == best.hit.key and asked & ordinals(s.text)
                and s.type_match >= max(best.type_match, 1.0)), None)
    return own or best
