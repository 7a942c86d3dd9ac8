"""Integrity of the hand-written gold set against the report as the product parses it."""
from __future__ import annotations

from collections import Counter

import pytest

from eval.gold import MIN_PER_TYPE, MIN_TOTAL, TYPES, load_gold
from eval.normalize import contains

GOLD = load_gold()
DOC = "unodc-ccpcj-2018-activities"


def test_ids_unique_and_types_valid():
    ids = [q.id for q in GOLD.questions]
    assert len(ids) == len(set(ids))
    bad = [(q.id, q.type) for q in GOLD.questions if q.type not in TYPES]
    assert not bad


def test_counts_meet_the_minimums():
    counts = Counter(q.type for q in GOLD.questions)
    assert len(GOLD) >= MIN_TOTAL
    short = {t: (counts[t], n) for t, n in MIN_PER_TYPE.items() if counts[t] < n}
    assert not short, f"types below their minimum (have, need): {short}"


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
        if q.type == "followup":
            assert q.follows in by_id and by_id[q.follows].id < q.id, q.id
            assert q.history and q.history[0][0] == by_id[q.follows].question, q.id
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
