"""app/chain.py: the retrieval stage of a multi-part question (a recording searcher, no model)."""
from __future__ import annotations

from app.chain import AnswerChain, Turn
from app.answer.extractive import ExtractiveAnswerer
from app.text.scoring import SentenceScorer
from app.types import Hit


class RecordingSearcher:
    """Paragraph numbers by query: the whole question finds 1-5, its first part 11-15, its second 21-25."""

    embedder = None

    def __init__(self):
        self.queries: list[str] = []

    def search(self, query: str, k: int = 5, section=None, **_):
        self.queries.append(query)
        base = 0 if "and where" in query else 10 if query.startswith("How many judges") else 20
        return [Hit("doc", base + i, (), f"Paragraph {base + i}.", 1.0) for i in range(1, k + 1)]


def test_a_multi_part_question_retrieves_for_the_whole_and_each_part_whole_first():
    searcher = RecordingSearcher()
    chain = AnswerChain(searcher, ExtractiveAnswerer(), scorer=SentenceScorer(), k=5)
    q = "How many judges attended the workshop, and where was it held?"
    hits = chain._retrieve(Turn(question=q, standalone=q))["hits"]
    assert searcher.queries[0] == q and len(searcher.queries) == 3
    assert [h.paragraph for h in hits] == [1, 11, 21, 2, 12, 22, 3]  # interleaved, k + one per part


def test_a_one_part_question_is_searched_once():
    searcher = RecordingSearcher()
    chain = AnswerChain(searcher, ExtractiveAnswerer(), scorer=SentenceScorer(), k=5)
    q = "How many judges attended the workshop?"
    assert [h.paragraph for h in chain._retrieve(Turn(question=q, standalone=q))["hits"]] == [11, 12, 13, 14, 15]
    assert searcher.queries == [q]


def test_the_standalone_question_names_a_capital_the_question_describes():
    """Every stage after condensing (search, ranking, grading) reads the capital's name, which a report uses."""
    searcher = RecordingSearcher()
    chain = AnswerChain(searcher, ExtractiveAnswerer(), scorer=SentenceScorer(), k=5)
    turn = chain.prepare("What did UNODC organise in Kyrgyzstan's capital in 2017?")
    assert turn.standalone == "What did UNODC organise in Kyrgyzstan's capital (Bishkek) in 2017?"
    assert searcher.queries == [turn.standalone]


def _condensed(question, history):
    chain = AnswerChain(RecordingSearcher(), ExtractiveAnswerer(), scorer=SentenceScorer(), k=5)
    return chain._condense(Turn(question=question, history=tuple(history)))


def test_a_follow_up_is_read_as_the_conversation_made_it():
    history = [("How many States were parties to the Organized Crime Convention?", "189 [¶7]")]
    out = _condensed("And to the Firearms Protocol?", history)
    assert out["read_as"] == out["standalone"] and "Firearms Protocol" in out["read_as"]
    # a first question, and a turn read as it was asked, are not "read as" anything
    assert _condensed("How many States were parties?", [])["read_as"] == ""
    assert _condensed("What is SHERLOC?", history)["read_as"] == ""


def test_read_as_leaves_out_the_capital_named_for_the_search():
    """A capital's name is added for the search, but it is no fact of the report: a reader is not shown it."""
    history = [("What did UNODC organise in Kenya in 2017?", "")]
    out = _condensed("And in Kyrgyzstan's capital?", history)
    assert "(Bishkek)" in out["standalone"] and "Bishkek" not in out["read_as"] and "Kyrgyzstan" in out["read_as"]
