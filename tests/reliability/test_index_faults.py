"""Issue 15, faults 4 and 5 (a corrupt CURRENT pointer, an index path under a regular file) and the index faults
that were already handled (a flipped byte in any index file, a deleted index file, a `{}` manifest), replayed
through the CLI: each is one `error:` line that says what to do, exit code 2, and `paracite ingest --force` repairs
what it names."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from app.cli import main
from ingest import store
from ingest.errors import IndexCorruptError, ParaCiteError

Q7 = "How many States were parties to the Organized Crime Convention?"


@pytest.fixture
def cli(monkeypatch, embedder, real_corpus_dir, capsys):
    """main() over a given index folder and the real corpus, with the session's model (loaded once)."""
    import ingest.embed

    monkeypatch.setattr(ingest.embed, "make_embedder", lambda *a, **kw: embedder)

    def run(*argv, index):
        capsys.readouterr()
        rc = main([*argv, "--index", str(index), "--corpus", str(real_corpus_dir)])
        out, err = capsys.readouterr()
        return rc, out, err.strip()

    return run


@pytest.fixture
def index_copy(real_index_dir, tmp_path):
    d = tmp_path / "index"
    shutil.copytree(real_index_dir, d)
    return d


def _one_error_line(rc, err, *must):
    assert rc == 2, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    for word in must:
        assert word in lines[0], lines[0]
    return lines[0]


def _answers(cli, index) -> None:
    rc, out, err = cli("ask", Q7, "--json", index=index)
    assert rc == 0, err
    assert "189" in json.loads(out)["answer"]


# -- fault 4: a corrupt CURRENT ----------------------------------------------------------------------------------

def _random_bytes(path):
    path.write_bytes(os.urandom(64) + b"\xff\xfe\x00")


def _a_folder(path):
    path.unlink()
    (path / "junk").mkdir(parents=True)


def _escapes(path):
    path.write_text("../../../etc\n")


def _names_a_temp_build(path):
    path.write_text("builds/../builds/x\n")


@pytest.mark.parametrize("corrupt", [_random_bytes, _a_folder, _escapes, _names_a_temp_build])
def test_corrupt_current_is_one_line_and_ingest_force_repairs_it(cli, index_copy, corrupt):
    corrupt(index_copy / store.CURRENT)
    for cmd in (("ask", Q7), ("search", Q7), ("info",)):
        rc, _out, err = cli(*cmd, index=index_copy)
        _one_error_line(rc, err, "paracite ingest", store.CURRENT)
    rc, out, err = cli("ingest", "--force", index=index_copy)
    assert rc == 0, err
    assert (index_copy / store.CURRENT).is_file()
    _answers(cli, index_copy)


def test_plain_ingest_also_repairs_a_current_folder(cli, index_copy):
    _a_folder(index_copy / store.CURRENT)
    rc, _out, err = cli("ingest", index=index_copy)
    assert rc == 0, err
    _answers(cli, index_copy)


def test_current_reader_never_follows_junk(tmp_path):
    (tmp_path / store.CURRENT).write_bytes(b"\x80\x81")
    with pytest.raises(IndexCorruptError, match="paracite ingest --force"):
        store.current_build(tmp_path)
    assert store.read_manifest(tmp_path) is None  # "is the corpus newer?" must not crash on it either


# -- fault 5: an index path under a regular file -----------------------------------------------------------------

@pytest.mark.parametrize("cmd", [("ask", Q7), ("search", Q7), ("info",), ("sections",), ("ingest",)])
def test_index_under_a_file_is_one_line(cli, tmp_path, cmd):
    a_file = tmp_path / "hostname"
    a_file.write_text("not a folder\n")
    for index in (a_file / "idx", a_file / "deeper" / "idx", a_file):
        rc, _out, err = cli(*cmd, index=index)
        _one_error_line(rc, err, "--index", str(a_file))
    assert a_file.read_text() == "not a folder\n"


def test_python_api_index_under_a_file(tmp_path, embedder, real_corpus_dir):
    from app import Assistant

    a_file = tmp_path / "f"
    a_file.write_text("x")
    with pytest.raises(ParaCiteError, match="not a folder"):
        Assistant.load(index_dir=a_file / "idx", corpus_dir=real_corpus_dir, embedder=embedder)


# -- already handled: byte flips, a deleted file, an empty manifest ----------------------------------------------

@pytest.mark.parametrize("name", store.DATA_FILES + (store.MANIFEST,))
def test_a_flipped_byte_in_any_index_file_is_one_line(cli, index_copy, name):
    path = store.current_build(index_copy) / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x5A
    path.write_bytes(bytes(data))
    rc, _out, err = cli("ask", Q7, index=index_copy)
    _one_error_line(rc, err, "paracite ingest")
    rc, _out, err = cli("ingest", "--force", index=index_copy)
    assert rc == 0, err
    _answers(cli, index_copy)


@pytest.mark.parametrize("name", store.DATA_FILES + (store.MANIFEST,))
def test_a_deleted_index_file_is_one_line(cli, index_copy, name):
    (store.current_build(index_copy) / name).unlink()
    rc, _out, err = cli("search", Q7, index=index_copy)
    _one_error_line(rc, err, "paracite ingest", name)


def test_an_empty_manifest_is_one_line(cli, index_copy):
    (store.current_build(index_copy) / store.MANIFEST).write_text("{}")
    rc, _out, err = cli("ask", Q7, index=index_copy)
    _one_error_line(rc, err, "paracite ingest")
