"""The Gradio web UI: `create_app(assistant)` builds it, `serve(...)` launches it."""
from __future__ import annotations

from app.ui.blocks import create_app
from app.ui.launch import serve

__all__ = ["create_app", "serve"]
