"""Validation of questions before they reach retrieval: one place, so the API, CLI and UI refuse the same inputs
with the same message."""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from app.errors import OptionError, QuestionError

# Control characters (C0/C1, DEL) become spaces; they carry no meaning in a question and confuse tokenizers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """`text` as valid Unicode: a surrogate pair becomes its character, a lone surrogate (from invalid UTF-8 on a
    command line, or a JSON "\\ud800") becomes U+FFFD. Tokenizers, JSON encoders and terminals all reject surrogates,
    so they must not get past the edge of the app."""
    if text.isascii():
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def clean_question(question: object, *, max_chars: int = 2000) -> str:
    """The question as one line of normalised text, or QuestionError saying what to do."""
    if question is None:
        raise QuestionError("The question is empty: type a question about the report, e.g. "
                            "'How many States are parties to the Organized Crime Convention?'")
    if not isinstance(question, str):
        raise QuestionError(f"The question must be text, not {type(question).__name__}.")
    text = unicodedata.normalize("NFC", clean_text(question))
    text = _SPACE.sub(" ", _CONTROL.sub(" ", text)).strip()
    if not text:
        raise QuestionError("The question is empty: type a question about the report, e.g. "
                            "'How many States are parties to the Organized Crime Convention?'")
    if len(text) > max_chars:
        raise QuestionError(
            f"The question is {len(text):,} characters long; the limit is {max_chars:,}. Ask the question itself "
            f"(paste no documents), or raise the limit with PARACITE_MAX_QUESTION_CHARS."
        )
    if not any(ch.isalnum() for ch in text):
        raise QuestionError("The question has no words: type a question about the report.")
    return text


def preview(text: object, limit: int = 200) -> str:
    """A refused question as it may be shown back: valid Unicode and short (a 1 MB paste is not echoed)."""
    text = clean_text(text) if isinstance(text, str) else ""
    if len(text) <= limit:
        return text
    return f"{text[:limit].rstrip()}… ({len(text):,} characters)"


def check_k(k: Any) -> int | None:
    """`k` (paragraphs to retrieve) as a positive int; None means the configured default. Integral floats (7.0, what
    sliders and JSON clients send) are accepted; bools, strings, fractions, NaN and infinities are not."""
    if k is None:
        return None
    if isinstance(k, float) and math.isfinite(k) and k.is_integer():
        k = int(k)
    if isinstance(k, bool) or not isinstance(k, int):
        shown = repr(k) if isinstance(k, (str, float)) else type(k).__name__
        raise OptionError(f"k must be a whole number of paragraphs (1 or more), not {preview(shown, 40)}")
    if k < 1:
        raise OptionError(f"k must be a whole number of paragraphs (1 or more), not {k}")
    return k


def check_section(section: Any) -> str | None:
    """A section filter: text (a label such as II.C or words of a heading); None or blank = all sections."""
    if section is None:
        return None
    if not isinstance(section, str):
        raise OptionError(f"section must be text such as II.C or words of a heading, not {type(section).__name__}")
    section = " ".join(clean_text(section).split())
    return section or None


def check_backend(backend: Any) -> str | None:
    """An answerer name; None or blank = the configured default."""
    if backend is None or (isinstance(backend, str) and not backend.strip()):
        return None
    from app.answer.base import names

    if not isinstance(backend, str) or backend.strip() not in names():
        shown = preview(repr(backend), 40) if isinstance(backend, str) else type(backend).__name__
        raise OptionError(f"backend must be one of {', '.join(names())}, not {shown}")
    return backend.strip()
