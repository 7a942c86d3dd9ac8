"""app.markers: the one grammar of citation markers, written and read."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.markers import (MAX_RANGE, Ref, find_markers, format_marker, format_ref, normalise_label, parse_refs,
                         strip_markers)
from ingest.numbering import make_label


def _labels(inner: str) -> list[tuple[str | None, str]]:
    return [(r.doc_id, r.label) for r in parse_refs(inner)]


@pytest.mark.parametrize("inner,refs", [
    ("¶7", [(None, "7")]),
    ("¶7, ¶9", [(None, "7"), (None, "9")]),
    ("¶¶7-9", [(None, "7"), (None, "8"), (None, "9")]),
    ("¶7–8", [(None, "7"), (None, "8")]),
    ("¶ 7; 8", [(None, "7"), (None, "8")]),
    ("¶12; 13", [(None, "12"), (None, "13")]),
    ("¶5bis", [(None, "5bis")]),
    ("¶5 bis", [(None, "5bis")]),
    ("¶5BIS", [(None, "5bis")]),
    ("¶5.11", [(None, "5.11")]),
    ("¶05", [(None, "5")]),
    ("doc ¶7, ¶8", [("doc", "7"), ("doc", "8")]),
    ("doc-a ¶7, doc-b ¶2", [("doc-a", "7"), ("doc-b", "2")]),
    ("unodc-ccpcj-2018 ¶¶3-4", [("unodc-ccpcj-2018", "3"), ("unodc-ccpcj-2018", "4")]),
])
def test_parse_refs(inner, refs):
    assert _labels(inner) == refs


@pytest.mark.parametrize("inner", ["", "see note 7", "¶", "¶x", "7, 8", "paragraph 7"])
def test_parse_refs_finds_nothing_in_what_cites_nothing(inner):
    assert parse_refs(inner) == []


def test_a_range_that_is_no_range_reads_as_its_first_number():
    assert _labels("¶7-5") == [(None, "7")]  # backwards
    assert _labels(f"¶1-{1 + MAX_RANGE + 1}") == [(None, "1")]  # too long to be a few paragraphs
    assert len(parse_refs(f"¶1-{1 + MAX_RANGE}")) == MAX_RANGE + 1
    assert _labels("¶5bis-7") == [(None, "5bis")]  # a range only joins plain numbers


def test_find_markers_positions_and_refs():
    text = "Fiji acceded [¶7][¶8] (see [note 3]) and Japan accepted [¶5bis]. [7]"
    found = find_markers(text)
    assert [text[s:e] for s, e, _ in found] == ["[¶7]", "[¶8]", "[¶5bis]"]
    assert [[r.label for r in refs] for _, _, refs in found] == [["7"], ["8"], ["5bis"]]
    assert find_markers("") == [] and find_markers(None) == []


def test_strip_markers_keeps_other_brackets():
    assert strip_markers("a [¶7] b [note] c [doc ¶2, ¶3]").split() == ["a", "b", "[note]", "c"]


@pytest.mark.parametrize("raw,label", [("5 bis", "5bis"), ("5BIS", "5bis"), ("07", "7"), ("12", "12"), ("x", "x")])
def test_normalise_label(raw, label):
    assert normalise_label(raw) == label


def test_ref_number_and_plain():
    assert Ref(None, "5bis").number == 5 and not Ref(None, "5bis").plain
    assert Ref("d", "12").number == 12 and Ref("d", "12").plain


def test_format():
    assert format_ref("5bis") == "¶5bis" and format_ref(7, "doc") == "doc ¶7"
    assert format_marker([(None, "7"), (None, "5bis")]) == "[¶7, ¶5bis]"
    assert format_marker([("d", 7), ("d", 8)]) == "[d ¶7, d ¶8]"


REFS = st.lists(st.tuples(st.sampled_from([None, "doc", "unodc-ccpcj-2018", "a.b_c"]),
                          st.builds(make_label, st.integers(1, 99_999), st.integers(1, 14))), min_size=1, max_size=5)


@given(REFS)
def test_what_is_written_reads_back(refs):
    marker = format_marker(refs)
    (found,) = find_markers(f"A fact {marker}.")
    read = [(r.doc_id, r.label) for r in found[2]]
    # a doc_id carries to the items after it inside one bracket: an item without one reads with the last one named
    expected, doc = [], None
    for d, label in refs:
        doc = d or doc
        expected.append((doc, label))
    assert read == expected
