"""What the real-browser tests share: the UI served on a free loopback port, and headless Debian Chromium driven by
Playwright (launched with the flags this closed network needs)."""
from __future__ import annotations

import contextlib
import socket
from pathlib import Path
from typing import Any, Iterator

import pytest

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 90_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(assistant: Any, *, concurrency: int) -> Iterator[str]:
    """The chat UI for this assistant on 127.0.0.1 (a server thread), as its URL."""
    from app.ui import serve

    port = free_port()
    app = serve(assistant, host="127.0.0.1", port=port, concurrency=concurrency, block=False, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


@contextlib.contextmanager
def chromium_page(**context: Any) -> Iterator[Any]:
    """A page of headless Chromium (skips the test where Chromium or Playwright is missing); `context` goes to
    new_context (e.g. locale="fr-FR")."""
    if not CHROMIUM.exists():
        pytest.skip(f"headless browser test needs Debian chromium at {CHROMIUM}: apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs Playwright for Python (pip install playwright)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--no-sandbox", "--headless", "--disable-gpu",
                                          "--disable-background-networking"])
        try:
            pg = browser.new_context(viewport={"width": 1400, "height": 1000}, **context).new_page()
            pg.set_default_timeout(TIMEOUT_MS)
            yield pg
        finally:
            browser.close()
