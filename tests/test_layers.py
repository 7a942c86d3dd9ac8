"""The layers contract (pyproject.toml [tool.importlinter]) holds, and is live: a wrong import breaks it."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ingest", "app", "eval", "bench")


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(exe).exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run([exe, "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def _copy_tree(dst: Path) -> None:
    for name in PACKAGES:
        shutil.copytree(ROOT / name, dst / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "results"))
    shutil.copy(ROOT / "pyproject.toml", dst / "pyproject.toml")


def test_the_layers_are_kept():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("source, target", [("ingest/_wrong.py", "app.settings"),
                                            ("app/_wrong.py", "eval.metrics")])
def test_a_wrong_import_breaks_the_contract(tmp_path, source, target):
    _copy_tree(tmp_path)
    (tmp_path / source).write_text(f"import {target}  # deliberately against the layers\n", encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0, result.stdout
    wrong = source.removesuffix(".py").replace("/", ".")
    assert f"{wrong} -> {target}" in result.stdout, result.stdout
