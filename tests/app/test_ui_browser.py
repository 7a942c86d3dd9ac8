"""End to end in a real browser: headless Debian Chromium driven by Playwright, the real Assistant over the real index.

No `playwright install` (it downloads a browser): the test uses the system Chromium at /usr/bin/chromium and skips
with the reason when it is absent (`apt-get install -y chromium`; `.ci/run` installs it)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app.ui import render
from tests.app.browser import TIMEOUT_MS, chromium_page, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
DOC = "unodc-ccpcj-2018-activities"
ANSWERABLE = "How many States were parties to the Organized Crime Convention?"
UNANSWERABLE = "Which planet is closest to the Sun?"
PARTIAL = "How many States were parties to the Organized Crime Convention in 2025?"
HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> <b>What</b> did UNODC do on cybercrime?'


@pytest.fixture(scope="module")
def ui_url(assistant):
    with served(assistant, concurrency=4) as url:
        yield url


@pytest.fixture
def page():
    with chromium_page() as pg:
        yield pg


def _ask(page, question: str, n_answers_before: int) -> None:
    """Type a question, send it, and wait until its answer has finished streaming."""
    page.fill("#pc-question textarea", question)
    page.keyboard.press("Enter")
    page.wait_for_function(
        """(n) => {
            const answers = document.querySelectorAll('#pc-chat .pc-answer');
            return answers.length > n && !answers[answers.length - 1].querySelector('.pc-cursor, .pc-pending');
        }""", arg=n_answers_before, timeout=TIMEOUT_MS)


def _last_answer(page):
    return page.locator("#pc-chat .pc-answer").last


def test_ask_cite_click_and_abstain_in_chromium(ui_url, page, tmp_path):
    page.goto(ui_url)
    page.wait_for_selector("#pc-question textarea")
    header = page.locator("#pc-header").inner_text()
    assert "paragraphs" in header and "all-MiniLM-L6-v2" in header

    # 1. An answerable question: the number is in the chat, paragraph 7 is in the evidence panel.
    _ask(page, ANSWERABLE, 0)
    answer = _last_answer(page)
    assert "189" in answer.inner_text()
    card_id = render.para_dom_id(DOC, 7)
    card = page.locator(f"#pc-evidence #{card_id}")
    card.wait_for()
    assert "¶7" in card.inner_text() and "189" in card.inner_text()
    assert card.locator("mark").count() >= 1  # the quoted sentence is highlighted
    assert "Cited paragraphs" in page.locator("#pc-evidence").inner_text()

    # 2. Clicking the chip selects paragraph 7's card and scrolls it into view.
    chip = answer.locator(f'a.cite-chip[href="#{card_id}"]').first
    assert chip.inner_text().strip() == "¶7"
    chip.click()
    page.wait_for_function(
        """(id) => {
            const el = document.getElementById(id);
            if (!el || !el.classList.contains('pc-selected')) return false;
            const r = el.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight;
        }""", arg=card_id, timeout=10_000)
    assert page.url.rstrip("/") == ui_url.rstrip("/")  # the chip did not navigate away
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)
    if os.environ.get("PARACITE_UPDATE_SCREENSHOT") or not (ROOT / "docs" / "screenshot.png").exists():
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copy2(tmp_path / "answer.png", ROOT / "docs" / "screenshot.png")

    # The answer downloads as a Markdown briefing note with a numbered source list.
    with page.expect_download(timeout=30_000) as download_info:
        page.click("#pc-download")
    note = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert note.startswith("# Briefing note") and ANSWERABLE in note
    assert "## Sources" in note and "paragraph 7 (" in note

    # 3. A question the report does not answer: an explicit "not in the report" state, with paragraphs to see.
    _ask(page, UNANSWERABLE, 1)
    abstention = _last_answer(page)
    assert render.ABSTAIN_TITLE in abstention.inner_text()
    assert "pc-abstain" in abstention.get_attribute("class")
    panel = page.locator("#pc-evidence")
    assert render.ABSTAIN_TITLE in panel.inner_text() and "Cited paragraphs" not in panel.inner_text()

    # 4. A neighbouring fact: the partial state names the gap before the cited paragraph.
    _ask(page, PARTIAL, 2)
    partial = _last_answer(page)
    text = partial.inner_text()
    assert render.PARTIAL_TITLE in text and "pc-partial" in partial.get_attribute("class")
    assert "2025" in text and text.index("2025") < text.index("¶7") and "189" in text

    # 5. Markup in a question is shown as text and never runs.
    _ask(page, HOSTILE, 3)
    question_bubble = page.locator("#pc-chat .pc-question").last
    assert "<b>What</b>" in question_bubble.inner_text() and "<script>" in question_bubble.inner_text()
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#pc-chat img[src='x']").count() == 0

    # 5. The export is ready and clear chat empties the conversation.
    page.screenshot(path=str(tmp_path / "final.png"), full_page=True)
    assert (tmp_path / "answer.png").stat().st_size > 10_000
    page.click("#pc-clear")
    page.wait_for_function("() => document.querySelectorAll('#pc-chat .pc-answer').length === 0", timeout=10_000)
    assert "Ask a question" in page.locator("#pc-evidence").inner_text()
