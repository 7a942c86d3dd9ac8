"""In a real browser, an LLM answer: the configured backend is the UI's default, the LLM's tokens stream into the chat,
and the verified answer replaces them, naming its reader. The LLM is the stdlib OpenAI-compatible stub server of
test_openai_backend.py (a real model is opt-in: tests/app/test_llm_real.py)."""
from __future__ import annotations

import pytest

from app.assistant import Assistant
from app.settings import Settings
from tests.app.browser import chromium_page, served
from tests.app.test_openai_backend import server  # noqa: F401 - the stub LLM server fixture
from tests.app.test_ui_browser import _last_answer

pytestmark = [pytest.mark.browser, pytest.mark.slow]
QUESTION = "How many countries participated in the Europol Joint Action Days operations?"


def test_llm_tokens_stream_then_the_verified_answer_replaces_them(real_index_dir, real_corpus_dir, embedder,
                                                                  server):  # noqa: F811
    handler, url = server
    handler.reply = "Sixty-eight countries participated in the operations [¶104]."  # half a ¶39 sentence, wrong label
    handler.word_delay = 0.4  # the chat shows the tokens as they come, before the verified answer
    settings = Settings.from_env(env={}, index_dir=real_index_dir, corpus_dir=real_corpus_dir, answer_backend="openai",
                                 llm_base_url=url, llm_model="tiny")
    assistant = Assistant.load(settings, embedder=embedder)
    with served(assistant, concurrency=2) as ui, chromium_page() as page:
        page.goto(ui)
        page.wait_for_selector("#pc-question textarea")
        assert page.locator("#pc-backend input[value='openai']").is_checked()
        page.fill("#pc-question textarea", QUESTION)
        page.keyboard.press("Enter")
        # the raw tokens first (the cursor still blinking), then the verified answer in their place
        page.wait_for_function("""() => [...document.querySelectorAll('#pc-chat .pc-answer')].some(
            a => a.querySelector('.pc-cursor') && a.innerText.includes('Sixty-eight countries'))""")
        page.wait_for_function("""() => { const a = document.querySelectorAll('#pc-chat .pc-answer');
            return a.length && !a[a.length - 1].querySelector('.pc-cursor, .pc-pending'); }""")
        text = _last_answer(page).inner_text()
    assert "Sixty-eight European Union and non-European Union countries participated in the operations" in text
    answer = text.splitlines()[0]  # the notes below it may name the label that was taken out
    assert "¶104" not in answer and "¶39" in answer
    assert "by the sentence of ¶39 it paraphrases" in text
    assert "Answered by the language model (openai)" in text
