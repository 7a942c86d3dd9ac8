"""A question in another language read in the report's own words, one word at a time, by the multilingual embedder.

Why: the extractive answerer and the answerability gate weigh, besides cosines, which of the question's words a
sentence shares (app/text/scoring.py). A question in French or Chinese shares none with the English report, so its
answering sentence was chosen on a cosine alone, and often a neighbour of the one holding the fact won. Each content
word of such a question is matched to its nearest word of the report's vocabulary by the same multilingual model
("migrantes" -> migrants, "celebró" -> held, "肯尼亚" -> kenya: word translation by nearest neighbour in a shared
embedding space), and those English words are the question's terms.

Nothing here is tuned to a report: the vocabulary is whatever was ingested (its word vectors are already in the vector
table, app/multilingual.py), function words are dropped with stopwordsiso's list for the question's language, and
Chinese is cut into words by jieba. Every content word is translated, however unsure its nearest neighbour: on the
translated dev questions, keeping only confident ones (a margin over the word's mean cosine) lost key-fact recall
(eval/TUNING.md, session 16), since a question with one word translated then reads as if that word were all it asks.

Where the language has a bilingual dictionary (app/lexicons.py: Chinese, CC-CEDICT), the dictionary proposes and the
embedder chooses: the nearest report word among those the word's glosses are, or among all report words when no
gloss is one (figures in app/lexicons.py).
"""
from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any, Sequence

import numpy as np

from app.lexicons import lexicon
from app.text.lexical import STOPWORDS, stem, topic_terms

log = logging.getLogger(__name__)

# Arabic short vowels, shadda, sukun, dagger alif and tatweel: written in some questions, never in others, and not
# word characters to a regular expression (they would cut a word in two)
_ARABIC_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u0640]")
_WORD = re.compile(r"\w+")
MIN_CHARS = 3  # shorter words in alphabetic scripts are mostly particles the stopword lists miss ("l'", "d'")
MIN_HAN = 2  # a single Han character is rarely a content word on its own


def _missing(package: str, why: str) -> ImportError:
    return ImportError(f"{package} is needed {why}: pip install {package} (or reinstall paracite)")


@lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    """The function words of a language (ISO 639-1 code), lower-cased; empty for a language the list lacks."""
    try:
        import stopwordsiso
    except ImportError as err:  # a core dependency: only a broken install gets here
        raise _missing("stopwordsiso", "to read questions in other languages") from err
    return frozenset(w.lower() for w in stopwordsiso.stopwords(lang)) if stopwordsiso.has_lang(lang) else frozenset()


@lru_cache(maxsize=1)
def _jieba() -> Any:
    try:
        import jieba
    except ImportError as err:
        raise _missing("jieba", "to cut Chinese questions into words") from err
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # builds its dictionary once (~1 s), at load rather than on the first Chinese question
    return jieba


def content_words(question: str, lang: str) -> list[str]:
    """The question's words that carry its topic, in order, once each: not function words, numbers (compared as
    numbers elsewhere) or fragments."""
    if lang == "zh":
        cut = [w for w in _jieba().cut(question) if _WORD.match(w) and len(w) >= MIN_HAN]
    else:
        cut = [w for w in _WORD.findall(_ARABIC_MARKS.sub("", question)) if len(w) >= MIN_CHARS]
    stop = stopwords(lang)
    return list(dict.fromkeys(w for w in cut if not w.isdigit() and w.lower() not in stop))


class WordTranslator:
    """Each content word of a question -> the report word nearest to it in the embedder's space, among the report
    words its dictionary's glosses are where the language has a dictionary (app/lexicons.py) and a gloss is one."""

    def __init__(self, embedder: Any, words: Sequence[str], vectors: np.ndarray, *, cache_size: int = 20000):
        """`embedder` embeds the question's words (kind "query", as `vectors` were embedded: the plain model, with
        no language direction added); `words` and `vectors` are the report's vocabulary, one row a word."""
        self.embedder = embedder
        self.words = list(words)
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self._by_stem: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            self._by_stem.setdefault(stem(w), []).append(i)
        self._cache: OrderedDict[tuple[str, str], str] = OrderedDict()  # (language, question word) -> report word
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def prepare(self, lang: str) -> None:
        """Load what reading `lang` needs (jieba's dictionary, the lexicon) now, not on the first question."""
        if lang == "zh":
            _jieba()
        stopwords(lang)
        lexicon(lang)

    def clear(self) -> None:
        """Forget the words translated so far (a latency benchmark measures fresh questions)."""
        with self._lock:
            self._cache.clear()

    def translate(self, question: str, lang: str) -> list[str]:
        """The report words the question's content words stand for, in the question's order."""
        if not self.words:
            return []
        asked = content_words(question, lang)
        with self._lock:
            known = {w: self._cache[(lang, w)] for w in asked if (lang, w) in self._cache}
        new = [w for w in asked if w not in known]
        if new:
            sims = np.asarray(self.embedder.encode(new, kind="query"), dtype=np.float32) @ self.vectors.T
            found = {}
            for w, row in zip(new, sims):
                # the dictionary proposes (when the language has one and a gloss is a report word), the embedder
                # chooses among its proposals: glosses come in no useful order ("全球": entire, total, global)
                allowed = self._glossed(w, lang)
                best = max(allowed, key=lambda i: row[i]) if allowed else int(np.argmax(row))
                found[w] = self.words[best]
            with self._lock:
                self._cache.update({(lang, w): r for w, r in found.items()})
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
            known.update(found)
        return list(dict.fromkeys(known[w] for w in asked))

    def _glossed(self, word: str, lang: str) -> list[int]:
        """The report words (their rows) that the dictionary's glosses of `word` are, compared as stems."""
        lex = lexicon(lang)
        if lex is None:
            return []
        out = []
        for g in lex.glosses(word):
            if len(g) >= MIN_CHARS and g not in STOPWORDS:
                out += self._by_stem.get(stem(g), [])
        return list(dict.fromkeys(out))

    def terms(self, question: str, lang: str) -> set[str]:
        """The question's topic terms as the scorer compares them (app/text/lexical.py topic_terms), read from its
        translated words; empty when it has no content word."""
        english = self.translate(question, lang)
        return topic_terms(" ".join(english)) if english else set()
