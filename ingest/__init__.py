"""corpus/ -> paragraphs with section metadata -> token-budgeted chunks -> embedded index.

Kept light: importing `ingest` loads no model and no FAISS.
"""
from ingest.parse import parse_report, parse_text
from ingest.types import BuildReport, Chunk, Document, IngestProblem, Paragraph

__all__ = ["parse_report", "parse_text", "Paragraph", "Chunk", "Document", "BuildReport", "IngestProblem"]
