"""Test doubles. Used by unit tests only; the product always embeds with sentence-transformers."""
from __future__ import annotations

import hashlib
import re
import threading
import time
from typing import Literal, Sequence

import numpy as np

_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)


class HashEmbedder:
    """A deterministic bag-of-words embedder implementing the Embedder protocol: each lower-cased word adds +-1 at
    a position chosen by its hash. Texts sharing words get a positive cosine, so retrieval tests stay meaningful,
    and no model is loaded. `calls` / `n_encoded` count work done, for incremental-build tests."""

    def __init__(self, dim: int = 64, *, model_id: str = "test/hash-embedder", max_tokens: int = 256,
                 delay: float = 0.0):
        self.model_id = model_id
        self.dim = dim
        self.max_tokens = max_tokens
        self.passage_prefix = ""
        self.n_special_tokens = 2
        self.delay = delay  # seconds per encode call, to make a build slow enough to interrupt
        self.calls = 0
        self.n_encoded = 0
        self._lock = threading.Lock()

    def count_tokens(self, text: str) -> int:
        return len(_WORD.findall(text))

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for word in _WORD.findall(text.lower()):
            h = hashlib.sha1(word.encode("utf-8")).digest()
            v[int.from_bytes(h[:4], "little") % self.dim] += 1.0 if h[4] & 1 else -1.0
        norm = float(np.linalg.norm(v))
        if norm == 0.0:
            v[0] = 1.0
            return v
        return v / norm

    def encode(self, texts: Sequence[str], *, kind: Literal["query", "passage"] = "passage",
               progress: bool = False) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts")
        with self._lock:
            self.calls += 1
            self.n_encoded += len(texts)
        if self.delay:
            time.sleep(self.delay)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i] = self._vector(t)
        return out


# A small report in the layout of the extracted UN text (chapter / section / subsection headings, numbered
# paragraphs), for build and retrieval unit tests that must not depend on the real report.
SYNTHETIC_REPORT = """\
 I. Introduction


1. The present report describes the activities of the Office on river pollution and
forest protection during 2017. It was prepared pursuant to decision 2017/12.


 II. Water


 A. River pollution


2. As at 9 February 2018, 57 States had joined the Convention on Clean Rivers; 31 of
them reported on industrial discharges.

3. The Office trained 420 inspectors from 12 countries in sampling techniques for
heavy metals and in laboratory analysis.


 B. Drinking water


4. A regional workshop on drinking water safety was held in Nairobi from 4 to 6 May
2017. Participants discussed chlorination, pipe maintenance and the monitoring of
wells in rural districts.


 III. Forests


 A. Illegal logging


5. The Office supported customs officers in 9 States in detecting illegal timber
shipments. Seizures included 2,700 cubic metres of hardwood.

6. A guide on forest crime investigation was published in English and French.
"""


def write_synthetic_corpus(folder, name: str = "synthetic-report", text: str = SYNTHETIC_REPORT,
                           title: str | None = "Synthetic report on rivers and forests"):
    """Write a report (and its title sidecar) into folder; returns the report's path."""
    import json
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    if title is not None:
        (folder / f"{name}.meta.json").write_text(json.dumps({"title": title}), encoding="utf-8")
    return path


def cli_ingest_synthetic(tmp_path, **settings: str):
    """`paracite ingest` in a child process over the synthetic report, with these PARACITE_* settings (e.g.
    EMBEDDING_MODEL=...); returns (the finished process, the environment it ran with)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_synthetic_corpus(corpus)
    env = {**os.environ, **{f"PARACITE_{k}": v for k, v in settings.items()},
           "PARACITE_CORPUS_DIR": str(corpus), "PARACITE_INDEX_DIR": str(tmp_path / "index"),
           "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(root)}
    run = subprocess.run([sys.executable, "-m", "app.cli", "ingest"], env=env, capture_output=True, text=True,
                         timeout=600)
    return run, env
