"""Errors a user can act on. Each message is one line that says what is wrong and what to do.

They live in the lowest layer so that ingest, the index and the app raise the same types; the CLI prints `str(err)`
without a traceback.
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


class QuestionError(ParaCiteError):
    """A question that cannot be answered as given (empty, too long)."""


class BackendError(ParaCiteError):
    """An answerer backend is misconfigured or its optional dependency is missing."""


class OptionError(ParaCiteError):
    """An option given with a question (k, section, backend) has the wrong type or value."""
