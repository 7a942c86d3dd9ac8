"""Questions that name a paragraph are answered from that paragraph (not abstained on, not searched around)."""
import pytest

from app.retrieval.lookup import is_pure_lookup, strip_lookup


@pytest.mark.parametrize("q,pure", [
    ("What does paragraph 80 say?", True),
    ("paragraph 68", True),
    ("¶ 7", True),
    ("Show me the full text of para. 12 please", True),
    ("What does paragraph 68 say about Japan?", False),
    ("How many States are parties?", False),
    ("What does article 46, paragraph 13 require?", False),
])
def test_pure_lookup_detection(q, pure):
    assert is_pure_lookup(q) is pure


def test_strip_lookup_removes_only_the_reference():
    assert strip_lookup("What does paragraph 68 say about Japan?").endswith("about Japan?")
    assert "68" not in strip_lookup("What does paragraph 68 say about Japan?")
    assert strip_lookup("How many States?") == "How many States?"


def test_pure_lookup_answers_with_the_paragraph_from_its_start(assistant, report_paragraphs):
    ans = assistant.ask("What does paragraph 80 say?")
    p80 = next(p for p in report_paragraphs if p.number == 80)
    assert not ans.abstained
    assert {c.paragraph for c in ans.citations} == {80}
    assert ans.citations[0].quote == p80.text[: len(ans.citations[0].quote)]


def test_lookup_with_a_detail_answers_from_that_paragraph(assistant):
    ans = assistant.ask("In paragraph 7, how many States were parties to the Firearms Protocol?")
    assert "115" in ans.text and {c.paragraph for c in ans.citations} == {7}


def test_lookup_for_something_the_paragraph_lacks_is_not_answered(assistant):
    ans = assistant.ask("What does paragraph 68 say about the 2019 budget?")
    assert ans.status in ("not_in_report", "partial") and ans.hits[0].paragraph == 68
    assert ans.abstained or "2019" in ans.lead
