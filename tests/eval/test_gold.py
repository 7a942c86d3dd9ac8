"""Integrity of the hand-written gold splits against the report as the product parses it, and the test split's lock."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from eval.gold import MIN_PER_TYPE, MIN_TOTAL, TYPES, GoldSet, Split, file_sha256, load_gold, recorded_test_sha256
from eval.normalize import contains

DEV, TEST = load_gold(Split.DEV), load_gold(Split.TEST)
GOLD = GoldSet(DEV.questions + TEST.questions)
DOC = "unodc-ccpcj-2018-activities"


def test_the_test_split_is_locked_by_its_recorded_sha256():
    assert recorded_test_sha256() == file_sha256(Split.TEST.path), (
        "eval/gold_test.jsonl changed: the locked test split may only change on purpose, with "
        "`python -m eval.split_gold` rewriting eval/gold_test.sha256 in the same commit")


def test_the_splits_are_disjoint_and_each_meets_the_minimums():
    assert not {q.id for q in DEV.questions} & {q.id for q in TEST.questions}
    for split in (DEV, TEST):
        counts = Counter(q.type for q in split.questions)
        assert len(split) >= MIN_TOTAL, split.path
        short = {t: (counts[t], n) for t, n in MIN_PER_TYPE.items() if counts[t] < n}
        assert not short, f"{split.path}: types below their minimum (have, need): {short}"
    blind = [q for q in GOLD.questions if q.origin == "blind"]
    in_test = [q for q in blind if q in TEST.questions]
    assert len(blind) >= 120 and len(in_test) >= len(blind) / 2


def _five_grams(text: str) -> set[tuple[str, ...]]:
    w = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return {tuple(w[i:i + 5]) for i in range(len(w) - 4)}


def test_blind_questions_share_no_five_word_sequence_with_their_paragraphs(paragraphs):
    """A blind question is worded as a reader who has not read the paragraph would word it: a copied 5-word run
    would make it a lookup of the report's own words."""
    copied = []
    for q in GOLD.questions:
        if not q.written_blind:
            continue
        for p in q.gold_paragraphs or q.neighbour_paragraphs:
            shared = _five_grams(q.question) & _five_grams(paragraphs[p].text)
            if shared:
                copied.append((q.id, p, " ".join(sorted(shared)[0])))
    assert not copied, copied


def test_the_five_word_check_can_fail():
    assert _five_grams("How many States had become parties to it?") & _five_grams(
        "As at 9 February 2018, 189 States had become parties to the Convention")


def test_near_miss_questions_say_where_the_neighbouring_fact_is_and_what_is_missing():
    for q in GOLD.questions:
        if q.written_blind and not q.answerable:
            assert q.neighbour_paragraphs and q.gap, q.id


def test_ids_unique_and_types_valid():
    ids = [q.id for q in GOLD.questions]
    assert len(ids) == len(set(ids))
    bad = [(q.id, q.type) for q in GOLD.questions if q.type not in TYPES]
    assert not bad


def test_answerable_questions_are_labelled_and_unanswerable_are_not():
    for q in GOLD.questions:
        assert q.question.strip() and q.doc_id == DOC, q.id
        if q.answerable:
            assert q.gold_paragraphs and q.key_facts, q.id
            assert all(1 <= p <= 110 for p in q.gold_paragraphs), q.id
            assert len(set(q.gold_paragraphs)) == len(q.gold_paragraphs), q.id
        else:
            assert not q.gold_paragraphs and not q.key_facts, q.id


def test_followups_and_sections_are_well_formed():
    by_id = GOLD.by_id()
    for q in GOLD.questions:
        if q.type == "followup" and q.follows:
            assert q.follows in by_id and by_id[q.follows].id < q.id, q.id
            assert q.history and q.history[0][0] == by_id[q.follows].question, q.id
        elif q.type == "followup":  # a conversation whose first question is not a gold question of its own
            assert q.history and all(h[0].strip() for h in q.history), q.id
        if q.type == "section":
            assert q.section, q.id
    multi = [q for q in GOLD.questions if q.type == "multi"]
    assert all(len(q.gold_paragraphs) >= 2 for q in multi)


@pytest.fixture(scope="module")
def paragraphs(report_paragraphs):
    return {p.number: p for p in report_paragraphs}


def test_report_parses_into_the_110_paragraphs_the_gold_set_refers_to(paragraphs):
    assert sorted(paragraphs) == list(range(1, 111))


def test_every_key_fact_occurs_in_a_gold_paragraph(paragraphs):
    missing = []
    for q in GOLD.questions:
        for fact in q.key_facts:
            texts = [t for p in q.gold_paragraphs for t in (paragraphs[p].text, *paragraphs[p].footnotes)]
            if not any(contains(t, fact) for t in texts):
                missing.append((q.id, fact, q.gold_paragraphs))
    assert not missing, f"key facts not found in their gold paragraphs: {missing}"


def test_section_filters_name_the_gold_paragraphs_sections(paragraphs):
    """A section-level question's gold paragraphs lie in the section its filter names (checked on the headings'
    own labels: "II.C.4" = chapter II, part C, subsection 4)."""
    for q in GOLD.questions:
        if not q.section:
            continue
        for p in q.gold_paragraphs:
            path = paragraphs[p].section_path
            labels = [h.split(".")[0].strip() for h in path]
            assert labels[: len(q.section.split("."))] == q.section.split("."), (q.id, path)
