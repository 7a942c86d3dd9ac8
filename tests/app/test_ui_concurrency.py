"""Twenty simultaneous questions (more than the default concurrency of 8, so some queue) through gradio_client against the served UI (the real Assistant over the real index):
each gets its own, correct answer, as the same question asked directly through the Python API."""
from __future__ import annotations

import socket
import time

import pytest

from app.ui import serve

pytestmark = pytest.mark.slow

# (question, number the answer must state, paragraph it must cite)
QUESTIONS = [
    ("How many States were parties to the Organized Crime Convention?", "189", 7),
    ("How many users accessed SHERLOC from February 2017 to February 2018?", "186,990", 9),
    ("How many executive summaries of country reports had been completed under the first cycle?", "162", 67),
    ("How much in voluntary contributions has the Review Mechanism received since 2010?", "14,086,600", 68),
    ("How many parliamentarians did the Global Programme on Cybercrime brief and train?", "90", 60),
]
N_REQUESTS = 20  # issue 5 asks for 10, the hardening issue for 20
CONCURRENCY = 8  # the default setting: the other requests wait in Gradio's queue


@pytest.fixture(scope="module")
def ui_url(assistant):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = serve(assistant, port=port, concurrency=CONCURRENCY, block=False, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    app.close()


def test_twenty_simultaneous_questions_are_all_answered_correctly(assistant, ui_url):
    from gradio_client import Client

    asked = [QUESTIONS[i % len(QUESTIONS)] for i in range(N_REQUESTS)]
    direct = {q: assistant.ask(q) for q, _, _ in QUESTIONS}  # the same questions, straight through the API

    client = Client(ui_url, verbose=False)
    start = time.perf_counter()
    jobs = [client.submit(q, "", None, "", api_name="/ask") for q, _, _ in asked]
    results = [job.result(timeout=300) for job in jobs]
    elapsed = time.perf_counter() - start

    assert len(results) == N_REQUESTS
    for (question, number, paragraph), out in zip(asked, results):
        assert out["question"] == question  # no answer crossed over to another request
        assert out["abstained"] is False, (question, out["answer"])
        assert number in out["answer"], (question, out["answer"])
        assert paragraph in [c["paragraph"] for c in out["citations"]], (question, out["citations"])
        expected = direct[question]
        assert out["answer"] == expected.text
        assert [c["paragraph"] for c in out["citations"]] == [c.paragraph for c in expected.citations]
        assert out["briefing_note"].startswith("# Briefing note")
    print(f"{N_REQUESTS} concurrent questions answered in {elapsed:.2f} s")


def test_api_reports_question_errors(ui_url):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(ui_url, verbose=False)
    with pytest.raises(AppError, match="question is empty"):
        client.predict("   ", "", None, "", api_name="/ask")
