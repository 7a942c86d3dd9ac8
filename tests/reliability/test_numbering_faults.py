"""Issue 15: one wrong paragraph number must not lose text. Each slip is applied to a copy of the real report; the
parse must keep every character of the report's paragraphs (compared with the parse of the unmutated report) and
report the slip with its line number."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutations import flat, kept, parse, relabel, report_text
from ingest.numbering import DUPLICATE, OUT_OF_ORDER, SKIPPED
from ingest.parse import parse_text_report

TEXT = report_text()
BASE = parse(TEXT)
START = {p.number: p.line_start for p in BASE}
NUMBERS = [p.number for p in BASE]


def _parse(changes: dict[int, str]):
    return parse_text_report(relabel(TEXT, BASE, changes), doc_id="d")


def _labels(report) -> list[str]:
    return [p.label for p in report.paragraphs]


def test_the_unmutated_report_has_no_anomaly():
    assert parse_text_report(TEXT, doc_id="d").anomalies == ()


def test_paragraph_6_printed_as_5_is_kept_as_5bis():
    # the issue's case: before the fix only 5 paragraphs were indexed and ¶7's text was cited as [¶5]
    r = _parse({6: "5."})
    assert flat(r.paragraphs) == flat(BASE)
    assert len(r.paragraphs) == 110 and _labels(r)[4:7] == ["5", "5bis", "7"]
    assert r.paragraphs[5].number == 5 and r.paragraphs[5].text == BASE[5].text  # ¶6's text, cited as printed
    (a,) = r.anomalies
    assert (a.kind, a.label, a.line) == (DUPLICATE, "5bis", START[6]) and str(START[5]) in a.detail
    assert next(p for p in r.paragraphs if p.label == "7").text.startswith("As at 9 February 2018, 189 States")


def test_swapped_9_and_10_stay_two_paragraphs():
    r = _parse({9: "10.", 10: "9."})
    assert flat(r.paragraphs) == flat(BASE) and len(r.paragraphs) == 110
    assert [p.number for p in r.paragraphs][7:11] == [8, 10, 9, 11]
    assert max(len(p.text) for p in r.paragraphs) == max(len(p.text) for p in BASE)
    (a,) = r.anomalies
    assert (a.kind, a.number, a.line) == (OUT_OF_ORDER, 10, START[9])


def test_a_skipped_number():
    r = _parse({n: f"{n + 1}." for n in range(30, 111)})  # 29 is followed by 31
    assert flat(r.paragraphs) == flat(BASE) and len(r.paragraphs) == 110
    (a,) = r.anomalies
    assert (a.kind, a.number, a.label, a.line) == (SKIPPED, 30, "", START[30])


def test_a_deleted_number_joins_its_text_to_the_paragraph_before():
    r = _parse({40: ""})
    assert flat(r.paragraphs) == flat(BASE) and len(r.paragraphs) == 109
    (a,) = r.anomalies
    assert (a.kind, a.number, a.line) == (SKIPPED, 40, START[41])
    assert BASE[39].text in next(p for p in r.paragraphs if p.number == 39).text


def test_a_stray_five_digit_number():
    r = _parse({60: "10060."})
    assert flat(r.paragraphs) == flat(BASE) and len(r.paragraphs) == 110
    assert _labels(r)[58:61] == ["59", "10060", "61"]
    (a,) = r.anomalies
    assert (a.kind, a.number, a.line) == (OUT_OF_ORDER, 10060, START[60])


def test_five_digit_numbering_throughout():
    r = _parse({n: f"{n + 10000}." for n in NUMBERS})
    assert flat(r.paragraphs) == flat(BASE) and r.anomalies == ()
    assert [p.number for p in r.paragraphs] == [n + 10000 for n in NUMBERS]


def test_a_number_printed_three_times():
    r = _parse({21: "20.", 22: "20."})
    assert flat(r.paragraphs) == flat(BASE)
    assert _labels(r)[19:23] == ["20", "20bis", "20ter", "23"]
    assert [a.kind for a in r.anomalies] == [DUPLICATE, DUPLICATE]
    assert [a.line for a in r.anomalies] == [START[21], START[22]]


def test_the_last_paragraph_misnumbered():
    r = _parse({110: "109."})
    assert flat(r.paragraphs) == flat(BASE) and _labels(r)[-2:] == ["109", "109bis"]
    assert [a.line for a in r.anomalies] == [START[110]]


def test_headings_numbered_like_paragraphs_stay_headings_under_a_slip():
    # ¶8 follows the subsection heading "1. Organized Crime Convention": a slip next to it must not turn it into text
    r = _parse({8: "9.", 9: "8."})
    assert flat(r.paragraphs) == flat(BASE)
    assert [p.section_path for p in r.paragraphs] == [p.section_path for p in BASE]


def test_labels_are_unique_in_every_mutation():
    for changes in ({6: "5."}, {9: "10.", 10: "9."}, {21: "20.", 22: "20."}, {5: "4.", 6: "4.", 7: "4."}):
        labels = _labels(_parse(changes))
        assert len(labels) == len(set(labels)), changes


SLIP = st.sampled_from(["duplicate", "skip", "swap", "delete", "big"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(SLIP, st.sampled_from(NUMBERS[1:-1])), min_size=1, max_size=4))
def test_no_slip_loses_text(slips):
    """Any few slips of these kinds: the paragraphs' concatenated text is the unmutated report's."""
    changes: dict[int, str] = {}
    for kind, n in slips:
        if kind == "duplicate":
            changes[n] = f"{n - 1}."
        elif kind == "skip":
            changes[n] = f"{n + 1}."
        elif kind == "swap" and n + 1 in START:
            changes[n], changes[n + 1] = f"{n + 1}.", f"{n}."
        elif kind == "delete":
            changes[n] = ""
        else:
            changes[n] = f"{n + 20000}."
    r = _parse(changes)
    assert kept(BASE, r.paragraphs)
    labels = _labels(r)
    assert len(labels) == len(set(labels))
    assert r.anomalies, changes  # every slip leaves a trace
    assert all(1 <= a.line <= TEXT.count("\n") + 1 for a in r.anomalies)


def test_a_deleted_number_under_a_sub_heading_keeps_the_heading_as_text():
    r = _parse({82: ""})
    assert kept(BASE, r.paragraphs) and flat(r.paragraphs) != flat(BASE)
    assert "Investigation and prosecution of corruption" in next(p for p in r.paragraphs if p.number == 81).text


def _megabyte_paragraph(wrap: int | None) -> tuple[str, str]:
    """(report text, body of its paragraph 1): one paragraph of ~1 MB of sentences, in lines of `wrap` characters
    or on a single line; paragraph 2 follows it."""
    import random

    rng = random.Random(3)
    words = "the office gave technical help to States on laws against crime and trained judges in many regions".split()
    sentences = []
    size = 0
    while size < 1_000_000:
        s = " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))).capitalize() + "."
        sentences.append(s)
        size += len(s) + 1
    body = " ".join(sentences)
    if wrap is None:
        lines = [body]
    else:
        lines, line = [], []
        for w in body.split(" "):
            if line and sum(map(len, line)) + len(line) + len(w) > wrap:
                lines.append(" ".join(line))
                line = []
            line.append(w)
        lines.append(" ".join(line))
    return "1. " + "\n".join(lines) + "\n2. The next paragraph is kept apart.\n", body


@pytest.mark.parametrize("wrap", [90, None], ids=["wrapped", "one-line"])
def test_a_megabyte_paragraph_is_cut_into_parts_without_losing_text(wrap):
    from ingest.numbering import SPLIT
    from ingest.parse import MAX_PARAGRAPH_CHARS

    text, body = _megabyte_paragraph(wrap)
    r = parse_text_report(text, doc_id="d")
    parts = [p for p in r.paragraphs if p.number == 1]
    assert len(parts) >= len(body) // MAX_PARAGRAPH_CHARS
    assert all(len(p.text) <= MAX_PARAGRAPH_CHARS for p in parts)
    assert " ".join(p.text for p in parts).split() == body.split()  # every word, in order, nothing added
    assert [p.label for p in parts][:3] == ["1", "1bis", "1ter"] and len({p.label for p in parts}) == len(parts)
    (cut,) = [a for a in r.anomalies if a.kind == SPLIT]
    assert cut.label == "1" and cut.line == 1 and f"{len(parts)} parts" in cut.detail
    assert r.paragraphs[-1].label == "2" and r.paragraphs[-1].text == "The next paragraph is kept apart."
    if wrap is not None:  # a part starts on the line where the one before it stopped
        assert all(a.line_end <= b.line_start for a, b in zip(parts, parts[1:]))


def test_a_slip_before_a_paragraph_longer_than_the_lookahead_window():
    # the number the report goes on with is out of sight: the slip is not confirmed, its line stays text (this
    # raised TypeError comparing an int with None)
    from ingest.paragraphs import RESUME_WINDOW

    long_tail = "and the Office went on with this work in the region\n" * (RESUME_WINDOW + 50)
    text = ("1. The first paragraph ends here.\n2. The second one too.\n7. The Office gave help.\n" + long_tail
            + "3. The third paragraph.\n")
    r = parse_text_report(text, doc_id="d")
    assert [p.label for p in r.paragraphs] == ["1", "2", "3"]
    assert r.paragraphs[1].text.startswith("The second one too. 7. The Office gave help. and the Office")
    assert " ".join(p.text for p in r.paragraphs).split() == " ".join(text.split("\n")).replace("1. ", "", 1) \
        .replace("2. ", "", 1).replace("3. ", "", 1).split()


@pytest.mark.parametrize("first", ["duplicate", "skip"])
def test_two_neighbouring_slips_keep_both_paragraphs_apart(first):
    # ¶30 printed as "29." (or "31."), then ¶31 printed as a stray "20031.": the second slip used to hide the first,
    # whose line stayed inside ¶29 with its printed number
    changes = {30: "29." if first == "duplicate" else "31.", 31: "20031."}
    r = _parse(changes)
    assert flat(r.paragraphs) == flat(BASE) and len(r.paragraphs) == len(BASE)
    assert [p.text for p in r.paragraphs] == [p.text for p in BASE]
    assert [p.line_start for p in r.paragraphs] == [p.line_start for p in BASE]
    lines = {a.line for a in r.anomalies}
    assert START[30] in lines and START[31] in lines
    assert next(a for a in r.anomalies if a.line == START[31]).kind == OUT_OF_ORDER
