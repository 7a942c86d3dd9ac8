"""Issue 15 end to end: a copy of the real report with paragraph 6 printed as "5." is ingested (HashEmbedder double,
index in tmp_path); the slip is listed with its line in the manifest and in `paracite info`, and the paragraph it
created, 5bis, can be found and cited like any other."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from doubles import HashEmbedder  # noqa: E402
from mutations import REPORT, parse, relabel, report_text  # noqa: E402

from app import Assistant  # noqa: E402
from app.citations import CitationVerifier  # noqa: E402
from app.context import pack_context  # noqa: E402
from ingest.build import build_index  # noqa: E402
from ingest.numbering import DUPLICATE  # noqa: E402
from ingest.store import read_manifest  # noqa: E402

TEXT = report_text()
BASE = parse(TEXT)
PARA_6 = next(p for p in BASE if p.number == 6)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("mutated")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / REPORT.name).write_text(relabel(TEXT, BASE, {6: "5."}), encoding="utf-8")
    index = root / "index"
    build_index(corpus, index, HashEmbedder(), progress=False)
    assistant = Assistant.load(index_dir=index, corpus_dir=corpus, embedder=HashEmbedder())
    return index, assistant


def test_the_manifest_lists_the_duplicate_with_its_line(built):
    index, _ = built
    (doc,) = read_manifest(index)["documents"]
    assert doc["n_paragraphs"] == len(BASE)
    (anomaly,) = doc["anomalies"]
    assert anomaly["kind"] == DUPLICATE and anomaly["label"] == "5bis" and anomaly["number"] == 5
    assert anomaly["line"] == PARA_6.line_start


def test_info_shows_the_duplicate(built):
    _, assistant = built
    (doc,) = assistant.info()["documents"]
    (shown,) = doc["anomalies"]
    assert shown.startswith(f"line {PARA_6.line_start}:") and "¶5bis" in shown


def test_5bis_is_retrieved_with_its_own_text(built):
    _, assistant = built
    question = "Which States acceded to the Convention and its Protocols during the reporting period?"
    hits = assistant.search(question, k=5)
    found = [h for h in hits if h.label == "5bis"]
    assert found, [h.label for h in hits]
    assert found[0].paragraph == 5 and found[0].text == PARA_6.text
    assert next(p for p in assistant.stored.paragraphs if p.label == "5").text != PARA_6.text


def test_a_citation_of_5bis_resolves_to_it(built):
    _, assistant = built
    question = "Which States acceded to the Convention during the reporting period?"
    context = pack_context(question, assistant.search(question, k=5), max_tokens=3000)
    sentence = PARA_6.text.split(": ", 1)[1].split(". ")[0]  # "Fiji acceded to the Convention and Japan accepted it"
    verified = CitationVerifier().verify(f"{sentence}. [¶5bis]", context)
    (citation,) = verified.citations
    assert citation.label == "5bis" and citation.paragraph == 5 and citation.verified
    assert citation.quote in PARA_6.text
    assert context.resolve("5 bis").text == PARA_6.text  # the spaced form UN documents print reads the same
