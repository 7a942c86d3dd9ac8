"""Issue 15, faults 7 and 8: a bad `.meta.json` sidecar costs a warning, not its report; a symbolic link in the corpus
to a file outside it is refused, without its target being read, unless PARACITE_ALLOW_EXTERNAL_LINKS allows it."""
from __future__ import annotations

import builtins
import io
import json
import os
from pathlib import Path

import pytest

from app.cli import main
from app.settings import Settings
from ingest.build import build_index, corpus_changed
from ingest.documents import read_corpus
from ingest.store import load_index
from tests.doubles import HashEmbedder, write_synthetic_corpus

BAD_SIDECARS = {
    "not json": "{not json",
    "not UTF-8": b"{\"title\": \"caf\xe9\"}",
    "title not text": json.dumps({"title": 42}),
    "empty title": json.dumps({"title": "   "}),
}


@pytest.mark.parametrize("content", list(BAD_SIDECARS.values()), ids=list(BAD_SIDECARS))
def test_a_bad_sidecar_is_a_warning_and_the_report_is_ingested(tmp_path, content):
    corpus = tmp_path / "corpus"
    write_synthetic_corpus(corpus, "rivers-report", title="Rivers")
    write_synthetic_corpus(corpus, "forests-report", title=None)
    meta = corpus / "forests-report.meta.json"
    meta.write_bytes(content if isinstance(content, bytes) else content.encode())
    report = build_index(corpus, tmp_path / "index", HashEmbedder(), progress=False)
    assert report.problems == []
    assert [w.path for w in report.warnings] == [str(meta)]
    assert "Forests report" in report.warnings[0].reason  # says which title was used
    stored = load_index(tmp_path / "index")
    titles = {d.doc_id: d.title for d in stored.documents}
    assert titles == {"forests-report": "Forests report", "rivers-report": "Rivers"}
    assert any(p.doc_id == "forests-report" for p in stored.paragraphs)
    contents = read_corpus(corpus)
    assert len(contents.documents) == 2 and len(contents.warnings) == 1 and not contents.problems
    # fixing the sidecar is a change: the next ingest picks the title up
    meta.write_text(json.dumps({"title": "Forests, fixed"}))
    assert corpus_changed(corpus, tmp_path / "index")
    report = build_index(corpus, tmp_path / "index", HashEmbedder(), progress=False)
    assert not report.warnings and report.reused == ["rivers-report"]
    assert {d.title for d in load_index(tmp_path / "index").documents} == {"Forests, fixed", "Rivers"}


def test_cli_ingest_prints_the_sidecar_warning(tmp_path, monkeypatch, capsys):
    import ingest.embed

    monkeypatch.setattr(ingest.embed, "make_embedder", lambda *a, **kw: HashEmbedder())
    corpus = tmp_path / "corpus"
    write_synthetic_corpus(corpus, "rivers-report", title=None)
    (corpus / "rivers-report.meta.json").write_text("[1, 2")
    rc = main(["ingest", "--corpus", str(corpus), "--index", str(tmp_path / "index")])
    err = capsys.readouterr().err
    assert rc == 0
    assert any(line.startswith("warning: ") and "rivers-report.meta.json" in line and "Rivers report" in line
               for line in err.splitlines()), err


class _ReadSpy:
    """Records every file opened for reading (builtins.open and Path.read_bytes go through io.open)."""

    def __init__(self, monkeypatch, watched: Path):
        self.watched = os.path.realpath(watched)
        self.hits: list[str] = []
        real_open = io.open

        def spy(file, *args, **kwargs):
            if isinstance(file, (str, os.PathLike)) and os.path.realpath(file) == self.watched:
                self.hits.append(str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", spy)
        monkeypatch.setattr(io, "open", spy)


@pytest.fixture
def outside_secret(tmp_path):
    secret = tmp_path / "elsewhere" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n1. A numbered line that would parse as a paragraph.\n")
    return secret


def test_a_link_leaving_the_corpus_is_refused_unread(tmp_path, outside_secret, monkeypatch):
    corpus = tmp_path / "corpus"
    write_synthetic_corpus(corpus, "rivers-report", title="Rivers")
    (corpus / "passwd.txt").symlink_to(outside_secret)
    (corpus / "rivers-report.meta.json").unlink()
    (corpus / "rivers-report.meta.json").symlink_to(outside_secret)  # a sidecar leaving the corpus too
    spy = _ReadSpy(monkeypatch, outside_secret)
    report = build_index(corpus, tmp_path / "index", HashEmbedder(), progress=False)
    assert spy.hits == []
    assert [p.path for p in report.problems] == ["passwd.txt"]
    reason = report.problems[0].reason
    assert str(outside_secret) in reason and "PARACITE_ALLOW_EXTERNAL_LINKS" in reason
    assert [w.path for w in report.warnings] == [str(corpus / "rivers-report.meta.json")]
    stored = load_index(tmp_path / "index")
    assert [d.doc_id for d in stored.documents] == ["rivers-report"]
    assert not any("root:x" in p.text for p in stored.paragraphs)
    # the refusal is part of the recorded state: nothing changed, so nothing to redo and the problem is repeated
    assert not corpus_changed(corpus, tmp_path / "index")
    again = build_index(corpus, tmp_path / "index", HashEmbedder(), progress=False)
    assert not again.changed and [p.path for p in again.problems] == ["passwd.txt"]
    assert spy.hits == []


def test_links_inside_the_corpus_are_followed(tmp_path):
    corpus = tmp_path / "corpus"
    write_synthetic_corpus(corpus, "rivers-report", title="Rivers")
    (corpus / "same-report.txt").symlink_to(corpus / "rivers-report.txt")
    report = build_index(corpus, tmp_path / "index", HashEmbedder(), progress=False)
    assert report.problems == [] and sorted(d.doc_id for d in report.documents) == ["rivers-report", "same-report"]


def test_the_setting_allows_external_links(tmp_path, outside_secret):
    from tests.doubles import SYNTHETIC_REPORT

    outside_secret.write_text(SYNTHETIC_REPORT)
    corpus = tmp_path / "corpus"
    write_synthetic_corpus(corpus, "rivers-report", title="Rivers")
    (corpus / "shared.txt").symlink_to(outside_secret)
    assert Settings.from_env(env={"PARACITE_ALLOW_EXTERNAL_LINKS": "true"}).allow_external_links is True
    assert Settings.from_env(env={}).allow_external_links is False
    report = build_index(corpus, tmp_path / "index", HashEmbedder(), progress=False, allow_external_links=True)
    assert report.problems == [] and "shared" in [d.doc_id for d in report.documents]
    assert not corpus_changed(corpus, tmp_path / "index", allow_external_links=True)
    assert corpus_changed(corpus, tmp_path / "index", allow_external_links=False)  # switching it off rebuilds


def test_cli_reports_the_refused_link(tmp_path, outside_secret, monkeypatch, capsys):
    import ingest.embed

    monkeypatch.setattr(ingest.embed, "make_embedder", lambda *a, **kw: HashEmbedder())
    corpus = tmp_path / "corpus"
    write_synthetic_corpus(corpus, "rivers-report", title="Rivers")
    (corpus / "passwd.txt").symlink_to(outside_secret)
    rc = main(["ingest", "--corpus", str(corpus), "--index", str(tmp_path / "index")])
    err = capsys.readouterr().err
    assert rc == 1  # as for any skipped file: the rest is indexed, the exit code says something was left out
    assert any(line.startswith("skipped passwd.txt: is a link to") for line in err.splitlines()), err
