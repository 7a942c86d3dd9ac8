"""What a multilingual embedder needs beyond the index: precomputed vectors of the report's sentences and words, and
sentence-level matching for questions in another language.

Why sentences: a short question in Chinese or Arabic matches the one English sentence that answers it better than
the whole paragraph around it (cross-language similarity is diluted over a long passage). For a question not in
English the dense score of a paragraph is therefore mixed from its chunk cosine and its best sentence's cosine
(SENTENCE_MIX, chosen on the translated dev questions: eval/MULTILINGUAL.md). English questions are ranked as before.

Why a vector table: the answerer embeds the sentences of the retrieved paragraphs and (for the answerability gate)
the words of the report. With the 4-bit multilingual-e5-small on a CPU that is ~60 ms a sentence, so a cold question
would cost seconds. The table holds those vectors, computed once after an ingest and kept beside the index in
`<index>/vector-table/<model>.npz`, keyed by the text itself: a stale or foreign entry can never be served for
another text, and nothing a user asks is written to disk. Only embedders marked `multilingual` use it; the default
English path is unchanged.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any, Literal, Sequence

import numpy as np

from ingest.store import model_slug

log = logging.getLogger(__name__)

SENTENCE_MIX = 0.5  # weight of the best sentence's cosine in a paragraph's dense score, for a non-English question
TABLE_DIR = "vector-table"
ANSWER_DIR = Path(__file__).resolve().parent / "text"  # fitted files per embedder, beside the default ones

Key = tuple[str, str]


def is_multilingual(embedder: Any) -> bool:
    return bool(getattr(embedder, "multilingual", False))


class TableEmbedder:
    """An embedder that serves known texts from a table and passes the rest to the one it wraps."""

    def __init__(self, inner: Any, table: dict[tuple[str, str], np.ndarray] | None = None,
                 shifts: dict[str, np.ndarray] | None = None, center: np.ndarray | None = None):
        self.inner = inner
        self.table: dict[tuple[str, str], np.ndarray] = dict(table or {})
        self.shifts: dict[str, np.ndarray] = dict(shifts or {})  # per language code: see load_shifts
        self.center = center  # taken out of a non-English question (already scaled): see report_center
        self.translator: Any = None  # a question's words -> the report's (app/word_translation.py), set by prepare

    def __getattr__(self, name: str) -> Any:  # model_id, dim, max_tokens, prefixes, count_tokens, ...
        return getattr(self.inner, name)

    def __repr__(self) -> str:
        return f"TableEmbedder({self.inner!r}, {len(self.table)} vectors)"

    def encode(self, texts: Sequence[str], *, kind: Literal["query", "passage"] = "passage",
               progress: bool = False) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts, not one string")
        texts = list(texts)
        out = np.zeros((len(texts), self.inner.dim), dtype=np.float32)
        misses = []
        for i, t in enumerate(texts):
            v = self.table.get((kind, t))
            if v is None:
                misses.append(i)
            else:
                out[i] = v
        if misses:
            out[misses] = self.inner.encode([texts[i] for i in misses], kind=kind, progress=progress)
            if kind == "query" and (self.shifts or self.center is not None):
                out[misses] = shift_queries([texts[i] for i in misses], out[misses], self.shifts, self.center)
        return out

    def add(self, texts: Sequence[str], kind: str, *, progress: bool = False) -> int:
        """Embed the texts not yet in the table; returns how many were added."""
        todo = [t for t in dict.fromkeys(texts) if (kind, t) not in self.table]
        if todo:
            vecs = self.inner.encode(todo, kind=kind, progress=progress)
            self.table.update({(kind, t): np.asarray(v, dtype=np.float32) for t, v in zip(todo, vecs)})
        return len(todo)


def report_texts(paragraphs: Sequence[Any]) -> tuple[list[str], list[str]]:
    """(sentences as the answerer splits them and reads them, words as the answerability gate compares them) of
    these paragraphs."""
    from app.text.lexical import STOPWORDS, split_sentences, words
    from app.text.scoring import readings
    from ingest.types import SECTION_SEPARATOR

    sentences: list[str] = []
    vocab: set[str] = set()
    for p in paragraphs:
        own = split_sentences(p.text) or [p.text]
        # and each sentence's other readings (after the sentence before it): without them in the table, a cold
        # question would embed each of them with the slow multilingual model
        sentences += own + readings(own)[1]
        section = SECTION_SEPARATOR.join(p.section_path)
        vocab |= {w.lower() for w in words(p.text + " " + section) if w.lower() not in STOPWORDS and len(w) > 2}
    return list(dict.fromkeys(sentences)), sorted(vocab)


def _table_path(index_dir: Path, model_id: str) -> Path:
    return index_dir / TABLE_DIR / f"{model_slug(model_id)}.npz"


def load_table(path: Path, model_id: str, dim: int) -> dict[tuple[str, str], np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as z:
            if str(z["model_id"]) != model_id or z["vectors"].shape[1:] != (dim,):
                return {}
            return {(str(k), str(t)): v for k, t, v in zip(z["kinds"], z["texts"], z["vectors"])}
    except (OSError, ValueError, KeyError, IndexError):
        return {}


def save_table(path: Path, model_id: str, table: dict[tuple[str, str], np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = list(table)
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}.npz")
    np.savez(tmp, model_id=np.array(model_id), kinds=np.array([k for k, _ in keys], dtype=str),
             texts=np.array([t for _, t in keys], dtype=str),
             vectors=np.stack([table[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, 1), np.float32))
    os.replace(tmp, path)


def prepare(stored: Any, embedder: Any, index_dir: str | Path, *, progress: bool = False,
            translate_words: bool = True) -> tuple[Any, dict]:
    """(embedder to use, extra Searcher arguments). A multilingual embedder gets the report's sentence and word
    vectors (from the table beside the index, computed and saved when missing) and sentence-level matching, and,
    with `translate_words`, reads a question's words as the report's (app/word_translation.py)."""
    if not is_multilingual(embedder):
        return embedder, {}
    index_dir = Path(index_dir)
    path = _table_path(index_dir, embedder.model_id)
    wrapped = TableEmbedder(embedder, load_table(path, embedder.model_id, embedder.dim),
                            load_shifts(embedder.model_id, embedder.dim))
    sentences, vocab = report_texts(stored.paragraphs)
    added = wrapped.add(sentences, "passage", progress=progress) + wrapped.add(vocab, "query", progress=progress)
    if added:
        log.info("embedded %d sentences and words of the report for %s", added, embedder.model_id)
        try:
            save_table(path, embedder.model_id, wrapped.table)
        except OSError as err:  # a read-only index folder: the vectors still serve this process
            log.warning("cannot keep the report's sentence vectors in %s (%s)", path, err)
    vectors = sentence_vectors(stored.paragraphs, wrapped)
    wrapped.center = report_center([v for mat in vectors.values() for v in mat])
    wrapped.translator = word_translator(embedder, vocab, wrapped) if translate_words else None
    return wrapped, {"sentence_vectors": vectors}


def word_translator(inner: Any, vocab: Sequence[str], table: TableEmbedder) -> Any:
    """The translator of a question's words into these report words, whose vectors the table holds (embedded as
    the gate compares words: kind "query", by the plain model)."""
    from app.language import ENGLISH, LANGUAGES
    from app.word_translation import WordTranslator

    translator = WordTranslator(inner, vocab, table.encode(vocab, kind="query") if vocab else np.zeros((0, inner.dim)))
    for lang in LANGUAGES:
        if lang != ENGLISH:
            translator.prepare(lang)
    return translator


def sentence_vectors(paragraphs: Sequence[Any], embedder: Any) -> dict[Key, np.ndarray]:
    """Per paragraph (doc_id, label): the matrix of its sentences' vectors."""
    from app.text.lexical import split_sentences

    out: dict[Key, np.ndarray] = {}
    for p in paragraphs:
        sents = split_sentences(p.text) or [p.text]
        out[(p.doc_id, p.label)] = np.asarray(embedder.encode(sents, kind="passage"), dtype=np.float32)
    return out


# ---- the language of a question, taken out of its vector -----------------------------------------------------------
# A cross-language embedder still puts a question's language into its vector: a question in Chinese sits nearer
# passages that look like it than the English paragraph that answers it, and a few generic paragraphs (the report's
# opening, a long programme description) become "hubs" that many foreign questions retrieve. The difference between
# the mean vectors of the same questions worded in English and in language L (parallel questions, so their topics
# cancel) is that language's direction; a question in L gets it added (SHIFT_SCALE times) and is re-normalised before
# it is searched or compared with sentences. Passages and English questions are untouched. The directions are fitted
# on the translated dev questions by `python -m eval.calibrate_multilingual --write` into
# app/text/language-shift.<model>.json. Dense retrieval alone, dev 2-fold (fit on one half, score the other), mean of
# the five languages: hit@1 0.741 -> 0.795, hit@5 0.919 -> 0.962 at scale 1.0; scales 0.5 / 0.75 / 1.0 / 1.25 / 1.5
# gave hit@1 0.805 / 0.805 / 0.795 / 0.784 / 0.746 and hit@5 0.941 / 0.957 / 0.962 / 0.941 / 0.935 (eval/TUNING.md).
SHIFT_SCALE = 0.75


def shift_path(model_id: str) -> Path:
    return ANSWER_DIR / f"language-shift.{model_slug(model_id)}.json"


def load_shifts(model_id: str, dim: int, path: Path | None = None) -> dict[str, np.ndarray]:
    """{language code: direction} for this embedder, already scaled; {} without a fit (or a fit of another model)."""
    path = path or shift_path(model_id)
    if not path.is_file():
        return {}
    d = json.loads(path.read_text(encoding="utf-8"))
    if d.get("model_id") != model_id:
        log.warning("%s was fitted for %s, not %s: not used", path, d.get("model_id"), model_id)
        return {}
    scale = float(d.get("scale", SHIFT_SCALE))
    out = {lang: scale * np.asarray(v, dtype=np.float32) for lang, v in d["shifts"].items()}
    return {lang: v for lang, v in out.items() if v.shape == (dim,)}


def fit_shifts(pairs: dict[str, tuple[np.ndarray, np.ndarray]]) -> dict[str, np.ndarray]:
    """Each language's direction from (English vectors, translated vectors) of the same questions, row for row."""
    out = {}
    for lang, (english, translated) in pairs.items():
        if english.shape != translated.shape:
            raise ValueError(f"{lang}: {len(translated)} translated questions for {len(english)} English ones")
        out[lang] = (english.mean(0) - translated.mean(0)).astype(np.float32)
    return out


# ---- the report's own direction, taken out of a question in another language --------------------------------------
# Sentences near the centre of the report (a long one naming many of its topics: "... devoted to the theme of
# smuggling of migrants, trafficking in persons and contemporary forms of slavery ...") are close to almost any
# question in another language, and win over the sentence that answers it: the hubness of nearest-neighbour search
# across languages. Taking CENTER_SCALE times the mean of the index's sentence vectors out of such a question ranks
# each sentence by its cosine minus CENTER_SCALE times its similarity to the report as a whole (the centring of
# Suzuki et al. 2013, computed per index, so it follows whatever reports are ingested). On the translated dev questions
# (385 answerable, five languages), the best sentence of the whole report lies in a gold paragraph for 0.688 of them;
# with scale 0.25 / 0.5 / 0.75 / 1.0 / 1.5, 0.717 / 0.740 / 0.745 / 0.712 / 0.610 (eval/TUNING.md, session 15).
CENTER_SCALE = 0.5


def report_center(vectors: Sequence[np.ndarray], scale: float | None = None) -> np.ndarray | None:
    """The direction taken out of a non-English question: `scale` (CENTER_SCALE) times the mean sentence vector."""
    scale = CENTER_SCALE if scale is None else scale
    if not len(vectors) or scale <= 0:
        return None
    return (scale * np.mean(np.stack(vectors), axis=0)).astype(np.float32)


def shift_queries(texts: Sequence[str], vectors: np.ndarray, shifts: dict[str, np.ndarray],
                  center: np.ndarray | None = None) -> np.ndarray:
    """The query vectors of the non-English questions with their language direction added and the report's centre
    taken out, re-normalised. English questions are returned as they are."""
    from app.language import detect

    out = np.array(vectors, dtype=np.float32, copy=True)
    for i, t in enumerate(texts):
        lang = detect(t)
        if lang.english:
            continue
        v = out[i] + shifts.get(lang.code, 0.0) - (0.0 if center is None else center)
        out[i] = v / max(float(np.linalg.norm(v)), 1e-12)
    return out


# ---- the answerability gate per embedder -------------------------------------------------------------------------
# The gate's logistic model (app/abstain.py) weighs cosines whose range depends on the embedder (all-MiniLM-L6-v2
# spreads them over 0.2-0.8, multilingual-e5-small packs them into 0.7-0.9), so each embedder has its own fit, and a
# second fit for questions not in English, on the features that mean the same in every language (the English word
# features -- shared words, names, counted nouns -- are empty or wrong for them). Both are fitted on dev questions
# only by `python -m eval.calibrate_multilingual --write`. An embedder without its own files uses the default model.
# typed_gap (whether a top sentence carries the asked count, date, place or names) joined once the question words of
# each language were read (app/text/interrogatives.py): dev AUC 0.776 -> 0.797, unanswerable translated questions
# declined 0.23 -> 0.28 (English 0.30), answerable declined 0.011 both.
CROSS_LINGUAL_FEATURES = ("best_dense", "top_dense", "missing_numbers", "typed_gap")


def gate_model_paths(model_id: str) -> tuple[Path, Path]:
    """(model for English questions, model for questions in other languages) of this embedder."""
    slug = model_slug(model_id)
    return ANSWER_DIR / f"answerability.{slug}.json", ANSWER_DIR / f"answerability.{slug}.cross-lingual.json"


def gate_models(embedder: Any) -> tuple[Any, Any]:
    """(model, cross-lingual model or None) for the gate of this embedder; (None, None) = the default model."""
    from app.abstain import AnswerabilityModel

    model_id = getattr(embedder, "model_id", None)
    if not model_id:
        return None, None
    own, cross = gate_model_paths(model_id)
    return (AnswerabilityModel.load(own) if own.is_file() else None,
            AnswerabilityModel.load(cross) if cross.is_file() else None)


# ---- choosing the answering sentence for a question not in English -------------------------------------------------
# The extractive answerer weighs, besides each sentence's cosine to the question, how many of the question's words the
# sentence and its paragraph share (app/text/scoring.py). A question in another language shares none with the
# English report, so its sentence was chosen on a cosine alone, and a generic sentence of a lower-ranked paragraph
# could win over the retrieved paragraph's own (the Spanish question drew ¶16 over ¶7). For such a question
# the paragraph's own retrieval relevance stands in for the shared words: PARAGRAPH_WEIGHT times its dense score,
# min-max scaled over the retrieved paragraphs. On the translated dev questions (185 answerable) weights 0, 0.1 and
# 0.3 gave key-fact recall 0.588, 0.588, 0.576 and citation precision 0.778, 0.768, 0.751: 0.1 is neutral there and
# is the smallest that answers the Spanish example from ¶7; more only costs.
PARAGRAPH_WEIGHT = 0.1


def _sentence_scorer_class():
    from app.text.scoring import SentenceScorer

    class CrossLingualScorer(SentenceScorer):
        """SentenceScorer that, for a question not in English, adds the paragraph's retrieval relevance and reads
        the question's words as the report's."""

        def question_terms(self, question):
            """For a question not in English, its content words translated into the report's words
            (app/word_translation.py): dev, mean of five languages, key-fact recall 0.719 -> 0.749."""
            from app.language import detect

            lang = detect(question)
            translator = getattr(self.embedder, "translator", None)
            if lang.english or translator is None:
                return super().question_terms(question)
            return translator.terms(question, lang.code) or super().question_terms(question)

        def score(self, question, hits, texts=None, qvec=None, *, kind=None):
            from dataclasses import replace as _replace

            from app.language import detect

            out = super().score(question, hits, texts, qvec, kind=kind)
            if not out or PARAGRAPH_WEIGHT <= 0 or detect(question).english:
                return out
            dense = {h.key: h.dense_score for h in hits if h.dense_score is not None}
            if not dense:
                return out
            lo, hi = min(dense.values()), max(dense.values())
            rel = {k: (v - lo) / (hi - lo) if hi > lo else 1.0 for k, v in dense.items()}
            out = [_replace(s, score=s.score + PARAGRAPH_WEIGHT * rel.get(s.hit.key, 0.0)) for s in out]
            out.sort(key=lambda s: -s.score)
            return out

    return CrossLingualScorer


def scorer_class(embedder: Any) -> type:
    """The sentence scorer for this embedder: a multilingual one gets the cross-lingual scorer."""
    from app.text.scoring import SentenceScorer

    return _sentence_scorer_class() if is_multilingual(embedder) else SentenceScorer
