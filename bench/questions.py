"""The questions the speed benchmarks ask: the eval gold set's locked test split when it exists, else a small fixed
list."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bench._util import ROOT
from eval.gold import Split

GOLD = Split.TEST.path

# Used only when the gold file is missing: questions about the bundled UNODC 2018 report, for timing (no gold).
FALLBACK = (
    "How many States were parties to the Organized Crime Convention?",
    "What did UNODC do to counter cybercrime?",
    "Which decision of the Economic and Social Council is the report prepared under?",
    "How did UNODC help States fight trafficking in persons?",
    "What happened in the review mechanism of the Convention against Corruption?",
    "What support did UNODC give on firearms?",
    "What is the Global Programme against Money-Laundering doing?",
    "What was done about wildlife and forest crime?",
    "How does UNODC address maritime crime and piracy?",
    "What did the report say about the smuggling of migrants?",
    "Which working groups of the Conference of the Parties met?",
    "How does UNODC promote international cooperation in criminal matters?",
)


@dataclass(frozen=True)
class Question:
    text: str
    gold: frozenset[int] = field(default_factory=frozenset)  # paragraph numbers that answer it (empty: unknown)
    doc_id: str | None = None
    answerable: bool = True


def _gold_numbers(row: dict) -> frozenset[int]:
    # the eval engineer owns the format; accept the plausible spellings rather than break on a rename
    for key in ("gold_paragraphs", "paragraphs", "gold", "expected_paragraphs", "para_nos", "paragraph_numbers"):
        value = row.get(key)
        if isinstance(value, list):
            nums = set()
            for v in value:
                if isinstance(v, dict):
                    v = v.get("number", v.get("para_no", v.get("paragraph")))
                try:
                    nums.add(int(str(v).lstrip("¶")))
                except (TypeError, ValueError):
                    continue
            return frozenset(nums)
    return frozenset()


def load_questions(path: Path | None = None, *, limit: int | None = None) -> tuple[list[Question], str]:
    """(questions, where they came from)."""
    path = GOLD if path is None else Path(path)
    out: list[Question] = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            row = json.loads(line)
            text = row.get("question") or row.get("q")
            if not isinstance(text, str) or not text.strip():
                continue
            answerable = row.get("type") != "unanswerable" and not row.get("unanswerable", False)
            out.append(Question(text.strip(), _gold_numbers(row), row.get("doc_id"), answerable))
    source = str(path.relative_to(ROOT)) if out and path.is_relative_to(ROOT) else str(path) if out else ""
    if not out:
        out, source = [Question(q) for q in FALLBACK], f"built-in list ({GOLD.name} not found)"
    return (out[:limit] if limit else out), source
