"""Validation of questions before they reach retrieval: one place, so the API, CLI and UI refuse the same inputs
with the same message."""
from __future__ import annotations

import re
import unicodedata

from ingest.errors import QuestionError

# Control characters (C0/C1, DEL) become spaces; they carry no meaning in a question and confuse tokenizers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")


def clean_question(question: object, *, max_chars: int = 2000) -> str:
    """The question as one line of normalised text, or QuestionError saying what to do."""
    if question is None:
        raise QuestionError("The question is empty: type a question about the report, e.g. "
                            "'How many States are parties to the Organized Crime Convention?'")
    if not isinstance(question, str):
        raise QuestionError(f"The question must be text, not {type(question).__name__}.")
    text = unicodedata.normalize("NFC", question)
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
