"""create_app / serve over the real Assistant: structure, API endpoint, loopback binding, basic auth."""
from __future__ import annotations

import socket

import httpx
import pytest

from app.ui import create_app, serve
from app.ui.launch import parse_auth
from ingest.errors import ParaCiteError


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TwoBackends:
    """The real assistant, seen as if an LLM backend were configured too (only backends() differs)."""

    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def backends(self):
        return ["extractive", "openai"]


def _components(app, type_name):
    return [c for c in app.config["components"] if c["type"] == type_name]


def _by_elem_id(app, elem_id):
    return next(c for c in app.config["components"] if c.get("props", {}).get("elem_id") == elem_id)


def test_create_app_builds_without_launching(assistant):
    app = create_app(assistant, concurrency=6)
    assert not app.is_running
    assert _by_elem_id(app, "pc-chat")["type"] == "chatbot"
    assert _by_elem_id(app, "pc-evidence")["type"] == "html"
    assert _by_elem_id(app, "pc-download")["type"] == "downloadbutton"
    section = _by_elem_id(app, "pc-section")["props"]
    labels = [c[1] for c in section["choices"]]
    assert labels[0] == "" and len(labels) == 1 + len({s.label for s in assistant.sections()}) > 2
    assert _by_elem_id(app, "pc-backend")["props"]["visible"] is False  # only extractive is configured
    header = _by_elem_id(app, "pc-header")["props"]["value"]
    info = assistant.info()
    assert f'{info["n_paragraphs"]} paragraphs' in header and info["documents"][0]["title"] in header
    assert app._queue.default_concurrency_limit == 6
    ask = [fn for fn in app.fns.values() if fn.api_name == "ask"]
    assert len(ask) == 1 and ask[0].concurrency_limit == 6


def test_backend_choice_appears_when_several_are_configured(assistant):
    app = create_app(TwoBackends(assistant))
    props = _by_elem_id(app, "pc-backend")["props"]
    assert props["visible"] is True and [c[1] for c in props["choices"]] == ["extractive", "openai"]


def test_parse_auth():
    assert parse_auth(None) is None and parse_auth("") is None
    assert parse_auth("officer:s3cret:with:colons") == ("officer", "s3cret:with:colons")
    for bad in ("nocolon", ":pw", "user:"):
        with pytest.raises(ParaCiteError):
            parse_auth(bad)


def test_serves_on_loopback_with_basic_auth(assistant):
    port = free_port()
    app = serve(assistant, port=port, auth="officer:s3cret", concurrency=2, block=False, quiet=True)
    try:
        assert app.server_name == "127.0.0.1"  # the default host
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=30) as http:
            assert http.get("/config").status_code in (401, 403)
            assert http.post("/login", data={"username": "officer", "password": "wrong"}).status_code in (400, 401)
            ok = http.post("/login", data={"username": "officer", "password": "s3cret"})
            assert ok.status_code == 200
            assert http.get("/config").status_code == 200
    finally:
        app.close()


def test_busy_port_is_a_one_line_error(assistant):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(ParaCiteError, match="choose another --port"):
            serve(assistant, port=port, block=False, quiet=True)
