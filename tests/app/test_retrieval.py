"""Searcher unit tests on a synthetic report with the HashEmbedder (fast, no model)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from doubles import SYNTHETIC_REPORT, HashEmbedder, write_synthetic_corpus  # noqa: E402

from app.retrieval.bm25 import tokenize  # noqa: E402
from app.retrieval.fusion import convex, rrf  # noqa: E402
from app.retrieval.lookup import LookupRequest, parse_lookup  # noqa: E402
from app.retrieval.sections import label_of  # noqa: E402
from app.retrieval.searcher import Searcher  # noqa: E402
from ingest.build import build_index  # noqa: E402
from ingest.errors import IndexMismatchError, ParaCiteError  # noqa: E402
from ingest.store import load_index  # noqa: E402

LONG = SYNTHETIC_REPORT.replace(
    "6. A guide on forest crime investigation was published in English and French.",
    "6. A guide on forest crime investigation was published in English and French. It explains how to trace "
    "timber from the stump to the port. It also covers satellite monitoring of clearings. A second volume on "
    "wildlife trafficking in mangroves is planned for 2019.")


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    root = tmp_path_factory.mktemp("retrieval")
    write_synthetic_corpus(root / "corpus", text=LONG)
    # a small word-piece limit forces paragraph 6 into several chunks
    build_index(root / "corpus", root / "index", HashEmbedder(max_tokens=40), progress=False)
    return load_index(root / "index")


@pytest.fixture(scope="module")
def searcher(stored):
    return Searcher(stored, HashEmbedder(max_tokens=40))


@pytest.mark.parametrize("query,number", [
    ("paragraph 4", 4), ("Paragraph 4?", 4), ("para. 4", 4), ("paras 4", 4), ("¶4", 4), ("¶ 4", 4),
    ("§4", 4), ("what does 4 say", 4), ("What does paragraph 4 say about water?", 4), ("see para 12", 12),
])
def test_lookup_patterns(query, number):
    assert parse_lookup(query).number == number


def test_lookup_not_triggered():
    assert parse_lookup("How many States joined in 2018?") is None
    assert parse_lookup("What does article 46, paragraph 13, of the Convention require?") is None
    assert parse_lookup("paragraph 68 of the cybercrime report") == LookupRequest(68, "cybercrime report")


def test_tokenizer_folds_case_and_keeps_numbers():
    toks = tokenize("SHERLOC included more than 2,700 cases; 189 States, anti-corruption, decision 2017/237.")
    assert {"sherloc", "2,700", "2700", "189", "anti-corruption", "corruption", "2017/237"} <= set(toks)
    assert "the" not in tokenize("the cases") and tokenize("The") == []


def test_fusion_functions():
    fused = rrf([["a", "b", "c"], ["c", "a"]], k=60)
    assert fused["a"] == pytest.approx(1 / 61 + 1 / 62) and max(fused, key=fused.get) == "a"
    cv = convex({"a": 0.9, "b": 0.5, "c": 0.1}, {"c": 10.0, "b": 5.0}, alpha=0.5)
    assert cv["a"] == pytest.approx(0.5) and cv["b"] == pytest.approx(0.25) and cv["c"] == pytest.approx(0.5)
    assert convex({"a": 0.9, "b": 0.5}, {}, alpha=0.7)["a"] == pytest.approx(0.7)


def test_search_finds_and_collapses_chunks(searcher, stored):
    parts = [c for c in stored.chunks if c.paragraph == 6]
    assert len(parts) > 1  # the fixture really split paragraph 6
    hits = searcher.search("timber satellite monitoring mangroves wildlife", k=6)
    assert hits[0].paragraph == 6 and hits[0].text == next(p.text for p in stored.paragraphs if p.number == 6)
    assert len({h.key for h in hits}) == len(hits)  # one hit per paragraph
    best_chunk = max(float(stored.embeddings[i] @ searcher.embedder.encode(
        ["timber satellite monitoring mangroves wildlife"], kind="query")[0])
        for i, c in enumerate(stored.chunks) if c.paragraph == 6)
    assert hits[0].dense_score == pytest.approx(best_chunk, abs=1e-5)
    assert hits[0].lexical_score > 0 and hits[0].match == "hybrid"
    assert hits[0].section == "III. Forests > A. Illegal logging"
    assert hits[0].title == "Synthetic report on rivers and forests"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize("mode", ["dense", "bm25", "hybrid"])
@pytest.mark.parametrize("fusion", ["rrf", "convex"])
def test_modes_and_fusions(stored, mode, fusion):
    s = Searcher(stored, HashEmbedder(max_tokens=40), mode=mode, fusion=fusion)
    hits = s.search("2,700 cubic metres of hardwood seized", k=3)
    assert hits[0].paragraph == 5 and hits[0].match == mode
    assert (hits[0].dense_score is None) == (mode == "bm25")
    assert (hits[0].lexical_score is None) == (mode == "dense")


def test_lookup_first_then_search(searcher):
    hits = searcher.search("What does paragraph 4 say about chlorination?", k=3)
    assert hits[0].paragraph == 4 and hits[0].match == "lookup" and hits[0].score > hits[1].score
    assert [h.paragraph for h in hits].count(4) == 1
    assert searcher.search("¶2", k=1)[0].paragraph == 2
    assert searcher.search("paragraph 99", k=3)[0].match != "lookup"  # no such paragraph: plain search
    assert searcher.paragraph(3).text.startswith("The Office trained 420 inspectors")
    assert searcher.paragraph(99) is None


def test_sections_and_labels(searcher):
    labels = {s.label: s.n_paragraphs for s in searcher.sections()}
    assert labels == {"I": 1, "II": 3, "II.A": 2, "II.B": 1, "III": 2, "III.A": 2}
    assert label_of(("III. Corruption", "B. Promoting", "2. Provision", "Judicial integrity")) == \
        "III.B.2 Judicial integrity"


@pytest.mark.parametrize("section,allowed", [
    ("II", {2, 3, 4}), ("ii.a", {2, 3}), ("II.B", {4}), ("drinking", {4}), ("Forests", {5, 6}),
])
def test_section_filter(searcher, section, allowed):
    hits = searcher.search("the Office trained officers in States", k=10, section=section)
    assert {h.paragraph for h in hits} == allowed


def test_unknown_section_lists_valid_labels(searcher):
    with pytest.raises(ParaCiteError, match=r"unknown section 'IX'.*II\.A.*III\.A"):
        searcher.search("water", section="IX")


def test_edge_cases(searcher, stored):
    assert searcher.search("   ") == []
    assert len(searcher.search("water", k=100)) == 6
    with pytest.raises(ParaCiteError):
        searcher.search("water", k=0)
    with pytest.raises(ParaCiteError):
        Searcher(stored, HashEmbedder(), mode="magic")
    with pytest.raises(IndexMismatchError):
        Searcher(stored, HashEmbedder(dim=32))
    first = searcher.search("inspectors laboratory analysis", k=6)
    assert searcher.search("inspectors laboratory analysis", k=6) == first  # deterministic


def test_multi_document_lookup(tmp_path):
    write_synthetic_corpus(tmp_path / "corpus", "rivers-report", title="Rivers")
    write_synthetic_corpus(tmp_path / "corpus", "ocean-report", SYNTHETIC_REPORT.replace("river", "ocean"),
                           title="Oceans and coasts")
    build_index(tmp_path / "corpus", tmp_path / "index", HashEmbedder(), progress=False)
    s = Searcher(load_index(tmp_path / "index"), HashEmbedder())
    assert s.search("paragraph 3 of the oceans report", k=1)[0].doc_id == "ocean-report"
    assert s.search("paragraph 3 of rivers-report", k=1)[0].doc_id == "rivers-report"
    assert s.search("paragraph 3", k=1)[0].doc_id == "ocean-report"  # first document in corpus order
    assert {x.doc_id for x in s.sections() if x.label == "II.A"} == {"ocean-report", "rivers-report"}


@pytest.mark.parametrize("question, labels", [
    ("What does the report recommend about funding?", ["IV", "V"]),
    ("In its closing recommendations, what does the report ask of States?", ["IV", "V"]),
    ("What does the report's recommendations chapter say?", ["IV", "V"]),
    ("What does the report's introduction say it covers?", ["I"]),
    ("What does the present report recommend?", ["IV", "V"]),
    ("What are this report's conclusions?", ["V"]),
    ("What did the expert group recommend?", []),  # a body's recommendation, reported
    ("Which recommendations did the working group adopt?", []),
])
def test_a_question_about_the_reports_own_chapter_names_it(question, labels):
    from app.retrieval.sections import SectionInfo, chapters_named

    sections = [SectionInfo("d", ("I. Introduction",), "I", 1), SectionInfo("d", ("IV. Recommendations",), "IV", 1),
                SectionInfo("d", ("III. Corruption", "A. Recommendations of experts"), "III.A", 3),
                SectionInfo("d", ("II. Implementation of the recommendations of the Congress",), "II", 4),
                SectionInfo("d", ("V. Conclusions and recommendations",), "V", 2)]
    chapters, rest = chapters_named(question, sections)
    assert [s.label for s in chapters] == labels
    assert (rest != question) == bool(labels)
