"""The lead-in in the question's language: a thin step over the chain's Answer (app/localize.py)."""
from __future__ import annotations

from app.localize import LEAD_IN, NOT_IN_REPORT, PARTIAL, localize
from app.types import Answer, AnswerStatus, Citation, Hit

QUOTE = "As at 9 February 2018, 189 States had become parties to the Convention."


def _answer(question: str, status=AnswerStatus.ANSWERED, lead: str = "") -> Answer:
    hit = Hit(doc_id="r", paragraph=7, section_path=("I",), text=QUOTE + " More.", score=1.0)
    text = (lead + " " if lead else "") + QUOTE + " [¶7]"
    cites = [] if status is AnswerStatus.NOT_IN_REPORT else [Citation(7, "r", "I", QUOTE)]
    return Answer(question=question, text=text, citations=cites, status=status, hits=[hit], lead=lead)


def test_english_answer_is_untouched():
    a = _answer("How many States are parties to the Convention?")
    assert localize(a) is a and a.language == "en"


def test_french_answer_keeps_the_verbatim_quote_and_marker_after_a_french_lead_in():
    a = localize(_answer("Combien d'États sont parties à la Convention ?"))
    assert a.text == f"{LEAD_IN['fr']} {QUOTE} [¶7]"
    assert a.lead == LEAD_IN["fr"] and a.claims == f"{QUOTE} [¶7]" and a.language == "fr"
    assert a.citations[0].quote == QUOTE and a.status is AnswerStatus.ANSWERED


def test_each_language_has_its_lead_in():
    questions = {"es": "¿Cuántos Estados son parte de la Convención?", "ru": "Сколько государств участвуют?",
                 "ar": "كم عدد الدول الأطراف؟", "zh": "有多少个缔约国？"}
    for lang, q in questions.items():
        a = localize(_answer(q))
        assert a.text.startswith(LEAD_IN[lang]) and a.text.endswith(QUOTE + " [¶7]"), lang


def test_partial_answer_replaces_the_english_gap_sentence():
    english_lead = "The report does not say how many States were parties (for 2019). What it does report:"
    a = localize(_answer("Combien d'États étaient parties en 2019 ?", AnswerStatus.PARTIAL, english_lead))
    assert a.text == f"{PARTIAL['fr']} {QUOTE} [¶7]" and a.status is AnswerStatus.PARTIAL
    assert "The report does not" not in a.text


def test_decline_in_the_question_language_with_see_also():
    a = _answer("¿Quién ganó la Copa Mundial de 2018?", AnswerStatus.NOT_IN_REPORT)
    a.text = "The report does not say anything that answers this question. The closest passages: see ¶7."
    out = localize(a)
    assert out.text == f"{NOT_IN_REPORT['es']} Pasajes más cercanos: véase ¶7."
    assert out.abstained and not out.citations and out.to_json()["language"] == "es"


def test_stream_of_a_french_question_holds_back_the_english_pieces():
    from app.localize import localize_stream

    english_lead = "The report does not say how many States were parties (for 2019). What it does report:"
    final = _answer("Combien d'États étaient parties en 2019 ?", AnswerStatus.PARTIAL, english_lead)
    pieces = list(localize_stream(iter([english_lead + " ", QUOTE + " [¶7]", final]), final.question))
    assert pieces[0] == f"{PARTIAL['fr']} {QUOTE} [¶7]" and isinstance(pieces[1], Answer) and len(pieces) == 2
    assert pieces[1].text == pieces[0]


def test_stream_of_an_english_question_is_passed_through():
    from app.localize import localize_stream

    final = _answer("How many States are parties?")
    pieces = ["As at ", "9 February", final]
    assert list(localize_stream(iter(pieces), final.question)) == pieces


def test_partial_answer_says_in_the_question_language_what_the_answer_lacks():
    from dataclasses import replace

    english_lead = "The report does not answer “Quand le réseau a-t-il été créé ?” exactly (it gives no date). What it does report:"
    a = replace(_answer("Quand le réseau a-t-il été créé ?", AnswerStatus.PARTIAL, english_lead),
                gap="“Quand le réseau a-t-il été créé ?” (it gives no date)")
    out = localize(a)
    assert out.text.startswith("Le rapport ne répond pas exactement à cette question (il n'indique pas de date).")
    assert out.claims == f"{QUOTE} [¶7]" and "it gives" not in out.text
    other = localize(replace(a, gap="“Quand le réseau a-t-il été créé ?” (not for 2019)"))
    assert other.text.startswith(PARTIAL["fr"])  # a gap without a lacked type keeps the general line


def test_a_long_question_still_hears_what_the_answer_lacks():
    """Past MAX_ECHO_CHARS the English gap is only "what was asked"; the answer's `lacks` still names the type."""
    from dataclasses import replace

    long_q = ("Pourriez-vous me dire, d'après le rapport de l'Office sur ses activités, à quelle date précise le "
              "réseau mondial pour l'intégrité de la justice a-t-il été créé ?")
    a = replace(_answer(long_q, AnswerStatus.PARTIAL, "The report does not answer this exactly. What it does report:"),
                gap="what was asked", lacks="no date")
    assert localize(a).text.startswith(
        "Le rapport ne répond pas exactement à cette question (il n'indique pas de date).")
    assert localize(replace(a, lacks="")).text.startswith(PARTIAL["fr"])


def test_every_lacked_type_the_gate_names_is_worded_in_every_language():
    from app.abstain import ALL_LACKS
    from app.localize import GIVES_NO, PARTIAL_WHY

    assert set(GIVES_NO) == ALL_LACKS
    for words in GIVES_NO.values():
        assert set(words) == set(PARTIAL_WHY) == set(LEAD_IN)
