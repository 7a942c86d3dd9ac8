"""Issue 15, faults 9 and 10, against the real server (the real Assistant on the real report): briefing notes live in
one per-server folder, bounded and removed on close, and Gradio keeps no second copy in its own cache; a question over
the limit is not echoed whole; wrong logins are throttled without stalling the server; the login is a form, not
HTTP Basic auth (as the README now says)."""
from __future__ import annotations

import asyncio
import base64
import socket
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from app.ui import blocks, callbacks, export, launch, serve
from bench.server_soak import chat_fn_index, chat_turn, folder_size

ROOT = Path(__file__).resolve().parent.parent.parent
Q7 = "How many States were parties to the Organized Crime Convention?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- notes on disk ------------------------------------------------------------------------------------------------

def test_write_note_keeps_only_the_newest(tmp_path):
    paths = [export.write_note(f"note {i}", tmp_path, keep=3) for i in range(8)]
    left = sorted(tmp_path.rglob(export.NOTE_FILENAME))
    assert len(left) == 3 and left == sorted(paths[-3:])
    assert [p.read_text() for p in left] == ["note 5", "note 6", "note 7"]


def test_chat_turns_keep_the_note_folder_bounded(assistant, tmp_path):
    session = None
    for i in range(6):
        final = list(callbacks.respond(assistant, Q7, session, note_dir=tmp_path, keep_notes=2))[-1]
        session = final.session
        assert Path(final.download).is_file()  # the newest note is always there to download
    assert len(list(tmp_path.rglob("*.md"))) == 2


@pytest.fixture
def served(assistant, monkeypatch, tmp_path):
    cache = tmp_path / "gradio-cache"
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(cache))  # where Gradio would copy every returned file
    monkeypatch.setattr(blocks, "KEEP_NOTES", 3)
    port = _free_port()
    app = serve(assistant, port=port, concurrency=2, block=False, quiet=True)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as http:
        yield app, http, cache
    app.close()


def test_server_notes_stay_in_its_folder_bounded_and_go_on_close(served):
    app, http, cache = served
    folder = app.paracite_temp_dir
    assert folder.is_dir() and folder.name.startswith("paracite-ui-")
    fn_index, trigger = chat_fn_index(http.get("/config").json())
    session = uuid.uuid4().hex
    for _ in range(5):
        out = chat_turn(http, fn_index, trigger, session, Q7)
    note, download = out[4], out[5]
    assert "paragraph 7" in note
    assert Path(download["path"]).resolve().is_relative_to(folder)
    assert http.get(download["url"]).text == note  # served in place, no copy needed
    assert len(list(folder.rglob(export.NOTE_FILENAME))) == 3
    assert folder_size(cache) == (0, 0)  # before: one more copy per answer, never removed
    app.close()
    assert not folder.exists()


def test_a_question_over_the_limit_is_not_echoed_over_http(served):
    _app, http, _cache = served
    fn_index, trigger = chat_fn_index(http.get("/config").json())
    big = "Why " + "x" * 1_000_000 + "?"
    out = chat_turn(http, fn_index, trigger, uuid.uuid4().hex, big)
    messages = out[0]
    assert sum(len(str(m)) for m in messages) < 5_000
    assert "the limit is 2,000" in str(messages[-1])


# -- login ---------------------------------------------------------------------------------------------------------

def test_login_throttle_delays_after_repeated_failures():
    delays: list[float] = []

    async def fake_sleep(s):
        delays.append(s)

    check = launch.throttled_login("officer", "s3cret", free_failures=3, base_delay=0.5, max_delay=4, sleep=fake_sleep)

    async def attempts():
        results = [await check("officer", f"guess{i}") for i in range(8)]
        results.append(await check("someone-else", "s3cret"))
        results.append(await check("officer", "s3cret"))
        results.append(await check("officer", "wrong"))
        return results

    results = asyncio.run(attempts())
    assert results == [False] * 9 + [True, False]
    # 3 free, then 0.5 doubling up to 4; other user names count too; a correct login resets the count
    assert delays == [0.5, 1, 2, 4, 4, 4, 4]


def test_wrong_logins_are_throttled_over_http_without_stalling_the_server(assistant, monkeypatch):
    monkeypatch.setattr(launch, "BASE_DELAY", 0.1)
    port = _free_port()
    app = serve(assistant, port=port, auth="officer:s3cret", concurrency=2, block=False, quiet=True)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            start = time.perf_counter()
            for i in range(7):  # 3 free, then 0.1 + 0.2 + 0.4 + 0.8 s
                assert http.post("/login", data={"username": "officer", "password": f"x{i}"}).status_code == 400
            assert time.perf_counter() - start >= 1.4

            slow = threading.Thread(target=lambda: http.post("/login", data={"username": "officer",
                                                                           "password": "x"}))
            slow.start()  # waits 1.6 s on the server
            time.sleep(0.2)
            t0 = time.perf_counter()
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as other:
                assert other.get("/config").status_code in (401, 403)
            assert time.perf_counter() - t0 < 1.0  # the event loop kept serving
            slow.join()

            basic = base64.b64encode(b"officer:s3cret").decode()
            assert http.get("/config", headers={"Authorization": f"Basic {basic}"}).status_code in (401, 403)
            assert http.post("/login", data={"username": "officer", "password": "s3cret"}).status_code == 200
            assert http.get("/config").status_code == 200
    finally:
        app.close()


def test_readme_describes_the_login_truthfully():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Basic auth for the UI" not in readme
    assert "not HTTP Basic auth" in readme and "throttled" in readme

