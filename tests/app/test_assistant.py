"""Assistant.load: builds when there is no index, follows corpus changes by setting, refuses a mismatched index."""
import logging
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from doubles import HashEmbedder, write_synthetic_corpus  # noqa: E402

from app import Assistant  # noqa: E402
from ingest.errors import IndexMismatchError  # noqa: E402


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    write_synthetic_corpus(d)
    return d


def _load(tmp_path, corpus, embedder=None, **kw):
    return Assistant.load(index_dir=tmp_path / "index", corpus_dir=corpus, embedder=embedder or HashEmbedder(), **kw)


def test_first_load_builds_the_index(tmp_path, corpus):
    a = _load(tmp_path, corpus)
    assert (tmp_path / "index" / "CURRENT").exists()
    info = a.info()
    assert info["n_paragraphs"] > 0 and info["documents"][0]["doc_id"] == "synthetic-report"
    assert info["embedding_model"] == "test/hash-embedder"


def test_changed_corpus_is_rebuilt_by_default(tmp_path, corpus):
    _load(tmp_path, corpus)
    write_synthetic_corpus(corpus, name="second-report")
    a = _load(tmp_path, corpus)
    assert {d["doc_id"] for d in a.info()["documents"]} == {"synthetic-report", "second-report"}


def test_changed_corpus_only_warns_when_asked(tmp_path, corpus, caplog):
    _load(tmp_path, corpus)
    write_synthetic_corpus(corpus, name="second-report")
    with caplog.at_level(logging.WARNING):
        a = _load(tmp_path, corpus, on_corpus_change="warn")
    assert {d["doc_id"] for d in a.info()["documents"]} == {"synthetic-report"}
    assert "paracite ingest" in caplog.text


def test_index_from_another_model_is_a_clear_error(tmp_path, corpus):
    _load(tmp_path, corpus)
    with pytest.raises(IndexMismatchError, match="paracite ingest"):
        _load(tmp_path, corpus, embedder=HashEmbedder(dim=32, model_id="test/other"))


def test_backends_lists_only_configured_ones(tmp_path, corpus):
    a = _load(tmp_path, corpus)
    assert a.backends() == ["extractive"]
    b = _load(tmp_path, corpus, llm_base_url="http://127.0.0.1:9/v1", llm_model="m")
    assert b.backends() == ["extractive", "openai", "auto"]


def test_paragraph_is_a_direct_lookup_in_the_named_report(tmp_path, corpus):
    write_synthetic_corpus(corpus, name="second-report")
    a = _load(tmp_path, corpus)
    first, second = a.paragraph("synthetic-report", 1), a.paragraph("second-report", "1")
    assert first.key == ("synthetic-report", "1") and second.key == ("second-report", "1")
    assert a.paragraph("synthetic-report", 9999) is None and a.paragraph("no-such-report", 1) is None
