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


def test_only_what_the_gate_does_not_find_answered_goes_to_the_llm(assistant):
    chain, _ = _chain(assistant, threshold=0.0)
    router = chain.answerer
    relevance = _relevance(chain, PLAIN)
    for status, asked in ((AnswerStatus.ANSWERED, False), (AnswerStatus.PARTIAL, True),
                          (AnswerStatus.NOT_IN_REPORT, True)):
        assert router.llm_needed(PLAIN, dataclasses.replace(relevance, status=status)) is asked
    unsure = dataclasses.replace(relevance, status=AnswerStatus.ANSWERED, score=0.4)
    assert RoutingAnswerer(router.llm, threshold=0.5).llm_needed(PLAIN, unsure)


def test_llm_reading_of_a_question_the_gate_declines_is_partial_under_auto(assistant):
    q = "How many States were parties to the Organized Crime Convention in 2021?"
    chain, fake = _chain(assistant, "As at 9 February 2018, 189 States had become parties to the Convention [¶7].")
    assert _relevance(chain, q).status is not AnswerStatus.ANSWERED
    a = chain.invoke(q)
    assert fake.i == 1 and a.backend == "auto:fake" and a.status is AnswerStatus.PARTIAL
    assert a.text.startswith(a.lead) and "What it does report:" in a.lead and "189" in a.claims


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


def test_half_quote_under_the_wrong_label_is_repaired(assistant):
    # what Qwen2.5-Coder-1.5B wrote on a dev question: the first clause of a ¶39 sentence, labelled ¶104
    said = "Sixty-eight European Union and non-European Union countries participated in the operations. [¶104]"
    chain, _ = _chain(assistant, said, threshold=1.01)
    a = chain.invoke("How many countries participated in the Europol Joint Action Days operations?")
    assert a.backend == "auto:fake" and [c.paragraph for c in a.citations] == [39]
    assert a.sentences[0].verified and a.sentences[0].text in assistant.searcher.paragraph(39).text


def test_fallback_answers_from_the_whole_context_not_the_llms_share(assistant):
    # the LLM reads only the best paragraph (a tiny llm_context_tokens); when it gives nothing verifiable, the
    # extractive answer may cite any paragraph it was graded on, and its citations must resolve
    q = "How many States were parties to the Organized Crime Convention and how many cases did SHERLOC include?"
    fake = FakeListChatModel(responses=["NOT_IN_REPORT", "(never used)"])
    chain = AnswerChain(assistant.searcher, RoutingAnswerer(ChatModelAnswerer(fake, name="fake"), threshold=1.01),
                        k=5, llm_context_tokens=1)
    a = chain.invoke(q)
    assert fake.i == 1 and a.backend == "extractive"
    assert {7, 8} <= {c.paragraph for c in a.citations}
    assert all(s.verified and s.cites for s in a.sentences), a.sentences


def test_readers_agreeing_on_a_sentence_make_it_answered(assistant):
    q = "What help did reporters get to look into bribery?"
    probe, _ = _chain(assistant)
    t = probe.prepare(q)
    assert t.relevance.status is AnswerStatus.PARTIAL
    extractive = probe.fallback.select(t.standalone, t.context, list(t.scored), single=True)[0]
    other = next(h for h in t.context.hits if h.key != extractive.hit.key)
    other_sentence = other.text.split(". ")[0].rstrip(".") + "."
    same, _ = _chain(assistant, f"{extractive.text} [¶{extractive.hit.label}]")
    different, _ = _chain(assistant, f"{other_sentence} [¶{other.label}]")
    agreed, disagreed = same.invoke(q), different.invoke(q)
    assert agreed.backend == "auto:fake" and agreed.status is AnswerStatus.ANSWERED and not agreed.lead
    assert disagreed.backend == "auto:fake" and disagreed.status is AnswerStatus.PARTIAL
    assert disagreed.text.startswith(disagreed.lead) and disagreed.lead


def test_readers_agreeing_on_a_sentence_that_lacks_what_is_asked_stay_partial(assistant):
    q = "When did the South Asian regional intelligence and coordination centre open?"
    probe, _ = _chain(assistant)
    t = probe.prepare(q)
    assert t.relevance.status is AnswerStatus.PARTIAL and t.relevance.lacks == "no date"
    extractive = probe.fallback.select(t.standalone, t.context, list(t.scored), single=True)[0]
    same, _ = _chain(assistant, f"{extractive.text} [¶{extractive.hit.label}]")
    a = same.invoke(q)
    assert a.backend == "auto:fake" and a.status is AnswerStatus.PARTIAL and "no date" in a.lead


def test_the_worked_example_never_reaches_a_reader(assistant):
    from app.answer.prompts import EXAMPLE_ANSWER

    chain, _ = _chain(assistant, EXAMPLE_ANSWER["quote"], strict=False)
    a = chain.invoke("How many officials were trained on asset recovery?")
    assert "340" not in a.text and any("worked example" in n for n in a.notes)


def test_thousands_split_by_the_tokenizer_are_rejoined(assistant):
    chain, _ = _chain(assistant, "As at 9 February 2018, 189 States had become parties to the Convention [¶7]. "
                                 "SHERLOC was accessed by 186, 990 users [¶9].", strict=False)
    a = chain.invoke("How many States were parties, and how many users accessed SHERLOC?")
    assert "186,990" in a.text and all(s.verified for s in a.sentences), a.sentences
