"""A second, made-up UN report with other headings and layout: nothing in the parser may assume the shipped report."""
import pytest

from ingest.errors import CorpusError
from ingest.parse import parse_text

NBSP = "\u00a0"

SYNTHETIC = f"""\
United Nations
Report of the Executive Director

 I. Background and mandate

 1. Scope of the report

1. The present report was prepared in response to General Assembly resolution
72/1. It describes the work of the Office on maritime crime and on illicit
financial flows during 2019.
2. The Office continued its cross-
border work with coastal States and its mentoring pro gramme in East Africa.1
______
 1 Data as of 1 March 2019, as reported by the
Member States concerned.
http://undocs.org/A/RES/72/1

 II. Maritime crime and piracy in the Western Indian Ocean and in the Gulf of
Guinea

 A. Prosecution support

3. Prosecutors from five States received mentoring on evidence handling in
piracy cases under the programme. The mentoring covered chain of custody,
witness protection and Anti -Piracy legislation.
 Regional hubs
4. Two regional hubs were opened in Mombasa and Victoria. Each hub serves
prosecutors from neighbouring States with 10{NBSP}000 pages of translated case files.
5. The hubs work with the Regional Fusion Centre.2

 B. Detention conditions

 1. Prison support

6. Prison officers in two States were trained on the treatment of piracy suspects,
as set out in art. 10, para. 2 of the Convention.
 2. Capacity-building for coast guards and maritime law enforcement agencies in
the region

7. Coast guard officers from the region completed the “Maritime Law
Enforcement” course in Seychelles.
______
 2 See https://example.org/fusion-centre.
https://example.org/fusion-centre
 8. The course will be offered again in 2020, subject to funding.

 III. Conclusions

9. Member States may wish to continue supporting the programme.
"""

CH1 = "I. Background and mandate"
CH2 = "II. Maritime crime and piracy in the Western Indian Ocean and in the Gulf of Guinea"
A = "A. Prosecution support"
B = "B. Detention conditions"
EXPECTED = [
    (1, (CH1, "1. Scope of the report"),
     "The present report was prepared in response to General Assembly resolution 72/1. It describes the work of "
     "the Office on maritime crime and on illicit financial flows during 2019.", ()),
    (2, (CH1, "1. Scope of the report"),
     "The Office continued its cross-border work with coastal States and its mentoring programme in East Africa.",
     ("Data as of 1 March 2019, as reported by the Member States concerned.",)),
    (3, (CH2, A),
     "Prosecutors from five States received mentoring on evidence handling in piracy cases under the programme. "
     "The mentoring covered chain of custody, witness protection and Anti-Piracy legislation.", ()),
    (4, (CH2, A, "Regional hubs"),
     f"Two regional hubs were opened in Mombasa and Victoria. Each hub serves prosecutors from neighbouring States "
     f"with 10{NBSP}000 pages of translated case files.", ()),
    (5, (CH2, A, "Regional hubs"), "The hubs work with the Regional Fusion Centre.",
     ("See https://example.org/fusion-centre.",)),
    (6, (CH2, B, "1. Prison support"),
     "Prison officers in two States were trained on the treatment of piracy suspects, as set out in art. 10, "
     "para. 2 of the Convention.", ()),
    (7, (CH2, B, "2. Capacity-building for coast guards and maritime law enforcement agencies in the region"),
     "Coast guard officers from the region completed the “Maritime Law Enforcement” course in Seychelles.", ()),
    (8, (CH2, B, "2. Capacity-building for coast guards and maritime law enforcement agencies in the region"),
     "The course will be offered again in 2020, subject to funding.", ()),
    (9, ("III. Conclusions",), "Member States may wish to continue supporting the programme.", ()),
]


def extractor_layout(text: str) -> str:
    """The layout of the shipped .txt: an empty line after every line, block breaks as a line of one space."""
    return "\n\n".join(line if line.strip() else " " for line in text.splitlines()) + "\n"


@pytest.mark.parametrize("layout", [lambda t: t, extractor_layout], ids=["compact", "extractor"])
def test_synthetic_report_parses_exactly(layout):
    paras = parse_text(layout(SYNTHETIC), doc_id="synthetic")
    got = [(p.number, p.section_path, p.text, p.footnotes) for p in paras]
    assert got == EXPECTED
    assert {p.doc_id for p in paras} == {"synthetic"}


def test_footnote_3_would_go_where_its_marker_is():
    # The footnote block sits inside paragraph 7 at a "page break", its marker is in paragraph 5.
    paras = {p.number: p for p in parse_text(SYNTHETIC, doc_id="s")}
    assert paras[7].footnotes == () and "fusion" not in paras[7].text


def test_a_numbered_heading_equal_to_the_next_paragraph_number_is_a_heading():
    text = (" I. Overview\n\n1. The present report covers 2020.\n\n 2. Methods\n\n"
            "2. The Office used surveys and interviews.\n3. Results are in the annex.\n")
    paras = parse_text(text, doc_id="x")
    assert [(p.number, p.section_path) for p in paras] == [
        (1, ("I. Overview",)), (2, ("I. Overview", "2. Methods")), (3, ("I. Overview", "2. Methods"))]
    assert paras[1].text == "The Office used surveys and interviews."


def test_reports_without_chapters_and_starting_mid_way():
    paras = parse_text("12. An excerpt starts here.\n13. And goes on here.\n", doc_id="x")
    assert [(p.number, p.section_path, p.text) for p in paras] == [
        (12, (), "An excerpt starts here."), (13, (), "And goes on here.")]


def test_a_numbered_line_inside_a_paragraph_is_text():
    text = "1. The meeting was held on 12 February\n2018. It was attended by 40 experts.\n2. Next.\n"
    paras = parse_text(text, doc_id="x")
    assert [p.text for p in paras] == ["The meeting was held on 12 February 2018. It was attended by 40 experts.",
                                       "Next."]


@pytest.mark.parametrize("text,reason", [("", "empty"), ("  \n\n \n", "empty"),
                                         ("Just prose.\nNo numbers at all.\n", "no numbered paragraphs")])
def test_bad_text_is_a_corpus_error(text, reason):
    with pytest.raises(CorpusError, match=reason) as e:
        parse_text(text, doc_id="x", source="corpus/x.txt")
    assert "corpus/x.txt" in str(e.value)


def test_an_excerpt_opening_with_a_subsection_heading():
    text = " 3. Regional cooperation\n15. The Office held two meetings.\n16. Both were in Nairobi.\n"
    paras = parse_text(text, doc_id="x")
    assert [(p.number, p.section_path) for p in paras] == [
        (15, ("3. Regional cooperation",)), (16, ("3. Regional cooperation",))]


def test_unnumbered_subheading_needs_a_finished_paragraph_before_it():
    # "Federation, Saudi Arabia" style page-continuation lines are not headings
    text = ("1. Contributions came from Morocco, the\n Netherlands and Norway\nin 2017.\n"
            " Regional work\n2. The Office opened hubs.\n")
    paras = parse_text(text, doc_id="x")
    assert paras[0].text == "Contributions came from Morocco, the Netherlands and Norway in 2017."
    assert paras[1].section_path == ("Regional work",)


def test_any_text_parses_or_fails_with_a_corpus_error():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    line = st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
        st.builds(lambda n, t: f"{n}. {t}", st.integers(0, 30), st.text(max_size=40)),
        st.sampled_from([" ", "", "______", "http://undocs.org/x", " 1 A note.", " II. Chapter", " B. Section",
                         "Heading line", "I. Intro"]),
    )

    @settings(max_examples=300, deadline=None)
    @given(st.lists(line, max_size=30))
    def check(lines):
        try:
            paras = parse_text("\n".join(lines), doc_id="h")
        except CorpusError:
            return
        numbers = [p.number for p in paras]
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        assert all("\n" not in p.text for p in paras)

    check()
