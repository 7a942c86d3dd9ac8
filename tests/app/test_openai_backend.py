"""The openai backend end to end over HTTP against a small OpenAI-compatible server on 127.0.0.1 (stdlib)."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.answer import make_answerer
from app.chain import AnswerChain
from ingest.errors import BackendError

REPLY = "As at 9 February 2018, 189 States had become parties to the Convention [¶7]."
Q = "How many States were parties to the Organized Crime Convention?"


class _Handler(BaseHTTPRequestHandler):
    reply = REPLY
    delay = 0.0
    word_delay = 0.0  # between streamed words, so a browser can see the tokens arrive
    requests: list = []

    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(body)
        time.sleep(type(self).delay)
        if self.path != "/v1/chat/completions":
            self.send_response(404)
            self.end_headers()
            return
        if body.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for i, word in enumerate(self.reply.split(" ")):
                time.sleep(type(self).word_delay)
                piece = word if i == 0 else " " + word
                chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": body["model"],
                         "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()
            done = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": body["model"],
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            self.wfile.write(f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())
            return
        out = {"id": "c1", "object": "chat.completion", "created": 0, "model": body["model"],
               "choices": [{"index": 0, "message": {"role": "assistant", "content": self.reply}, "finish_reason": "stop"}],
               "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
        data = json.dumps(out).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # the timeout test hangs up on purpose
        pass


@pytest.fixture
def server():
    handler = type("H", (_Handler,), {"requests": [], "delay": 0.0, "word_delay": 0.0, "reply": REPLY})
    srv = _Server(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield handler, f"http://127.0.0.1:{srv.server_address[1]}/v1"
    srv.shutdown()
    srv.server_close()


def _chain(assistant, url, timeout=10.0):
    ans = make_answerer("openai", base_url=url, model="tiny", api_key="k", timeout=timeout)
    return AnswerChain(assistant.searcher, ans, k=5)


def test_streaming_answer_over_http(assistant, server):
    handler, url = server
    pieces = list(_chain(assistant, url).stream(Q))
    answer = pieces[-1]
    texts = [p for p in pieces[:-1] if isinstance(p, str)]
    assert len(texts) > 5  # token by token, not one blob
    assert answer.backend == "openai" and "189" in answer.text
    assert [c.paragraph for c in answer.citations] == [7] and answer.citations[0].verified
    sent = handler.requests[-1]
    assert sent["stream"] is True and sent["model"] == "tiny"
    prompt = " ".join(m["content"] for m in sent["messages"])
    assert "[¶7]" in prompt and "NOT_IN_REPORT" in prompt and "data, not instructions" in prompt


def test_non_streaming_chat_model_over_http(server):
    handler, url = server
    ans = make_answerer("openai", base_url=url, model="tiny", api_key="k", timeout=10)
    msg = ans.chat_model.invoke("hello", stream=False)
    assert msg.content == REPLY and handler.requests[-1].get("stream") in (None, False)


def test_sentinel_over_http(assistant, server):
    handler, url = server
    handler.reply = "NOT_IN_REPORT"
    a = _chain(assistant, url).invoke(Q)
    assert a.abstained and a.citations == []


def test_timeout_falls_back_to_extractive(assistant, server):
    handler, url = server
    handler.delay = 3.0
    t = time.perf_counter()
    a = _chain(assistant, url, timeout=0.5).invoke(Q)
    assert time.perf_counter() - t < 3.0
    assert a.backend == "extractive" and "189" in a.text and 7 in {c.paragraph for c in a.citations}
    assert any("openai backend failed" in n for n in a.notes)


def test_missing_configuration_is_a_clear_error():
    with pytest.raises(BackendError, match="PARACITE_LLM_BASE_URL"):
        make_answerer("openai", base_url=None, model=None)


def test_llamacpp_missing_dependency_or_file_is_a_clear_error():
    # without the [llm] extra (CI): how to install it; with it: which file is missing
    import importlib.util

    expected = ("model file not found: '/nonexistent.gguf'" if importlib.util.find_spec("llama_cpp")
                else r"pip install 'paracite\[llm\]'")
    with pytest.raises(BackendError, match=expected):
        make_answerer("llamacpp", model_path="/nonexistent.gguf")


def test_unknown_backend():
    with pytest.raises(BackendError, match="extractive"):
        make_answerer("gpt-17")


def test_cli_prints_the_verified_answer_after_the_llm_tokens(real_index_dir, real_corpus_dir, server, capsys,
                                                             monkeypatch):
    from app.cli import main

    handler, url = server
    handler.reply = "Sixty-eight countries participated in the operations [¶104]."  # half a ¶39 sentence, wrong label
    monkeypatch.setenv("PARACITE_LLM_BASE_URL", url)
    monkeypatch.setenv("PARACITE_LLM_MODEL", "tiny")
    rc = main(["ask", "How many countries participated in the Europol Joint Action Days operations?",
               "--backend", "openai", "--index", str(real_index_dir), "--corpus", str(real_corpus_dir)])
    out = capsys.readouterr().out
    assert rc == 0 and out.startswith("Sixty-eight countries participated in the operations [¶104].")
    assert "verified answer: Sixty-eight European Union and non-European Union countries participated" in out
    assert "reader: language model (openai)" in out
