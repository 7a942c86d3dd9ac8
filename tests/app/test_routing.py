"""auto routing and LLM answers read through verification, with FakeListChatModel as the LLM (real model, real index
of the report): the extractive reader answers confident questions without the LLM; the LLM reads the rest, and its
answer is kept only when verification supports it."""
from __future__ import annotations

import dataclasses

import pytest
from langchain_core.language_models import FakeListChatModel

from app.answer.chat import ChatModelAnswerer
from app.answer.routing import RoutingAnswerer, make_auto_answerer
from app.chain import AnswerChain
from app.types import AnswerStatus
from ingest.errors import BackendError

PLAIN = "How many States were parties to the Organized Crime Convention?"
PARAPHRASED = "How many countries have signed up to the treaty against organised crime?"


def _chain(assistant, *responses, threshold=0.0, strict=True):
    # a spare last response: FakeListChatModel's call counter `i` wraps to 0 after its last response
    fake = FakeListChatModel(responses=[*responses, "(never used)"])
    llm = ChatModelAnswerer(fake, name="fake")
    answerer = RoutingAnswerer(llm, threshold=threshold) if strict else llm
    return AnswerChain(assistant.searcher, answerer, k=5), fake


def _relevance(chain, question):
    return chain.prepare(question).relevance


def test_confident_question_never_reaches_the_llm(assistant):
    chain, fake = _chain(assistant, "NOT_IN_REPORT", threshold=0.0)
    assert _relevance(chain, PLAIN).status is AnswerStatus.ANSWERED
    a = chain.invoke(PLAIN)
    assert fake.i == 0 and a.backend == "extractive" and "189" in a.text


def test_unsure_question_is_read_by_the_llm(assistant):
    llm_says = "As at 9 February 2018, 189 States had become parties to the Convention [¶7]."
    chain, fake = _chain(assistant, llm_says, threshold=1.01)  # nothing is confident: every question goes to the LLM
    a = chain.invoke(PLAIN)
    assert fake.i == 1
    assert a.backend == "auto:fake" and a.status is AnswerStatus.ANSWERED and "189" in a.text
    assert [c.paragraph for c in a.citations] == [7] and all(s.verified for s in a.sentences)


def test_multi_part_question_is_never_confident(assistant):
    chain, _ = _chain(assistant, threshold=0.0)
    router = chain.answerer
    q = "How many States were parties to the Convention and how many to the Firearms Protocol?"
    relevance = dataclasses.replace(_relevance(chain, q), status=AnswerStatus.ANSWERED, score=0.99)
    assert router.llm_needed(q, relevance)
    assert not router.llm_needed(PLAIN, dataclasses.replace(relevance, status=AnswerStatus.ANSWERED))
    assert router.llm_needed(PLAIN, dataclasses.replace(relevance, status=AnswerStatus.PARTIAL))


def test_unverifiable_llm_answer_falls_back_to_the_extractive_grade(assistant):
    chain, fake = _chain(assistant, "Penguins migrate across Antarctica every winter [¶7].", threshold=1.01)
    a = chain.invoke(PLAIN)
    assert fake.i == 1 and a.backend == "extractive"
    assert "189" in a.text and "Penguins" not in a.text
    assert any("fake backend gave no answer" in n for n in a.notes)


def test_llm_sentinel_under_auto_falls_back_to_the_extractive_grade(assistant):
    chain, _ = _chain(assistant, "NOT_IN_REPORT", threshold=1.01)
    a = chain.invoke(PLAIN)
    assert a.status is AnswerStatus.ANSWERED and "189" in a.text
    assert any("said the paragraphs do not answer" in n for n in a.notes)


def test_unverified_sentences_are_left_out_under_auto(assistant):
    chain, _ = _chain(assistant, "As at 9 February 2018, 189 States had become parties to the Convention [¶7]. "
                                 "Penguins migrate across Antarctica every winter [¶7].", threshold=1.01)
    a = chain.invoke(PLAIN)
    assert "Penguins" not in a.text and all(s.verified for s in a.sentences) and len(a.sentences) == 1
    assert any("left out" in n for n in a.notes)


def test_llm_backend_reads_questions_the_gate_would_decline(assistant):
    q = "How many nations have joined the pact on transnational organised crime so far?"
    chain, fake = _chain(assistant, "As at 9 February 2018, 189 States had become parties to the Convention [¶7].",
                         strict=False)
    relevance = _relevance(chain, q)
    a = chain.invoke(q)
    assert fake.i == 1, relevance  # the LLM was asked whatever the gate thought
    assert a.status is AnswerStatus.ANSWERED and a.backend == "fake" and "189" in a.text


def test_llm_answer_without_the_asked_year_is_partial(assistant):
    q = "How many States were parties to the Organized Crime Convention in 2021?"
    chain, _ = _chain(assistant, "As at 9 February 2018, 189 States had become parties to the Convention [¶7].",
                      strict=False)
    a = chain.invoke(q)
    assert a.status is AnswerStatus.PARTIAL and "2021" in a.gap
    assert a.text.startswith(a.lead) and a.lead.startswith("The report does not give this for 2021")
    assert [c.paragraph for c in a.citations] == [7]


def test_wrong_number_is_repaired_to_the_verbatim_sentence(assistant):
    q = "How many cases did SHERLOC include?"
    chain, _ = _chain(assistant, "By 2018, SHERLOC included more than 2,900 cases from 116 countries [¶8].",
                      strict=False)
    truth = next(s for s in assistant.searcher.paragraph(8).text.split(". ") if "cases" in s)
    a = chain.invoke(q)
    assert all(s.verified for s in a.sentences), a.sentences
    assert "2,900" not in a.text and truth.split(",")[0] in a.text
    assert any("paraphrases" in n for n in a.notes)


def test_auto_needs_an_llm_backend():
    with pytest.raises(BackendError, match="PARACITE_LLM_BASE_URL"):
        make_auto_answerer(llm_backend="openai")
    with pytest.raises(BackendError, match="not to itself"):
        make_auto_answerer(llm_backend="auto")


def test_bare_figure_is_expanded_to_its_sentence(assistant):
    chain, _ = _chain(assistant, "146 [¶7]", strict=False)
    a = chain.invoke("And how many States were parties to the Smuggling of Migrants Protocol?")
    assert a.status is AnswerStatus.ANSWERED and all(s.verified for s in a.sentences)
    assert a.text.startswith("As at 9 February 2018, 189 States had become parties") and "146" in a.text
    assert any("expanded the fragment" in n for n in a.notes)
