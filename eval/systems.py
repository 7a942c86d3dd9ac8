"""The systems compared by the harness, behind one small contract: search(query) and ask(question).

A ParaCite configuration is an Assistant over an index (built with or without section headers) with a retrieval
mode and fusion; the peer baseline (eval/peer.py) implements the same contract.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, Sequence

Key = tuple[str, int]  # (doc_id, paragraph number)


@dataclass(frozen=True)
class Config:
    """One configuration to evaluate."""

    name: str
    kind: str = "paracite"  # "paracite" or "peer"
    retrieval_mode: str = "hybrid"
    fusion: str = "convex"
    section_headers: bool = True
    companion: bool = True  # the companion model ranks too (when the settings have one)
    backend: str = "extractive"
    description: str = ""

    @property
    def reads_extractively(self) -> bool:
        """ParaCite's extractive reader (not an LLM reader, not the peer)."""
        return self.backend == "extractive" and self.kind != "peer"


# The first configuration is ParaCite's default (what Assistant.load() builds); the peer is compared against it.
DEFAULT_CONFIGS: tuple[Config, ...] = (
    Config("hybrid", description="ParaCite default: dense (main model + companion) + BM25, convex fusion (0.8 dense), "
                                 "section headers embedded"),
    Config("hybrid-main-model-only", companion=False,
           description="hybrid without the companion model: main model + BM25, convex fusion (0.7 dense)"),
    Config("hybrid-rrf", fusion="rrf", companion=False,
           description="main model + BM25 with reciprocal rank fusion (k=60) instead of convex"),
    Config("dense", retrieval_mode="dense", companion=False, description="dense (FAISS, main model) only"),
    Config("bm25", retrieval_mode="bm25", description="BM25 only"),
    Config("hybrid-no-headers", section_headers=False,
           description="hybrid, index built without section headers in the embedded text"),
    Config("langchain-tutorial", kind="peer",
           description="LangChain RAG tutorial: RecursiveCharacterTextSplitter 1000/200 over the raw text, "
                       "same embedder, FAISS; chunks mapped to the paragraphs they overlap"),
)


@dataclass(frozen=True)
class Retrieved:
    key: Key
    dense_score: float | None = None


@dataclass
class Response:
    """What a system answered to one question, reduced to what the metrics need."""

    text: str
    abstained: bool
    cited: list[Key] = field(default_factory=list)
    quotes: list[tuple[Key, str]] = field(default_factory=list)  # (cited paragraph, its quote)
    hits: list[Retrieved] = field(default_factory=list)  # the paragraphs the answer was drawn from
    standalone: str = ""  # the question actually searched (after follow-up condensing)
    seconds: float = 0.0
    relevance: dict[str, Any] | None = None  # the abstention gate's signals, when the system exposes them
    error: str = ""
    backend: str = ""
    status: str = ""  # "answered", "partial" or "not_in_report"; a system without grades leaves it empty
    claims: str | None = None  # the text that states facts (a partial answer's gap sentence excluded); None: all

    def __post_init__(self) -> None:
        if not self.status:
            self.status = "not_in_report" if self.abstained else "answered"


class System(Protocol):
    name: str

    def search(self, query: str, *, k: int, section: str | None) -> list[Retrieved]: ...

    def ask(self, question: str, *, history: Sequence[tuple[str, str]], section: str | None) -> Response: ...

    def paragraph_text(self, key: Key) -> str | None: ...


class ParaCiteSystem:
    """A ParaCite configuration, answering through the Assistant (the same path as the CLI and UI)."""

    def __init__(self, name: str, assistant: Any, *, backend: str | None = None, assess: bool = True):
        self.name = name
        self.assistant = assistant
        self.backend = backend
        self.assess = assess
        self._texts: dict[Key, str] = {
            (p.doc_id, p.number): p.text + "".join(" " + f for f in p.footnotes) for p in assistant.stored.paragraphs
        }

    def search(self, query: str, *, k: int, section: str | None) -> list[Retrieved]:
        return [Retrieved((h.doc_id, h.paragraph), h.dense_score) for h in self.assistant.search(query, k=k,
                                                                                                  section=section)]

    def ask(self, question: str, *, history: Sequence[tuple[str, str]], section: str | None) -> Response:
        from ingest.errors import ParaCiteError

        t = time.perf_counter()
        try:
            ans = self.assistant.ask(question, history=list(history), section=section, backend=self.backend)
        except ParaCiteError as err:
            return Response(text="", abstained=False, seconds=time.perf_counter() - t, error=str(err))
        seconds = time.perf_counter() - t
        resp = Response(
            text=ans.text,
            abstained=bool(ans.abstained),
            cited=[(c.doc_id, c.paragraph) for c in ans.citations],
            quotes=[((c.doc_id, c.paragraph), c.quote) for c in ans.citations],
            hits=[Retrieved((h.doc_id, h.paragraph), h.dense_score) for h in ans.hits],
            standalone=ans.standalone_question or question,
            seconds=seconds,
            backend=ans.backend,
            status=ans.status.value,
            claims=ans.claims,
        )
        if self.assess:
            resp.relevance = self._relevance(resp.standalone, section)
        return resp

    def _relevance(self, question: str, section: str | None) -> dict[str, Any] | None:
        chain = self.assistant.chain(self.backend)
        assess = getattr(chain, "assess", None)
        if assess is None:
            return None
        r = assess(question, section=section)
        return {"score": float(r.score), "best_sentence": float(r.best_sentence), "top_dense": float(r.top_dense),
                "missing": list(r.missing), "abstain": bool(r.abstain)}

    def paragraph_text(self, key: Key) -> str | None:
        return self._texts.get(key)


def paracite_variant(base: Any, config: Config) -> Any:
    """An Assistant sharing base's index and embedder, with config's retrieval mode and fusion."""
    from app.assistant import Assistant
    from app.retrieval.searcher import Searcher

    settings = replace(base.settings, retrieval_mode=config.retrieval_mode, fusion=config.fusion,
                       section_headers=config.section_headers)
    companion = base.searcher.companion if config.companion else None
    if (settings.retrieval_mode, settings.fusion, companion) == \
            (base.settings.retrieval_mode, base.settings.fusion, base.searcher.companion):
        return base
    searcher = Searcher(base.stored, base.embedder, mode=config.retrieval_mode, fusion=config.fusion,
                        companion=companion)
    return Assistant(settings, base.stored, base.embedder, searcher)
