"""ingest.numbering: paragraph labels ("5", "5bis", ..., "5.11") and the anomalies Numbering records."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.numbering import (DUPLICATE, KINDS, OUT_OF_ORDER, SKIPPED, SPLIT, SUFFIXES, UNNUMBERED, Numbering,
                              NumberingAnomaly, make_label, parse_label)


@pytest.mark.parametrize("number,occurrence,label", [
    (5, 1, "5"), (5, 2, "5bis"), (5, 3, "5ter"), (5, 4, "5quater"), (5, 10, "5decies"), (5, 11, "5.11"),
    (12345, 2, "12345bis"),
])
def test_make_label(number, occurrence, label):
    assert make_label(number, occurrence) == label


@pytest.mark.parametrize("text,parsed", [
    ("5bis", (5, "5bis")), (" 7 ", (7, "7")), ("5 bis", (5, "5bis")), ("5BIS", (5, "5bis")),
    ("5quinquies", (5, "5quinquies")), ("5.11", (5, "5.11")), ("5.011", (5, "5.11")), ("007", (7, "7")),
])
def test_parse_label(text, parsed):
    assert parse_label(text) == parsed


@pytest.mark.parametrize("text", ["", " ", "bis", "5x", "5-6", "¶5", "5bisbis", "5.", "-5", "five", "5 ter bis"])
def test_parse_label_refuses_what_is_no_label(text):
    assert parse_label(text) is None


@given(st.integers(0, 10**6), st.integers(1, 30))
def test_every_label_made_parses_back(number, occurrence):
    label = make_label(number, occurrence)
    assert parse_label(label) == (number, label)
    assert parse_label(label.upper()) == (number, label)


def test_labels_of_one_number_are_distinct():
    labels = [make_label(3, k) for k in range(1, len(SUFFIXES) + 5)]
    assert len(set(labels)) == len(labels)


def _accept_all(numbers, resumes=None):
    n = Numbering()
    resumes = resumes or {}
    labels = [n.accept(num, line, resume=resumes.get(line)) for line, num in enumerate(numbers, 1)]
    return n, labels


def test_a_clean_sequence_has_no_anomaly():
    n, labels = _accept_all([1, 2, 3])
    assert labels == ["1", "2", "3"] and n.anomalies == [] and n.expected == 4


def test_a_number_printed_twice():
    n, labels = _accept_all([1, 2, 2, 3], resumes={3: 3})
    assert labels == ["1", "2", "2bis", "3"]
    (a,) = n.anomalies
    assert (a.kind, a.number, a.label, a.line) == (DUPLICATE, 2, "2bis", 3)
    assert "first at line 2" in a.detail and "3 was expected" in a.detail


def test_a_jump_forward_is_skipped_numbers():
    n, labels = _accept_all([1, 2, 5, 6])
    assert labels == ["1", "2", "5", "6"] and n.expected == 7
    (a,) = n.anomalies
    assert (a.kind, a.number, a.label, a.line) == (SKIPPED, 3, "", 3) and "3–4" in a.detail


def test_a_number_printed_early_is_not_expected_again():
    # "4" before "3": 3 follows it, and the paragraph after 3 is 5
    n, labels = _accept_all([1, 2, 4, 3, 5], resumes={3: 3})
    assert labels == ["1", "2", "4", "3", "5"] and n.expected == 6
    (a,) = n.anomalies
    assert (a.kind, a.number, a.line) == (OUT_OF_ORDER, 4, 3) and "3 follows it" in a.detail


def test_a_stray_number_in_place_of_the_expected_one():
    n, labels = _accept_all([1, 2, 10060, 4], resumes={3: 4})
    assert labels == ["1", "2", "10060", "4"] and n.expected == 5
    (a,) = n.anomalies
    assert (a.kind, a.number, a.line) == (OUT_OF_ORDER, 10060, 3) and "resumes at 4" in a.detail


def test_a_numbering_that_restarts_lower():
    n, labels = _accept_all([7, 8, 9, 1, 2])
    assert labels == ["7", "8", "9", "1", "2"] and n.expected == 3
    (a,) = n.anomalies
    assert (a.kind, a.number, a.line) == (OUT_OF_ORDER, 1, 4) and "back from 9 to 1" in a.detail


def test_cut_parts_get_suffixed_labels_and_one_split_anomaly():
    n, _ = _accept_all([1, 2])
    parts = [n.cut(2, 2, "2", 30_000)[0] for _ in range(3)]
    assert parts == ["2bis", "2ter", "2quater"]
    (a,) = n.anomalies  # one per over-long paragraph, replaced as parts are added
    assert (a.kind, a.label, a.line) == (SPLIT, "2", 2)
    assert "4 parts" in a.detail and "¶2quater" in a.detail
    assert n.accept(3, 9) == "3" and n.accept(2, 10) == "2quinquies"  # the parts count as uses of the number


def test_unnumbered_text_is_recorded():
    n, _ = _accept_all([1])
    n.unnumbered(1, "1", 7)
    (a,) = n.anomalies
    assert (a.kind, a.label, a.line) == (UNNUMBERED, "1", 7) and "¶1" in a.detail


def test_anomaly_json_round_trip_and_text():
    a = NumberingAnomaly(DUPLICATE, 5, "5bis", 111, "paragraph number 5 printed again")
    assert NumberingAnomaly.from_json(a.to_json()) == a
    assert str(a) == "line 111: paragraph number 5 printed again"
    assert set(KINDS) == {DUPLICATE, SKIPPED, OUT_OF_ORDER, SPLIT, UNNUMBERED}
