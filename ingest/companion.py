"""A second embedder's index of the same corpus (the "companion"): retrieval fuses its dense ranking with the main one.

Why: two embedders trained on different data miss different paraphrases. On the 275 answerable dev questions
(eval/TUNING.md, session 6), all-MiniLM-L6-v2 + BM25 put the gold paragraph first for 0.811 of them and in the top 5
for 0.942; adding multilingual-e5-small's cosines gave 0.855 and 0.960, and every weighting tried beat the main model
alone. On the 167 questions written blind, 0.790 -> 0.820 and 0.916 -> 0.940.

Layout: `<index_dir>/companions/<model slug>/` is a complete index (CURRENT, builds/...), written by build_index with
the companion's embedder, so it has the main index's crash safety and incremental reuse. Its FAISS file is always
exact (flat): the companion's vectors are scored only for the paragraphs the main ranking already has. It belongs to
the main index when both hold the same paragraphs (reports, labels, texts); `load_companion` brings it up to date
otherwise. For an English question only the main index answers: the companion's vectors only rank. A question in a
language the main model does not read is answered from the companion's index (app/other_languages.py).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ingest.embed import Embedder
from ingest.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from ingest.store import StoredIndex, load_index, model_slug

log = logging.getLogger(__name__)

COMPANIONS = "companions"


def companion_dir(index_dir: str | Path, model_id: str) -> Path:
    return Path(index_dir) / COMPANIONS / model_slug(model_id)


def _paragraph_keys(stored: StoredIndex) -> list[tuple[str, str, str]]:
    return [(p.doc_id, p.label, p.text) for p in stored.paragraphs]


def matches(companion: StoredIndex, main: StoredIndex) -> bool:
    """The companion indexes exactly the main index's paragraphs (same reports, labels and texts)."""
    return _paragraph_keys(companion) == _paragraph_keys(main)


def build_companion(corpus_dir: str | Path, index_dir: str | Path, embedder: Embedder, **options: Any):
    """Build (or bring up to date) the companion index of `index_dir` with `embedder`; options as build_index's
    (index_kind excepted: always flat)."""
    from ingest.build import build_index

    options["index_kind"] = "flat"
    return build_index(corpus_dir, companion_dir(index_dir, embedder.model_id), embedder, **options)


def load_companion(corpus_dir: str | Path, main: StoredIndex, index_dir: str | Path, embedder: Embedder,
                   **options: Any) -> StoredIndex | None:
    """The companion index matching `main`, built first when it is missing, stale or unreadable. None (logged) when
    it cannot match: the main index was kept although the corpus changed (on_corpus_change=warn), so a companion
    built from today's corpus would rank other paragraphs."""
    where = companion_dir(index_dir, embedder.model_id)
    try:
        stored = load_index(where, model_id=embedder.model_id, dim=embedder.dim)
    except (IndexMissingError, IndexMismatchError, IndexCorruptError) as err:
        log.info("companion index in %s not usable (%s): building it", where, err)
        stored = None
    if stored is None or not matches(stored, main):
        from ingest.build import corpus_changed

        if corpus_changed(corpus_dir, index_dir, allow_external_links=options.get("allow_external_links", False)):
            # the main index is older than the corpus (kept with on_corpus_change=warn): a companion of today's
            # corpus could not match it, so it is not built for nothing
            log.warning("the main index in %s is older than the corpus in %s: ranking with the main model only; run "
                        "`paracite ingest`", index_dir, corpus_dir)
            return None
        log.warning("building the companion index (%s) in %s", embedder.model_id, where)
        build_companion(corpus_dir, index_dir, embedder, **options)
        stored = load_index(where, model_id=embedder.model_id, dim=embedder.dim)
    if not matches(stored, main):
        log.warning("the companion index in %s does not hold the main index's paragraphs (the corpus changed since "
                    "the main index was built): ranking with the main model only; run `paracite ingest`", where)
        return None
    return stored
