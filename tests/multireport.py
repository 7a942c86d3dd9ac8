"""A corpus of several reports that share paragraph numbers, made from the one real report (test data only).

The real report's chapters become three reports, each numbered from 1 again, with their own metadata: one in a UN
cover page (front matter), two in sidecars. `MultiCorpus.origin[(doc_id, label)]` is the real paragraph number, so
gold questions about the real report know which new report and paragraph answer them.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

# doc_id -> (first and last real paragraph, metadata, where it is written: "cover" page or "sidecar")
SPLIT = {
    "ccpcj-2017-organized-crime": (1, 40, dict(symbol="E/CN.15/2017/90", title="Organized crime (test report A)",
                                              body="Commission on Crime Prevention and Criminal Justice",
                                              session="Twenty-sixth session", date="2017-03-14"), "cover"),
    "ccpcj-2018-organized-crime": (41, 62, dict(symbol="E/CN.15/2018/91", title="Organized crime, continued (test "
                                                "report B)", session="Twenty-seventh session", date="2018"),
                                   "sidecar"),
    "ccpcj-2019-corruption": (63, 110, dict(symbol="E/CN.15/2019/92", title="Corruption (test report C)",
                                            session="Twenty-eighth session", date="2019-05-20"), "sidecar"),
}


ROMAN = ("I", "II", "III", "IV", "V")


@dataclass
class MultiCorpus:
    folder: Path
    origin: dict[tuple[str, str], int] = field(default_factory=dict)  # (doc_id, new label) -> real number
    located: dict[int, tuple[str, str]] = field(default_factory=dict)  # real number -> (doc_id, new label)

    @property
    def doc_ids(self) -> list[str]:
        return list(SPLIT)


def _cover(meta: dict) -> str:
    return (f" United Nations                                        {meta['symbol']}\n\n"
            f" Economic and Social Council                           Distr.: General\n"
            f"                                                       {_long_date(meta['date'])}\n\n"
            f" {meta['body']}\n {meta['session']}\n Vienna\n\n")


def _long_date(iso: str) -> str:
    import datetime

    d = datetime.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def write_multi_corpus(folder: str | Path, paragraphs: Sequence) -> MultiCorpus:
    """Write the three reports (from the real report's parsed paragraphs) into folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = MultiCorpus(folder)
    for doc_id, (first, last, meta, where) in SPLIT.items():
        lines: list[str] = [_cover(meta)] if where == "cover" else []
        path: tuple[str, ...] = ()
        chapters: dict[str, str] = {}
        n = 0
        for p in paragraphs:
            if not first <= p.number <= last or p.label != str(p.number):
                continue
            depth = 0
            while depth < min(len(path), len(p.section_path)) and path[depth] == p.section_path[depth]:
                depth += 1
            for level, heading in enumerate(p.section_path[depth:], depth):
                if level == 0:  # chapters renumbered from I in each report (the parser expects a report to start so)
                    chapters.setdefault(heading, ROMAN[len(chapters)])
                    heading = re.sub(r"^[IVX]+\.", chapters[heading] + ".", heading)
                lines.append(f" {heading}\n\n")
            path = tuple(p.section_path)
            n += 1
            lines.append(f"{n}. {p.text}\n\n")
            out.origin[(doc_id, str(n))] = p.number
            out.located[p.number] = (doc_id, str(n))
        (folder / f"{doc_id}.txt").write_text("".join(lines), encoding="utf-8")
        if where == "sidecar":
            (folder / f"{doc_id}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        else:
            (folder / f"{doc_id}.meta.json").write_text(json.dumps({"title": meta["title"]}), encoding="utf-8")
    return out
