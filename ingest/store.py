"""The index folder on disk: FAISS file + JSONL records + manifest.json with hashes.

Layout: index_dir/CURRENT names the live build folder (index_dir/builds/<id>/); a build is written in full to a new
folder, then CURRENT is replaced atomically, so a crash mid-build leaves the previous index usable. Never pickled.

    index_dir/
      CURRENT                  "builds/<id>" (one line)
      .lock                    held by a running ingest
      builds/<id>/             vectors.faiss, embeddings.npy, chunks.jsonl, paragraphs.jsonl, documents.jsonl,
                               manifest.json (written last: hashes and sizes of the other five)
      builds/.tmp-<id>/        a build being written (removed by the next ingest if its writer died)
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from ingest.errors import IndexCorruptError, IndexMismatchError, IndexMissingError, ParaCiteError
from ingest.types import Chunk, Document, Paragraph

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
CURRENT = "CURRENT"
BUILDS = "builds"
TMP_PREFIX = ".tmp-"
MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
EMBEDDINGS = "embeddings.npy"
CHUNKS = "chunks.jsonl"
PARAGRAPHS = "paragraphs.jsonl"
DOCUMENTS = "documents.jsonl"
DATA_FILES = (VECTORS, EMBEDDINGS, CHUNKS, PARAGRAPHS, DOCUMENTS)
REBUILD = "run `paracite ingest --force` to rebuild it"
# What write_build puts in CURRENT; anything else (binary junk, "../..") must not be followed
_POINTER = re.compile(r"builds/[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass
class StoredIndex:
    path: Path  # the build folder that was loaded
    manifest: dict[str, Any]
    documents: list[Document]
    paragraphs: list[Paragraph]
    chunks: list[Chunk]  # chunk i <-> vector id i
    vectors: Any  # the faiss index
    embeddings: np.ndarray | None = field(default=None, repr=False)  # row i = vector i (for reuse and exact scores)


def model_slug(model_id: str) -> str:
    """The model id as a file-name part: every fitted or cached file of an embedder is named by it."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)


def package_version() -> str:
    try:
        from importlib.metadata import version

        return version("paracite")
    except Exception:  # PackageNotFoundError or a broken install: the manifest field is informational
        return "0+unknown"


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # not supported on this platform / filesystem
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_file(path: Path, write: Callable[[Any], None], *, binary: bool) -> None:
    """Write through `write(fh)` and fsync, so the manifest never describes bytes still in a cache."""
    mode = "wb" if binary else "w"
    kwargs = {} if binary else {"encoding": "utf-8", "newline": "\n"}
    with open(path, mode, **kwargs) as fh:
        write(fh)
        fh.flush()
        os.fsync(fh.fileno())


def _write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    def write(fh):
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True))
            fh.write("\n")

    _write_file(path, write, binary=False)


def _write_faiss(path: Path, index: Any) -> None:
    from ingest.vector_index import write_index

    write_index(index, path)
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def check_index_dir(index_dir: str | Path) -> None:
    """Raise a one-line ParaCiteError when index_dir cannot be an index folder: it, or a folder above it, is a file."""
    index_dir = Path(index_dir)
    for p in (index_dir, *index_dir.parents):
        if p.exists() or p.is_symlink():
            if not p.is_dir():
                what = "is a file" if p == index_dir else f"is inside {p}, which is a file"
                raise ParaCiteError(f"index folder {index_dir} {what}, not a folder: choose another --index "
                                    "(or PARACITE_INDEX_DIR)")
            return


def current_build(index_dir: str | Path) -> Path | None:
    """The live build folder named by CURRENT, or None when there is no index. Raises IndexCorruptError when CURRENT
    is not what write_build writes (a folder, binary junk, a path leaving builds/)."""
    index_dir = Path(index_dir)
    pointer = index_dir / CURRENT
    try:
        raw = pointer.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise IndexCorruptError(f"index pointer {pointer} is a folder, not a file: {REBUILD}") from None
    except NotADirectoryError:
        check_index_dir(index_dir)
        raise
    except OSError as err:
        raise IndexCorruptError(f"index pointer {pointer} cannot be read ({err.strerror or err}): {REBUILD}") from None
    try:
        name = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        name = None
    if name == "":
        return None
    if name is None or not _POINTER.fullmatch(name):
        raise IndexCorruptError(f"index pointer {pointer} is corrupt (it must name a build in {BUILDS}/): {REBUILD}")
    return index_dir / name


def read_manifest(index_dir: str | Path) -> dict[str, Any] | None:
    """The live manifest, or None when there is no readable one (no index, or a broken one)."""
    try:
        build = current_build(index_dir)
    except ParaCiteError:
        return None
    if build is None:
        return None
    try:
        return json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_build(index_dir: str | Path, *, documents: Sequence[Document], paragraphs: Sequence[Paragraph],
                chunks: Sequence[Chunk], embeddings: np.ndarray, vector_index: Any,
                manifest: dict[str, Any]) -> Path:
    """Write a complete build into a fresh folder and make it live. Returns the new build folder.

    `manifest` carries the caller's fields (model, options, documents...); this adds format version, files, counts
    and creation time. CURRENT moves only after every file, the manifest and the folder are on disk."""
    index_dir = Path(index_dir)
    builds = index_dir / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    created = datetime.now(timezone.utc)
    build_id = created.strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:8]
    tmp = builds / (TMP_PREFIX + build_id)
    tmp.mkdir()
    embeddings = np.ascontiguousarray(embeddings, dtype=np.float32)
    if len(chunks) != embeddings.shape[0] or int(vector_index.ntotal) != len(chunks):
        raise ValueError(f"{len(chunks)} chunks, {embeddings.shape[0]} embeddings, {vector_index.ntotal} vectors")

    _write_faiss(tmp / VECTORS, vector_index)
    _write_file(tmp / EMBEDDINGS, lambda fh: np.save(fh, embeddings, allow_pickle=False), binary=True)
    _write_jsonl(tmp / CHUNKS, (c.to_json() for c in chunks))
    _write_jsonl(tmp / PARAGRAPHS, (p.to_json() for p in paragraphs))
    _write_jsonl(tmp / DOCUMENTS, (d.to_json() for d in documents))
    full = dict(manifest)
    full.update(
        format_version=FORMAT_VERSION,
        build_id=build_id,
        created=created.isoformat(timespec="seconds").replace("+00:00", "Z"),
        package_version=package_version(),
        n_chunks=len(chunks),
        n_paragraphs=len(paragraphs),
        n_documents=len(documents),
        files={name: {"sha256": sha256_file(tmp / name), "size": (tmp / name).stat().st_size} for name in DATA_FILES},
    )
    _write_file(tmp / MANIFEST, lambda fh: fh.write(json.dumps(full, indent=2, sort_keys=True, ensure_ascii=False)),
                binary=False)
    _fsync_dir(tmp)
    final = builds / build_id
    os.replace(tmp, final)
    _fsync_dir(builds)
    _point_current(index_dir, f"{BUILDS}/{build_id}")
    log.info("index build %s is live (%d chunks)", build_id, len(chunks))
    return final


def _point_current(index_dir: Path, target: str) -> None:
    pointer = index_dir / CURRENT
    if pointer.is_dir() and not pointer.is_symlink():  # a corrupt pointer that os.replace cannot overwrite
        log.warning("removing the folder %s, which stood where the index pointer belongs", pointer)
        shutil.rmtree(pointer)
    tmp = index_dir / (CURRENT + ".tmp")
    _write_file(tmp, lambda fh: fh.write(target + "\n"), binary=False)
    os.replace(tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)


def collect_garbage(index_dir: str | Path, *, keep_previous: int = 1) -> list[Path]:
    """Remove builds other than the live one and the `keep_previous` newest others, and leftover temp folders of
    crashed builds. Call only while holding the index lock (a temp folder may be a running build's). The previous
    build is kept so that a reader who read CURRENT just before the switch can still load what it named."""
    index_dir = Path(index_dir)
    builds = index_dir / BUILDS
    try:
        live = current_build(index_dir)
    except ParaCiteError:  # nothing is live that could be removed by mistake: keep the newest builds only
        live = None
    if not builds.is_dir():
        return []
    removed = []
    finished = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(TMP_PREFIX)),
                      key=lambda p: p.name, reverse=True)
    others = [p for p in finished if live is None or p.resolve() != live.resolve()]
    doomed = others[keep_previous:] + [p for p in builds.iterdir() if p.name.startswith(TMP_PREFIX)]
    for p in doomed:
        shutil.rmtree(p, ignore_errors=True)
        removed.append(p)
    return removed


def verify_build(build: Path, manifest: dict[str, Any]) -> None:
    """Every data file present, of the recorded size and hash; raises IndexCorruptError naming the fix."""
    files = manifest.get("files")
    if not isinstance(files, dict) or set(files) != set(DATA_FILES):
        raise IndexCorruptError(f"index manifest {build / MANIFEST} does not list the index files: {REBUILD}")
    for name in DATA_FILES:
        path = build / name
        meta = files[name]
        if not path.is_file():
            raise IndexCorruptError(f"index file {path} is missing: {REBUILD}")
        size = path.stat().st_size
        if size != meta.get("size"):
            raise IndexCorruptError(
                f"index file {path} has {size} bytes, the manifest says {meta.get('size')} (truncated?): {REBUILD}")
        if sha256_file(path) != meta.get("sha256"):
            raise IndexCorruptError(f"index file {path} does not match its manifest hash: {REBUILD}")


def check_compatible(manifest: dict[str, Any], *, where: Path, model_id: str | None, dim: int | None) -> None:
    built_model = manifest.get("embedding_model")
    built_dim = manifest.get("embedding_dim")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatchError(
            f"index in {where} has format version {manifest.get('format_version')}, this ParaCite reads "
            f"{FORMAT_VERSION}: {REBUILD}")
    if (model_id is not None and built_model != model_id) or (dim is not None and built_dim != dim):
        raise IndexMismatchError(
            f"index in {where} was built with embedding model {built_model} (dim {built_dim}) but the configured "
            f"model is {model_id or built_model} (dim {dim if dim is not None else built_dim}): {REBUILD} with the "
            f"configured model, or set PARACITE_EMBEDDING_MODEL={built_model}")


def _read_jsonl(path: Path, cls) -> list:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(cls.from_json(json.loads(line)))
    return out


def load_index(index_dir: str | Path, *, model_id: str | None = None, dim: int | None = None,
               verify: bool = True) -> StoredIndex:
    """Load the live build, verifying files against the manifest. Raises IndexMissingError, IndexCorruptError,
    IndexMismatchError (model_id/dim differ), each naming the fix (`paracite ingest`)."""
    from ingest.vector_index import read_index

    index_dir = Path(index_dir)
    check_index_dir(index_dir)
    build = current_build(index_dir)
    if build is None:
        raise IndexMissingError(f"no index in {index_dir}: run `paracite ingest`")
    if not build.is_dir():
        raise IndexCorruptError(f"index in {index_dir} points to {build}, which is missing: {REBUILD}")
    try:
        manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("not an object")
    except FileNotFoundError:
        raise IndexCorruptError(f"index manifest {build / MANIFEST} is missing: {REBUILD}") from None
    except (OSError, ValueError) as err:
        raise IndexCorruptError(f"index manifest {build / MANIFEST} is unreadable ({err}): {REBUILD}") from None
    check_compatible(manifest, where=index_dir, model_id=model_id, dim=dim)
    if verify:
        verify_build(build, manifest)
    try:
        documents = _read_jsonl(build / DOCUMENTS, Document)
        paragraphs = _read_jsonl(build / PARAGRAPHS, Paragraph)
        chunks = _read_jsonl(build / CHUNKS, Chunk)
        embeddings = np.load(build / EMBEDDINGS, allow_pickle=False)
        vectors = read_index(build / VECTORS)
    except (OSError, ValueError, KeyError, RuntimeError) as err:  # faiss raises RuntimeError on a bad file
        raise IndexCorruptError(f"index in {build} cannot be read ({type(err).__name__}): {REBUILD}") from None
    n = len(chunks)
    if int(vectors.ntotal) != n or embeddings.shape != (n, manifest.get("embedding_dim")) or \
            n != manifest.get("n_chunks") or vectors.d != manifest.get("embedding_dim"):
        raise IndexCorruptError(
            f"index in {build} is inconsistent ({n} chunks, {vectors.ntotal} vectors, embeddings "
            f"{embeddings.shape}): {REBUILD}")
    return StoredIndex(build, manifest, documents, paragraphs, chunks, vectors, embeddings)
