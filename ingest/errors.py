"""Errors a user can act on. Each message is one line that says what is wrong and what to do.

The ones here live in the lowest layer so that ingest, the index and the app raise the same types; errors only the app
raises (QuestionError, OptionError) are in app/errors.py. The CLI prints `str(err)` without a traceback.
"""
from __future__ import annotations


class ParaCiteError(Exception):
    """Base class: `str(err)` is a complete, actionable one-line message."""


class CorpusError(ParaCiteError):
    """A corpus file cannot be read or parsed (not UTF-8, empty, no numbered paragraphs, PDF without text)."""

    def __init__(self, path: str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class IndexMissingError(ParaCiteError):
    """No index has been built in the index folder."""


class IndexCorruptError(ParaCiteError):
    """Index files are missing, truncated or do not match their manifest hashes."""


class IndexMismatchError(ParaCiteError):
    """The index was built with another embedding model/dimension (or format version) than the one configured."""


class IndexLockedError(ParaCiteError):
    """Another ingest holds the index lock."""


class BackendError(ParaCiteError):
    """A backend (embedding runtime, vector index, answerer) is misconfigured or its optional dependency is missing.

    It lives here because ingest raises it too (embedding backend, faiss); the app's own errors (QuestionError,
    OptionError) are in app/errors.py."""
