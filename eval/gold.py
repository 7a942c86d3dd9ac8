"""The gold question sets: hand-labelled questions over the report, read into typed records.

Two splits, so that no figure we quote comes from questions we tuned on:
- `dev` (eval/gold_dev.jsonl): tune, sweep and read failures freely;
- `test` (eval/gold_test.jsonl): locked. Run only to report. Its sha256 is recorded in eval/gold_test.sha256, and a test
  fails when the file changes without that record changing too, so an edit to the test split shows in review.

`eval/split_gold.py` made the split (deterministically) from the original set and the blind-written questions.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ingest.errors import ParaCiteError

EVAL_DIR = Path(__file__).resolve().parent


class Split(StrEnum):
    DEV = "dev"
    TEST = "test"

    @classmethod
    def parse(cls, value: str) -> "Split":
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ParaCiteError(f"unknown gold split {value!r}; use one of {', '.join(s.value for s in cls)}, "
                                "or pass a .jsonl path") from None

    @property
    def path(self) -> Path:
        return EVAL_DIR / f"gold_{self.value}.jsonl"


TEST_HASH_PATH = EVAL_DIR / "gold_test.sha256"
TYPES = ("factoid", "numeric", "list", "paraphrase", "multi", "section", "followup", "unanswerable")
# How a reader words the question, for the per-group tables: the four groups.
GROUPS = {"factoid": "worded like the report", "numeric": "worded like the report", "list": "worded like the report",
          "section": "worded like the report", "followup": "worded like the report", "paraphrase": "paraphrased",
          "multi": "multi-paragraph", "unanswerable": "near-miss unanswerable"}
GROUP_ORDER = ("worded like the report", "paraphrased", "multi-paragraph", "near-miss unanswerable")
# Minimum count per type in each split: checked by tests/eval/test_gold.py.
MIN_PER_TYPE = {"factoid": 8, "numeric": 12, "list": 5, "paraphrase": 35, "multi": 10, "section": 4,
                "followup": 4, "unanswerable": 30}
MIN_TOTAL = 150


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
    # "original" (written beside the code), "blind" (written from the report alone, split between dev and test) or
    # "blind-dev" (written the same way later, all in dev)
    origin: str = "original"
    neighbour_paragraphs: tuple[int, ...] = ()  # unanswerable: where the closest real fact is
    gap: str = ""  # unanswerable: what the report does not give

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"

    @property
    def written_blind(self) -> bool:
        return self.origin in ("blind", "blind-dev")

    @property
    def group(self) -> str:
        return GROUPS.get(self.type, self.type)

    @property
    def gold_keys(self) -> set[tuple[str, int]]:
        return {(self.doc_id, p) for p in self.gold_paragraphs}


@dataclass
class GoldSet:
    questions: list[GoldQuestion] = field(default_factory=list)
    path: str = ""

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
            origin=str(d.get("origin", "original")),
            neighbour_paragraphs=tuple(int(p) for p in d.get("neighbour_paragraphs", ())),
            gap=str(d.get("gap", "")),
        )
    except (KeyError, TypeError, ValueError, IndexError) as e:
        raise ParaCiteError(f"gold record {where} is malformed ({e!r}); fix the line in the gold file") from None


def resolve(split_or_path: str | Path) -> Path:
    """A split name ("dev", "test") or a path to a .jsonl file."""
    if isinstance(split_or_path, Path) or str(split_or_path).endswith(".jsonl"):
        return Path(split_or_path)
    return Split.parse(str(split_or_path)).path


def load_gold(split_or_path: str | Path = Split.DEV) -> GoldSet:
    path = resolve(split_or_path)
    if not path.is_file():
        raise ParaCiteError(f"gold file {path} not found; pass --split dev|test or an existing .jsonl file")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise ParaCiteError(f"{path}:{n} is not valid JSON ({e.msg}); fix that line") from None
            out.append(parse_record(d, where=f"{path}:{n}"))
    return GoldSet(out, str(path))


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def recorded_test_sha256() -> str:
    return TEST_HASH_PATH.read_text(encoding="utf-8").split()[0] if TEST_HASH_PATH.is_file() else ""
