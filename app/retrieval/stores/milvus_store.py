"""Milvus as the vector store, through pymilvus: Milvus Lite in process on a local file (`PARACITE_MILVUS_URI=
index/milvus.db`, the default under the index folder), or a Milvus standalone / cluster server by URL
(`http://host:19530`), with the same code.

The index folder stays the source of truth (chunks, paragraphs, embeddings, written atomically by `paracite
ingest`); the collection holds one row per chunk: its vector, its text (with a BM25 function, for hybrid search in
Milvus), its report (doc_id, year) and the report's *version*, a hash of the report's bytes and of everything that
decides its chunks and vectors. Opening the store brings the collection up to date report by report: a report whose
version has all its rows is kept; a new or changed one is upserted, then the rows of its other versions deleted;
rows of reports no longer in the index are deleted. Every query filters on the versions of the loaded index, so a
sync that dies midway never mixes two versions of a report in an answer: the old version's rows are not asked for,
and a version is asked for only once all its rows are in (checked by count at open, re-written if short).

Milvus Lite supports FLAT, IVF_FLAT and AUTOINDEX; the dense field uses FLAT (exact, as FAISS flat) in Milvus Lite at
any size, and on a server below FLAT_BELOW rows, IVF_FLAT above. pymilvus is imported lazily:
`pip install 'paracite[milvus]'`.
"""
from __future__ import annotations

import hashlib
import importlib.metadata as metadata
import json
import logging
import math
import sys
import types
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from app.retrieval.stores.base import Store, register
from ingest.errors import BackendError

log = logging.getLogger(__name__)

INSTALL = "pip install 'paracite[milvus]' (pymilvus 2.5 and milvus-lite 2.5)"
DEFAULT_COLLECTION = "paracite_chunks"
FLAT_BELOW = 100_000  # rows: exact search below, IVF_FLAT above (as the FAISS default switches to ANN)
IVF_NPROBE = 16
MAX_LIMIT = 16_384  # Milvus's top-k limit
BATCH = 1_000
TEXT_MAX = 65_535


def _pkg_resources_shim() -> None:
    """milvus-lite 2.5 reads its own version through pkg_resources, which setuptools >= 81 no longer ships. Give it
    the one function it calls, from importlib.metadata, instead of pinning an old setuptools for everyone."""
    try:
        import pkg_resources  # noqa: F401
        return
    except ImportError:
        pass
    shim = types.ModuleType("pkg_resources")

    class DistributionNotFound(Exception):
        pass

    def get_distribution(name: str) -> Any:
        try:
            return types.SimpleNamespace(version=metadata.version(name))
        except metadata.PackageNotFoundError:
            raise DistributionNotFound(name) from None

    shim.DistributionNotFound, shim.get_distribution = DistributionNotFound, get_distribution  # type: ignore[attr-defined]
    sys.modules.setdefault("pkg_resources", shim)


def _pymilvus():
    _pkg_resources_shim()
    try:
        import pymilvus
    except ImportError:
        raise BackendError(f"the milvus vector store needs pymilvus: {INSTALL}") from None
    return pymilvus


def is_local(uri: str) -> bool:
    """A file path (Milvus Lite) rather than a server URL."""
    return "://" not in uri


def doc_versions(stored: Any) -> dict[str, str]:
    """doc_id -> a version naming exactly this report's chunks and vectors in this index."""
    options = json.dumps(stored.manifest.get("options", {}), sort_keys=True)
    recs = {r["doc_id"]: r for r in stored.manifest.get("documents", [])}
    out = {}
    for d in stored.documents:
        rec = recs.get(d.doc_id, {})
        h = hashlib.sha256(f"{d.sha256}|{rec.get('meta_sha256')}|{options}".encode()).hexdigest()
        out[d.doc_id] = h[:24]
    return out


def _quote(value: str) -> str:
    return json.dumps(value)  # a Milvus string literal: double quotes, backslash escapes


def _in(field: str, values: Iterable[str]) -> str:
    return f"{field} in [{', '.join(_quote(v) for v in values)}]"


class MilvusStore:
    name = "milvus"

    def __init__(self, stored: Any, *, uri: str, collection: str = DEFAULT_COLLECTION, token: str | None = None,
                 sync: bool = True):
        pymilvus = _pymilvus()
        self.uri, self.collection = uri, collection
        if is_local(uri):
            Path(uri).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.client = pymilvus.MilvusClient(uri=uri, token=token or "")
        except Exception as err:  # noqa: BLE001 - an unreachable server, a bad file: say where and what to set
            raise BackendError(f"cannot open Milvus at {uri} ({type(err).__name__}: {str(err)[:200]}); check "
                               "PARACITE_MILVUS_URI (a local file for Milvus Lite, or http://host:19530)") from None
        self.dim = int(stored.manifest.get("embedding_dim") or stored.embeddings.shape[1])
        self.versions = doc_versions(stored)
        # chunk id i of the loaded index <-> primary key "<version>:<n>", n its place among its report's chunks
        self._pk: list[str] = []
        self._chunk_of: dict[str, int] = {}
        seen: dict[str, int] = {}
        for i, c in enumerate(stored.chunks):
            n = seen.get(c.doc_id, 0)
            seen[c.doc_id] = n + 1
            pk = f"{self.versions[c.doc_id]}:{n}"
            self._pk.append(pk)
            self._chunk_of[pk] = i
        self._live = _in("version", sorted(set(self.versions.values()))) if self.versions else 'version == ""'
        if sync:
            self.sync(stored)

    # -- building ------------------------------------------------------------------------------------------------
    def _ensure_collection(self, n_rows: int) -> None:
        pymilvus = _pymilvus()
        c = self.client
        if c.has_collection(self.collection):
            dims = [f.get("params", {}).get("dim") for f in c.describe_collection(self.collection)["fields"]
                    if f.get("name") == "dense"]
            if dims and int(dims[0]) == self.dim:
                return
            log.warning("Milvus collection %s holds vectors of another size: recreating it", self.collection)
            c.drop_collection(self.collection)
        DataType, Function, FunctionType = pymilvus.DataType, pymilvus.Function, pymilvus.FunctionType
        schema = c.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("pk", DataType.VARCHAR, is_primary=True, max_length=64)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=512)
        schema.add_field("version", DataType.VARCHAR, max_length=64)
        schema.add_field("year", DataType.INT64)
        schema.add_field("text", DataType.VARCHAR, max_length=TEXT_MAX, enable_analyzer=True)
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=self.dim)
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(Function(name="bm25", function_type=FunctionType.BM25, input_field_names=["text"],
                                     output_field_names=["sparse"]))
        index = c.prepare_index_params()
        if n_rows < FLAT_BELOW or is_local(self.uri):
            # Milvus Lite 2.5's IVF_FLAT ignores nprobe and, at 1M rows, finds about half of the true top 10
            # (bench/RESULTS.md, section 5); its FLAT is exact. A server gets IVF_FLAT from FLAT_BELOW rows.
            index.add_index("dense", index_type="FLAT", metric_type="IP")
        else:
            index.add_index("dense", index_type="IVF_FLAT", metric_type="IP",
                            params={"nlist": max(1, int(4 * math.sqrt(n_rows)))})
        index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
        c.create_collection(self.collection, schema=schema, index_params=index)

    def _count(self, expr: str) -> int:
        rows = self.client.query(self.collection, filter=expr, output_fields=["count(*)"])
        return int(rows[0]["count(*)"]) if rows else 0

    def sync(self, stored: Any) -> dict[str, list[str]]:
        """Bring the collection up to date with `stored`: {"kept", "written", "deleted"} doc_ids."""
        self._ensure_collection(len(stored.chunks))
        by_doc: dict[str, list[int]] = {}
        for i, c in enumerate(stored.chunks):
            by_doc.setdefault(c.doc_id, []).append(i)
        years = {d.doc_id: int(d.year or 0) for d in stored.documents}
        done: dict[str, list[str]] = {"kept": [], "written": [], "deleted": []}
        for doc_id, rows in by_doc.items():
            version = self.versions[doc_id]
            if self._count(f'version == {_quote(version)}') == len(rows):
                done["kept"].append(doc_id)
            else:
                self.client.delete(self.collection, filter=f'version == {_quote(version)}')  # a partial earlier try
                for start in range(0, len(rows), BATCH):
                    batch = rows[start:start + BATCH]
                    self.client.upsert(self.collection, [
                        {"pk": self._pk[i], "doc_id": doc_id, "version": version, "year": years.get(doc_id, 0),
                         "text": stored.chunks[i].text[:TEXT_MAX], "dense": stored.embeddings[i].tolist()}
                        for i in batch])
                done["written"].append(doc_id)
            # the report's other versions go once this one is complete
            self.client.delete(self.collection, filter=f'doc_id == {_quote(doc_id)} and version != {_quote(version)}')
        stale = _in("doc_id", by_doc).replace(" in [", " not in [", 1) if by_doc else ""
        if stale and self._count(stale):
            gone = {r["doc_id"] for r in self.client.query(self.collection, filter=stale, output_fields=["doc_id"],
                                                           limit=MAX_LIMIT)}
            self.client.delete(self.collection, filter=stale)
            done["deleted"] = sorted(gone)
        if hasattr(self.client, "flush"):
            try:
                self.client.flush(self.collection)
            except Exception:  # noqa: BLE001 - Milvus Lite flushes on its own
                pass
        self.client.load_collection(self.collection)
        if done["written"] or done["deleted"]:
            log.info("Milvus collection %s: wrote %s, deleted %s, kept %d reports", self.collection,
                     done["written"] or "none", done["deleted"] or "none", len(done["kept"]))
        return done

    def delete_document(self, doc_id: str) -> None:
        self.client.delete(self.collection, filter=f"doc_id == {_quote(doc_id)}")

    # -- searching -----------------------------------------------------------------------------------------------
    def _filter(self, ids: np.ndarray | None) -> str:
        if ids is None:
            return self._live
        return _in("pk", (self._pk[int(i)] for i in ids))

    def search(self, query: np.ndarray, k: int, *, ids: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        limit = max(1, min(int(k), MAX_LIMIT, len(self._pk) if ids is None else len(ids)))
        if not self._pk or (ids is not None and len(ids) == 0):
            return np.zeros((1, 0), np.float32), np.zeros((1, 0), np.int64)
        params = {"metric_type": "IP", "params": {"nprobe": IVF_NPROBE}}
        found = self.client.search(self.collection, data=[q.tolist()], anns_field="dense", limit=limit,
                                   filter=self._filter(ids), search_params=params, output_fields=[])
        scores, chunk_ids = [], []
        for hit in found[0]:
            i = self._chunk_of.get(str(hit.get("id", hit.get("pk"))))
            if i is not None:
                scores.append(float(hit["distance"]))
                chunk_ids.append(i)
        return np.array([scores], np.float32), np.array([chunk_ids], np.int64)

    def search_bm25(self, text: str, k: int, *, ids: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Milvus's own BM25 over the chunk texts: (chunk id, score), best first (for comparison with ParaCite's)."""
        found = self.client.search(self.collection, data=[text], anns_field="sparse", limit=max(1, min(k, MAX_LIMIT)),
                                   filter=self._filter(ids), search_params={"metric_type": "BM25"}, output_fields=[])
        out = []
        for hit in found[0]:
            i = self._chunk_of.get(str(hit.get("id", hit.get("pk"))))
            if i is not None:
                out.append((i, float(hit["distance"])))
        return out

    def close(self) -> None:
        try:
            self.client.close()
        except Exception:  # noqa: BLE001
            pass

    def __repr__(self) -> str:
        return f"MilvusStore({self.uri!r}, collection={self.collection!r}, {len(self._pk)} chunks)"


def _options(settings: Any) -> dict[str, Any]:
    uri = settings.milvus_uri or str(Path(settings.index_dir) / "milvus.db")
    return {"uri": str(uri), "collection": settings.milvus_collection, "token": settings.milvus_token}


register(Store("milvus", lambda stored, **kw: MilvusStore(stored, **kw), _options,
               "Milvus through pymilvus: Milvus Lite on a local file, or a Milvus server by URL"))
