"""Chunks of the real report within the real embedder's limit; lossless JSONL round trips."""
import json

import pytest

from ingest.chunk import chunk_paragraphs, count_tokens, section_header, split_paragraph
from ingest.types import Chunk, Paragraph


@pytest.fixture(scope="module")
def budget(embedder):
    from ingest.embed import passage_token_budget

    return passage_token_budget(embedder)


@pytest.fixture(scope="module")
def chunks(report_paragraphs, embedder, budget):
    return chunk_paragraphs(report_paragraphs, embed_token_count=embedder.count_tokens, max_embed_tokens=budget)


def test_every_chunk_fits_the_embedder(chunks, embedder, budget):
    assert budget <= embedder.max_tokens - 2  # room for [CLS] and [SEP]
    for c in chunks:
        assert embedder.count_tokens(c.embed_text) <= budget, c.chunk_id


def test_long_paragraphs_are_split_at_sentences_and_keep_their_number(report_paragraphs, chunks, embedder, budget):
    by_para = {}
    for c in chunks:
        by_para.setdefault(c.paragraph, []).append(c)
    assert sorted(by_para) == list(range(1, 111))
    too_long = [p for p in report_paragraphs
                if embedder.count_tokens(f"{section_header(p.section_path)}\n{p.text}") > budget]
    assert 63 in [p.number for p in too_long]  # 63 is over the limit even without its header
    for p in report_paragraphs:
        parts = by_para[p.number]
        assert [c.part for c in parts] == list(range(len(parts)))
        assert all(c.n_parts == len(parts) and c.section_path == p.section_path for c in parts)
        assert [c.chunk_id for c in parts] == [f"{p.doc_id}:{p.number}:{k}" for k in range(len(parts))]
        if p in too_long:
            assert len(parts) > 1
            # each part is a run of whole sentences, verbatim, and together they cover the paragraph
            assert all(c.text in p.text and c.text[-1] in ".)”" for c in parts)
            assert " ".join(c.text for c in parts) == p.text
        else:
            assert len(parts) == 1 and parts[0].text == p.text


def test_embed_text_has_a_short_header_and_text_has_none(chunks, report_paragraphs):
    c82 = next(c for c in chunks if c.paragraph == 82)
    header, body = c82.embed_text.split("\n", 1)
    assert header.endswith(" > Investigation and prosecution of corruption")
    assert header.startswith("2. Provision of technical assistance")
    assert len(header) < 200
    assert body == c82.text and "Investigation and prosecution" not in c82.text
    c1 = next(c for c in chunks if c.paragraph == 1)
    assert c1.embed_text == "I. Introduction\n" + c1.text


def test_without_section_headers(report_paragraphs, embedder, budget):
    plain = chunk_paragraphs(report_paragraphs[:5], embed_token_count=embedder.count_tokens,
                             max_embed_tokens=budget, section_headers=False)
    assert all(c.embed_text == c.text for c in plain)


def test_tiktoken_counts(chunks):
    assert count_tokens("hello world") == 2
    assert count_tokens("") == 0
    for c in chunks[:20]:
        assert c.n_tokens == count_tokens(c.text) > 0


def test_an_overlong_single_sentence_is_cut_at_clauses_then_words():
    text = "Alpha beta gamma, delta epsilon; zeta eta theta iota kappa lambda mu."
    parts = split_paragraph(text, lambda s: len(s.split()) <= 4)
    assert " ".join(parts) == text
    assert all(len(p.split()) <= 4 and p in text for p in parts)
    assert parts[0] == "Alpha beta gamma," and parts[1] == "delta epsilon;"


def test_jsonl_round_trip_is_lossless(tmp_path, chunks, report_paragraphs):
    path = tmp_path / "chunks.jsonl"
    path.write_text("".join(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in chunks), encoding="utf-8")
    back = [Chunk.from_json(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    assert back == chunks
    path = tmp_path / "paragraphs.jsonl"
    path.write_text("".join(json.dumps(p.to_json(), ensure_ascii=False) + "\n" for p in report_paragraphs),
                    encoding="utf-8")
    back = [Paragraph.from_json(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    assert back == report_paragraphs
    assert any(p.footnotes for p in back) and all(isinstance(p.section_path, tuple) for p in back)
