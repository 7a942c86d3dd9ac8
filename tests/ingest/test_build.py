"""The ingest pipeline with the HashEmbedder: incremental, atomic, locked, deterministic."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
from doubles import SYNTHETIC_REPORT, HashEmbedder, write_synthetic_corpus  # noqa: E402

import ingest.store as store_mod  # noqa: E402
from ingest.build import build_index, corpus_changed  # noqa: E402
from ingest.errors import CorpusError, IndexLockedError  # noqa: E402
from ingest.lock import index_lock  # noqa: E402
from ingest.store import BUILDS, DATA_FILES, TMP_PREFIX, current_build, load_index  # noqa: E402

OTHER_REPORT = SYNTHETIC_REPORT.replace("river pollution", "air quality").replace("Nairobi", "Lima")


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    write_synthetic_corpus(d, "report-a")
    write_synthetic_corpus(d, "report-b", OTHER_REPORT, title="Report B")
    return d


def _count_reads(monkeypatch) -> list[str]:
    import ingest.documents as documents

    seen: list[str] = []
    real = documents.read_document

    def counting(path, **kw):
        seen.append(Path(path).stem)
        return real(path, **kw)

    monkeypatch.setattr(documents, "read_document", counting)
    return seen


def _bytes(index: Path) -> dict[str, bytes]:
    build = current_build(index)
    return {name: (build / name).read_bytes() for name in DATA_FILES}


def test_first_build_then_no_work(corpus, tmp_path, monkeypatch):
    emb, index = HashEmbedder(), tmp_path / "index"
    report = build_index(corpus, index, emb, progress=False)
    assert report.changed and sorted(report.parsed) == ["report-a", "report-b"] and report.n_chunks == 12
    assert not corpus_changed(corpus, index)
    reads, encoded, live = _count_reads(monkeypatch), emb.n_encoded, current_build(index)
    again = build_index(corpus, index, emb, progress=False)
    assert not again.changed and sorted(again.reused) == ["report-a", "report-b"] and again.parsed == []
    assert reads == [] and emb.n_encoded == encoded and current_build(index) == live


def test_changed_document_is_reparsed_alone(corpus, tmp_path, monkeypatch):
    emb, index = HashEmbedder(), tmp_path / "index"
    build_index(corpus, index, emb, progress=False)
    (corpus / "report-b.txt").write_text(OTHER_REPORT.replace("420 inspectors", "500 inspectors"), encoding="utf-8")
    assert corpus_changed(corpus, index)
    reads, encoded = _count_reads(monkeypatch), emb.n_encoded
    report = build_index(corpus, index, emb, progress=False)
    assert report.changed and report.parsed == ["report-b"] and report.reused == ["report-a"]
    assert reads == ["report-b"] and emb.n_encoded - encoded == 6
    stored = load_index(index)
    assert any("500 inspectors" in p.text for p in stored.paragraphs)
    # incremental result == a fresh full build of the same corpus, byte for byte
    fresh = tmp_path / "fresh"
    build_index(corpus, fresh, HashEmbedder(), progress=False)
    assert _bytes(index) == _bytes(fresh)


def test_added_removed_and_retitled_documents(corpus, tmp_path, monkeypatch):
    emb, index = HashEmbedder(), tmp_path / "index"
    build_index(corpus, index, emb, progress=False)
    write_synthetic_corpus(corpus, "report-c", SYNTHETIC_REPORT.replace("forest", "wetland"), title="Report C")
    (corpus / "report-a.txt").unlink()
    (corpus / "report-a.meta.json").unlink()
    (corpus / "report-b.meta.json").write_text('{"title": "Report B, revised"}', encoding="utf-8")
    reads = _count_reads(monkeypatch)
    report = build_index(corpus, index, emb, progress=False)
    assert sorted(reads) == ["report-b", "report-c"]  # b's title sidecar changed
    stored = load_index(index)
    assert [d.doc_id for d in stored.documents] == ["report-b", "report-c"]
    assert {c.doc_id for c in stored.chunks} == {"report-b", "report-c"}
    assert stored.documents[0].title == "Report B, revised" and report.n_chunks == 12


def test_problem_files_are_reported_and_the_rest_is_built(corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00 not utf-8 \x80\x81")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    index = tmp_path / "index"
    report = build_index(corpus, index, HashEmbedder(), progress=False)
    assert sorted(p.path for p in report.problems) == ["broken.txt", "empty.txt"]
    assert sorted(d.doc_id for d in report.documents) == ["report-a", "report-b"]
    again = build_index(corpus, index, HashEmbedder(), progress=False)  # unchanged, problems included
    assert not again.changed and sorted(p.path for p in again.problems) == ["broken.txt", "empty.txt"]


def test_no_document_at_all_is_corpus_error(tmp_path):
    (tmp_path / "corpus").mkdir()
    with pytest.raises(CorpusError, match="no report"):
        build_index(tmp_path / "corpus", tmp_path / "index", HashEmbedder(), progress=False)
    (tmp_path / "corpus" / "bad.txt").write_bytes(b"\xff\xfe\x80")
    with pytest.raises(CorpusError, match="bad.txt"):
        build_index(tmp_path / "corpus", tmp_path / "index", HashEmbedder(), progress=False)
    with pytest.raises(CorpusError, match="not exist|not found"):
        build_index(tmp_path / "nowhere", tmp_path / "index", HashEmbedder(), progress=False)
    assert current_build(tmp_path / "index") is None


def test_builds_are_deterministic(corpus, tmp_path):
    build_index(corpus, tmp_path / "one", HashEmbedder(), progress=False)
    build_index(corpus, tmp_path / "two", HashEmbedder(), progress=False)
    assert _bytes(tmp_path / "one") == _bytes(tmp_path / "two")


def test_force_rebuilds_everything(corpus, tmp_path):
    emb, index = HashEmbedder(), tmp_path / "index"
    build_index(corpus, index, emb, progress=False)
    before, encoded = current_build(index), emb.n_encoded
    report = build_index(corpus, index, emb, progress=False, force=True)
    assert report.changed and emb.n_encoded == 2 * encoded and current_build(index) != before


def test_other_model_rebuilds_instead_of_reusing(corpus, tmp_path):
    index = tmp_path / "index"
    build_index(corpus, index, HashEmbedder(), progress=False)
    other = HashEmbedder(dim=32, model_id="test/other")
    report = build_index(corpus, index, other, progress=False)
    assert report.changed and sorted(report.parsed) == ["report-a", "report-b"]
    assert load_index(index, model_id="test/other", dim=32).embeddings.shape == (12, 32)


def test_crash_while_writing_leaves_the_old_index(corpus, tmp_path, monkeypatch):
    emb, index = HashEmbedder(), tmp_path / "index"
    build_index(corpus, index, emb, progress=False)
    live = current_build(index)
    (corpus / "report-a.txt").write_text(SYNTHETIC_REPORT + "\n7. A new paragraph about lakes.\n", encoding="utf-8")
    real, calls = store_mod._write_jsonl, []

    def crash_on_second(path, records):
        calls.append(path.name)
        if len(calls) == 2:  # vectors, embeddings and chunks are on disk by now
            raise OSError("disk full (simulated)")
        return real(path, records)

    monkeypatch.setattr(store_mod, "_write_jsonl", crash_on_second)
    with pytest.raises(OSError, match="simulated"):
        build_index(corpus, index, emb, progress=False)
    tmp_builds = [p for p in (index / BUILDS).iterdir() if p.name.startswith(TMP_PREFIX)]
    assert tmp_builds and (tmp_builds[0] / "vectors.faiss").exists()
    assert current_build(index) == live
    stored = load_index(index)  # the old index still loads, verified
    assert len(stored.paragraphs) == 12 and corpus_changed(corpus, index)
    monkeypatch.setattr(store_mod, "_write_jsonl", real)
    report = build_index(corpus, index, emb, progress=False)
    assert report.parsed == ["report-a"] and len(load_index(index).paragraphs) == 13
    assert not [p for p in (index / BUILDS).iterdir() if p.name.startswith(TMP_PREFIX)]


KILL_SCRIPT = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r}); sys.path.insert(0, {root!r})
    import ingest.store as store
    from doubles import HashEmbedder
    from ingest.build import build_index
    real = store._write_jsonl
    def slow(path, records):
        real(path, records)
        time.sleep(30)  # the parent kills us here, mid-build
    store._write_jsonl = slow
    build_index({corpus!r}, {index!r}, HashEmbedder(), progress=False, force=True)
""")


def test_killed_ingest_leaves_the_old_index_and_releases_the_lock(corpus, tmp_path):
    emb, index = HashEmbedder(), tmp_path / "index"
    build_index(corpus, index, emb, progress=False)
    live = current_build(index)
    script = KILL_SCRIPT.format(tests=str(TESTS), root=str(TESTS.parent), corpus=str(corpus), index=str(index))
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            tmp = [p for p in (index / BUILDS).iterdir() if p.name.startswith(TMP_PREFIX)]
            if tmp and (tmp[0] / "chunks.jsonl").exists():
                break
            assert proc.poll() is None, "the ingest subprocess ended before it could be killed"
            time.sleep(0.05)
        else:
            pytest.fail("the ingest subprocess never started writing")
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert current_build(index) == live
    assert len(load_index(index).paragraphs) == 12
    report = build_index(corpus, index, emb, progress=False, lock_timeout=5)  # the lock died with the process
    assert not report.changed


def test_lock_timeout_raises(corpus, tmp_path):
    index = tmp_path / "index"
    held, release = threading.Event(), threading.Event()

    def holder():
        with index_lock(index):
            held.set()
            release.wait(10)

    t = threading.Thread(target=holder)
    t.start()
    try:
        assert held.wait(5)
        with pytest.raises(IndexLockedError, match="another `paracite ingest`"):
            build_index(corpus, index, HashEmbedder(), progress=False, lock_timeout=0.3)
    finally:
        release.set()
        t.join()


def test_two_builds_at_once_run_one_after_the_other(corpus, tmp_path):
    index = tmp_path / "index"
    reports, errors = [], []

    def run():
        try:
            reports.append(build_index(corpus, index, HashEmbedder(delay=0.2), progress=False, lock_timeout=30))
        except Exception as err:  # pragma: no cover - surfaced below
            errors.append(err)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(r.changed for r in reports) == [False, True]  # the second found the first's build and did nothing
    assert len(list((index / BUILDS).iterdir())) == 1


def test_progress_bar_over_embedding(corpus, tmp_path, capsys):
    build_index(corpus, tmp_path / "index", HashEmbedder(), progress=True)
    assert "Embedding" in capsys.readouterr().err


def test_section_headers_option_changes_embedded_text(corpus, tmp_path):
    build_index(corpus, tmp_path / "with", HashEmbedder(), progress=False, section_headers=True)
    build_index(corpus, tmp_path / "without", HashEmbedder(), progress=False, section_headers=False)
    with_h, without = load_index(tmp_path / "with"), load_index(tmp_path / "without")
    assert with_h.chunks[1].embed_text != with_h.chunks[1].text
    assert without.chunks[1].embed_text == without.chunks[1].text
    assert without.manifest["section_headers"] is False
    report = build_index(corpus, tmp_path / "without", HashEmbedder(), progress=False, section_headers=True)
    assert report.changed and sorted(report.parsed) == ["report-a", "report-b"]  # option change: nothing reused
