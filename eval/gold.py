"""The gold question set: hand-labelled questions over the report, read into typed records."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import ParaCiteError

GOLD_PATH = Path(__file__).resolve().parent / "gold.jsonl"
TYPES = ("factoid", "numeric", "list", "paraphrase", "multi", "section", "followup", "unanswerable")
# Minimum count per type: the coverage requirements, checked by tests/eval/test_gold.py.
MIN_PER_TYPE = {"factoid": 15, "numeric": 25, "list": 10, "paraphrase": 10, "multi": 10, "section": 8,
                "followup": 8, "unanswerable": 15}
MIN_TOTAL = 110


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    question: str
    type: str
    doc_id: str
    gold_paragraphs: tuple[int, ...]
    key_facts: tuple[str, ...]
    section: str | None = None
    follows: str | None = None  # id of the question this follow-up continues
    history: tuple[tuple[str, str | None], ...] = ()  # earlier (question, answer or None), oldest first
    notes: str = ""

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"

    @property
    def gold_keys(self) -> set[tuple[str, int]]:
        return {(self.doc_id, p) for p in self.gold_paragraphs}


@dataclass
class GoldSet:
    questions: list[GoldQuestion] = field(default_factory=list)

    def by_id(self) -> dict[str, GoldQuestion]:
        return {q.id: q for q in self.questions}

    def __len__(self) -> int:
        return len(self.questions)


def parse_record(d: dict, *, where: str = "") -> GoldQuestion:
    try:
        return GoldQuestion(
            id=str(d["id"]),
            question=str(d["question"]),
            type=str(d["type"]),
            doc_id=str(d["doc_id"]),
            gold_paragraphs=tuple(int(p) for p in d.get("gold_paragraphs", ())),
            key_facts=tuple(str(f) for f in d.get("key_facts", ())),
            section=d.get("section"),
            follows=d.get("follows"),
            history=tuple((str(h[0]), h[1]) for h in d.get("history", ())),
            notes=str(d.get("notes", "")),
        )
    except (KeyError, TypeError, ValueError, IndexError) as e:
        raise ParaCiteError(f"gold record {where} is malformed ({e!r}); fix the line in the gold file") from None


def load_gold(path: str | Path = GOLD_PATH) -> GoldSet:
    path = Path(path)
    if not path.is_file():
        raise ParaCiteError(f"gold file {path} not found; pass an existing .jsonl file")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise ParaCiteError(f"{path}:{n} is not valid JSON ({e.msg}); fix that line") from None
            out.append(parse_record(d, where=f"{path}:{n}"))
    return GoldSet(out)
