"""The peer baseline: retrieval-augmented QA built the way the LangChain RAG tutorial builds it.

RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True) over the raw report text,
the same sentence-transformers model wrapped as LangChain `Embeddings`, langchain_community's FAISS vector store, the
top 4 chunks (the tutorial's default) as the context. For scoring, each chunk is mapped to the report paragraphs its
characters overlap (paragraph spans come from the product's parser, by line), most-overlapped first.

Generation: with an OpenAI-compatible LLM configured it uses the tutorial's prompt; without one (this machine) it uses
an extractive stand-in that returns the 3 context sentences most similar to the question ("three sentences maximum"),
which can only flatter the peer on numeric faithfulness (it copies text) and never abstains.
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from eval.systems import Key, Response, Retrieved
from ingest.errors import BackendError

CHUNK_SIZE, CHUNK_OVERLAP, CONTEXT_K, ANSWER_SENTENCES = 1000, 200, 4, 3
TUTORIAL_PROMPT = (
    "You are an assistant for question-answering tasks. Use the following pieces of retrieved context to answer the "
    "question. If you don't know the answer, just say that you don't know. Use three sentences maximum and keep the "
    "answer concise.\nQuestion: {question}\nContext: {context}\nAnswer:"
)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(“\"])")
_URL = re.compile(r"https?://\S+")
_PARA_NUMBER = re.compile(r"(?<=\s)\d{1,3}\.\s+(?=[A-Z])")
_DONT_KNOW = re.compile(r"\b(don'?t|do not|does not|cannot|can't) (know|say|answer|provide|contain)", re.I)


def embeddings_adapter(embedder: Any):
    """The product's Embedder as a LangChain Embeddings (what the tutorial passes to its vector store)."""
    from langchain_core.embeddings import Embeddings

    class EmbedderEmbeddings(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return embedder.encode(list(texts), kind="passage").tolist()

        def embed_query(self, text: str) -> list[float]:
            return embedder.encode([text], kind="query")[0].tolist()

    return EmbedderEmbeddings()


def _tutorial_parts():
    try:
        from langchain_community.vectorstores import FAISS
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter
    except ImportError as e:
        raise BackendError(f"the LangChain-tutorial baseline needs {e.name}: pip install 'paracite[baseline]' "
                           "(langchain-community, langchain-text-splitters)") from None
    return FAISS, Document, RecursiveCharacterTextSplitter


def split_reports(corpus_dir: str | Path, doc_ids: Any = None) -> list[Any]:
    """The tutorial's chunks of every .txt report (of those in doc_ids, when given): RecursiveCharacterTextSplitter
    (chunk_size=1000, chunk_overlap=200, add_start_index=True) over the raw text, each with its source doc_id."""
    _, Document, RecursiveCharacterTextSplitter = _tutorial_parts()
    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True)
    docs = []
    for path in sorted(Path(corpus_dir).glob("*.txt")):
        if doc_ids is None or path.stem in doc_ids:
            raw = path.read_text(encoding="utf-8")
            docs += splitter.split_documents([Document(page_content=raw, metadata={"source": path.stem})])
    return docs


def vector_store(docs: Sequence[Any], embedder: Any) -> Any:
    """The tutorial's in-memory FAISS vector store over the chunks, embedded by `embedder` (a product Embedder)."""
    FAISS, _, _ = _tutorial_parts()
    return FAISS.from_documents(list(docs), embeddings_adapter(embedder))


def _line_offsets(text: str) -> list[int]:
    offsets, pos = [], 0
    for line in text.split("\n"):
        offsets.append(pos)
        pos += len(line) + 1
    return offsets


class LangChainTutorialRAG:
    def __init__(self, corpus_dir: str | Path, paragraphs: Sequence[Any], embedder: Any, *, llm: Any = None,
                 name: str = "langchain-tutorial"):
        self.name = name
        self.embedder = embedder
        self.llm = llm
        self._texts: dict[Key, str] = {(p.doc_id, p.number): p.text + "".join(" " + f for f in p.footnotes)
                                       for p in paragraphs}
        by_doc: dict[str, list[Any]] = {}
        for p in paragraphs:
            by_doc.setdefault(p.doc_id, []).append(p)
        docs = split_reports(corpus_dir, set(by_doc))
        self._spans: dict[str, list[tuple[Key, int, int]]] = {}
        for doc_id in sorted({d.metadata["source"] for d in docs}):
            raw = (Path(corpus_dir) / f"{doc_id}.txt").read_text(encoding="utf-8")
            offsets = _line_offsets(raw)
            lines = raw.split("\n")
            self._spans[doc_id] = [((doc_id, p.number), offsets[p.line_start - 1],
                                    offsets[p.line_end - 1] + len(lines[p.line_end - 1])) for p in by_doc[doc_id]]
        if not docs:
            raise BackendError(f"the peer baseline found no .txt report in {corpus_dir} matching the index")
        self.chunks = docs
        self.store = vector_store(docs, embedder)
        self._sentence_cache: dict[str, tuple[list[str], np.ndarray]] = {}

    # ---- mapping --------------------------------------------------------------------------------------------------
    def paragraphs_of(self, chunk: Any) -> list[Key]:
        """Paragraphs a chunk overlaps, most-overlapped characters first (ties: document order)."""
        start = int(chunk.metadata["start_index"])
        end = start + len(chunk.page_content)
        overlaps = [(min(end, e) - max(start, s), i, key)
                    for i, (key, s, e) in enumerate(self._spans.get(chunk.metadata["source"], []))
                    if min(end, e) > max(start, s)]
        return [key for _, _, key in sorted(overlaps, key=lambda t: (-t[0], t[1]))]

    def _chunks(self, query: str, k: int) -> list[tuple[Any, float]]:
        return self.store.similarity_search_with_score(query, k=k)

    def search(self, query: str, *, k: int, section: str | None = None) -> list[Retrieved]:
        """The top chunks' paragraphs in chunk rank order, cut at k paragraphs (the tutorial has no section filter)."""
        out: list[Retrieved] = []
        seen: set[Key] = set()
        for chunk, dist in self._chunks(query, max(k, CONTEXT_K)):
            cos = 1.0 - float(dist) / 2.0  # FAISS returns squared L2; the vectors are unit length
            for key in self.paragraphs_of(chunk):
                if key not in seen:
                    seen.add(key)
                    out.append(Retrieved(key, cos))
        return out[:k]

    # ---- answering ----------------------------------------------------------------------------------------------
    def ask(self, question: str, *, history: Sequence[tuple[str, str]], section: str | None) -> Response:
        t = time.perf_counter()
        # The tutorial's first part has no memory; a user re-asks with the previous question prepended.
        query = " ".join([history[-1][0], question]) if history else question
        context = [c for c, _ in self._chunks(query, CONTEXT_K)]
        if self.llm is not None:
            text = self._generate_llm(query, context)
            abstained = bool(_DONT_KNOW.search(text))
        else:
            text, abstained = self._generate_extractive(query, context), False
        cited = list(dict.fromkeys(key for c in context for key in self.paragraphs_of(c)))
        return Response(text=text, abstained=abstained, cited=cited, quotes=[],
                        hits=[Retrieved(k) for k in cited], standalone=query, seconds=time.perf_counter() - t,
                        backend="llm" if self.llm is not None else "extractive-stand-in")

    def _sentences(self, chunk_text: str) -> tuple[list[str], np.ndarray]:
        if chunk_text not in self._sentence_cache:
            # Raw-text artefacts an LLM would not repeat: URL lines and the report's own paragraph numbers ("105.").
            flat = _URL.sub(" ", chunk_text)
            flat = " ".join(_PARA_NUMBER.sub(" ", " " + " ".join(flat.split())).split())
            sents = [s for s in _SENTENCE_END.split(flat) if len(s.split()) >= 3] or [flat]
            self._sentence_cache[chunk_text] = (sents, self.embedder.encode(sents, kind="passage"))
        return self._sentence_cache[chunk_text]

    def _generate_extractive(self, query: str, context: Sequence[Any]) -> str:
        qv = self.embedder.encode([query], kind="query")[0]
        cands = []
        for ci, chunk in enumerate(context):
            sents, vecs = self._sentences(chunk.page_content)
            for si, (s, v) in enumerate(zip(sents, vecs)):
                cands.append((float(v @ qv), ci, si, s))
        best = sorted(cands, key=lambda c: -c[0])[:ANSWER_SENTENCES]
        chosen = list(dict.fromkeys(s for _, _, _, s in sorted(best, key=lambda c: (c[1], c[2]))))
        return " ".join(chosen)

    def _generate_llm(self, query: str, context: Sequence[Any]) -> str:
        prompt = TUTORIAL_PROMPT.format(question=query, context="\n\n".join(c.page_content for c in context))
        msg = self.llm.invoke(prompt)
        return str(getattr(msg, "content", msg))

    def paragraph_text(self, key: Key) -> str | None:
        return self._texts.get(key)
