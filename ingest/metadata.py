"""A report's bibliographic metadata: symbol, title, body, session and date.

Two sources, the report's own front matter first, then the sidecar `<stem>.meta.json`; a field missing from both
stays empty (the title then comes from the file name). Front matter is either

- a block of `key: value` lines between two `---` lines at the very top of a .txt file (keys: symbol, title, body,
  session, date), or
- the cover page of a UN document, the lines before the first heading: the document symbol ("E/CN.15/2018/5"),
  the body ("Commission on Crime Prevention and Criminal Justice"), the session ("Twenty-seventh session") and the
  date ("Distr.: General 12 March 2018").

The parser ignores both (front matter holds no numbered paragraph). PDFs are read for their sidecar only: their
cover page would need the PDF's text, which only the parser extracts.

A date is kept as ISO text: "2018-03-12", "2018-03" or "2018"; `year` is its first four digits.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields, replace
from datetime import date as _date
from pathlib import Path
from typing import Any, Mapping

from ingest.errors import CorpusError

METADATA_VERSION = 1  # in the build options: a change re-reads every report
FIELDS = ("symbol", "title", "body", "session", "date")
FRONT_MATTER_BYTES = 16_384  # the cover page is in the first few hundred bytes; never read a whole long file

# A UN document symbol: series letters, then slash-separated parts ("E/CN.15/2018/5", "A/73/123", "CAC/COSP/2019/2")
SYMBOL = re.compile(r"\b([A-Z]{1,6}(?:\.\d+)?/(?:[A-Z0-9.\-]+/){1,5}[A-Za-z0-9.\-]+)\b")
_FENCE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_KEY_VALUE = re.compile(r"^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")
_HEADING = re.compile(r"^\s*(?:[IVXLC]+|\d{1,3})\.\s+\S")
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"), 1)}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_SESSION = re.compile(r"\b([A-Z][a-z]+(?:-[a-z]+)?(?:\s+special)?\s+session)\b")
_BODY = re.compile(r"^\s*((?:Commission|Committee|Conference|General Assembly|Human Rights Council|Security Council|"
                   r"Executive Board|Board|Economic and Social Council)\b[^\n]*?)\s*$")


@dataclass(frozen=True)
class ReportMeta:
    symbol: str = ""
    title: str = ""
    body: str = ""
    session: str = ""
    date: str = ""  # ISO: "2018-03-12", "2018-03" or "2018"

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date[:4].isdigit() else None

    def merged(self, other: "ReportMeta") -> "ReportMeta":
        """These fields, each empty one filled from `other`."""
        return replace(self, **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def to_json(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def normalise_date(raw: str) -> str:
    """"12 March 2018" / "2018-3-12" / "2018" -> ISO text; "" when it is no date."""
    raw = " ".join(str(raw).split())
    m = _ISO.match(raw)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        try:
            if d:
                return _date(int(y), int(mo), int(d)).isoformat()
            if mo:
                return f"{int(y):04d}-{int(mo):02d}" if 1 <= int(mo) <= 12 else ""
        except ValueError:
            return ""
        return y
    m = _DAY_MONTH_YEAR.search(raw)
    if m:
        try:
            return _date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1))).isoformat()
        except ValueError:
            return ""
    return ""


def _clean(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def from_mapping(data: Mapping[str, Any], *, where: str) -> ReportMeta:
    """The known fields of a sidecar or front-matter mapping. Raises CorpusError for a field that is present but not
    text (a title of 42), or a date that is no date."""
    values: dict[str, str] = {}
    for name in FIELDS:
        value = data.get(name)
        if value is None:
            continue
        if name == "date" and isinstance(value, int):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise CorpusError(where, f"{name!r} must be a non-empty string")
        values[name] = _clean(value)
    if "date" in values:
        iso = normalise_date(values["date"])
        if not iso:
            raise CorpusError(where, f"'date' {values['date']!r} is not a date (use 2018-03-12, 2018-03 or 2018)")
        values["date"] = iso
    return ReportMeta(**values)


def read_sidecar(meta_path: Path) -> ReportMeta:
    """The sidecar's fields; ReportMeta() when there is none. Raises CorpusError when it is not valid."""
    if not meta_path.is_file():
        return ReportMeta()
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CorpusError(str(meta_path), f"is not valid UTF-8 JSON ({e}); fix it or delete it") from None
    if not isinstance(data, dict):  # as before metadata: no fields, the title from the file name
        return ReportMeta()
    return from_mapping(data, where=str(meta_path))


def read_front_matter(path: Path) -> ReportMeta:
    """The metadata in a .txt report's front matter (a `---` block, else its cover page); ReportMeta() for a PDF or
    a file without any. Never raises for the report's text: a cover page is read as far as it makes sense."""
    if path.suffix.lower() != ".txt":
        return ReportMeta()
    try:
        with open(path, "rb") as fh:
            head = fh.read(FRONT_MATTER_BYTES).decode("utf-8-sig", errors="replace")
    except OSError:
        return ReportMeta()
    return parse_front_matter(head, where=str(path))


def parse_front_matter(head: str, *, where: str = "<text>") -> ReportMeta:
    fence = _FENCE.match(head)
    if fence:
        data = {}
        for line in fence.group(1).splitlines():
            m = _KEY_VALUE.match(line)
            if m and m.group(1).lower() in FIELDS and m.group(2):
                data[m.group(1).lower()] = m.group(2).strip().strip("\"'")
        try:
            return from_mapping(data, where=where)
        except CorpusError:  # a malformed field in the block: keep the well-formed ones
            good = {}
            for k, v in data.items():
                try:
                    good.update(from_mapping({k: v}, where=where).to_json())
                except CorpusError:
                    continue
            return ReportMeta(**good)
    return _cover_page(head)


def _cover_page(head: str) -> ReportMeta:
    cover: list[str] = []
    for line in head.splitlines():
        if _HEADING.match(line):
            break
        if line.strip():
            cover.append(line.strip())
    if not cover:
        return ReportMeta()
    text = "\n".join(cover)
    symbol = SYMBOL.search(text)
    session = _SESSION.search(text)
    date = ""
    distr = re.search(r"Distr\.?\s*:?\s*\w+\s*(.*)", text, re.DOTALL)
    for candidate in ([distr.group(1)] if distr else []) + [text]:
        date = normalise_date(candidate)
        if date:
            break
    bodies = [m.group(1) for line in cover for m in [_BODY.match(line)] if m]
    bodies = [re.sub(r"\s+Distr\..*$", "", b).strip() for b in bodies]
    specific = [b for b in bodies if b != "Economic and Social Council"]
    body = (specific or bodies or [""])[0]
    return ReportMeta(symbol=symbol.group(1) if symbol else "", body=body,
                      session=session.group(1) if session else "", date=date)


def read_metadata(path: Path, meta_path: Path) -> ReportMeta:
    """Front matter first, then the sidecar for the fields it lacks. Raises CorpusError for an invalid sidecar."""
    return read_front_matter(path).merged(read_sidecar(meta_path))
