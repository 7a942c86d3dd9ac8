"""The parse progress bar: shown for a long text when asked for, never by default (tests, small reports)."""
from __future__ import annotations

import ingest.parse as parse_mod
from ingest.parse import parse_text_report

TEXT = "".join(f"{n}. The Office met the States parties in session {n}.\nIt agreed on the work plan.\n"
               for n in range(1, 400))


def test_a_long_text_shows_a_bar_when_asked(monkeypatch, capsys):
    monkeypatch.setattr(parse_mod, "PROGRESS_MIN_CHARS", 1000)
    quiet = parse_text_report(TEXT, doc_id="d")
    assert capsys.readouterr().err == ""
    shown = parse_text_report(TEXT, doc_id="d", progress=True)
    err = capsys.readouterr().err
    assert "Repairing words" in err and "line" in err
    assert shown == quiet  # the bar changes nothing in the result


def test_a_short_text_shows_no_bar(capsys):
    parse_text_report(TEXT, doc_id="d", progress=True)
    assert capsys.readouterr().err == ""
