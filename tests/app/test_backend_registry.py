"""Answerer backends come from one registry: one new module (toy_backend.py) is all a backend takes."""
import importlib
import sys
from pathlib import Path

import pytest

from app.answer import base
from app.cli import build_parser
from app.settings import Settings
from ingest.errors import BackendError

Q = "How many States were parties to the Organized Crime Convention?"


@pytest.fixture
def toy():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        module = importlib.reload(sys.modules["toy_backend"]) if "toy_backend" in sys.modules \
            else importlib.import_module("toy_backend")
        yield module
    finally:
        base.unregister("toy")
        sys.path.remove(str(Path(__file__).resolve().parent))


def _choices(parser, command):
    sub = parser._subparsers._group_actions[0].choices[command]  # noqa: SLF001 - argparse has no public API
    return next(a.choices for a in sub._actions if a.dest == "answer_backend")  # noqa: SLF001


def test_builtin_backends_in_order():
    assert base.names() == ("extractive", "openai", "llamacpp", "auto")
    assert _choices(build_parser(), "ask") == ("extractive", "openai", "llamacpp", "auto")


def test_a_toy_backend_is_one_new_file(toy, assistant):
    assert "toy" in base.names() and base.names()[:3] == ("extractive", "openai", "llamacpp")
    assert "toy" in assistant.backends()
    assert "toy" in _choices(build_parser(), "ask") and "toy" in _choices(build_parser(), "serve")
    assert Settings.from_env(env={"PARACITE_ANSWER_BACKEND": "toy"}).answer_backend == "toy"
    answer = assistant.ask(Q, backend="toy")
    assert answer.backend == "toy" and answer.citations and answer.citations[0].verified


def test_after_unregistering_it_is_unknown(toy):
    base.unregister("toy")
    with pytest.raises(BackendError, match="unknown answer backend 'toy'; use one of extractive, openai, llamacpp"):
        base.make_answerer("toy")


def test_an_llm_backend_checks_its_own_configuration(tmp_path):
    s = Settings.from_env(env={})
    openai = base.get_backend("openai")
    assert not openai.configured(s)
    with pytest.raises(BackendError, match="PARACITE_LLM_BASE_URL"):
        openai.make(**openai.options(s, None))
