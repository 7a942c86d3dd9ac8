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

import logging
import os
import re
from pathlib import Path
from typing import Any, Literal, Sequence

import numpy as np

log = logging.getLogger(__name__)

SENTENCE_MIX = 0.5  # weight of the best sentence's cosine in a paragraph's dense score, for a non-English question
TABLE_DIR = "vector-table"

Key = tuple[str, str]


def is_multilingual(embedder: Any) -> bool:
    return bool(getattr(embedder, "multilingual", False))


class TableEmbedder:
    """An embedder that serves known texts from a table and passes the rest to the one it wraps."""

    def __init__(self, inner: Any, table: dict[tuple[str, str], np.ndarray] | None = None):
        self.inner = inner
        self.table: dict[tuple[str, str], np.ndarray] = dict(table or {})

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
        return out

    def add(self, texts: Sequence[str], kind: str, *, progress: bool = False) -> int:
        """Embed the texts not yet in the table; returns how many were added."""
        todo = [t for t in dict.fromkeys(texts) if (kind, t) not in self.table]
        if todo:
            vecs = self.inner.encode(todo, kind=kind, progress=progress)
            self.table.update({(kind, t): np.asarray(v, dtype=np.float32) for t, v in zip(todo, vecs)})
        return len(todo)


def report_texts(paragraphs: Sequence[Any]) -> tuple[list[str], list[str]]:
    """(sentences as the answerer splits them, words as the answerability gate compares them) of these paragraphs."""
    from app.text.lexical import STOPWORDS, split_sentences, words
    from ingest.types import SECTION_SEPARATOR

    sentences: list[str] = []
    vocab: set[str] = set()
    for p in paragraphs:
        sentences += split_sentences(p.text) or [p.text]
        section = SECTION_SEPARATOR.join(p.section_path)
        vocab |= {w.lower() for w in words(p.text + " " + section) if w.lower() not in STOPWORDS and len(w) > 2}
    return list(dict.fromkeys(sentences)), sorted(vocab)


def _table_path(index_dir: Path, model_id: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)
    return index_dir / TABLE_DIR / f"{slug}.npz"


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


def prepare(stored: Any, embedder: Any, index_dir: str | Path, *, progress: bool = False) -> tuple[Any, dict]:
    """(embedder to use, extra Searcher arguments). A multilingual embedder gets the report's sentence and word
    vectors (from the table beside the index, computed and saved when missing) and sentence-level matching."""
    if not is_multilingual(embedder):
        return embedder, {}
    index_dir = Path(index_dir)
    path = _table_path(index_dir, embedder.model_id)
    wrapped = TableEmbedder(embedder, load_table(path, embedder.model_id, embedder.dim))
    sentences, vocab = report_texts(stored.paragraphs)
    added = wrapped.add(sentences, "passage", progress=progress) + wrapped.add(vocab, "query", progress=progress)
    if added:
        log.info("embedded %d sentences and words of the report for %s", added, embedder.model_id)
        try:
            save_table(path, embedder.model_id, wrapped.table)
        except OSError as err:  # a read-only index folder: the vectors still serve this process
            log.warning("cannot keep the report's sentence vectors in %s (%s)", path, err)
    return wrapped, {"sentence_vectors": sentence_vectors(stored.paragraphs, wrapped)}


def sentence_vectors(paragraphs: Sequence[Any], embedder: Any) -> dict[Key, np.ndarray]:
    """Per paragraph (doc_id, label): the matrix of its sentences' vectors."""
    from app.text.lexical import split_sentences

    out: dict[Key, np.ndarray] = {}
    for p in paragraphs:
        sents = split_sentences(p.text) or [p.text]
        out[(p.doc_id, p.label)] = np.asarray(embedder.encode(sents, kind="passage"), dtype=np.float32)
    return out



# ---- the answerability gate per embedder -------------------------------------------------------------------------
# The gate's logistic model (app/abstain.py) weighs cosines whose range depends on the embedder (all-MiniLM-L6-v2
# spreads them over 0.2-0.8, multilingual-e5-small packs them into 0.7-0.9), so each embedder has its own fit, and a
# second fit for questions not in English, on the features that mean the same in every language (the English word
# features -- shared words, names, counted nouns -- are empty or wrong for them). Both are fitted on dev questions
# only by `python -m eval.calibrate_multilingual --write`. An embedder without its own files uses the default model.
ANSWER_DIR = Path(__file__).resolve().parent / "text"
CROSS_LINGUAL_FEATURES = ("best_dense", "top_dense", "missing_numbers")


def gate_model_paths(model_id: str) -> tuple[Path, Path]:
    """(model for English questions, model for questions in other languages) of this embedder."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)
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
        """SentenceScorer that, for a question not in English, adds the paragraph's retrieval relevance."""

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
