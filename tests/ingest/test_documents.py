"""Corpus discovery, titles, and clear errors for bad files."""
import hashlib
import json
import shutil

import pytest

from ingest.documents import discover, humanise, read_corpus, read_document
from ingest.errors import CorpusError


def test_real_document(report_path):
    doc, paras = read_document(report_path, corpus_dir=report_path.parent)
    assert doc.doc_id == "unodc-ccpcj-2018-activities"
    assert doc.title.startswith("UNODC activities against transnational organized crime and corruption")
    assert doc.path == "unodc-ccpcj-2018-activities.txt"
    assert doc.sha256 == hashlib.sha256(report_path.read_bytes()).hexdigest()
    assert doc.n_paragraphs == len(paras) == 110


def test_discover_lists_reports_only(tmp_path):
    for name in ("b.txt", "a.pdf", "a.meta.json", "notes.md", ".hidden.txt", "C.TXT"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    assert [p.name for p in discover(tmp_path)] == ["C.TXT", "a.pdf", "b.txt"]
    with pytest.raises(CorpusError, match="does not exist"):
        discover(tmp_path / "missing")


def test_title_from_sidecar_or_stem(tmp_path, report_path):
    shutil.copy2(report_path, tmp_path / "un-report_2019.txt")
    doc, _ = read_document(tmp_path / "un-report_2019.txt")
    assert doc.title == "Un report 2019"
    (tmp_path / "un-report_2019.meta.json").write_text(json.dumps({"title": "A  better\ntitle"}))
    assert read_document(tmp_path / "un-report_2019.txt")[0].title == "A better title"
    (tmp_path / "un-report_2019.meta.json").write_text("{not json")
    with pytest.raises(CorpusError, match="meta.json"):
        read_document(tmp_path / "un-report_2019.txt")
    assert humanise("unodc-ccpcj-2018-activities") == "Unodc ccpcj 2018 activities"


@pytest.mark.parametrize("name,content,reason", [
    ("latin1.txt", "1. Caf\xe9 au lait.\n".encode("latin-1"), "not UTF-8"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"\n \n\n", "empty"),
    ("prose.txt", b"A note with no numbered paragraphs at all.\nJust prose.\n", "no numbered paragraphs"),
    ("fake.pdf", b"this is not a PDF at all", "not a readable PDF"),
])
def test_bad_files_name_file_and_reason(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(CorpusError, match=reason) as e:
        read_document(tmp_path / name)
    assert e.value.path.endswith(name) and name in str(e.value)


def test_read_corpus_reports_problems_and_keeps_the_rest(tmp_path, report_path):
    shutil.copy2(report_path, tmp_path / report_path.name)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "dup.txt").write_text("1. A paragraph.\n")
    (tmp_path / "dup.pdf").write_bytes(b"%PDF-1.4 not really")  # sorts first, unreadable: dup.txt is used
    shutil.copy2(report_path, tmp_path / "twice.pdf.txt")  # stem "twice.pdf": not a clash
    (tmp_path / "x.txt").write_text("1. First copy.\n")
    (tmp_path / "x.pdf").write_bytes(_tiny_pdf("1. Second copy."))  # readable and first: x.txt is the duplicate
    contents = read_corpus(tmp_path)
    assert [d.doc_id for d, _ in contents.documents] == ["dup", "twice.pdf", "unodc-ccpcj-2018-activities", "x"]
    reasons = {p.path.split("/")[-1]: p.reason for p in contents.problems}
    assert set(reasons) == {"dup.pdf", "empty.txt", "x.txt"}
    assert "duplicate doc_id 'x'" in reasons["x.txt"]
    assert "PDF" in reasons["dup.pdf"] and "empty" in reasons["empty.txt"]
    x = dict((d.doc_id, ps) for d, ps in contents.documents)["x"]
    assert [p.text for p in x] == ["Second copy."]


def _tiny_pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())
