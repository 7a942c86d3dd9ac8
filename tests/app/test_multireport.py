"""Several reports sharing paragraph numbers (the real report's chapters as three reports, each numbered from 1):
filters never leak, citations name the right report, "paragraph 7" asks which report. Fast: HashEmbedder."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from doubles import HashEmbedder  # noqa: E402
from multireport import SPLIT, write_multi_corpus  # noqa: E402

from app import Assistant  # noqa: E402
from app.errors import OptionError  # noqa: E402
from app.types import AnswerStatus  # noqa: E402

A, B, C = list(SPLIT)
QUERIES = ["How many States were parties to the Convention?", "cybercrime training", "corruption prevention",
           "What does paragraph 7 say?", "¶12", "trafficking in persons and smuggling of migrants",
           "asset recovery", "Global Programme on Firearms", "paragraph 45", "What did UNODC do?"]


@pytest.fixture(scope="module")
def multi(tmp_path_factory, report_paragraphs):
    root = tmp_path_factory.mktemp("multi")
    corpus = write_multi_corpus(root / "corpus", report_paragraphs)
    assistant = Assistant.load(index_dir=root / "index", corpus_dir=root / "corpus", embedder=HashEmbedder())
    return corpus, assistant


def test_three_reports_share_paragraph_numbers(multi):
    _, a = multi
    assert [d["doc_id"] for d in a.info()["documents"]] == [A, B, C]
    assert all(a.paragraph(d, 7) is not None for d in (A, B, C))
    assert {d["doc_id"]: d.get("year") for d in a.info()["documents"]} == {A: 2017, B: 2018, C: 2019}


@pytest.mark.parametrize("query", QUERIES)
def test_a_report_filter_never_leaks(multi, query):
    _, a = multi
    for doc in (A, B, C):
        hits = a.search(query, k=10, doc_id=doc)
        assert hits and {h.doc_id for h in hits} == {doc}
    assert {h.doc_id for h in a.search(query, k=20, year=2018)} == {B}
    assert {h.doc_id for h in a.search(query, k=20, session="twenty-eighth")} == {C}
    section_hits = a.search(query, k=20, section="organized crime", doc_id=B)  # a section of two reports, one kept
    assert {h.doc_id for h in section_hits} <= {B}


def test_section_filter_spans_reports(multi):
    _, a = multi
    hits = a.search("organized crime", k=30, section="Transnational organized crime")
    assert {h.doc_id for h in hits} == {A, B}  # the real chapter II is split over the first two reports
    assert {h.doc_id for h in a.search("crime", k=60, section="II")} == {A, C}  # A's II and C's II


def test_filters_refuse_what_is_not_loaded(multi):
    _, a = multi
    with pytest.raises(OptionError, match="no report 'nope'"):
        a.search("crime", doc_id="nope")
    with pytest.raises(OptionError, match="2017, 2018, 2019"):
        a.search("crime", year=2016)
    assert {h.doc_id for h in a.search("crime", k=10, doc_id="E/CN.15/2019/92")} == {C}  # a symbol is accepted


def test_filtered_answers_cite_only_that_report(multi):
    _, a = multi
    for doc in (A, B, C):
        for q in QUERIES:
            ans = a.ask(q, doc_id=doc)
            assert {c.doc_id for c in ans.citations} <= {doc} and {h.doc_id for h in ans.hits} <= {doc}


def test_paragraph_7_asks_which_report_or_takes_the_filtered_one(multi):
    corpus, a = multi
    ans = a.ask("What does paragraph 7 say?")
    assert ans.status is AnswerStatus.CLARIFY and not ans.citations and not ans.abstained
    assert [h.doc_id for h in ans.hits] == [A, B, C] and {h.label for h in ans.hits} == {"7"}
    assert "E/CN.15/2018/91" in ans.text and "Which report" in ans.text
    for doc in (A, B, C):
        ans = a.ask("What does paragraph 7 say?", doc_id=doc)
        assert ans.status is AnswerStatus.ANSWERED
        assert {(c.doc_id, c.label) for c in ans.citations} == {(doc, "7")}
        assert a.search("paragraph 7", k=3, doc_id=doc)[0].key == (doc, "7")
    # the question names the report: by symbol, by year, by doc_id
    for q, doc in [("What does paragraph 7 of E/CN.15/2019/92 say?", C), ("What does paragraph 7 say in the 2018 "
                   "report?", B), (f"paragraph 7 of {A}", A), ("¶7 of the twenty-sixth session report", A)]:
        ans = a.ask(q)
        assert ans.status is not AnswerStatus.CLARIFY, q
        assert {c.doc_id for c in ans.citations} == {doc}, q
    assert a.ask("What does paragraph 55 say?").status is not AnswerStatus.CLARIFY  # only report C has a ¶55


def test_a_question_naming_a_report_is_scoped_to_it(multi):
    _, a = multi
    assert {h.doc_id for h in a.search("What did UNODC do against corruption in the 2019 report?", k=10)} == {C}
    assert {h.doc_id for h in a.search("crime training E/CN.15/2017/90", k=10)} == {A}
    assert len({h.doc_id for h in a.search("What did UNODC do in 2018?", k=20)}) > 1  # a year alone is no report
    # an explicit filter wins over the words of the question
    assert {h.doc_id for h in a.search("corruption in the 2019 report", k=10, doc_id=A)} == {A}


def test_citations_name_the_report_in_cli_and_json(multi, capsys, monkeypatch):
    corpus, a = multi
    from app import cli

    monkeypatch.setattr(Assistant, "load", classmethod(lambda cls, *args, **kw: a))
    assert cli.main(["ask", "What does paragraph 7 say?", "--doc", B, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["citations"] and all(c["doc_id"] == B and c["report"] == "E/CN.15/2018/91" and c["year"] == 2018
                                    for c in out["citations"])
    assert cli.main(["ask", "What does paragraph 7 say?", "--year", "2019"]) == 0
    text = capsys.readouterr().out
    assert "[E/CN.15/2019/92 ¶7] Corruption (test report C)" in text
    assert cli.main(["ask", "What does paragraph 7 say?"]) == 0
    text = capsys.readouterr().out
    assert "WHICH REPORT?" in text and f"--doc {A}" in text
    assert cli.main(["search", "paragraph 7", "--doc", C, "--json", "--k", "2"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [h["report"] for h in hits] == ["E/CN.15/2019/92"] * 2
    assert cli.main(["ask", "crime", "--doc", "nope"]) == 2
    assert "no report 'nope'" in capsys.readouterr().err
    assert cli.main(["sections"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("I ") and line.endswith("[E/CN.15/2019/92]") for line in lines)
    assert cli.main(["info"]) == 0
    docs = json.loads(capsys.readouterr().out)["documents"]
    assert [(d["symbol"], d["year"]) for d in docs] == [("E/CN.15/2017/90", 2017), ("E/CN.15/2018/91", 2018),
                                                       ("E/CN.15/2019/92", 2019)]


def test_ui_chips_selector_and_briefing_note_name_the_report(multi, tmp_path):
    _, a = multi
    from app.ui import callbacks

    choices = callbacks.report_choices(a)
    assert choices[0] == ("All reports", "") and [v for _, v in choices[1:]] == [A, B, C]
    assert choices[2][0].startswith("E/CN.15/2018/91 (Twenty-seventh session, 2018): ")
    turns = list(callbacks.respond(a, "What does paragraph 7 say?", None, None, None, None, C, note_dir=tmp_path))
    last = turns[-1]
    html = last.messages[-1]["content"]
    assert "E/CN.15/2019/92 ¶7" in html and f'href="#para-{C}-7"' in html and "2018/91" not in html
    assert "E/CN.15/2019/92, Corruption (test report C), paragraph 7" in last.note
    turns = list(callbacks.respond(a, "What does paragraph 7 say?", None, note_dir=tmp_path))
    html = turns[-1].messages[-1]["content"]
    assert "Which report?" in html and all(f"{s} ¶7" in html for s in ("E/CN.15/2017/90", "E/CN.15/2018/91"))
    out = callbacks.api_ask(a, "What does paragraph 7 say?", "", None, "", B)
    assert out["citations"] and {c["report"] for c in out["citations"]} == {"E/CN.15/2018/91"}


def test_ui_builds_with_a_report_selector(multi, tmp_path):
    pytest.importorskip("gradio")
    _, a = multi
    from app.ui.blocks import create_app

    app = create_app(a, temp_dir=tmp_path)
    selectors = [b for b in app.blocks.values() if getattr(b, "elem_id", None) == "pc-report"]
    assert len(selectors) == 1 and selectors[0].visible


def test_http_ask_report_endpoint_filters_and_names_the_report(multi):
    import socket

    httpx = pytest.importorskip("httpx")
    pytest.importorskip("gradio")
    from app.ui.launch import serve

    _, a = multi
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = serve(a, port=port, concurrency=1, block=False, quiet=True)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as http:
            body = {"data": ["What does paragraph 7 say?", B, "", None, ""]}
            r = http.post("/gradio_api/call/ask_report", json=body)
            r.raise_for_status()
            data = None
            with http.stream("GET", f"/gradio_api/call/ask_report/{r.json()['event_id']}") as resp:
                for line in resp.iter_lines():
                    if line.startswith("data:"):
                        data = json.loads(line.split(":", 1)[1])
    finally:
        app.close()
    out = data[0]
    assert out["citations"] and {(c["doc_id"], c["report"]) for c in out["citations"]} == {(B, "E/CN.15/2018/91")}


def test_ui_hides_the_report_selector_for_one_report(assistant, tmp_path):
    pytest.importorskip("gradio")
    from app.ui.blocks import create_app

    app = create_app(assistant, temp_dir=tmp_path)
    selectors = [b for b in app.blocks.values() if getattr(b, "elem_id", None) == "pc-report"]
    assert len(selectors) == 1 and not selectors[0].visible
