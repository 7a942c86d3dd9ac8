"""ParaCite's application layer: Python API (Assistant), LangChain chain, CLI and Gradio UI.

`from app import Assistant` stays cheap: heavy modules load on first use, so `paracite --help` is instant.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from app.assistant import Assistant
    from app.settings import Settings
    from app.types import Answer, Citation, Hit

__all__ = ["Assistant", "Settings", "Answer", "Citation", "Hit"]


def __getattr__(name: str) -> Any:
    if name == "Assistant":
        from app.assistant import Assistant

        return Assistant
    if name == "Settings":
        from app.settings import Settings

        return Settings
    if name in ("Answer", "Citation", "Hit"):
        from app import types

        return getattr(types, name)
    raise AttributeError(name)
