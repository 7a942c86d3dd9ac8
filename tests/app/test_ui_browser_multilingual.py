"""In a real browser (Debian Chromium, Playwright): a French reader gets a French interface from the browser's
language, asks in French, and sees the French lead-in, the verbatim English quote and the ¶ chip; the selector turns
the interface Spanish. The real report indexed with multilingual-e5-small."""
from __future__ import annotations

import pytest

from app.localize import LEAD_IN
from app.ui import i18n, render
from tests.app.browser import TIMEOUT_MS, chromium_page, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DOC = "unodc-ccpcj-2018-activities"
QUESTION = "Combien d'États sont parties à la Convention contre la criminalité organisée ?"
QUOTE = "As at 9 February 2018, 189 States had become parties to the Convention"
FOLLOW_UP = "Et au Protocole relatif aux armes à feu ?"
FIREARMS = "115 to the Protocol against the Illicit Manufacturing"


@pytest.fixture(scope="module")
def ui_url(e5_assistant):
    with served(e5_assistant, concurrency=2) as url:
        yield url


@pytest.fixture
def french_page():
    with chromium_page(locale="fr-FR") as page:  # the browser says French: Accept-Language fr-FR
        yield page


def _ask(page, question: str, *, answers: int):
    """Ask in the chat and wait for the `answers`-th answer to be complete; that answer."""
    page.fill("#pc-question textarea", question)
    page.keyboard.press("Enter")
    page.wait_for_function(
        """(n) => {
            const a = document.querySelectorAll('#pc-chat .pc-answer');
            return a.length >= n && !a[a.length - 1].querySelector('.pc-cursor, .pc-pending');
        }""", arg=answers, timeout=TIMEOUT_MS)
    return page.locator("#pc-chat .pc-answer").last


def test_french_reader_gets_a_french_lead_in_the_english_quote_and_the_chip(ui_url, french_page, tmp_path):
    page = french_page
    page.goto(ui_url)
    page.wait_for_selector("#pc-question textarea")
    # the interface follows the browser's language
    page.wait_for_function("(t) => document.querySelector('#pc-ask').innerText.includes(t)",
                           arg=i18n.text("fr", "ask"), timeout=30_000)
    assert page.locator("#pc-question textarea").get_attribute("placeholder") == i18n.text("fr",
                                                                                            "question_placeholder")
    assert i18n.EXAMPLES["fr"][2] in page.locator("#pc-examples").inner_text()

    answer = _ask(page, QUESTION, answers=1)
    text = answer.inner_text()
    assert text.startswith(LEAD_IN["fr"]), text
    assert QUOTE in text  # the report's sentence, verbatim, in English
    chip = answer.locator(f'a.cite-chip[href="#{render.para_dom_id(DOC, 7)}"]').first
    assert chip.inner_text().strip() == "¶7"
    page.locator(f"#pc-evidence #{render.para_dom_id(DOC, 7)}").wait_for()
    page.screenshot(path=str(tmp_path / "fr.png"), full_page=True)

    # a follow-up in French is read with the conversation (app/text/foreign_follow_ups.py): the Firearms Protocol's
    # figure, from the same paragraph, with the French lead-in
    follow = _ask(page, FOLLOW_UP, answers=2)
    read_as, _, answered = follow.inner_text().partition("\n")  # how it was understood, then the answer
    assert answered.startswith(LEAD_IN["fr"]) and FIREARMS in answered
    assert follow.locator(f'a.cite-chip[href="#{render.para_dom_id(DOC, 7)}"]').count() >= 1
    # ... and it says, in French, how the follow-up was understood
    assert read_as == follow.locator(".pc-read-as").inner_text()
    assert read_as.startswith("Question comprise ainsi : Combien d'États")

    # the selector switches the interface to Spanish, example questions included
    page.locator("#pc-lang input").click()
    page.get_by_role("option", name="Español").click()
    page.wait_for_function("(t) => document.querySelector('#pc-ask').innerText.includes(t)",
                           arg=i18n.text("es", "ask"), timeout=30_000)
    assert i18n.EXAMPLES["es"][2] in page.locator("#pc-examples").inner_text()
