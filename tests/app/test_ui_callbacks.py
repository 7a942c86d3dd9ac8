"""The UI callbacks as plain functions: streaming, citations, abstention, follow-ups, errors, export, escaping.

The first part drives them with a small scripted double (fast, exact control over what the assistant returns); the
last part runs the same callbacks over the real Assistant on the real report."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


from app.types import AnswerStatus, Answer, Citation, Hit, Sentence
from app.ui import callbacks, render
from app.errors import QuestionError

DOC = "unodc-ccpcj-2018-activities"
Q189 = "As at 1 March 2018, 189 States had become parties to the Organized Crime Convention."


def _hit(n, text):
    return Hit(DOC, n, ("II. Transnational organized crime",), text, 1.0, title="Activities of UNODC")


@dataclass(frozen=True)
class _Section:
    doc_id: str
    path: tuple
    label: str
    n_paragraphs: int


class ScriptedAssistant:
    """Test double of the Assistant API: returns scripted answers and records what it was asked."""

    def __init__(self, answer: Answer, pieces=None, error: Exception | None = None):
        self.answer = answer
        self.pieces = pieces if pieces is not None else [answer.text[:20], answer.text[20:]]
        self.error = error
        self.calls: list[dict] = []

    def stream(self, question, history=None, section=None, backend=None, k=None):
        self.calls.append(dict(question=question, history=history, section=section, backend=backend, k=k))
        if self.error:
            raise self.error
        yield from self.pieces
        yield self.answer

    def ask(self, question, history=None, section=None, backend=None, k=None):
        self.calls.append(dict(question=question, history=history, section=section, backend=backend, k=k))
        if not question.strip():
            raise QuestionError("The question is empty: type a question about the report.")
        return self.answer

    def search(self, question, k=5, section=None):
        return [_hit(11, "Paragraph eleven, fetched by number.")] if "11" in question else []

    def paragraph(self, doc_id, label_or_number):
        return _hit(11, "Paragraph eleven, fetched by number.") if str(label_or_number) == "11" else None

    def info(self):
        return {"documents": [{"doc_id": DOC, "title": "Activities of UNODC", "n_paragraphs": 85}], "n_paragraphs": 85,
                "n_chunks": 88, "embedding_model": "m", "created": "2024-01-01T00:00:00", "index_kind": "flat"}

    def sections(self):
        return [_Section(DOC, ("II. Transnational organized crime",), "II", 30),
                _Section(DOC, ("II. Transnational organized crime", "A. Working groups"), "II.A", 5)]

    def backends(self):
        return ["extractive"]


def answer_189(**kw):
    base = dict(question="How many States were parties?", text=f"{Q189} [¶7]",
                citations=[Citation(7, DOC, "II. Transnational organized crime", Q189)],
                hits=[_hit(7, Q189 + " More text."), _hit(9, "Other paragraph.")],
                sentences=[Sentence(Q189, ((DOC, 7),))])
    base.update(kw)
    return Answer(**base)


def run(assistant, question, session=None, tmp_path=None, **kw):
    return list(callbacks.respond(assistant, question, session, note_dir=tmp_path, **kw))


def test_streams_pieces_then_renders_the_final_answer(tmp_path):
    a = ScriptedAssistant(answer_189())
    turns = run(a, "How many States were parties?", tmp_path=tmp_path)
    assert len(turns) == 1 + 2 + 1  # pending, two pieces, final
    assert "Searching" in turns[0].messages[-1]["content"]
    assert turns[1].messages[-1]["content"].count("As at 1 March") == 1 and "pc-cursor" in turns[1].messages[-1]["content"]
    final = turns[-1]
    assert [m["role"] for m in final.messages] == ["user", "assistant"]
    assert "189 States" in final.messages[-1]["content"] and 'class="cite-chip"' in final.messages[-1]["content"]
    assert f'id="{render.para_dom_id(DOC, 7)}"' in final.evidence and "<mark>" in final.evidence
    assert final.question_box == ""
    assert final.session.history == [("How many States were parties?", f"{Q189} [¶7]")]


def test_follow_up_passes_the_conversation_as_pairs(tmp_path):
    a = ScriptedAssistant(answer_189())
    first = run(a, "How many States were parties?", tmp_path=tmp_path)[-1].session
    run(a, "And in which year?", first, tmp_path=tmp_path)
    assert a.calls[0]["history"] == []
    assert a.calls[1]["history"] == [("How many States were parties?", f"{Q189} [¶7]")]
    assert len(first.messages) == 4


def test_a_follow_up_shows_how_it_was_understood(tmp_path):
    first = run(ScriptedAssistant(answer_189()), "How many States were parties?", tmp_path=tmp_path)[-1]
    assert "pc-read-as" not in first.messages[-1]["content"]  # read as asked: nothing to say
    understood = "How many States were parties in 2016?"
    follow = run(ScriptedAssistant(answer_189(question="And in 2016?", read_as=understood)),
                 "And in 2016?", first.session, tmp_path=tmp_path)[-1]
    assert f'<div class="pc-read-as" dir="auto">Read as: {understood}</div>' in follow.messages[-1]["content"]
    assert f"**Read as:** {understood}" in follow.note


def test_controls_are_passed_through(tmp_path):
    a = ScriptedAssistant(answer_189())
    run(a, "q?", tmp_path=tmp_path, section="II.A", backend="extractive", k=7.0)
    assert a.calls[-1] == dict(question="q?", history=[], section="II.A", backend="extractive", k=7)
    run(a, "q?", tmp_path=tmp_path, section=callbacks.ALL_SECTIONS, backend=None, k=500)
    assert a.calls[-1]["section"] is None and a.calls[-1]["k"] == callbacks.MAX_K


def test_abstention_state(tmp_path):
    ans = Answer(question="budget?", text="The report does not answer this question.", status="not_in_report",
                 hits=[_hit(40, "Funding."), _hit(41, "Donors.")])
    final = run(ScriptedAssistant(ans), "What was UNODC's total budget in 2019?", tmp_path=tmp_path)[-1]
    assert render.ABSTAIN_TITLE in final.messages[-1]["content"]
    assert render.ABSTAIN_TITLE in final.evidence and "Donors." in final.evidence
    assert "Not in the report" in final.note


def test_cited_paragraph_missing_from_hits_is_fetched_by_number(tmp_path):
    ans = answer_189(citations=[Citation(11, DOC, "II", "Paragraph eleven")], text="Paragraph eleven [¶11]",
                     sentences=[Sentence("Paragraph eleven", ((DOC, 11),))])
    final = run(ScriptedAssistant(ans), "q", tmp_path=tmp_path)[-1]
    assert "<mark>Paragraph eleven</mark>, fetched by number." in final.evidence


def test_paracite_error_becomes_one_friendly_line_and_keeps_the_last_answer(tmp_path):
    a = ScriptedAssistant(answer_189())
    session = run(a, "How many States were parties?", tmp_path=tmp_path)[-1].session
    evidence_before = session.evidence
    a.error = QuestionError("The question is empty: type a question about the report.")
    final = run(a, "   ", session, tmp_path=tmp_path)[-1]
    msg = final.messages[-1]["content"]
    assert "pc-error" in msg and "The question is empty" in msg and "\n" not in msg
    assert final.evidence == evidence_before and final.note and final.download
    assert len(final.session.history) == 1  # the failed turn is not conversation


def test_unexpected_error_does_not_break_the_session(tmp_path):
    a = ScriptedAssistant(answer_189(), error=RuntimeError("boom"))
    final = run(a, "q", tmp_path=tmp_path)[-1]
    assert "Something went wrong" in final.messages[-1]["content"] and "boom" not in final.messages[-1]["content"]


def test_export_file_is_written_per_answer(tmp_path):
    final = run(ScriptedAssistant(answer_189()), "How many?", tmp_path=tmp_path)[-1]
    path = Path(final.download)
    assert path.is_file() and path.suffix == ".md" and tmp_path in path.parents
    assert path.read_text(encoding="utf-8") == final.note
    assert "1. Activities of UNODC, paragraph 7" in final.note


def test_clear_starts_a_fresh_conversation(tmp_path):
    session = run(ScriptedAssistant(answer_189()), "q", tmp_path=tmp_path)[-1].session
    cleared = callbacks.clear(session)
    assert cleared.messages == [] and cleared.session.history == [] and cleared.session is not session
    assert cleared.note == "" and cleared.download is None and "Ask a question" in cleared.evidence


def test_user_and_report_text_are_escaped_in_the_chat(tmp_path):
    evil = "<script>alert(1)</script>"
    ans = answer_189(text=f"{evil} [¶7]", question=evil)
    final = run(ScriptedAssistant(ans, pieces=[evil]), evil, tmp_path=tmp_path)
    for turn in final:
        for m in turn.messages:
            assert "<script" not in m["content"]
        assert "<script" not in turn.evidence
    assert "&lt;script&gt;" in final[-1].messages[0]["content"]


def test_section_choices_and_header():
    a = ScriptedAssistant(answer_189())
    choices = callbacks.section_choices(a)
    assert choices[0] == ("All sections", callbacks.ALL_SECTIONS)
    assert [v for _, v in choices[1:]] == ["II", "II.A"]
    assert choices[1][0] == "II Transnational organized crime (30 ¶)"
    assert choices[2][0] == "II.A Working groups (5 ¶)"
    assert "Activities of UNODC" in callbacks.header(a)


def test_api_ask_returns_the_json_contract_and_note():
    out = callbacks.api_ask(ScriptedAssistant(answer_189()), "How many?", "", 0, "")
    assert out["answer"].endswith("[¶7]") and out["citations"][0]["paragraph"] == 7
    assert out["abstained"] is False and out["briefing_note"].startswith("# Briefing note")


# -- the same callbacks over the real Assistant on the real report ------------------------------------------------

def test_real_assistant_answers_with_paragraph_7(assistant, tmp_path):
    turns = run(assistant, "How many States were parties to the Organized Crime Convention?", tmp_path=tmp_path)
    final = turns[-1]
    assert len(turns) >= 3  # pending, at least one streamed piece, final
    chat = final.messages[-1]["content"]
    assert "189" in chat
    assert f'href="#{render.para_dom_id(DOC, 7)}"' in chat
    assert f'id="{render.para_dom_id(DOC, 7)}"' in final.evidence and "<mark>" in final.evidence
    assert "paragraph 7" in final.note


def test_real_assistant_grades_a_question_the_report_does_not_answer(assistant, tmp_path):
    final = run(assistant, "What was UNODC's total budget in 2019?", tmp_path=tmp_path)[-1]
    answer, html = final.session.answer, final.messages[-1]["content"]
    assert answer.status in (AnswerStatus.NOT_IN_REPORT, AnswerStatus.PARTIAL)
    title = render.ABSTAIN_TITLE if answer.abstained else render.PARTIAL_TITLE
    assert title in html and (render.PARTIAL_TITLE not in html if answer.abstained else render.ABSTAIN_TITLE not in html)
    if not answer.abstained:
        assert "2019" in answer.lead and html.index("2019") < html.index("¶")  # the gap comes before the citation


def test_the_three_grades_render_distinctly():
    from app.types import Citation, Hit, Sentence

    hit = Hit("doc", 7, ("II",), "As at 9 February 2018, 189 States had become parties.", 1.0)
    cited = dict(citations=[Citation(7, "doc", "II", hit.text)], hits=[hit],
                 sentences=[Sentence(hit.text, (("doc", 7),))])
    answered = Answer(question="q", text=hit.text + " [¶7]", **cited)
    lead = "The report does not give this for 2025. What it does report:"
    partial = Answer(question="q", text=f"{lead} {hit.text} [¶7]", status="partial", lead=lead, gap="for 2025",
                     **cited)
    missing = Answer(question="q", text="The report does not say. The closest passages: see ¶7.",
                     status="not_in_report", hits=[hit])
    html = {a.status: render.answer_html(a) for a in (answered, partial, missing)}
    assert render.PARTIAL_TITLE in html["partial"] and "pc-partial" in html["partial"]
    assert render.ABSTAIN_TITLE in html["not_in_report"] and "pc-partial" not in html["not_in_report"]
    assert render.PARTIAL_TITLE not in html["answered"] and render.ABSTAIN_TITLE not in html["answered"]
    assert html["partial"].index("2025") < html["partial"].index("¶7")


def test_real_assistant_follow_up_and_empty_question(assistant, tmp_path):
    session = run(assistant, "How many States were parties to the Organized Crime Convention?",
                  tmp_path=tmp_path)[-1].session
    final = run(assistant, "", session, tmp_path=tmp_path)[-1]
    assert "The question is empty" in final.messages[-1]["content"]
    final = run(assistant, "And to the Convention against Corruption?", session, tmp_path=tmp_path)[-1]
    assert len(final.session.history) == 2 and final.session.answer is not None
    assert "Read as: How many States were parties to" in final.messages[-1]["content"]
