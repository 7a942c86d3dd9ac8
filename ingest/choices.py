"""Closed sets of choices as StrEnums: each is the one list of its values, for Settings, the CLI and the code.

A member is a `str` (it compares, hashes, formats and serialises as its value), and its repr is the value's, so
messages read as they did with plain strings. Parsing an unknown value raises a ValueError that lists the valid ones.
"""
from __future__ import annotations

from enum import StrEnum


class Choice(StrEnum):
    """Base of every choice: `Kind("x")` raises ValueError("'x' is not one of a, b, c")."""

    @classmethod
    def _missing_(cls, value: object) -> None:
        raise ValueError(f"{value!r} is not one of {cls.listing()}")

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(m.value for m in cls)

    @classmethod
    def listing(cls) -> str:
        return ", ".join(cls.values())

    def __repr__(self) -> str:
        return repr(self.value)


class EmbeddingBackend(Choice):
    """torch: full precision. int8: torch dynamic int8 quantisation of the Linear layers, no extra package; on the eval
    questions it keeps hit@3 (0.815 both) at twice the passage speed (bench/RESULTS.md, embed_backends). onnx: the
    sentence-transformers ONNX runtime, for environments where optimum-onnx installs (it pins transformers < 4.58).
    The manifest records a quantised model under its own id, so switching backend asks for a re-ingest."""

    TORCH = "torch"
    INT8 = "int8"
    ONNX = "onnx"


class IndexKind(Choice):
    """FAISS index type: auto = exact below the ANN threshold, HNSW above."""

    AUTO = "auto"
    FLAT = "flat"
    HNSW = "hnsw"
    IVF = "ivf"
