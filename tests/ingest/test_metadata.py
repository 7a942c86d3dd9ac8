"""Report metadata: front matter (a --- block or a UN cover page) first, then the sidecar; kept in the manifest."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from doubles import SYNTHETIC_REPORT, HashEmbedder, write_synthetic_corpus  # noqa: E402

from ingest.build import build_index  # noqa: E402
from ingest.documents import read_document  # noqa: E402
from ingest.errors import CorpusError  # noqa: E402
from ingest.metadata import normalise_date, parse_front_matter, read_metadata  # noqa: E402
from ingest.store import load_index, read_manifest  # noqa: E402

COVER = """\
 United Nations                                                E/CN.15/2019/5

 Economic and Social Council                                   Distr.: General
                                                               12 March 2019

                                                               Original: English

 Commission on Crime Prevention and Criminal Justice
 Twenty-eighth session
 Vienna, 20-24 May 2019
 Item 6 of the provisional agenda

"""

FENCED = """---
symbol: A/73/123
title: "Report of the Secretary-General on rivers"
body: General Assembly
session: Seventy-third session
date: 2018-07-02
---
"""


def test_cover_page_gives_symbol_body_session_and_date():
    meta = parse_front_matter(COVER + SYNTHETIC_REPORT)
    assert meta.symbol == "E/CN.15/2019/5"
    assert meta.body == "Commission on Crime Prevention and Criminal Justice"
    assert meta.session == "Twenty-eighth session"
    assert meta.date == "2019-03-12" and meta.year == 2019
    assert meta.title == ""


def test_fenced_front_matter_and_no_front_matter():
    meta = parse_front_matter(FENCED + SYNTHETIC_REPORT)
    assert (meta.symbol, meta.title, meta.body, meta.session, meta.date) == (
        "A/73/123", "Report of the Secretary-General on rivers", "General Assembly", "Seventy-third session",
        "2018-07-02")
    # the body's own symbols (a paragraph citing E/CN.15/2018/1) are not the report's
    assert parse_front_matter(SYNTHETIC_REPORT.replace("decision 2017/12", "E/CN.15/2018/1")).symbol == ""


@pytest.mark.parametrize("raw,iso", [("2018", "2018"), ("2018-3", "2018-03"), ("2018-03-12", "2018-03-12"),
                                     ("12 March 2018", "2018-03-12"), ("soon", ""), ("2018-13-01", "")])
def test_dates(raw, iso):
    assert normalise_date(raw) == iso


def test_front_matter_wins_and_sidecar_fills_the_rest(tmp_path):
    path = write_synthetic_corpus(tmp_path, text=COVER + SYNTHETIC_REPORT, title="Rivers 2019")
    meta_path = tmp_path / "synthetic-report.meta.json"
    meta_path.write_text(json.dumps({"title": "Rivers 2019", "symbol": "X/1", "session": "Other"}), encoding="utf-8")
    meta = read_metadata(path, meta_path)
    assert (meta.symbol, meta.title, meta.session, meta.year) == ("E/CN.15/2019/5", "Rivers 2019",
                                                                  "Twenty-eighth session", 2019)
    doc, paragraphs = read_document(path)
    assert doc.symbol == "E/CN.15/2019/5" and doc.year == 2019 and len(paragraphs) == 6  # the cover is not text


def test_bad_sidecar_date_is_a_warning_not_a_lost_report(tmp_path):
    path = write_synthetic_corpus(tmp_path, text=COVER + SYNTHETIC_REPORT)
    (tmp_path / "synthetic-report.meta.json").write_text(json.dumps({"date": "soon"}), encoding="utf-8")
    with pytest.raises(CorpusError, match="not a date"):
        read_document(path)
    warnings: list = []
    doc, _ = read_document(path, warnings=warnings)
    assert doc.symbol == "E/CN.15/2019/5" and doc.title == "Synthetic report" and len(warnings) == 1


def test_metadata_is_kept_in_the_manifest_and_documents(tmp_path):
    corpus = tmp_path / "corpus"
    write_synthetic_corpus(corpus, name="rivers-2019", text=COVER + SYNTHETIC_REPORT, title="Rivers")
    write_synthetic_corpus(corpus, name="rivers-2018", title=None)
    (corpus / "rivers-2018.meta.json").write_text(json.dumps({"symbol": "E/CN.15/2018/9", "date": "2018"}))
    build_index(corpus, tmp_path / "index", HashEmbedder(), progress=False)
    manifest = read_manifest(tmp_path / "index")
    recs = {d["doc_id"]: d for d in manifest["documents"]}
    assert recs["rivers-2019"]["symbol"] == "E/CN.15/2019/5" and recs["rivers-2019"]["year"] == 2019
    assert recs["rivers-2018"]["symbol"] == "E/CN.15/2018/9" and "session" not in recs["rivers-2018"]
    docs = {d.doc_id: d for d in load_index(tmp_path / "index").documents}
    assert docs["rivers-2019"].session == "Twenty-eighth session"
    assert docs["rivers-2018"].title == "Rivers 2018" and docs["rivers-2018"].short_name == "E/CN.15/2018/9"
