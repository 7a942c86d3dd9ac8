"""The sentence splitter shared by chunking and answering: verbatim substrings, no splits inside citations."""
import pytest

from ingest.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize("text,expected", [
    ("It cites art. 13, para. 1 (c), of the Convention and arts. 7, 8 and 11. Next sentence.",
     ["It cites art. 13, para. 1 (c), of the Convention and arts. 7, 8 and 11.", "Next sentence."]),
    ("See No. 5 and paras. 3-4 of the report. Then more.", ["See No. 5 and paras. 3-4 of the report.", "Then more."]),
    ("The U.S. Government paid $1.66 million. It was 2.5 per cent.",
     ["The U.S. Government paid $1.66 million.", "It was 2.5 per cent."]),
    ("It was called “Hear their voices.” The exhibition moved.",
     ["It was called “Hear their voices.”", "The exhibition moved."]),
    # a full stop inside a quoted title ends no sentence; an unclosed quote does not swallow the rest
    ("The exhibition “Hear their voices. Act to protect” was shown. It moved.",
     ["The exhibition “Hear their voices. Act to protect” was shown.", "It moved."]),
    ("A quote “never closed. Then more.", ["A quote “never closed.", "Then more."]),
    ("A quote “never closed. Then the “Guide” appeared.", ["A quote “never closed.", "Then the “Guide” appeared."]),
    ("Held in 2017 (see E/CN.15/2018/1). 189 States took part.",
     ["Held in 2017 (see E/CN.15/2018/1).", "189 States took part."]),
    ("Is it? Yes! e.g. this one stays.", ["Is it?", "Yes! e.g. this one stays."]),
    ("No final stop", ["No final stop"]),
    ("", []),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_sentences_are_verbatim_and_in_order(report_paragraphs):
    for p in report_paragraphs:
        spans = sentence_spans(p.text)
        assert spans and spans[0][0] == 0 and spans[-1][1] == len(p.text)
        for (a, b), (c, _) in zip(spans, spans[1:]):
            assert b <= c and p.text[b:c].strip() == ""
        for s in split_sentences(p.text):
            assert s in p.text and s == s.strip()


def test_real_paragraph_sentence_counts(report_paragraphs):
    by = {p.number: p for p in report_paragraphs}
    # paragraph 69 holds "art. 13, para. 1 (c)" and "arts. 7, 8 and 11": still 2 sentences
    assert len(split_sentences(by[69].text)) == 2
    assert split_sentences(by[7].text) == [by[7].text]
    first, second = split_sentences(by[28].text)  # "$403,447. In 2017" splits, "$1.66 million" does not
    assert first.endswith("grants totalling $403,447.") and second.startswith("In 2017, the Trust Fund raised")
