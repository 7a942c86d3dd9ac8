from pathlib import Path

import pytest

from app.settings import Settings
from ingest.errors import ParaCiteError


def test_defaults_are_offline_and_local():
    s = Settings.from_env(env={})
    assert s.host == "127.0.0.1"
    assert s.embedding_model == "sentence-transformers/all-MiniLM-L6-v2"
    assert s.answer_backend == "extractive"
    assert s.index_dir == Path("index") and s.corpus_dir == Path("corpus")


def test_env_overrides_defaults_and_flags_override_env():
    env = {"PARACITE_TOP_K": "9", "PARACITE_PORT": "8000", "PARACITE_SECTION_HEADERS": "false",
           "PARACITE_INDEX_DIR": "/tmp/x", "PARACITE_LLM_TIMEOUT": "2.5"}
    s = Settings.from_env(env=env)
    assert (s.top_k, s.port, s.section_headers, s.index_dir, s.llm_timeout) == (9, 8000, False, Path("/tmp/x"), 2.5)
    s2 = Settings.from_env(env=env, top_k=3, port=None)
    assert s2.top_k == 3 and s2.port == 8000  # None means "flag not given"


@pytest.mark.parametrize("env", [
    {"PARACITE_TOP_K": "many"},
    {"PARACITE_ANSWER_BACKEND": "gpt"},
    {"PARACITE_RETRIEVAL_MODE": "magic"},
    {"PARACITE_AUTH": "nocolon"},
    {"PARACITE_SECTION_HEADERS": "perhaps"},
    {"PARACITE_TOP_K": "0"},
])
def test_bad_values_name_the_variable(env):
    with pytest.raises(ParaCiteError) as err:
        Settings.from_env(env=env)
    name = next(iter(env)).removeprefix("PARACITE_").lower()
    assert name in str(err.value).lower() or "auth" in str(err.value).lower()


def test_every_setting_is_documented():
    docs = Settings.documentation()
    assert len(docs) >= 20
    for env_name, _default, doc in docs:
        assert env_name.startswith("PARACITE_") and len(doc) > 15


def test_choices_are_enums_whose_parse_error_lists_the_values():
    from app.retrieval.fusion import Fusion
    from ingest.choices import EmbeddingBackend

    s = Settings.from_env(env={"PARACITE_FUSION": "rrf", "PARACITE_EMBEDDING_BACKEND": "int8"})
    assert s.fusion is Fusion.RRF and s.embedding_backend is EmbeddingBackend.INT8
    assert s.fusion == "rrf" and repr(s.fusion) == "'rrf'"  # a str, shown as one
    with pytest.raises(ValueError, match="is not one of torch, int8, onnx"):
        EmbeddingBackend("cuda")
    with pytest.raises(ParaCiteError, match="fusion='x' is not one of rrf, convex; fix PARACITE_FUSION"):
        Settings.from_env(env={"PARACITE_FUSION": "x"})


def test_every_setting_is_in_a_group_and_the_table_is_grouped():
    from dataclasses import fields

    from app.settings import GROUPS

    assert {f.metadata["group"] for f in fields(Settings)} == set(GROUPS)
    rows = Settings.markdown_table().splitlines()[2:]
    assert len(rows) == len(fields(Settings))
    order = [row.split("|")[1].strip() for row in rows]
    assert order == sorted(order, key=GROUPS.index)


def test_log_level_is_read_from_settings(monkeypatch):
    import logging

    from app import cli

    seen = {}
    monkeypatch.setattr(logging, "basicConfig", lambda **kw: seen.update(kw))
    monkeypatch.setenv("PARACITE_LOG_LEVEL", "error")
    assert cli.main(["settings"]) == 0
    assert seen["level"] == logging.ERROR


def test_llm_settings_from_the_environment():
    s = Settings.from_env(env={"PARACITE_LLM_CONTEXT_TOKENS": "800", "PARACITE_LLM_ROUTE_THRESHOLD": "0.5",
                               "PARACITE_LLM_PROMPT": "cite"})
    assert s.llm_context_tokens == 800 and s.llm_route_threshold == 0.5 and s.llm_prompt == "cite"
    with pytest.raises(ParaCiteError, match="quote, cite"):
        Settings.from_env(env={"PARACITE_LLM_PROMPT": "poetry"})
