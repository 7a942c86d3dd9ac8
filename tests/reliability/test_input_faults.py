"""Issue 15, faults 3 and 6: questions with invalid Unicode and options of the wrong type, replayed through the
Python API, the CLI, the UI callbacks and the HTTP API. Every input gives a correct result or one clear line
(exit code 2 on the CLI, an error message on the HTTP API); never a traceback, never `{"error": null}`."""
from __future__ import annotations

import json
import re
import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app.cli import main
from app.questions import check_k, clean_question, clean_text
from app.ui import callbacks, serve
from app.errors import OptionError, QuestionError

ROOT = Path(__file__).resolve().parent.parent.parent
Q7 = "How many States were parties to the Organized Crime Convention?"
K_MESSAGE = "k must be a whole number of paragraphs (1 or more)"


def _dirs(index_dir, corpus_dir):
    return ["--index", str(index_dir), "--corpus", str(corpus_dir)]


# -- one cleaning function --------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,expected", [
    ("caf\udce9", "caf\ufffd"),  # invalid UTF-8 as Python's surrogateescape decodes it from argv
    ("x \ud800 y", "x \ufffd y"),  # a lone high surrogate (JSON "\ud800")
    ("\udc00", "\ufffd"),
    ("\ud83d\ude00 ok", "\U0001F600 ok"),  # a pair that was never combined is one character
    ("plain ascii", "plain ascii"),
])
def test_clean_text_leaves_only_valid_unicode(raw, expected):
    out = clean_text(raw)
    assert out == expected
    out.encode("utf-8")  # strict: raises if a surrogate survived


def test_a_question_of_surrogates_only_is_refused_in_words():
    with pytest.raises(QuestionError, match="no words"):
        clean_question("\ud800\udfff\udfff")


# -- the Python API ----------------------------------------------------------------------------------------------

def test_api_answers_a_question_with_a_lone_surrogate(assistant):
    ans = assistant.ask(Q7 + " \ud800")
    assert "189" in ans.text and 7 in [c.paragraph for c in ans.citations]
    ans.question.encode("utf-8")
    hits = assistant.search("cybercrime \udcff training", k=3)
    assert len(hits) == 3


def test_api_cleans_surrogates_in_the_history(assistant):
    ans = assistant.ask("And to the Firearms Protocol?", history=[(Q7 + "\udce9", "189 [¶7] \ud800")])
    json.dumps(ans.to_json(), ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("k", [0, -3, 2.5, "abc", "5", float("inf"), float("nan"), 1e309, True, [5]])
def test_api_refuses_a_bad_k_with_one_message(assistant, k):
    for call in (lambda: assistant.ask(Q7, k=k), lambda: assistant.search(Q7, k=k),
                 lambda: list(assistant.stream(Q7, k=k))):
        with pytest.raises(OptionError, match=re.escape(K_MESSAGE)) as info:
            call()
        assert "\n" not in str(info.value)


def test_api_accepts_an_integral_float_k(assistant):
    assert len(assistant.search(Q7, k=3.0)) == 3
    assert check_k(None) is None and check_k(7) == 7


@pytest.mark.parametrize("kwargs,match", [
    (dict(section=5), "section must be text"),
    (dict(section=["II"]), "section must be text"),
    (dict(backend=5), "backend must be one of extractive, openai, llamacpp"),
    (dict(backend="gpt"), "backend must be one of"),
    (dict(backend=["extractive"]), "backend must be one of"),
])
def test_api_refuses_a_bad_section_or_backend(assistant, kwargs, match):
    with pytest.raises(OptionError, match=match):
        assistant.ask(Q7, **kwargs)


# -- the CLI -----------------------------------------------------------------------------------------------------

def test_cli_answers_a_question_given_in_invalid_utf8(real_index_dir, real_corpus_dir):
    """The real process with a Latin-1 byte in argv: before, a TypeError traceback from the tokenizer."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), LC_ALL="C.UTF-8")
    argv = [sys.executable.encode(), b"-m", b"app.cli", b"ask", Q7.encode() + b" caf\xe9", b"--json",
            *[a.encode() for a in _dirs(real_index_dir, real_corpus_dir)]]
    out = subprocess.run(argv, capture_output=True, env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in out.stderr
    data = json.loads(out.stdout)
    assert "189" in data["answer"] and 7 in [c["paragraph"] for c in data["citations"]]


@pytest.mark.parametrize("k", ["0", "-1", "2.5", "abc", "1e309", "nan"])
def test_cli_refuses_a_bad_k_with_the_api_message(k, capsys):
    with pytest.raises(SystemExit) as info:
        main(["search", Q7, "--k", k])
    assert info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert K_MESSAGE in err[-1] and "Traceback" not in "\n".join(err)


# -- the UI callbacks ---------------------------------------------------------------------------------------------

def _serialisable(turn) -> None:
    """What Gradio does with every streamed turn: before, a surrogate cut the stream off here."""
    json.dumps(turn.messages, ensure_ascii=False).encode("utf-8")


def test_chat_answers_a_question_with_a_lone_surrogate(assistant, tmp_path):
    turns = list(callbacks.respond(assistant, Q7 + " \ud800", None, note_dir=tmp_path))
    for turn in turns:
        _serialisable(turn)
    final = turns[-1]
    assert "189" in final.messages[-1]["content"] and "paragraph 7" in final.note


def test_chat_refuses_a_bad_k_with_the_api_message(assistant, tmp_path):
    for k in (0, "abc", float("inf")):
        final = list(callbacks.respond(assistant, Q7, None, k=k, note_dir=tmp_path))[-1]
        assert K_MESSAGE in final.messages[-1]["content"] and "pc-error" in final.messages[-1]["content"]


def test_chat_does_not_echo_a_question_over_the_limit(assistant, tmp_path):
    big = "Why " + "x" * 1_000_000 + "?"
    turns = list(callbacks.respond(assistant, big, None, note_dir=tmp_path))
    final = turns[-1]
    assert all(len(m["content"]) < 2_000 for t in turns for m in t.messages)
    assert "the limit is 2,000" in final.messages[-1]["content"]
    assert "1,000,005 characters" in final.messages[0]["content"]  # what was refused, shortened
    assert final.session.history == [] and not list(tmp_path.iterdir())


# -- the HTTP API of the served UI --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ui(assistant):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = serve(assistant, port=port, concurrency=2, block=False, quiet=True)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as http:
        yield http
    app.close()


def _call(http: httpx.Client, body: str) -> tuple[str, object]:
    """POST a raw JSON body to the ask endpoint; (SSE event, its data) of the outcome."""
    r = http.post("/gradio_api/call/ask", content=body, headers={"content-type": "application/json"})
    r.raise_for_status()
    event_id = r.json()["event_id"]
    event = data = None
    with http.stream("GET", f"/gradio_api/call/ask/{event_id}") as resp:
        for line in resp.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                data = json.loads(line.split(":", 1)[1])
                if event in ("complete", "error"):
                    return event, data
    return event, data


@pytest.mark.parametrize("k", ['"abc"', "0", "2.5", "1e309", "-1", "[5]"])
def test_http_api_refuses_a_bad_k_with_a_message(ui, k):
    event, data = _call(ui, '{"data": ["%s", "", %s, ""]}' % (Q7, k))
    assert event == "error" and data is not None and K_MESSAGE in str(data)


def test_http_api_answers_a_lone_surrogate_and_defaults_k(ui):
    event, data = _call(ui, '{"data": ["%s \\ud800", "", null, ""]}' % Q7)  # k null: the default
    assert event == "complete", data
    out = data[0]
    assert "189" in out["answer"] and len(out["hits"]) == 5 and "\ufffd" in out["question"]


def test_http_api_refuses_a_bad_backend_with_a_message(ui):
    event, data = _call(ui, '{"data": ["%s", "", 3, 7]}' % Q7)
    assert event == "error" and "backend must be one of" in str(data)
