"""The languages an embedding model says it reads, from its model card (the README.md a model ships with).

Why the card: a question in a language the model was not trained on is embedded as noise, and retrieval then returns
confident, wrong paragraphs (all-MiniLM-L6-v2 on the translated test questions: hit@1 0.12-0.16 in Russian, Arabic
and Chinese, eval/MULTILINGUAL.md). The model's own card is the one source that covers any sentence-transformers
model a user may choose, offline: its YAML front matter has `language: en`, a list of codes, or `multilingual`.
A card that says nothing gives None: the model is then trusted with every question, as before.
"""
from __future__ import annotations

import re
from pathlib import Path

MULTILINGUAL = "multilingual"  # the card's word for "many languages": reads every question
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.S)


def card_languages(card: str | None) -> frozenset[str] | None:
    """The language codes of a model card's `language:` field (ISO 639-1, lower case, region dropped: zh-CN -> zh;
    the 639-2/3 codes of the six UN languages mapped: eng -> en), with "multilingual" kept as a member; None when the
    card has no such field or names nothing recognisable (the model is then trusted with every question)."""
    match = _FRONT_MATTER.match((card or "").lstrip("\ufeff"))
    if not match:
        return None
    try:
        import yaml
    except ImportError:  # PyYAML comes with huggingface_hub; without it the card is not read
        return None
    try:  # the C loader when built: cards with a long model-index block parse slowly in pure Python
        data = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    value = data.get("language") if isinstance(data, dict) else None
    if isinstance(value, (str, bool)):
        value = [value]
    if not isinstance(value, list):
        return None
    codes = {code for code in map(_code, value) if code}
    return frozenset(codes) or None


# The 639-2/3 codes the Hugging Face metadata also allows, for the six languages questions are detected in
_THREE_LETTER = {"eng": "en", "fra": "fr", "fre": "fr", "spa": "es", "rus": "ru", "ara": "ar", "zho": "zh", "chi": "zh",
                 "cmn": "zh"}


def _code(value: object) -> str | None:
    if value is False:  # YAML 1.1 reads a bare `no` (Norwegian) as false
        return "no"
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    if code == MULTILINGUAL:
        return code
    code = _THREE_LETTER.get(code, code)
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def read_card(model_dir: str | Path) -> str | None:
    """The README.md of a model folder, or None."""
    try:
        return (Path(model_dir) / "README.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def reads(languages: frozenset[str] | None, code: str) -> bool | None:
    """Does a model with these card languages read language `code`? None when its card does not say."""
    if languages is None:
        return None
    return MULTILINGUAL in languages or code in languages
