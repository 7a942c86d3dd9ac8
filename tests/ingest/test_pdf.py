"""PDF reports: made here with fpdf2 from lines of the real report, read with pypdf, parsed like the .txt."""
import pytest

from ingest.errors import CorpusError
from ingest.parse import parse_report, parse_text
from ingest.pdf import is_page_furniture

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # curly quotes and dashes need a Unicode font


def make_pdf(path, lines, *, furniture=False):
    from pathlib import Path

    from fpdf import FPDF

    if not Path(FONT).exists():
        pytest.skip("DejaVu font not installed")
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=8)
    if furniture:  # running head/foot of a UN document, on every page
        pdf.header = lambda: (pdf.set_font("dejavu", size=8), pdf.cell(0, 5, "E/CN.15/2018/5"), pdf.ln(8))
        pdf.footer = lambda: (pdf.set_y(-15), pdf.cell(0, 5, f"V.18-00787 {pdf.page_no()}/9"))
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 4, line.rstrip() or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def source_lines(report_path, first, last):
    """Lines first..last (1-based) of the .txt, without the extractor's filler empty lines."""
    lines = report_path.read_text(encoding="utf-8").splitlines()[first - 1:last]
    return [line for line in lines if line != ""]


@pytest.fixture(scope="module")
def real(report_paragraphs):
    return {p.number: p for p in report_paragraphs}


def test_pdf_of_the_report_opening_parses_to_the_same_paragraphs(tmp_path, report_path, real):
    # chapters I and II up to paragraph 23: wrapped headings, a heading right after a paragraph, a link line
    pdf = make_pdf(tmp_path / "opening.pdf", source_lines(report_path, 1, real[23].line_end), furniture=True)
    paras = parse_report(pdf)
    assert [p.number for p in paras] == list(range(1, 24))
    for p in paras:
        assert p.doc_id == "opening"
        assert (p.text, p.section_path) == (real[p.number].text, real[p.number].section_path), p.number
    pages = [p.page for p in paras]
    assert pages[0] == 1 and pages == sorted(pages) and pages[-1] >= 3
    assert all("E/CN.15/2018/5" not in p.text and "V.18-00787" not in p.text for p in paras)


def test_pdf_excerpt_with_footnotes_at_page_feet(tmp_path, report_path, real):
    # paragraphs 67-79: footnote 1 printed inside paragraph 72, its marker in 68; footnote 2 printed inside
    # paragraph 79, its marker in 74
    lines = source_lines(report_path, real[67].line_start, real[79].line_end)
    paras = {p.number: p for p in parse_report(make_pdf(tmp_path / "excerpt.pdf", lines))}
    assert sorted(paras) == list(range(67, 80))
    for n, p in paras.items():
        assert p.text == real[n].text, n
        assert p.section_path[-1:] == real[n].section_path[-1:] or n in (67, 68), n
    assert paras[68].footnotes == real[68].footnotes and paras[74].footnotes == real[74].footnotes
    assert paras[79].section_path == real[79].section_path[1:]
    assert paras[74].section_path == real[74].section_path[1:]  # the excerpt starts after chapter III's heading
    assert not paras[72].footnotes and "Information as at" not in paras[72].text


def test_pdf_without_text_layer_is_a_clear_error(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a "scan": drawing, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(CorpusError, match="no text layer") as e:
        parse_report(path)
    assert "scan.pdf" in str(e.value)


def test_broken_pdf_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage with no objects")
    with pytest.raises(CorpusError, match="PDF") as e:
        parse_report(path)
    assert "broken.pdf" in str(e.value)


@pytest.mark.parametrize("line,furniture", [
    ("E/CN.15/2018/5", True), ("V.18-00787", True), ("3/15", True), (" 12 ", True),
    ("E/CN.15/2018/1). It contains", False), ("2018. The aim of the meeting", False), ("", False),
])
def test_page_furniture(line, furniture):
    assert is_page_furniture(line) is furniture


def test_line_pages_give_each_paragraph_its_page():
    paras = parse_text("1. On page one.\n2. Also one.\n3. On page two.", doc_id="x", line_pages=[1, 1, 2])
    assert [p.page for p in paras] == [1, 1, 2]
