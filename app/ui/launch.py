"""`serve(...)`: launch the UI (used by `paracite serve`)."""
from __future__ import annotations

import asyncio
import logging
import secrets
import shutil
import signal
import threading
from typing import Awaitable, Callable

from ingest.errors import ParaCiteError

log = logging.getLogger(__name__)

# Login throttling: the first FREE_FAILURES wrong passwords in a row cost nothing (typos), then each attempt waits
# BASE_DELAY, doubling per failure up to MAX_DELAY, until a correct login. Attempts are checked one at a time, so
# parallel guesses queue behind each other's delays instead of sharing them.
FREE_FAILURES = 3
BASE_DELAY = 0.5
MAX_DELAY = 8.0


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    """"user:password" -> ("user", "password"); None or "" -> no login."""
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        raise ParaCiteError("PARACITE_AUTH must be user:password (both non-empty)")
    return user, password


def throttled_login(user: str, password: str, *, free_failures: int | None = None, base_delay: float | None = None,
                    max_delay: float | None = None,
                    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> Callable[[str, str], Awaitable[bool]]:
    """The check for Gradio's login form (`launch(auth=...)`). It must be a coroutine function: Gradio awaits it on
    its event loop, where a blocking sleep would stall every user's answers, not just the guesser's. Failures are
    counted over all user names, so guessing with varied names is throttled too."""
    free_failures = FREE_FAILURES if free_failures is None else free_failures
    base_delay = BASE_DELAY if base_delay is None else base_delay
    max_delay = MAX_DELAY if max_delay is None else max_delay
    failures = 0
    lock: asyncio.Lock | None = None

    async def check(username: str, pw: str) -> bool:
        nonlocal failures, lock
        if lock is None:  # created on the server's loop, at the first attempt
            lock = asyncio.Lock()
        async with lock:
            if failures >= free_failures:
                await sleep(min(max_delay, base_delay * 2 ** (failures - free_failures)))
            ok = secrets.compare_digest(username.encode(), user.encode()) & \
                secrets.compare_digest(pw.encode(), password.encode())
            if ok:
                failures = 0
            else:
                failures += 1
                if failures == free_failures + 1:
                    log.warning("%d failed UI logins in a row: slowing down further attempts", failures)
            return bool(ok)

    return check


def serve(assistant, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None, concurrency: int = 8, *,
          block: bool = True, quiet: bool = False):
    """Launch the app on host:port (loopback unless told otherwise) and return it.

    block=False returns once the server is up (it keeps running in a background thread: call `app.close()`).
    The app's temporary folder (briefing notes) is removed when the app closes or the process exits."""
    from app.runtime import serve_one_query_at_a_time
    from app.ui.blocks import create_app

    serve_one_query_at_a_time()  # an entry point: the process now serves questions (app/runtime.py)
    credentials = parse_auth(auth)
    app = create_app(assistant, concurrency=concurrency)
    folder = app.paracite_temp_dir
    close = app.close

    def close_and_clean(*args, **kwargs):
        try:
            return close(*args, **kwargs)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    app.close = close_and_clean  # Gradio's own shutdown (Ctrl-C in launch) calls self.close() too
    if block and threading.current_thread() is threading.main_thread():
        # `kill` / systemd stop: end like Ctrl-C, so that Gradio closes and the folder is removed
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        app.launch(server_name=host, server_port=int(port),
                   auth=throttled_login(*credentials) if credentials else None, prevent_thread_lock=not block,
                   share=False, show_error=False, quiet=quiet, ssr_mode=False, footer_links=["api"],
                   allowed_paths=[str(folder)],  # the notes are served from here, not from a copy in Gradio's cache
                   auth_message="ParaCite: sign in with the user and password you were given." if credentials else None)
    except OSError as err:
        shutil.rmtree(folder, ignore_errors=True)
        raise ParaCiteError(f"cannot serve on {host}:{port} ({err}); choose another --port") from err
    finally:
        if block:
            shutil.rmtree(folder, ignore_errors=True)
    return app


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt
