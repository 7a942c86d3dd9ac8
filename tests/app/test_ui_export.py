"""The Markdown briefing note: numbered sources (title, paragraph, section, quote), caveats, abstentions, escaping."""
from __future__ import annotations

import re
from datetime import datetime

from app.types import Answer, Citation, Hit, Sentence
from app.ui import export

DOC = "unodc-ccpcj-2018-activities"
TITLES = {DOC: "Activities of UNODC (E/CN.15/2018/5)"}
WHEN = datetime(2024, 5, 1, 9, 30)


def _answer(**kw):
    base = dict(
        question="How many States were parties to the Organized Crime Convention?",
        text="189 States had become parties [¶7]. The Conference met twice [¶9].",
        citations=[Citation(7, DOC, "II. Transnational organized crime > A. Working groups",
                            "189 States had become parties"),
                   Citation(9, DOC, "II. Transnational organized crime > B. Conference", "The Conference met twice"),
                   Citation(7, DOC, "II. Transnational organized crime > A. Working groups",
                            "189 States had become parties")],  # a repeated citation is listed once
        hits=[Hit(DOC, 7, ("II",), "189 States had become parties.", 1.0)],
    )
    base.update(kw)
    return Answer(**base)


def test_note_has_question_answer_and_numbered_sources():
    note = export.briefing_note(_answer(), titles=TITLES, generated=WHEN)
    assert note.startswith("# Briefing note\n")
    assert "**Question:** How many States were parties to the Organized Crime Convention?" in note
    assert "2024-05-01 09:30" in note
    assert "189 States had become parties [¶7]. The Conference met twice [¶9]." in note
    sources = note.split("## Sources")[1].strip().splitlines()
    assert sources == [
        "1. Activities of UNODC (E/CN.15/2018/5), paragraph 7 (II. Transnational organized crime \\> "
        "A. Working groups): “189 States had become parties”",
        "2. Activities of UNODC (E/CN.15/2018/5), paragraph 9 (II. Transnational organized crime \\> "
        "B. Conference): “The Conference met twice”",
    ]


def test_unverified_sentences_and_quotes_are_flagged():
    a = _answer(sentences=[Sentence("189 States had become parties", ((DOC, 7),)),
                           Sentence("The Conference met twice", ((DOC, 9),), verified=False, reason="no support")],
                citations=[Citation(9, DOC, "B", "The Conference met twice", verified=False)])
    note = export.briefing_note(a, titles=TITLES, generated=WHEN)
    assert "**Caution:**" in note and "- The Conference met twice (no support)" in note
    assert re.search(r"^1\. .*paragraph 9 .*\*\(quote not verified\)\*$", note, flags=re.M)
    assert "Caution" not in export.briefing_note(_answer(), titles=TITLES)


def test_abstention_note_lists_closest_paragraphs_not_sources():
    a = Answer(question="Budget 2019?", text="The report does not answer this question.", status="not_in_report",
               hits=[Hit(DOC, 40, ("V. Funding",), "Voluntary contributions rose. Details follow here.", 1.0)])
    note = export.briefing_note(a, titles=TITLES, generated=WHEN)
    assert "**Not in the report.**" in note and "## Sources" not in note
    assert "1. Activities of UNODC (E/CN.15/2018/5), paragraph 40 (V. Funding): “Voluntary contributions rose.”" in note


def test_html_in_report_or_question_stays_text_in_markdown():
    evil = "<script>alert(1)</script>"
    a = _answer(question=evil, text=f"{evil} [¶7]",
                citations=[Citation(7, DOC, f"S {evil}", f"quote {evil}")])
    note = export.briefing_note(a, titles={DOC: evil}, generated=WHEN)
    assert "<script>" not in note and "\\<script\\>" in note


def test_multiline_text_cannot_inject_markdown_structure():
    a = _answer(question="q\n# Heading\n## Sources", text="line one\n\n# injected")
    note = export.briefing_note(a, titles=TITLES, generated=WHEN)
    assert not re.search(r"^# (Heading|injected)", note, flags=re.M)
    assert len(re.findall(r"^## Sources$", note, flags=re.M)) == 1
    assert "line one\n\n\\# injected" in note  # the answer keeps its line structure


def test_write_note_uses_a_fresh_file_each_time(tmp_path):
    p1 = export.write_note("a", tmp_path)
    p2 = export.write_note("b", tmp_path)
    assert p1 != p2 and p1.name == p2.name == export.NOTE_FILENAME
    assert p1.read_text(encoding="utf-8") == "a" and p2.read_text(encoding="utf-8") == "b"


def test_a_follow_ups_note_says_what_was_searched():
    """"And to the Firearms Protocol?" means nothing in a note read on its own."""
    understood = "How many States were parties to the <b>Firearms</b> Protocol?"
    note = export.briefing_note(_answer(question="And to the Firearms Protocol?", read_as=understood),
                                titles=TITLES, generated=WHEN)
    assert "**Question:** And to the Firearms Protocol?\n\n**Read as:** How many States were parties to the " \
           "\\<b\\>Firearms\\</b\\> Protocol?\n" in note  # escaped as all report and user text
    assert "Read as" not in export.briefing_note(_answer(), titles=TITLES, generated=WHEN)
