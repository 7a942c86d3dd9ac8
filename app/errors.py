"""Errors of the app layer: what a user asked, or how they asked it, cannot be served as given.

The errors every layer shares (ParaCiteError, BackendError, the index errors) live in ingest/errors.py, the lowest
layer; they are re-exported here so that app code imports all its errors from one place.
"""
from __future__ import annotations

from ingest.errors import BackendError, ParaCiteError

__all__ = ["BackendError", "OptionError", "ParaCiteError", "QuestionError"]


class QuestionError(ParaCiteError):
    """A question that cannot be answered as given (empty, too long)."""


class OptionError(ParaCiteError):
    """An option given with a question (k, section, backend) has the wrong type or value."""
