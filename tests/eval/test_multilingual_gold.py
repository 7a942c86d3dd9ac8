"""The translated gold questions (eval/multilingual/{fr,es,ru,ar,zh}.jsonl): keyed to the English gold, the same
questions in every language, each in its language, with the English question's figures kept."""
from __future__ import annotations

import json
import re

import pytest

from app.language import detect, in_conversation
from eval.gold import Split, load_gold
from eval.multilingual import DIR, LANGUAGES, load_translations

# a figure written with digits, not an ordinal ("8th" is "huitième", "第八")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*(?!\d|st\b|nd\b|rd\b|th\b)")


def _rows(lang: str) -> list[dict]:
    return [json.loads(line) for line in (DIR / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_translation_is_keyed_to_its_split_once(lang):
    rows = _rows(lang)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for split in Split:
        english = load_gold(split).by_id()
        mine = [r["id"] for r in rows if r["split"] == split.value]
        assert set(mine) <= set(english), set(mine) - set(english)
        follow_ups = [r["id"] for r in rows if r["split"] == split.value and r.get("history")]
        assert len(load_translations(lang, split)) == len(mine) - len(follow_ups)
        assert [q.id for q in load_translations(lang, split, followups=True).questions] == follow_ups
    assert len([r for r in rows if r["split"] == Split.TEST.value]) >= 60  # issue 14: at least 60 questions


def test_every_language_has_the_same_questions():
    ids = {lang: sorted((r["split"], r["id"]) for r in _rows(lang)) for lang in LANGUAGES}
    assert all(v == ids[LANGUAGES[0]] for v in ids.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_question_is_in_its_language_and_keeps_the_figures(lang):
    english = {**load_gold(Split.DEV).by_id(), **load_gold(Split.TEST).by_id()}
    for r in _rows(lang):
        history = [(h[0], "") for h in r.get("history", ())]
        # a follow-up too short to tell ("Y en 2016?") is read in its conversation's language, as ParaCite reads it
        assert in_conversation(r["question"], history).code == lang, (r["id"], r["question"])
        assert all(detect(h).code == lang for h, _ in history), (r["id"], history)
        squeezed = re.sub(r"[\s\u00a0\u202f,.]", "", r["question"])
        for figure in _FIGURE.findall(english[r["id"]].question):  # the follow-up's own figures
            assert re.sub(r"[,.]", "", figure) in squeezed, (r["id"], figure, r["question"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_translated_follow_up_has_its_conversation_translated(lang):
    for split in Split:
        english = load_gold(split).by_id()
        translated = load_translations(lang, split, followups=True).questions
        assert len(translated) >= 5  # the gold follow-ups of each split, and the dev conversations written blind
        for q in translated:
            assert len(q.history) == len(english[q.id].history)
            assert all(mine != theirs for (mine, _), (theirs, _) in zip(q.history, english[q.id].history))
