"""The UI's callbacks: plain functions and generators over the Assistant API, so tests call them without a browser.

They hold no retrieval or answering logic: they call `assistant.stream/ask/search/info/sections/backends` and turn
the results into chat messages, evidence HTML and a briefing note.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from app.questions import check_k, clean_question, preview
from app.types import Answer, Hit
from app.ui import export, render
from app.errors import OptionError, ParaCiteError, QuestionError

log = logging.getLogger(__name__)

ALL_SECTIONS = ""  # dropdown value meaning "no section filter"
MAX_K = 20


@dataclass
class ChatSession:
    """One browser session's conversation (held in gr.State: never shared between users)."""

    messages: list[dict[str, str]] = field(default_factory=list)  # what the Chatbot shows (escaped HTML)
    history: list[tuple[str, str]] = field(default_factory=list)  # (question, answer text) for follow-ups
    answer: Answer | None = None  # the latest answer: the evidence panel and the export show it
    evidence: str = ""  # its evidence panel, note and note file, kept so an error turn does not wipe them
    note: str = ""
    note_path: str | None = None


class Turn(NamedTuple):
    """What one step of a chat turn updates, in the order of the Blocks outputs."""

    messages: list[dict[str, str]]
    evidence: str
    session: ChatSession
    question_box: str
    note: str
    download: str | None


def section_choices(assistant) -> list[tuple[str, str]]:
    """(label shown, value passed as `section`) for the section filter; the first entry means all sections."""
    choices = [("All sections", ALL_SECTIONS)]
    seen = set()
    for s in assistant.sections():
        if s.label in seen:
            continue
        seen.add(s.label)
        choices.append((_section_label(s), s.label))
    return choices


_ENUMERATOR = re.compile(r"^([IVXLC]+|[A-Z]|\d+)\.\s+")
_LABEL_MAX = 90


def _section_label(s) -> str:
    """"II.A Working groups of the … (5 ¶)": the code the search accepts, then the heading without its own
    enumerator when the code already ends with it."""
    heading = s.path[-1] if s.path else ""
    m = _ENUMERATOR.match(heading)
    if m and s.label.split(".")[-1] == m.group(1):
        heading = heading[m.end():]
    if heading.startswith(s.label):
        heading = heading[len(s.label):].strip()
    if heading and s.label.endswith(heading):  # the code is already "C.F.2 Judicial integrity"
        heading = ""
    if len(heading) > _LABEL_MAX:
        heading = heading[:_LABEL_MAX].rsplit(" ", 1)[0] + " …"
    return " ".join(p for p in (s.label, heading, f"({s.n_paragraphs} ¶)") if p)


ALL_REPORTS = ""  # report selector value meaning "every report"


def report_choices(assistant) -> list[tuple[str, str]]:
    """(label shown, doc_id) for the report selector; the first entry means every report (the UI shows the selector
    only when there are several)."""
    docs = assistant.info().get("documents", [])
    choices = [("All reports", ALL_REPORTS)]
    for d in docs:
        head = d.get("symbol") or d["doc_id"]
        when = ", ".join(str(x) for x in (d.get("session"), d.get("year")) if x)
        choices.append((f"{head}{f' ({when})' if when else ''}: {d.get('title') or d['doc_id']}", d["doc_id"]))
    return choices


def report_names(assistant) -> dict[str, str]:
    """{doc_id: symbol or doc_id} when several reports are loaded (citations then name theirs), else {}."""
    from app.reports import names_from_info

    return names_from_info(assistant.info())


def doc_titles(assistant) -> dict[str, str]:
    return {d["doc_id"]: d.get("title") or d["doc_id"] for d in assistant.info().get("documents", [])}


def header(assistant) -> str:
    return render.header_html(assistant.info())


def _options(section: str | None, backend: str | None, k: Any, report: str | None = None) -> dict[str, Any]:
    opts: dict[str, Any] = {"section": section or None, "backend": backend or None, "k": None}
    if report:  # only when chosen: an assistant without report filters keeps working for one report
        opts["doc_id"] = report
    if k is None or (isinstance(k, str) and not k.strip()):
        return opts
    try:
        opts["k"] = min(MAX_K, check_k(k))  # the slider's range
    except OptionError:
        opts["k"] = k  # the assistant refuses it, with the message the CLI and the Python API give
    return opts


def _cited_extra(assistant, answer: Answer) -> dict[tuple[str, str], Hit]:
    """Full texts of cited paragraphs that the answer's hits lack, looked up by (doc_id, label)."""
    hit_keys = {h.key for h in answer.hits}
    missing = {c.key for c in answer.citations} - hit_keys
    missing |= {(d, str(n)) for s in answer.sentences for d, n in s.cites} - hit_keys
    extra: dict[tuple[str, str], Hit] = {}
    for doc_id, n in sorted(missing):
        try:
            h = assistant.paragraph(doc_id, n)
        except ParaCiteError:
            continue
        if h is not None and h.key == (doc_id, n):
            extra[h.key] = h
    return extra


def respond(assistant, question: str, session: ChatSession | None, section: str | None = None,
            backend: str | None = None, k: Any = None, report: str | None = None, *,
            note_dir: str | Path | None = None, keep_notes: int | None = None) -> Iterator[Turn]:
    """One chat turn: streams the answer into the chat, then fills the evidence panel and the briefing note.

    A ParaCiteError (empty question, unknown section, misconfigured backend) becomes a one-line message in the chat."""
    session = session if session is not None else ChatSession()
    settings = getattr(assistant, "settings", None)
    try:
        # before the echo: a question that will be refused (too long, invalid Unicode) must not land in the chat whole
        question = clean_question(question or "", max_chars=int(getattr(settings, "max_question_chars", 2000)))
    except QuestionError as err:
        session.messages.append({"role": "user", "content": render.question_html(preview(question))})
        session.messages.append({"role": "assistant", "content": render.error_html(str(err))})
        yield _idle(session)
        return
    session.messages.append({"role": "user", "content": render.question_html(question)})
    session.messages.append({"role": "assistant", "content": render.pending_html()})
    yield Turn(list(session.messages), render.evidence_pending(), session, "", "", None)

    answer: Answer | None = None
    text = ""
    try:
        for piece in assistant.stream(question, history=list(session.history),
                                      **_options(section, backend, k, report)):
            if isinstance(piece, Answer):
                answer = piece
                continue
            text += piece
            session.messages[-1] = {"role": "assistant", "content": render.streaming_html(text)}
            yield Turn(list(session.messages), render.evidence_pending(), session, "", "", None)
        if answer is None:
            raise RuntimeError("the assistant's stream ended without an Answer")
    except ParaCiteError as err:
        session.messages[-1] = {"role": "assistant", "content": render.error_html(str(err))}
        yield _idle(session)
        return
    except Exception as err:  # keep the session usable; the details go to the server log
        log.exception("answering %r failed", question)
        session.messages[-1] = {"role": "assistant", "content": render.error_html(
            f"Something went wrong while answering ({type(err).__name__}); try again or check the server log.")}
        yield _idle(session)
        return

    names = report_names(assistant)
    session.messages[-1] = {"role": "assistant", "content": render.answer_html(answer, names)}
    session.history.append((question, answer.text))
    session.answer = answer
    titles = doc_titles(assistant)
    evidence = render.evidence_html(answer, _cited_extra(assistant, answer), titles)
    note = export.briefing_note(answer, titles=titles, names=names)
    session.evidence, session.note = evidence, note
    session.note_path = str(export.write_note(note, note_dir, keep=keep_notes))
    yield Turn(list(session.messages), evidence, session, "", note, session.note_path)


def _idle(session: ChatSession) -> Turn:
    """After an error: the chat shows it; the panel and export keep the last good answer."""
    return Turn(list(session.messages), session.evidence or render.evidence_placeholder(), session, "", session.note,
                session.note_path)


def clear(session: ChatSession | None = None) -> Turn:
    """Clear chat: a fresh conversation (follow-ups start over)."""
    fresh = ChatSession()
    return Turn(fresh.messages, render.evidence_placeholder(), fresh, "", "", None)


def api_ask(assistant, question: str, section: str = "", k: Any = None, backend: str = "",
            report: str = "") -> dict[str, Any]:
    """The `ask` API endpoint: one stateless question, the `paracite ask --json` shape plus the briefing note."""
    answer = assistant.ask(question, **_options(section, backend, k, report))
    out = answer.to_json()
    names = report_names(assistant)
    if names:  # as `paracite ask --json`: each citation and hit names its report
        titles = doc_titles(assistant)
        for item in out["citations"] + out["hits"]:
            item["report"], item["title"] = names.get(item["doc_id"], item["doc_id"]), titles.get(item["doc_id"], "")
    out["question"] = answer.question
    out["briefing_note"] = export.briefing_note(answer, titles=doc_titles(assistant), names=names)
    return out
