"""One ingest at a time per index folder.

filelock's FileLock is an OS lock (fcntl/msvcrt): a killed ingest releases it with its process, so a stale lock file
left on disk never blocks the next run.
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

from ingest.errors import IndexLockedError, ParaCiteError

LOCK_NAME = ".lock"


@contextlib.contextmanager
def index_lock(index_dir: str | Path, *, timeout: float = 600.0) -> Iterator[None]:
    from filelock import FileLock, Timeout

    from ingest.store import check_index_dir

    index_dir = Path(index_dir)
    check_index_dir(index_dir)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ParaCiteError(f"cannot create the index folder {index_dir} ({err.strerror or err}): choose another "
                            "--index (or PARACITE_INDEX_DIR)") from None
    lock = FileLock(str(index_dir / LOCK_NAME))
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise IndexLockedError(
            f"another `paracite ingest` is building the index in {index_dir} (waited {timeout:g} s): "
            "wait for it to finish, then run the command again"
        ) from None
    try:
        yield
    finally:
        lock.release()
