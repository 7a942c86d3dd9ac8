"""The ingest pipeline: corpus -> parse -> chunk -> embed -> index folder.

Incremental: a document whose file (and title sidecar) hashes, embedding model and chunking options are unchanged
keeps its chunks and vectors from the live build; only new or changed documents are parsed and embedded. Each
document is embedded in its own batches, so its vectors do not depend on which other documents were re-embedded in
the same run (a full and an incremental build give the same bytes).
"""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ingest.embed import Embedder, passage_token_budget
from ingest.errors import CorpusError, IndexCorruptError, IndexMismatchError, ParaCiteError
from ingest.lock import index_lock
from ingest.metadata import METADATA_VERSION
from ingest.store import StoredIndex, collect_garbage, load_index, read_manifest, sha256_file, write_build
from ingest.types import BuildReport, Chunk, Document, IngestProblem, Paragraph

log = logging.getLogger(__name__)


@dataclass
class _DocBuild:
    document: Document
    paragraphs: list[Paragraph]
    chunks: list[Chunk]
    embeddings: np.ndarray
    rel: str  # path relative to the corpus folder: the key of the corpus state
    sha256: str | None
    meta_sha256: str | None


def _meta_path(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.json")


def _meta_sha(path: Path, corpus_dir: Path, allow_external_links: bool) -> str | None:
    from ingest.documents import external_target

    meta = _meta_path(path)
    if not allow_external_links and external_target(meta, corpus_dir) is not None:
        return None  # refused unread, like a report linking outside the corpus
    return sha256_file(meta) if meta.is_file() else None


def _rel(path: Path, corpus_dir: Path) -> str:
    try:
        return path.relative_to(corpus_dir).as_posix()
    except ValueError:
        return path.as_posix()


def _corpus_state(corpus_dir: Path, allow_external_links: bool = False) -> dict[str, dict[str, Any]]:
    """{relative path: {"sha256", "meta_sha256"}} for every report file in the corpus (both None for a refused
    link, whose target is never read)."""
    from ingest.documents import scan

    if not corpus_dir.is_dir():
        raise CorpusError(str(corpus_dir), "corpus folder not found: create it and put the reports (.txt, .pdf) in it")
    reports, refused = scan(corpus_dir, allow_external_links=allow_external_links)
    state = {_rel(p, corpus_dir): {"sha256": sha256_file(p), "meta_sha256": _meta_sha(p, corpus_dir,
                                                                                      allow_external_links)}
             for p in reports}
    state.update({_rel(Path(r.path), corpus_dir): {"sha256": None, "meta_sha256": None} for r in refused})
    return state


def _recorded_state(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    state = {}
    for rec in list(manifest.get("documents", [])) + list(manifest.get("problems", [])):
        state[rec["path"]] = {"sha256": rec.get("sha256"), "meta_sha256": rec.get("meta_sha256")}
    return state


def _options(embedder: Embedder, section_headers: bool, budget: int) -> dict[str, Any]:
    """What, besides a document's bytes, decides its chunks and vectors: all equal -> reuse is exact."""
    from ingest import chunk as chunk_mod
    from ingest import parse as parse_mod

    return {
        "embedding_model": embedder.model_id,
        "embedding_dim": int(embedder.dim),
        "passage_prefix": getattr(embedder, "passage_prefix", "") or "",
        "section_headers": bool(section_headers),
        "max_embed_tokens": int(budget),
        "parser_version": getattr(parse_mod, "PARSER_VERSION", None),
        "chunker_version": getattr(chunk_mod, "CHUNKER_VERSION", None),
        "metadata_version": METADATA_VERSION,  # an index from before report metadata re-reads its reports once
    }


def corpus_changed(corpus_dir: str | Path, index_dir: str | Path, *, allow_external_links: bool = False) -> bool:
    """True when the corpus files' hashes differ from those in the live manifest (or there is no index)."""
    manifest = read_manifest(index_dir)
    if manifest is None:
        return True
    return _corpus_state(Path(corpus_dir), allow_external_links) != _recorded_state(manifest)


def _previous(index_dir: Path, embedder: Embedder) -> StoredIndex | None:
    """The live build when its vectors can be reused; None (with the reason logged) otherwise."""
    try:
        return load_index(index_dir, model_id=embedder.model_id, dim=embedder.dim)
    except (IndexMismatchError, IndexCorruptError) as err:
        log.warning("not reusing the existing index: %s", err)
    except ParaCiteError:  # no index yet
        pass
    return None


def _reusable_docs(prev: StoredIndex) -> dict[str, _DocBuild]:
    """Per document path: its records and vectors in the previous build."""
    by_doc: dict[str, list[int]] = {}
    for i, c in enumerate(prev.chunks):
        by_doc.setdefault(c.doc_id, []).append(i)
    paras: dict[str, list[Paragraph]] = {}
    for p in prev.paragraphs:
        paras.setdefault(p.doc_id, []).append(p)
    meta = {rec["doc_id"]: rec for rec in prev.manifest.get("documents", [])}
    out = {}
    for doc in prev.documents:
        rec = meta.get(doc.doc_id)
        if rec is None:
            continue
        rows = by_doc.get(doc.doc_id, [])
        out[rec["path"]] = _DocBuild(doc, paras.get(doc.doc_id, []), [prev.chunks[i] for i in rows],
                                     np.asarray(prev.embeddings[rows], dtype=np.float32), rec["path"],
                                     rec.get("sha256"), rec.get("meta_sha256"))
    return out


def _embed(embedder: Embedder, chunks: list[Chunk], bar) -> np.ndarray:
    """Embed in batches of similar length (less padding: ~30% faster in bench/speed.py), on every core."""
    from ingest.embed import torch_threads

    if not chunks:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    batch = int(getattr(embedder, "batch_size", 32))
    order = sorted(range(len(chunks)), key=lambda i: (len(chunks[i].embed_text), i))
    out = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
    with torch_threads(os.cpu_count() or 1):
        for start in range(0, len(order), batch):
            ids = order[start:start + batch]
            out[ids] = embedder.encode([chunks[i].embed_text for i in ids], kind="passage")
            bar.update(len(ids))
    return out


def build_index(corpus_dir: str | Path, index_dir: str | Path, embedder: Embedder, *, index_kind: str = "auto",
                ann_threshold: int = 100_000, section_headers: bool = True, progress: bool = True,
                force: bool = False, lock_timeout: float = 600.0,
                allow_external_links: bool = False) -> BuildReport:
    """Incremental, atomic, locked build. Unchanged documents (same sha256, same model and options) reuse their chunks
    and vectors; an unchanged corpus does no work (report.changed False). Problem files are reported in
    report.problems and skipped; the rest is still built. A bad title sidecar is a warning (report.warnings): its
    report is built with the title from its file name. Links leaving the corpus folder are problems, not followed,
    unless allow_external_links. Raises IndexLockedError if another build holds the lock
    past its timeout, CorpusError if no document at all could be ingested."""
    from tqdm.auto import tqdm

    from ingest.chunk import chunk_paragraphs
    from ingest.documents import read_document, scan
    from ingest.vector_index import build_vector_index, resolve_kind

    started = time.perf_counter()
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    report = BuildReport(index_dir=str(index_dir))
    with index_lock(index_dir, timeout=lock_timeout):
        state = _corpus_state(corpus_dir, allow_external_links)
        budget = passage_token_budget(embedder)
        options = _options(embedder, section_headers, budget)
        index_options = {"index_kind": index_kind, "ann_threshold": int(ann_threshold)}
        prev = None if force else _previous(index_dir, embedder)
        reusable: dict[str, _DocBuild] = {}
        if prev is not None and prev.manifest.get("options") == options:
            if prev.manifest.get("index_options") == index_options and _recorded_state(prev.manifest) == state:
                report.documents = list(prev.documents)
                report.reused = [d.doc_id for d in prev.documents]
                report.problems = [IngestProblem(p["path"], p["reason"]) for p in prev.manifest.get("problems", [])]
                report.n_chunks = len(prev.chunks)
                report.changed = False
                report.seconds = time.perf_counter() - started
                log.info("corpus unchanged since build %s: nothing to do", prev.manifest.get("build_id"))
                return report
            reusable = _reusable_docs(prev)

        built: list[_DocBuild] = []
        problem_recs: list[dict[str, Any]] = []
        todo: list[tuple[Path, Document, list[Paragraph]]] = []
        seen_ids: dict[str, str] = {}
        paths, refused = scan(corpus_dir, allow_external_links=allow_external_links)
        for problem in refused:
            rel = _rel(Path(problem.path), corpus_dir)
            log.warning("skipping %s", problem)
            report.problems.append(IngestProblem(rel, problem.reason))
            problem_recs.append({"path": rel, "reason": problem.reason, **state[rel]})
        for path in paths:
            rel = _rel(path, corpus_dir)
            old = reusable.get(rel)
            if old is not None and old.sha256 == state[rel]["sha256"] \
                    and old.meta_sha256 == state[rel]["meta_sha256"]:
                doc, paras = old.document, old.paragraphs
            else:
                try:
                    doc, paras = read_document(path, corpus_dir=corpus_dir, warnings=report.warnings,
                                               allow_external_links=allow_external_links, progress=progress)
                except CorpusError as err:
                    log.warning("skipping %s", err)
                    report.problems.append(IngestProblem(rel, err.reason))
                    problem_recs.append({"path": rel, "reason": err.reason, **state[rel]})
                    continue
                old = None
            if doc.doc_id in seen_ids:
                reason = f"same document id {doc.doc_id!r} as {seen_ids[doc.doc_id]}: rename one of the files"
                report.problems.append(IngestProblem(rel, reason))
                problem_recs.append({"path": rel, "reason": reason, **state[rel]})
                continue
            seen_ids[doc.doc_id] = rel
            if old is not None:
                built.append(old)
                report.reused.append(doc.doc_id)
            else:
                todo.append((path, doc, paras))
                built.append(_DocBuild(doc, paras, [], np.zeros((0, embedder.dim), np.float32), rel,
                                       state[rel]["sha256"], state[rel]["meta_sha256"]))
        if not built:
            detail = "; ".join(str(p) for p in report.problems) or "the folder holds no .txt or .pdf report"
            raise CorpusError(str(corpus_dir), f"no report could be ingested ({detail})")

        # chunk every new document first, so the progress bar knows the total
        new_chunks: dict[str, list[Chunk]] = {}
        for _path, doc, paras in todo:
            new_chunks[doc.doc_id] = chunk_paragraphs(paras, embed_token_count=embedder.count_tokens,
                                                      max_embed_tokens=budget, section_headers=section_headers)
        total = sum(len(c) for c in new_chunks.values())
        with tqdm(total=total, desc="Embedding", unit="chunk", disable=not progress, leave=False) as bar:
            for i, b in enumerate(built):
                if b.document.doc_id in new_chunks and not b.chunks:
                    chunks = new_chunks[b.document.doc_id]
                    doc = b.document if b.document.n_paragraphs else replace(b.document, n_paragraphs=len(b.paragraphs))
                    built[i] = replace(b, document=doc, chunks=chunks, embeddings=_embed(embedder, chunks, bar))
                    report.parsed.append(doc.doc_id)
                    log.info("embedded %s: %d paragraphs, %d chunks", doc.doc_id, len(b.paragraphs), len(chunks))

        documents = [b.document for b in built]
        paragraphs = [p for b in built for p in b.paragraphs]
        chunks = [c for b in built for c in b.chunks]
        embeddings = np.concatenate([b.embeddings for b in built]).astype(np.float32, copy=False)
        kind = resolve_kind(index_kind, len(chunks), ann_threshold)
        vectors = build_vector_index(embeddings, kind=kind, ann_threshold=ann_threshold)
        manifest = {
            "embedding_model": embedder.model_id,
            "embedding_dim": int(embedder.dim),
            "index_kind": kind,
            "section_headers": bool(section_headers),
            "options": options,
            "index_options": index_options,
            "documents": [
                {"doc_id": b.document.doc_id, "path": b.rel, "sha256": b.sha256,
                 "meta_sha256": b.meta_sha256, "title": b.document.title, "n_paragraphs": len(b.paragraphs),
                 "n_chunks": len(b.chunks), "anomalies": [a.to_json() for a in b.document.anomalies],
                 **b.document.metadata()}
                for b in built
            ],
            "problems": problem_recs,
        }
        write_build(index_dir, documents=documents, paragraphs=paragraphs, chunks=chunks, embeddings=embeddings,
                    vector_index=vectors, manifest=manifest)
        collect_garbage(index_dir)
        report.documents = documents
        report.n_chunks = len(chunks)
        report.changed = True
    report.seconds = time.perf_counter() - started
    log.info("index built in %.1f s: %d documents (%d re-embedded), %d chunks, %d problems", report.seconds,
             len(report.documents), len(report.parsed), report.n_chunks, len(report.problems))
    return report
