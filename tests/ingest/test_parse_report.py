"""The parser on the real report: numbering, first words, section paths, footnotes, clean text.

Expected values below were read by hand from corpus/unodc-ccpcj-2018-activities.txt.
"""
import re

import pytest

from ingest.textfix import WORD_RE, join_lines

CH1 = "I. Introduction"
CH2 = "II. Transnational organized crime"
CH3 = "III. Corruption"
CH4 = "IV. Recommendations"
II_A = "A. Working groups of the Conference of the Parties to the Organized Crime Convention"
II_C = ("C. Promoting the implementation of the Organized Crime Convention and the Protocols thereto, with a focus on "
        "fostering international cooperation")
II_D = "D. Networking to combat transnational organized crime"
II_E = ("E. Activities of the United Nations Office on Drugs and Crime in the field of trafficking in cultural "
        "property")
II_F = "F. Activities of the United Nations Office on Drugs and Crime in the field of cybercrime"
III_A = "A. Conference of the States Parties to the United Nations Convention against Corruption"
III_B = "B. Promoting ratification and implementation of the United Nations Convention against Corruption"
III_B_2 = ("2. Provision of technical assistance for the implementation of the United Nations Convention against "
           "Corruption")

SECTION_PATHS = {
    1: (CH1,),
    2: (CH2, II_A),
    8: (CH2, II_C, "1. Organized Crime Convention"),
    21: (CH2, II_C, "2. Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children"),
    29: (CH2, II_C, "3. Protocol against the Smuggling of Migrants by Land, Sea and Air"),
    38: (CH2, II_C, "4. Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and "
                    "Components and Ammunition"),
    42: (CH2, II_D, "1. Law enforcement networking"),
    48: (CH2, II_D, "2. Judicial networking"),
    56: (CH2, II_E),
    60: (CH2, II_F),
    63: (CH3, III_A),
    64: (CH3, III_A, "1. Mechanism for the Review of Implementation of the United Nations Convention against "
                     "Corruption"),
    69: (CH3, III_A, "2. Open-ended Intergovernmental Working Group on the Prevention of Corruption"),
    71: (CH3, III_A, "3. Open-ended Intergovernmental Working Group on Asset Recovery"),
    73: (CH3, III_A, "4. Experts to enhance international cooperation under the United Nations Convention against "
                     "Corruption"),
    74: (CH3, III_B, "1. Tools and knowledge-building"),
    79: (CH3, III_B, III_B_2),
    82: (CH3, III_B, III_B_2, "Investigation and prosecution of corruption"),
    86: (CH3, III_B, III_B_2, "Judicial integrity"),
    89: (CH3, III_B, III_B_2, "Prevention of corruption"),
    96: (CH3, III_B, III_B_2, "Youth, education and civil society"),
    100: (CH3, III_B, III_B_2, "International cooperation and asset recovery"),
    104: (CH3, III_B, "3. Cooperation with other entities"),
    106: (CH3, III_B, "4. Meetings and special events"),
    110: (CH4,),
}

FIRST_WORDS = {
    1: "The present report has been prepared pursuant",
    2: "Within the framework of its thematic programme",
    3: "During the reporting period, the Working Group on Firearms",
    5: "In 2017, UNODC provided pre-ratification support",
    7: "As at 9 February 2018, 189 States",
    8: "The Secretariat continued to develop the knowledge management portal",
    9: "From February 2017 to February 2018, SHERLOC",
    12: "In order to assist Member States",
    14: "The Office continued to work on the collection",
    18: "A regional workshop on the promotion of cooperation",
    20: "During the reporting period, representatives of UNODC",
    21: "UNODC continued to assist States parties in implementing the Trafficking",
    22: "Through its Global Programme against Trafficking",
    24: "UNODC published a new issue paper",
    28: "UNODC continued to manage the United Nations Voluntary Trust Fund",
    29: "UNODC continued to assist States parties in implementing the Smuggling",
    34: "The provision of technical assistance also included a “gaps and needs",
    36: "On the margins of the twenty-sixth session",
    37: "UNODC provided support, through the Global Migration Group",
    38: "UNODC continued to promote the ratification",
    42: "Under the UNODC Global Programme on Building Effective Networks",
    44: "In August 2017, the Government of Mexico",
    47: "CRIMJUST also enabled the launching",
    50: "WACAP cooperated with other programmes",
    52: "A regional cooperation workshop organized by the Global Action",
    56: "In cooperation with various partners",
    57: "Since May 2017, UNODC has been involved",
    59: "UNODC continued to work closely with its partners",
    61: "An expert group meeting jointly organized by UNODC and the Counter-Terrorism",
    63: "The seventh session of the Conference of the States Parties",
    64: "At its third session, held in Doha in 2009",
    67: "At the time of drafting of the present report, 162 executive summaries",
    68: "Since 2010, a total of $14,086,600",
    69: "At its eighth meeting, held in Vienna from 21 to 23 August 2017",
    72: "At the seventh session of the Conference of the States Parties, UNODC launched",
    73: "The sixth open-ended intergovernmental expert meeting",
    74: "UNODC continued to develop and disseminate guides",
    77: "The Tools and Resources for Anti-Corruption Knowledge (TRACK) portal",
    79: "UNODC carried out a broad set of tailored technical assistance",
    80: "UNODC deploys advisers with regional responsibilities",
    82: "UNODC worked with States to build capacity",
    86: "As part of the Global Programme for the Implementation of the Doha",
    89: "Prevention of corruption continues to be a crucial element of the Office’s work.",
    93: "In the area of integrity in sport",
    96: "UNODC continued to implement two major education initiatives",
    100: "UNODC continued to maintain a list of designated central authorities",
    103: "Additionally, the StAR Initiative is working",
    104: "UNODC works closely with other assistance providers",
    106: "UNODC organized a number of major meetings",
    107: "UNODC co-hosted the Conference on Promoting International Cooperation",
    110: "Through ratifying and acceding to the Organized Crime Convention",
}

# Last words, where a heading, footnote or page break follows the paragraph in the source.
LAST_WORDS = {
    20: "organized crime and gender.",
    28: "starting in 2018.",
    36: "39 jurisdictions as of December 2017.",
    62: "legislation and frameworks, and criminalization.",
    68: "Uzbekistan and Vanuatu.",
    72: "practitioner networks could be improved.",
    78: "address the challenge of corruption.",
    79: "deliver on-site guidance.",
    81: "their anti-corruption legislation.",
    88: "delivering training and technical tools.",
    109: "and numerous others.",
}


@pytest.fixture(scope="module")
def by_number(report_paragraphs):
    return {p.number: p for p in report_paragraphs}


def test_exactly_110_paragraphs_in_order(report_paragraphs):
    assert [p.number for p in report_paragraphs] == list(range(1, 111))
    assert {p.doc_id for p in report_paragraphs} == {"unodc-ccpcj-2018-activities"}


@pytest.mark.parametrize("number", sorted(FIRST_WORDS))
def test_paragraph_starts_with_its_first_words(by_number, number):
    assert by_number[number].text.startswith(FIRST_WORDS[number])


@pytest.mark.parametrize("number", sorted(LAST_WORDS))
def test_paragraph_ends_with_its_last_words(by_number, number):
    assert by_number[number].text.endswith(LAST_WORDS[number])


@pytest.mark.parametrize("number", sorted(SECTION_PATHS))
def test_section_path(by_number, number):
    assert by_number[number].section_path == SECTION_PATHS[number]


def test_every_paragraph_starts_like_a_sentence_and_ends_with_a_full_stop(report_paragraphs):
    for p in report_paragraphs:
        assert p.text[0].isupper(), (p.number, p.text[:40])
        assert p.text.endswith((".", ".”", ")")), (p.number, p.text[-40:])


def test_text_is_one_clean_line(report_paragraphs):
    for p in report_paragraphs:
        for bad in ("http", "undocs.org", "____", "\n", "  "):
            assert bad not in p.text, (p.number, bad)
        assert p.text == p.text.strip()


def test_headings_do_not_leak_into_paragraph_text(report_paragraphs):
    """The paragraph before each heading must not carry the heading's words at its end (e.g. para 78 and
    "2. Provision of technical assistance ...")."""
    checked = 0
    for before, after in zip(report_paragraphs, report_paragraphs[1:]):
        new = [h for h in after.section_path if h not in before.section_path]
        for h in new:
            title = re.sub(r"^(?:[IVX]+|[A-Z]|\d+)\. ", "", h)
            assert title[:25] not in before.text[-len(title) - 40:], (before.number, h)
            checked += 1
    assert checked >= 30


def test_footnotes_attached_to_the_paragraph_with_the_marker(by_number, report_paragraphs):
    assert by_number[68].footnotes == ("Information as at 18 January 2018.",)
    assert by_number[74].footnotes == ("See https://guidelines.assetrecovery.org/guidelines.",)
    assert by_number[80].footnotes == (
        "All references to Kosovo in the present document should be understood to be in compliance with "
        "Security Council resolution 1244 (1999).",
    )
    assert sum(len(p.footnotes) for p in report_paragraphs) == 3
    # the marker digit is gone, not glued to the word
    assert by_number[68].text.endswith("Vanuatu.")
    assert "assets”, in cooperation" in by_number[74].text
    assert by_number[80].text.endswith("12 States and Kosovo.")


def test_footnote_text_does_not_leak_into_paragraphs(by_number, report_paragraphs):
    for p in report_paragraphs:
        assert "Information as at 18 January" not in p.text
        assert "All references to Kosovo" not in p.text
        assert "guidelines.assetrecovery" not in p.text
    assert "how communication and coordination between various asset recovery" in by_number[72].text
    assert "field-based anti-corruption advisers played an important role" in by_number[79].text


def test_split_words_repaired(by_number):
    assert "Address Trafficking in Persons" in by_number[21].text
    assert "investigators" in by_number[61].text
    assert "multi-stakeholder hearing" in by_number[37].text
    assert "smuggling of migrants, trafficking in persons" in by_number[37].text
    assert "UNODC organized several" in by_number[40].text
    assert "WACAP contact points" in by_number[52].text
    assert "anti-corruption issues" in by_number[63].text
    assert "India, Israel, Italy" in by_number[68].text
    assert "international cooperation, which" in by_number[66].text
    assert "International Cooperation. UNODC" in by_number[74].text
    assert "the Office’s work" in by_number[89].text
    assert "age-appropriate" in by_number[97].text
    assert "new whistle-blower policy" in by_number[83].text
    assert "a number of jurisdictions" in by_number[102].text


def test_compound_hyphens_at_line_ends_kept(by_number):
    assert "cross-border police operation" in by_number[39].text
    assert "Global Programme against Money-Laundering jointly" in by_number[84].text


def test_real_word_pairs_and_typography_kept(by_number):
    assert "Côte d’Ivoire" in by_number[6].text
    assert "“legal library”" in by_number[14].text
    assert "10–15 September 2017" in by_number[16].text
    assert "on going" not in by_number[94].text and "ongoing work" in by_number[94].text
    assert "art. 13, para. 1 (c)" in by_number[69].text


def _split_word_pairs(texts):
    """General check, independent of the parser's repair code: adjacent letter tokens "a b" whose join is a word
    used elsewhere in the document while neither piece is used on its own."""
    counts, pair_counts = {}, {}
    for t in texts:
        toks = [(m.group().lower(), m.start(), m.end()) for m in WORD_RE.finditer(t)]
        for w, _, _ in toks:
            counts[w] = counts.get(w, 0) + 1
            if "-" in w:
                for part in w.split("-"):
                    counts[part] = counts.get(part, 0) + 1
        for (a, _, ae), (b, bs, _) in zip(toks, toks[1:]):
            if t[ae:bs] == " ":
                pair_counts[(a, b)] = pair_counts.get((a, b), 0) + 1
    found = []
    for (a, b), n in pair_counts.items():
        if counts.get(a + b, 0) and counts.get(a, 0) <= n and counts.get(b, 0) <= n:
            found.append(f"{a} {b}")
    return sorted(found)


def test_no_split_words_remain(report_paragraphs, report_path):
    raw = join_lines(report_path.read_text(encoding="utf-8").splitlines())
    # the check does find the extractor's split words in the raw text ...
    assert {"tra fficking", "investiga tors", "orga nized", "contac t", "jur isdictions"} <= set(_split_word_pairs([raw]))
    # ... and finds none in the parsed paragraphs
    texts = [p.text for p in report_paragraphs] + [h for p in report_paragraphs for h in p.section_path]
    assert _split_word_pairs(texts) == []
    for p in report_paragraphs:
        assert not re.search(r"\w -\w", p.text), p.number
        assert not re.search(r"\w [,.;:](\s|$)", p.text), p.number
        assert " ’s" not in p.text


def test_line_spans_point_at_the_paragraph(report_paragraphs, report_path):
    lines = report_path.read_text(encoding="utf-8").splitlines()
    prev_end = 0
    for p in report_paragraphs:
        assert prev_end < p.line_start <= p.line_end
        assert re.match(rf"^\s*{p.number}\.\s", lines[p.line_start - 1])
        assert p.page is None
        prev_end = p.line_end


def test_contract_example(report_path):
    from ingest import parse_report

    paras = parse_report(str(report_path))
    assert paras[20].number == 21 and paras[20].section_path[0].startswith("II.")
