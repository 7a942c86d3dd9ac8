"""Makes the dev/test split of the gold questions, deterministically: `python -m eval.split_gold`.

- The original questions (eval/sources/original.jsonl, written beside the code) keep the halves they already had when
  the abstention threshold was tuned: odd ids were dev, even ids held out. A follow-up goes with the question it
  follows, so that its history is answered in the same run.
- The blind questions (eval/sources/blind.jsonl, written from the report alone by someone who had not seen the code or
  the other questions) are split half and half within each type, by a hash of their id, so neither half is picked.
- The blind dev questions (eval/sources/blind_dev.jsonl, written the same way later, to tune on more reader wording
  than the first half gave) all go to dev: the locked test split stays byte-identical.
Writes eval/gold_dev.jsonl, eval/gold_test.jsonl and the test split's sha256 (eval/gold_test.sha256).
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

from eval.gold import EVAL_DIR, TEST_HASH_PATH, Split, file_sha256

SOURCES = EVAL_DIR / "sources"


def _read(path: Path, origin: str) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        r.setdefault("origin", origin)
    return rows


def _root(q: dict, by_id: dict[str, dict]) -> dict:
    while q.get("follows") in by_id:
        q = by_id[q["follows"]]
    return q


def split(original: list[dict], blind: list[dict], blind_dev: list[dict] = ()) -> tuple[list[dict], list[dict]]:
    dev, test = [], []
    by_id = {q["id"]: q for q in original}
    for q in original:
        number = int("".join(ch for ch in _root(q, by_id)["id"] if ch.isdigit()))
        (test if number % 2 == 0 else dev).append(q)
    by_type: dict[str, list[dict]] = defaultdict(list)
    for q in blind:
        by_type[q["type"]].append(q)
    for rows in by_type.values():
        rows.sort(key=lambda q: hashlib.sha256(q["id"].encode()).hexdigest())
        for i, q in enumerate(rows):
            (test if i % 2 == 0 else dev).append(q)
    dev.extend(blind_dev)
    return dev, test


def write(rows: list[dict], path: Path) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def main() -> int:
    original = _read(SOURCES / "original.jsonl", "original")
    blind_path = SOURCES / "blind.jsonl"
    blind = _read(blind_path, "blind") if blind_path.is_file() else []
    blind_dev_path = SOURCES / "blind_dev.jsonl"
    blind_dev = _read(blind_dev_path, "blind-dev") if blind_dev_path.is_file() else []
    dev, test = split(original, blind, blind_dev)
    write(dev, Split.DEV.path)
    write(test, Split.TEST.path)
    TEST_HASH_PATH.write_text(f"{file_sha256(Split.TEST.path)}  {Split.TEST.path.name}\n", encoding="utf-8")
    print(f"dev: {len(dev)} questions, test: {len(test)} questions; test sha256 recorded in {TEST_HASH_PATH.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
