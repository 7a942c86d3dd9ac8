"""The answer as a Markdown briefing note with a numbered source list (report title, paragraph, section, quote)."""
from __future__ import annotations

import re
import shutil
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Mapping

from app.types import Answer, AnswerStatus

NOTE_FILENAME = "paracite-briefing-note.md"
_MD_ANGLE = re.compile(r"([<>])")


def md_text(text: str, *, keep_lines: bool = False) -> str:
    """Report/user text made inert in Markdown: `<` and `>` are backslash-escaped, so `<script>` stays text in any
    renderer while the plain file still reads naturally. Newlines are flattened (or, with keep_lines, kept with a
    leading `#` escaped) so the text cannot start a heading of the note."""
    if not keep_lines:
        return _MD_ANGLE.sub(r"\\\1", " ".join((text or "").split()))
    lines = [md_text(line) for line in (text or "").splitlines()]
    return "\n".join("\\" + line if line.startswith("#") else line for line in lines)


def briefing_note(answer: Answer, *, titles: Mapping[str, str] | None = None, generated: datetime | None = None,
                  names: Mapping[str, str] | None = None) -> str:
    """`names` ({doc_id: symbol or doc_id}, given when several reports are loaded): each source names its report."""
    names = dict(names or {})
    titles = dict(titles or {})
    for h in answer.hits:
        if h.title:
            titles.setdefault(h.doc_id, h.title)
    when = (generated or datetime.now()).strftime("%Y-%m-%d %H:%M")
    lines = [
        "# Briefing note",
        "",
        f"**Question:** {md_text(answer.question)}",
        "",
    ]
    if answer.read_as:  # a follow-up ("And when?") means nothing in a note read on its own: what was searched does
        lines += [f"**Read as:** {md_text(answer.read_as)}", ""]
    lines += [
        f"*Prepared with ParaCite on {when} ({md_text(answer.backend)} answerer). Every statement cites a numbered "
        "paragraph of the report; check the sources below.*",
        "",
        "## Answer",
        "",
    ]
    def report(doc_id: str) -> str:
        title = md_text(titles.get(doc_id, doc_id))
        return f"{md_text(names[doc_id])}, {title}" if doc_id in names else title

    if answer.status is AnswerStatus.CLARIFY:
        lines += ["**Which report?** " + md_text(answer.text), ""]
        lines += [f"{i}. {report(h.doc_id)}, paragraph {h.label}" for i, h in enumerate(answer.hits, 1)]
        lines.append("")
        return "\n".join(lines)
    if answer.status is AnswerStatus.NOT_SEARCHED:
        lines += ["**Not searched** (no loaded model reads the question's language). " + md_text(answer.text), ""]
        return "\n".join(lines)
    if answer.abstained:
        lines += ["**Not in the report.** " + md_text(answer.text), ""]
        if answer.hits:
            lines += ["## Closest paragraphs (the report does not answer the question)", ""]
            for i, h in enumerate(answer.hits, 1):
                lines.append(f"{i}. {report(h.doc_id)}, paragraph {h.paragraph} "
                             f"({md_text(h.section)}): “{md_text(_first_sentence(h.text))}”")
            lines.append("")
        return "\n".join(lines)

    if answer.status is AnswerStatus.PARTIAL:
        lines += ["**Partial answer: the report answers a neighbouring question, not the one asked.** "
                  + md_text(answer.lead), "", md_text(answer.claims, keep_lines=True), ""]
    else:
        lines += [md_text(answer.text, keep_lines=True), ""]
    unverified = [s for s in answer.sentences if not s.verified]
    if unverified:
        lines += ["**Caution:** these sentences could not be verified against the paragraphs they cite:", ""]
        lines += [f"- {md_text(s.text)}" + (f" ({md_text(s.reason)})" if s.reason else "") for s in unverified]
        lines.append("")
    lines += ["## Sources", ""]
    seen: set[tuple[str, int, str]] = set()
    n = 0
    for c in answer.citations:
        key = (c.doc_id, c.paragraph, c.quote)
        if key in seen:
            continue
        seen.add(key)
        n += 1
        flag = " *(quote not verified)*" if not c.verified else ""
        lines.append(f"{n}. {report(c.doc_id)}, paragraph {c.paragraph} "
                     f"({md_text(c.section)}): “{md_text(c.quote)}”{flag}")
    if n == 0:
        lines.append("(no paragraph cited)")
    lines.append("")
    return "\n".join(lines)


def _first_sentence(text: str, limit: int = 240) -> str:
    m = re.search(r"(?<=[.;:])\s", text)
    s = text[: m.start()] if m else text
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def write_note(note: str, directory: str | Path | None = None, *, keep: int | None = None) -> Path:
    """Write the note to a fresh file for the download button (a new folder per note: sessions never collide).
    With `keep`, only the newest `keep` notes stay in `directory`: a server writes one per answer and must not fill
    the disk; an older note's download link then stops working, which its session's newer answers replaced anyway."""
    base = Path(directory) if directory else Path(tempfile.gettempdir()) / "paracite-notes"
    # time first, so that the names sort oldest first for pruning
    folder = base / f"{time.time_ns():020d}-{uuid.uuid4().hex[:12]}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / NOTE_FILENAME
    path.write_text(note, encoding="utf-8")
    if keep is not None:
        prune_notes(base, keep)
    return path


def prune_notes(directory: str | Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` note folders in directory; returns the removed ones."""
    folders = sorted(p for p in Path(directory).iterdir() if p.is_dir() and not p.name.startswith("."))
    doomed = folders[:max(0, len(folders) - keep)]
    for p in doomed:
        shutil.rmtree(p, ignore_errors=True)  # a concurrent prune may have taken it already
    return doomed
