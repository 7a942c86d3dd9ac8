"""The companion model's index (ingest/companion.py): built beside the main index, brought up to date with it, and
never used when it cannot hold the main index's paragraphs."""
from __future__ import annotations

import logging

from ingest.build import build_index
from ingest.companion import COMPANIONS, build_companion, companion_dir, load_companion, matches
from ingest.store import load_index
from tests.doubles import SYNTHETIC_REPORT, HashEmbedder, write_synthetic_corpus

MAIN = HashEmbedder(model_id="test/main")
OTHER = HashEmbedder(dim=32, model_id="test/companion model")


def _main(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_synthetic_corpus(corpus)
    build_index(corpus, tmp_path / "index", MAIN, progress=False)
    return corpus, load_index(tmp_path / "index", model_id=MAIN.model_id, dim=MAIN.dim)


def test_companion_index_lives_beside_the_main_one_and_holds_its_paragraphs(tmp_path):
    corpus, main = _main(tmp_path)
    build_companion(corpus, tmp_path / "index", OTHER, progress=False)
    where = companion_dir(tmp_path / "index", OTHER.model_id)
    assert where.parent == tmp_path / "index" / COMPANIONS and " " not in where.name
    other = load_index(where, model_id=OTHER.model_id, dim=OTHER.dim)
    assert matches(other, main) and other.embeddings.shape[1] == 32
    assert other.manifest["index_options"]["index_kind"] == "flat"  # only scored for paragraphs already ranked
    # the main index is untouched: still loads with its own model
    assert load_index(tmp_path / "index", model_id=MAIN.model_id, dim=MAIN.dim).manifest == main.manifest


def test_missing_companion_is_built_and_a_current_one_reused(tmp_path):
    corpus, main = _main(tmp_path)
    other = HashEmbedder(dim=32, model_id="test/companion model")
    first = load_companion(corpus, main, tmp_path / "index", other, progress=False)
    assert first is not None and matches(first, main) and other.calls > 0
    calls = other.calls
    again = load_companion(corpus, main, tmp_path / "index", other, progress=False)
    assert again is not None and other.calls == calls  # nothing embedded again


def test_stale_companion_is_rebuilt_when_the_main_index_changed(tmp_path):
    corpus, _ = _main(tmp_path)
    load_companion(corpus, load_index(tmp_path / "index"), tmp_path / "index", OTHER, progress=False)
    write_synthetic_corpus(corpus, text=SYNTHETIC_REPORT + "\n7. A new paragraph on wetlands was added.\n")
    build_index(corpus, tmp_path / "index", MAIN, progress=False)
    main = load_index(tmp_path / "index")
    stored = load_companion(corpus, main, tmp_path / "index", OTHER, progress=False)
    assert stored is not None and matches(stored, main)
    assert any("wetlands" in p.text for p in stored.paragraphs)


def test_companion_is_not_used_when_the_main_index_is_older_than_the_corpus(tmp_path, caplog):
    """on_corpus_change=warn keeps the old main index: a companion of today's corpus would rank other paragraphs."""
    corpus, main = _main(tmp_path)
    write_synthetic_corpus(corpus, text=SYNTHETIC_REPORT + "\n7. A new paragraph on wetlands was added.\n")
    other = HashEmbedder(dim=32, model_id="test/companion model")
    with caplog.at_level(logging.WARNING):
        assert load_companion(corpus, main, tmp_path / "index", other, progress=False) is None
    assert "main model only" in caplog.text and other.calls == 0  # nothing embedded for an index it cannot match
