"""Lexical retrieval: BM25 (bm25s) over paragraph texts, built in memory when an index is loaded.

The tokenizer is deliberately stemmer-free: UN reports are full of exact figures, resolution numbers and acronyms
("2,700", "189", "7/1", "SHERLOC") that a question repeats verbatim, and those are where BM25 beats the embedder.
A reader's word for what UN documents say in set terms ("countries", "ratified") also scores the document's words
("States", "parties"; app/text/equivalents.py).
"""
from __future__ import annotations

import logging

import re

from app.text.equivalents import document_words
from app.text.lexical import DOMAIN_COMMON, stem
from app.text.words import FUNCTION_WORDS
from typing import Sequence

import numpy as np

# numbers keep their inner separators ("2,700", "14,086,600", "2017/237", "1.66"); words keep inner hyphens and
# apostrophes ("anti-corruption", "Office's")
_TOKEN = re.compile(r"\d+(?:[.,/]\d+)*|[^\W\d_]+(?:[-‐'’][^\W\d_]+)*", re.UNICODE)

STOPWORDS = FUNCTION_WORDS  # one list with the answer layer's (app/text/words.py)


def tokenize(text: str) -> list[str]:
    """Case-folded tokens; a hyphenated word also yields its parts and a grouped number its bare digits, so
    "anti-corruption" matches "corruption" and "2700" matches "2,700"."""
    out: list[str] = []
    for match in _TOKEN.finditer(text.casefold()):
        tok = match.group(0)
        if tok in STOPWORDS:
            continue
        out.append(tok)
        if tok[0].isdigit():
            if "," in tok:
                out.append(tok.replace(",", ""))
        elif "-" in tok or "‐" in tok or "'" in tok or "’" in tok:
            out.extend(p for p in re.split(r"[-‐'’]", tok) if p and p not in STOPWORDS and len(p) > 1)
    return out


class BM25Index:
    """BM25 scores of a query against every text (the searcher indexes paragraphs)."""

    def __init__(self, texts: Sequence[str], *, k1: float = 1.2, b: float = 0.75):
        import bm25s

        # bm25s sets its logger to DEBUG on import; let it follow the application's logging level instead
        logging.getLogger("bm25s").setLevel(logging.NOTSET)
        self.n = len(texts)
        self._bm25 = bm25s.BM25(k1=k1, b=b)
        # an empty document would make bm25s fail on an empty vocabulary; a placeholder token scores nothing
        corpus = [tokenize(t) or ["\x00"] for t in texts]
        if self.n:
            self._bm25.index(corpus, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """float32 array (n_texts,): 0 for texts sharing no token (nor a document's word for one) with the query."""
        out = np.zeros(self.n, dtype=np.float32)
        if not self.n:
            return out
        asked = tokenize(query)
        tokens = [t for t in asked if t in self._bm25.vocab_dict]
        if tokens:
            out += np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
        # a reader's word ("ratified", "treaty") also finds the document's ("parties", "Convention"): a text scores
        # the best of them where that beats the reader's word itself, one word's weight. Not a word too common in
        # UN reports to mark a topic ("States" for "countries": the sentence scorer reads that one), which lifted
        # every paragraph on States above the one that names the asked programme
        stems = {stem(t) for t in asked}
        for token in dict.fromkeys(asked):
            known = [w for w in document_words(token, stems) if w in self._bm25.vocab_dict and w not in DOMAIN_COMMON]
            if known:
                best = np.max([self._bm25.get_scores([w]) for w in known], axis=0).astype(np.float32)
                own = np.asarray(self._bm25.get_scores([token]), dtype=np.float32) if token in tokens else 0.0
                out += np.maximum(best - own, 0.0)
        return out
