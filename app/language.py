"""The language a question is written in: one of the six UN official languages (ar, zh, en, fr, ru, es).

Used to weight hybrid fusion (BM25 over the English report only helps an English question), to introduce the English
quote in the question's language, and to word declines and partial answers in it.

Detector: py3langid (BSD-3, a maintained fork of langid.py; naive Bayes over byte n-grams, model bundled, ~0.05 ms a
question), restricted to the six languages. Scripts decide first: a question mostly in Arabic, Han or Cyrillic letters
is ar, zh or ru whatever the classifier says. A Latin-script question is en/fr/es by the classifier, and English
unless it is confident (MIN_CONFIDENCE): a short or name-only question ("SHERLOC", "UNODC en 2017") keeps English
behaviour, which is what ParaCite did before it knew languages. The one exception is Spanish's opening ¿ or ¡, which
no other of the six languages writes: "¿Qué es BENATOC?" is Spanish however short.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
ENGLISH = "en"
NAMES = {"en": "English", "fr": "Français", "es": "Español", "ru": "Русский", "ar": "العربية", "zh": "中文"}
ENGLISH_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic", "zh": "Chinese"}
MIN_CONFIDENCE = 0.9  # below it a Latin-script question is taken as English
_SCRIPT_SHARE = 0.3  # share of letters in one non-Latin script that decides the language
_SPANISH_MARKS = re.compile(r"[¿¡]")
_LOOKUP = re.compile(r"(?:¶|\bpara(?:graph)?s?\.?)\s*\d+\w*", re.I)


@dataclass(frozen=True)
class Detected:
    code: str  # one of LANGUAGES
    confidence: float
    how: str  # "script", "classifier", "punctuation" (Spanish ¿ ¡), "default", "conversation" (in_conversation)

    @property
    def english(self) -> bool:
        return self.code == ENGLISH

    @property
    def sure(self) -> bool:
        """Read from the text, not assumed: any language but English is; English when the classifier is confident."""
        return not self.english or self.confidence >= MIN_CONFIDENCE


def _script(ch: str) -> str | None:
    o = ord(ch)
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
        return "ar"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "zh"
    if 0x0400 <= o <= 0x04FF:
        return "ru"
    return None


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(["en", "fr", "es"])  # the Latin-script three; the others are decided by script
    return ident


@lru_cache(maxsize=4096)
def detect(text: str) -> Detected:
    """The question's language; English when it cannot tell."""
    text = _LOOKUP.sub(" ", text or "")
    letters = [ch for ch in text if unicodedata.category(ch).startswith("L")]
    if not letters:
        return Detected(ENGLISH, 0.0, "default")
    counts: dict[str, int] = {}
    for ch in letters:
        s = _script(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    if counts:
        code, n = max(counts.items(), key=lambda kv: kv[1])
        if n / len(letters) >= _SCRIPT_SHARE:
            return Detected(code, n / len(letters), "script")
    try:
        ident = _identifier()
    except ImportError:  # the detector is a dependency; without it every question is treated as English
        return Detected(ENGLISH, 0.0, "default")
    with _lock:
        code, p = ident.classify(text)
    if code != ENGLISH and p >= MIN_CONFIDENCE:
        return Detected(code, float(p), "classifier")
    if _SPANISH_MARKS.search(text):  # "¿Qué es BENATOC?": too short for the classifier, but only Spanish writes ¿
        return Detected("es", float(p) if code == "es" else 0.0, "punctuation")
    return Detected(ENGLISH, float(p) if code == ENGLISH else 1.0 - float(p), "classifier" if code == ENGLISH
                    else "default")


def language_of(text: str) -> str:
    """detect(text).code"""
    return detect(text).code


def in_conversation(question: str, history: Sequence[tuple[str, str]] | None = None) -> Detected:
    """The language of a question asked after `history` ((question, answer) pairs, oldest first). A question too short
    to tell ("Et en 2016 ?", "Et le Kenya ?": English by default) is in the language of the last earlier question
    that was surely in one; a question whose language is sure keeps it, so a reader may switch language."""
    found = detect(question)
    if found.sure or not history:
        return found
    for previous, _ in reversed(history):
        earlier = detect(previous)
        if earlier.sure:
            return found if earlier.english else Detected(earlier.code, earlier.confidence, "conversation")
    return found
