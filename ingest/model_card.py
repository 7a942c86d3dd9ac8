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
    """The language codes of a model card's `language:` field (lower case, region dropped: zh-CN -> zh), with
    "multilingual" kept as a member; None when the card has no such field."""
    match = _FRONT_MATTER.match(card or "")
    if not match:
        return None
    try:
        import yaml
    except ImportError:  # PyYAML comes with huggingface_hub; without it the card is not read
        return None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return None
    value = data.get("language") if isinstance(data, dict) else None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return None
    codes = {str(v).strip().lower().replace("_", "-").split("-")[0] for v in value if str(v).strip()}
    return frozenset(codes) or None


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
