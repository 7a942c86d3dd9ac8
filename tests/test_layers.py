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


def test_loading_changes_no_process_wide_setting(tmp_path):
    """Library code leaves thread counts and HF_HUB_OFFLINE alone: only entry points turn them (app/runtime.py)."""
    script = (
        "import os, sys, torch\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "os.environ.pop('HF_HUB_OFFLINE', None)\n"
        "before = torch.get_num_threads()\n"
        "from doubles import HashEmbedder, write_synthetic_corpus\n"
        "from pathlib import Path\n"
        "from app import Assistant\n"
        "from ingest.embed import make_embedder\n"
        "corpus = Path(sys.argv[2]); corpus.mkdir(); write_synthetic_corpus(corpus)\n"
        "a = Assistant.load(index_dir=Path(sys.argv[2]).parent / 'index', corpus_dir=corpus, embedder=HashEmbedder())\n"
        "a.search('organized crime')\n"
        "make_embedder('sentence-transformers/all-MiniLM-L6-v2')\n"
        "assert torch.get_num_threads() == before, (torch.get_num_threads(), before)\n"
        "assert 'HF_HUB_OFFLINE' not in os.environ\n"
        "print('ok')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "HF_HUB_OFFLINE"}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-c", script, str(ROOT / "tests"), str(tmp_path / "corpus")],
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.stdout.strip().endswith("ok"), result.stdout + result.stderr
