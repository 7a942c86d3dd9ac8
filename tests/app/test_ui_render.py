"""Rendering of chat messages, the evidence panel and the header: chips, highlights, unverified marks, escaping."""
from __future__ import annotations

import re

from app.types import AnswerStatus, Answer, Citation, Hit, Sentence
from app.ui import render

DOC = "unodc-ccpcj-2018-activities"
P7 = ("As at 1 March 2018, 189 States had become parties to the Organized Crime Convention. "
      "UNODC continued to promote its ratification.")


def hit(n: int, text: str, doc: str = DOC, section=("II. Transnational organized crime", "A. Working groups")) -> Hit:
    return Hit(doc_id=doc, paragraph=n, section_path=section, text=text, score=1.0 / n, title="Activities of UNODC")


def answer_189(**kw) -> Answer:
    q = "As at 1 March 2018, 189 States had become parties to the Organized Crime Convention."
    defaults = dict(
        question="How many States were parties?",
        text=f"{q} [¶7]",
        citations=[Citation(7, DOC, "II. Transnational organized crime > A. Working groups", q)],
        hits=[hit(7, P7), hit(9, "The Conference of the Parties met in Vienna.")],
        sentences=[Sentence(q, ((DOC, 7),))],
    )
    defaults.update(kw)
    return Answer(**defaults)


def test_markers_become_chips_linking_to_the_paragraph_card():
    a = answer_189()
    html = render.answer_html(a)
    chip = re.search(r'<a href="#(para-[\w-]+)" class="cite-chip"[^>]*>¶7</a>', html)
    assert chip, html
    assert chip.group(1) == render.para_dom_id(DOC, 7)
    assert "[¶7]" not in html
    evidence = render.evidence_html(a)
    assert f'id="{chip.group(1)}"' in evidence  # the chip's target exists in the panel


def test_grouped_markers_give_one_chip_each():
    html = render.text_with_chips("Both [¶7, ¶9] and [¶12; 13].", answer_189())
    assert [int(n) for n in re.findall(r">¶(\d+)</", html)] == [7, 9, 12, 13]


def test_chat_message_is_one_raw_html_block():
    # A blank line would end the raw HTML block and let Markdown re-interpret report text.
    a = answer_189(text="First line [¶7]\n\nSecond *line* [¶9]")
    html = render.answer_html(a)
    assert "\n" not in html and html.startswith("<div") and html.endswith("</div>")


def test_evidence_panel_shows_number_section_full_text_and_highlighted_quote():
    html = render.evidence_html(answer_189())
    cited, _, related = html.partition("Also relevant")
    assert "¶7" in cited and "II. Transnational organized crime &gt; A. Working groups" in cited
    assert "UNODC continued to promote its ratification." in cited  # the full text, not only the quote
    assert "<mark>As at 1 March 2018, 189 States had become parties to the Organized Crime Convention.</mark>" in cited
    assert "¶9" in related and "The Conference of the Parties met in Vienna." in related
    assert "¶9" not in cited
    assert f'<details id="{render.para_dom_id(DOC, 9)}" class="pc-para related"' in related  # folded, openable


def test_highlight_merges_overlaps_and_escapes_around_marks():
    text = "A <b>bold</b> claim. Another claim."
    out = render.highlight(text, ["<b>bold</b> claim.", "claim. Another"])
    assert out == "A <mark>&lt;b&gt;bold&lt;/b&gt; claim. Another</mark> claim."
    assert render.highlight("a  spaced   quote here", ["spaced quote"]) == "a  <mark>spaced   quote</mark> here"
    assert render.highlight("nothing", ["absent"]) == "nothing"


def test_unverified_sentences_are_marked_in_chat_and_panel():
    good = Sentence("189 States had become parties.", ((DOC, 7),))
    bad = Sentence("109 States had ratified it.", ((DOC, 7),), verified=False, reason="number 109 not in ¶7")
    a = answer_189(text="189 States had become parties. [¶7] 109 States had ratified it. [¶7]", sentences=[good, bad])
    chat = render.answer_html(a)
    assert 'class="pc-unverified"' in chat and "number 109 not in ¶7" in chat
    assert chat.count("pc-unverified\"") == 1  # only the bad sentence
    assert 'class="cite-chip unverified"' in chat
    assert "1 sentence could not be verified" in chat
    panel = render.evidence_html(a)
    assert 'class="pc-para cited unverified"' in panel and "Unverified" in panel


def test_verified_answer_has_no_unverified_marks():
    chat = render.answer_html(answer_189())
    assert "unverified" not in chat.lower()


def test_abstention_is_unmistakable_and_offers_the_closest_paragraphs():
    a = Answer(question="What was UNODC's budget in 2019?", text="The report does not say.", status="not_in_report",
               hits=[hit(40, "Funding was discussed."), hit(41, "Donors pledged."), hit(42, "x"), hit(43, "y")])
    chat = render.answer_html(a)
    assert render.ABSTAIN_TITLE in chat and "pc-abstain" in chat
    see = chat.split("see:")[1]
    assert re.findall(r">¶(\d+)</a>", see) == ["40", "41", "42"]
    panel = render.evidence_html(a)
    assert render.ABSTAIN_TITLE in panel and "Cited paragraphs" not in panel
    assert f'id="{render.para_dom_id(DOC, 40)}"' in panel and "Donors pledged." in panel


def test_report_and_user_text_is_escaped_everywhere():
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    a = Answer(question=evil, text=f"{evil} [¶7]", citations=[Citation(7, DOC, f"Sec {evil}", evil)],
               hits=[hit(7, f"Intro {evil} outro", section=(f"Chapter {evil}",))],
               sentences=[Sentence(evil, ((DOC, 7),), verified=False, reason=evil)], notes=[evil])
    outputs = [render.answer_html(a), render.evidence_html(a), render.question_html(evil),
               render.streaming_html(evil + " [¶7]"), render.error_html(evil),
               render.header_html({"documents": [{"doc_id": evil, "title": evil, "n_paragraphs": 1}],
                                   "n_paragraphs": 1, "embedding_model": evil, "created": evil})]
    for out in outputs:
        assert "<script" not in out and "<img" not in out, out
        assert "&lt;script&gt;" in out
    a.status = AnswerStatus.NOT_IN_REPORT
    assert "<script" not in render.answer_html(a) and "<script" not in render.evidence_html(a)


def test_doc_ids_become_safe_element_ids():
    assert render.para_dom_id('a"b c/<d>', 7) == "para-a-b-c-d--7"
    assert render.para_dom_id(DOC, 12) == f"para-{DOC}-12"


def test_chips_resolve_the_document_when_several_are_loaded():
    other = "other-report"
    a = answer_189(text="X [¶7]. Y [¶3].",
                   citations=[Citation(7, DOC, "s", "q"), Citation(3, other, "s2", "r")],
                   hits=[hit(7, "q"), hit(3, "r", doc=other)])
    html = render.answer_html(a)
    assert f'href="#{render.para_dom_id(DOC, 7)}"' in html
    assert f'href="#{render.para_dom_id(other, 3)}"' in html
    assert 'class="pc-doc"' in render.evidence_html(a)  # with several reports, each card names its report
    assert 'class="pc-doc"' not in render.evidence_html(answer_189())  # with one, the title would be noise


def test_streaming_text_shows_pending_chips_without_links():
    html = render.streaming_html("189 States [¶7")
    assert "cite-chip" not in html  # an unfinished marker stays text until it closes
    html = render.streaming_html("189 States [¶7] and")
    assert 'class="cite-chip pending"' in html and "href" not in html


def test_header_lists_documents_paragraphs_model_and_date():
    info = {"documents": [{"doc_id": DOC, "title": "Activities of UNODC", "n_paragraphs": 85}],
            "n_paragraphs": 85, "n_chunks": 90, "embedding_model": "sentence-transformers/all-MiniLM-L6-v2",
            "created": "2024-05-01T10:11:12+00:00", "index_kind": "flat"}
    out = render.header_html(info)
    for part in ("Activities of UNODC", "1 document", "85 paragraphs", "all-MiniLM-L6-v2", "2024-05-01 10:11:12"):
        assert part in out


def test_answer_names_its_reader():
    from app.types import Answer

    extractive = render.answer_html(Answer(question="q", text="189 States [¶7].", backend="extractive"))
    routed = render.answer_html(Answer(question="q", text="189 States [¶7].", backend="auto:openai"))
    assert "Answered by the extractive reader" in extractive
    assert "language model (openai, chosen by auto)" in routed and "extractive reader" not in routed


def test_the_words_around_a_french_answer_are_french():
    """Reader caption and evidence panel follow the question's language, as the answer's titles do; the quote
    stays the report's English."""
    hit = Hit("doc", 7, ("I",), "As at 9 February 2018, 189 States had become parties.", 1.0)
    quote = "As at 9 February 2018, 189 States had become parties."
    answer = Answer(question="Combien d'États ?", text=f"Le rapport (en anglais) indique : {quote} [¶7]",
                    citations=[Citation(7, "doc", "I", quote)], hits=[hit], language="fr")
    chat, panel = render.answer_html(answer), render.evidence_html(answer)
    assert "Réponse du lecteur extractif" in chat and "Answered by" not in chat and quote in chat
    assert "Paragraphes cités (1)" in panel and "Cited paragraphs" not in panel
    declined = Answer(question="Combien ?", text="Le rapport ne répond pas à cette question.", hits=[hit],
                      status=AnswerStatus.NOT_IN_REPORT, language="fr")
    assert "Absent du rapport" in render.evidence_html(declined) and "<h3>Voir</h3>" in render.evidence_html(declined)


def test_every_answer_language_words_the_same_things():
    from app.ui.i18n import ANSWER_TITLES, ANSWER_WORDS

    assert set(ANSWER_WORDS) == set(ANSWER_TITLES)
    full = set(ANSWER_WORDS["fr"])
    assert all(set(words) == full for lang, words in ANSWER_WORDS.items() if lang != "en")
    assert set(ANSWER_WORDS["en"]) == full - {"extractive", "llm", "unverified", "routed"}  # render.py's own wording


def test_an_answer_in_a_language_without_words_of_its_own_renders_in_english():
    for language in ("de", None):
        answer = Answer(question="q", text="189 States [¶7].", backend="auto:openai", language=language)
        assert "Answered by the language model (openai, chosen by auto)" in render.answer_html(answer)
        assert "Cited paragraphs" in render.evidence_html(answer)
    french = Answer(question="q", text="189 States [¶7].", backend="auto:openai", language="fr")
    assert "(openai, choisi par auto)" in render.answer_html(french)


def test_a_french_partial_panel_shows_the_gap_without_the_bridge_to_the_quote():
    from app.localize import PARTIAL_WHY

    lead = PARTIAL_WHY["fr"].format(why="il n'indique pas de date")
    quote = "The meeting was held in Vienna."
    answer = Answer(question="Quand ?", text=f"{lead} {quote} [¶7]", status=AnswerStatus.PARTIAL, lead=lead,
                    citations=[Citation(7, "doc", "I", quote)], hits=[Hit("doc", 7, ("I",), quote, 1.0)],
                    language="fr")
    panel = render.evidence_html(answer)
    assert "(il n&#x27;indique pas de date). Le paragraphe cité" in panel and "Ce qu&#x27;il indique" not in panel


def test_a_follow_up_is_shown_as_understood_in_the_questions_language():
    a = Answer(question="Et quand ?", text="Le rapport (en anglais) indique : It was held in May 2017. [¶18]",
               read_as="Et quand — s'est tenu l'atelier <b> ?", language="fr",
               citations=[Citation(18, "d", "II", "It was held in May 2017.")])
    html = render.answer_html(a)
    # escaped, inside the answer's block, first
    assert html.startswith('<div class="pc-answer"><div class="pc-read-as" dir="auto">Question comprise ainsi : Et '
                           "quand — s&#x27;est tenu l&#x27;atelier &lt;b&gt; ?</div>")
    assert "pc-read-as" not in render.answer_html(Answer(question="Et quand ?", text="x", language="fr"))
    for status in (AnswerStatus.NOT_IN_REPORT, AnswerStatus.PARTIAL):  # inside the border of every grade
        graded = Answer(question="Et quand ?", text="…", status=status, language="fr", read_as="Et quand — x ?")
        html = render.answer_html(graded)
        assert html.index("Question comprise ainsi : Et quand — x ?") < html.index("</div>") < len(html) - 6
        assert html.startswith('<div class="pc-answer pc-') and "pc-read-as" in html.split("</div>")[0]
    arabic = render.answer_html(Answer(question="ومتى؟", text="x", language="ar", read_as="ومتى — TRIGGER III؟"))
    assert "\u2068ومتى — TRIGGER III؟\u2069" in arabic  # a left-to-right run inside right-to-left text, isolated
