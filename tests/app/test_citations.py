"""Citation parsing and verification, driven by FakeListChatModel outputs through the real chain (real model, real
index of the report)."""
from __future__ import annotations

from langchain_core.language_models import FakeListChatModel

from app.answer.chat import ChatModelAnswerer
from app.chain import AnswerChain
from app.citations import UNVERIFIED_MARK, parse_marker, split_cited

Q = "How many States were parties to the Organized Crime Convention?"


def test_parse_marker_forms():
    assert parse_marker("¶7") == [(None, 7)]
    assert parse_marker("¶7, ¶8") == [(None, 7), (None, 8)]
    assert parse_marker("¶¶7-9") == [(None, 7), (None, 8), (None, 9)]
    assert parse_marker("unodc-x ¶7, ¶8") == [("unodc-x", 7), ("unodc-x", 8)]


def test_split_cited_sentences_and_markers():
    units = split_cited("189 States were parties [¶7]. SHERLOC had 186,990 users. [¶9][¶8] Uncited tail.")
    assert units == [("189 States were parties.", [(None, 7)]),
                     ("SHERLOC had 186,990 users.", [(None, 9), (None, 8)]),
                     ("Uncited tail.", [])]


def _chain(assistant, *responses):
    fake = FakeListChatModel(responses=list(responses))
    return AnswerChain(assistant.searcher, ChatModelAnswerer(fake, name="fake"), k=5)


def test_faithful_llm_answer_is_verified(assistant):
    a = _chain(assistant, "As at 9 February 2018, 189 States had become parties to the Convention [¶7].").invoke(Q)
    assert not a.abstained and a.backend == "fake"
    assert [c.paragraph for c in a.citations] == [7] and a.citations[0].verified
    assert a.sentences[0].verified and UNVERIFIED_MARK not in a.text
    assert a.citations[0].quote in assistant.searcher.paragraph(7).text


def test_invented_paragraph_removed(assistant):
    a = _chain(assistant, "189 States had become parties to the Convention [¶7, ¶999].").invoke(Q)
    assert {c.paragraph for c in a.citations} == {7}
    assert "999" not in a.text
    assert any("¶999" in n for n in a.notes)


def test_wrong_number_flagged(assistant):
    a = _chain(assistant, "As at 9 February 2018, 109 States had become parties to the Convention [¶7].").invoke(Q)
    s = a.sentences[0]
    assert not s.verified and "109" in s.reason
    assert UNVERIFIED_MARK in a.text
    assert all(not c.verified for c in a.citations)


def test_number_formats_normalised(assistant):
    a = _chain(assistant, "SHERLOC included more than 2700 cases from 116 countries [¶8].").invoke(
        "How many cases did SHERLOC include?")
    assert a.sentences[0].verified, a.sentences


def test_missing_citation_flagged(assistant):
    a = _chain(assistant, "189 States had become parties to the Convention [¶7]. The Convention is very popular.").invoke(Q)
    assert [s.verified for s in a.sentences] == [True, False]
    assert a.sentences[1].reason == "no citation"
    assert a.text.endswith(UNVERIFIED_MARK)


def test_unsupported_sentence_flagged(assistant):
    a = _chain(assistant, "Penguins migrate across Antarctica every winter [¶7].").invoke(Q)
    assert not a.sentences[0].verified


def test_sentinel_becomes_abstention(assistant):
    a = _chain(assistant, "NOT_IN_REPORT").invoke(Q)
    assert a.abstained and a.citations == []
    assert a.text.startswith("The report does not say")


def test_llm_failure_falls_back_to_extractive(assistant):
    class Broken(FakeListChatModel):
        def _call(self, *args, **kwargs):
            raise TimeoutError("simulated timeout")

        def _stream(self, *args, **kwargs):
            raise TimeoutError("simulated timeout")

    chain = AnswerChain(assistant.searcher, ChatModelAnswerer(Broken(responses=["x"]), name="fake"), k=5)
    a = chain.invoke(Q)
    assert a.backend == "extractive" and "189" in a.text
    assert any("failed" in n and "extractive" in n for n in a.notes)


def test_extractive_output_passes_verification_trivially(assistant):
    a = assistant.chain("extractive").invoke(Q)
    assert a.sentences and all(s.verified for s in a.sentences)
    assert all(c.verified for c in a.citations)
