"""`serve(...)`: launch the UI (used by `paracite serve`)."""
from __future__ import annotations

from ingest.errors import ParaCiteError


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    """"user:password" -> ("user", "password"); None or "" -> no login."""
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        raise ParaCiteError("PARACITE_AUTH must be user:password (both non-empty)")
    return user, password


def serve(assistant, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None, concurrency: int = 8, *,
          block: bool = True, quiet: bool = False):
    """Launch the app on host:port (loopback unless told otherwise) and return it.

    block=False returns once the server is up (it keeps running in a background thread: call `app.close()`)."""
    from app.ui.blocks import create_app

    credentials = parse_auth(auth)
    app = create_app(assistant, concurrency=concurrency)
    try:
        app.launch(server_name=host, server_port=int(port), auth=credentials, prevent_thread_lock=not block,
                   share=False, show_error=False, quiet=quiet, ssr_mode=False, footer_links=["api"],
                   auth_message="ParaCite: sign in with the user and password you were given." if credentials else None)
    except OSError as err:
        raise ParaCiteError(f"cannot serve on {host}:{port} ({err}); choose another --port") from err
    return app
