"""The LangChain (LCEL) answering chain.

question (+history, section) -> condense -> retriever -> context packed to a token budget (tiktoken) -> relevance
gate (abstain?) -> answerer -> citation parsing and verification -> Answer.

Every stage is a Runnable; `stream` runs the same pipeline and yields the answerer's text pieces as they come, then
the final Answer. The verified Answer is authoritative: verification may re-mark what was streamed.

Graded answers (`Answer.status`):
- answered: the verified sentences, each with its citation;
- partial: the report answers a neighbouring question. The text first names the gap in words ("The report does not
  say how many States were parties (for 2019). What it does report: ..."), then the verified neighbouring fact, cited;
- not_in_report: "The report does not say ... See ¶N, ¶M." and NO citations (the closest paragraphs are the first
  `hits`), so a consumer never mistakes a see-also for support. `abstained` is true exactly for this status.
"""
from __future__ import annotations

import time
from typing import Any, Iterator, Sequence

from langchain_core.runnables import RunnableLambda, RunnablePassthrough

from app.abstain import Relevance, RelevanceGate, abstention_text, partial_lead
from app.answer.extractive import ExtractiveAnswerer
from app.text.lexical import split_subquestions
from app.text.scoring import SentenceScorer
from app.citations import CitationVerifier
from app.condense import asked_question, condense_llm, condense_rules
from app.context import PackedContext, pack_context
from app.types import Answer, AnswerStatus, Hit


class AnswerChain:
    def __init__(self, searcher, answerer, *, fallback=None, k: int = 5, max_context_tokens: int = 2000,
                 abstain_threshold: float | None = None, embedder=None, count_tokens=None):
        self.searcher = searcher
        self.answerer = answerer
        self.k = k
        self.max_context_tokens = max_context_tokens
        self.count_tokens = count_tokens
        scorer = getattr(answerer, "scorer", None) or getattr(fallback, "scorer", None)
        if embedder is None:
            embedder = getattr(searcher, "embedder", None) or getattr(scorer, "embedder", None)
        if scorer is None or (scorer.embedder is None and embedder is not None):
            scorer = SentenceScorer(embedder)
        self.scorer = scorer  # shared: one sentence-embedding cache for extraction, gating and verification
        stored = getattr(searcher, "stored", None)
        if scorer.vocabulary is None and getattr(stored, "paragraphs", None):
            # distinctive question terms weigh more in sentence choice (IDF over the indexed paragraphs)
            scorer.use_vocabulary(p.text for p in stored.paragraphs)
        if fallback is None and getattr(answerer, "name", "") != "extractive":
            fallback = ExtractiveAnswerer(scorer=scorer)
        self.fallback = fallback
        self.verifier = CitationVerifier(scorer)
        self.gate = RelevanceGate(scorer, threshold=abstain_threshold)
        self.pipeline = self._build()

    # ---- public API -------------------------------------------------------------------------------------------
    def invoke(self, question: str, *, history: Sequence[tuple[str, str]] | None = None,
               section: str | None = None, k: int | None = None, doc_ids: frozenset[str] | None = None) -> Answer:
        """history: earlier (question, answer text) pairs, oldest first. doc_ids: the reports answered from (None:
        every one)."""
        final = None
        for piece in self.stream(question, history=history, section=section, k=k, doc_ids=doc_ids):
            final = piece
        assert isinstance(final, Answer)
        return final

    def stream(self, question: str, *, history: Sequence[tuple[str, str]] | None = None,
               section: str | None = None, k: int | None = None,
               doc_ids: frozenset[str] | None = None) -> Iterator[str | Answer]:
        """Yields text pieces as produced, then the complete Answer last."""
        inputs = {"question": question, "history": list(history or []), "section": section, "k": k or self.k,
                  "doc_ids": doc_ids, "t0": time.perf_counter(), "timings": {}}
        yield from self.pipeline.stream(inputs)

    def prepare(self, question: str, *, section: str | None = None, k: int | None = None) -> dict:
        """Every stage before the answer (condense, retrieve, pack, score, grade) for one question: the state the
        answerer would get. For calibration and diagnostics."""
        return self._prepare.invoke({"question": question, "history": [], "section": section, "k": k or self.k,
                                     "t0": time.perf_counter(), "timings": {}})

    def assess(self, question: str, *, section: str | None = None, k: int | None = None) -> Relevance:
        """The abstention gate's signals for one question (for calibration and diagnostics)."""
        state = self._prepare.invoke({"question": question, "history": [], "section": section, "k": k or self.k,
                                      "t0": time.perf_counter(), "timings": {}})
        return state["relevance"]

    # ---- pipeline ---------------------------------------------------------------------------------------------
    def _build(self):
        self._prepare = (
            RunnablePassthrough.assign(standalone=_timed("condense", self._condense))
            | RunnablePassthrough.assign(hits=_timed("retrieve", self._retrieve))
            | RunnablePassthrough.assign(context=_timed("retrieve", self._pack))
            | RunnablePassthrough.assign(scored=_timed("answer", self._score))
            | RunnablePassthrough.assign(relevance=_timed("answer", self._assess))
        )
        return self._prepare | RunnableLambda(self._respond)

    def _condense(self, x: dict) -> str:
        question = asked_question(x["question"])
        chat_model = getattr(self.answerer, "chat_model", None)
        if x["history"] and chat_model is not None:
            return condense_llm(chat_model, question, x["history"])
        return condense_rules(question, x["history"])

    def _retrieve(self, x: dict) -> list[Hit]:
        retriever = _make_retriever(self.searcher, k=x["k"], section=x["section"], doc_ids=x.get("doc_ids"))
        parts = split_subquestions(x["standalone"])
        if len(parts) == 1:
            return [_doc_to_hit(d) for d in retriever.invoke(x["standalone"])]
        # a multi-part question: retrieve for each part and interleave, so every part has its best paragraphs
        per_part = [[_doc_to_hit(d) for d in docs] for docs in (retriever.invoke(p) for p in parts)]
        merged: dict[tuple[str, int], Hit] = {}
        for rank in range(max(len(p) for p in per_part)):
            for hits in per_part:
                if rank < len(hits):
                    merged.setdefault(hits[rank].key, hits[rank])
        return list(merged.values())[: x["k"] + len(parts)]

    def _pack(self, x: dict) -> PackedContext:
        return pack_context(x["standalone"], x["hits"], self.max_context_tokens, self.count_tokens)

    def _score(self, x: dict):
        ctx: PackedContext = x["context"]
        return self.scorer.score(x["standalone"], ctx.hits, [p.text for p in ctx.paragraphs])

    def _assess(self, x: dict) -> Relevance:
        return self.gate.assess(x["standalone"], x["context"], x["scored"])

    def _respond(self, x: dict) -> Iterator[str | Answer]:
        timings: dict[str, float] = x["timings"]
        ctx: PackedContext = x["context"]
        relevance: Relevance = x["relevance"]
        base = dict(question=x["question"], hits=list(x["hits"]), standalone_question=x["standalone"])
        if relevance.abstain or not ctx.paragraphs:
            yield from self._not_in_report(x, base, self.answerer.name, [], relevance.gap)
            return
        partial = relevance.status is AnswerStatus.PARTIAL
        lead = partial_lead(relevance.gap) if partial else ""
        if lead:
            yield lead + " "
        t = time.perf_counter()
        backend, notes, pieces = self.answerer.name, [], []
        try:
            for piece in self._generate(self.answerer, x, single=partial):
                pieces.append(piece)
                yield piece
        except Exception as err:  # noqa: BLE001 - any backend failure: answer extractively and say so
            if self.fallback is None:
                raise
            notes.append(f"the {backend} backend failed ({_short(err)}); answered with the {self.fallback.name} backend")
            backend, pieces = self.fallback.name, []
            yield "\n"  # a consumer that already showed LLM tokens starts a new block
            for piece in self._generate(self.fallback, x, single=partial):
                pieces.append(piece)
                yield piece
        timings["answer"] = timings.get("answer", 0.0) + time.perf_counter() - t
        t = time.perf_counter()
        verified = self.verifier.verify("".join(pieces), ctx)
        timings["verify"] = time.perf_counter() - t
        notes += verified.notes
        if not verified.supported and (verified.sentinel or not verified.sentences):
            if verified.sentinel:
                notes.append(f"the {backend} backend said the context does not answer the question")
            yield "\n"
            yield from self._not_in_report(x, base, backend, notes, relevance.gap)
            return
        timings["total"] = time.perf_counter() - x["t0"]
        status = AnswerStatus.PARTIAL if partial else AnswerStatus.ANSWERED
        text = f"{lead} {verified.text}" if lead else verified.text
        yield Answer(text=text, citations=verified.citations, sentences=verified.sentences, backend=backend,
                     timings=timings, notes=notes, status=status, gap=relevance.gap, lead=lead, **base)

    def _not_in_report(self, x: dict, base: dict, backend: str, notes: list[str], gap: str) -> Iterator[str | Answer]:
        text = abstention_text(x["standalone"], x["context"].hits)
        yield text
        x["timings"]["total"] = time.perf_counter() - x["t0"]
        yield Answer(text=text, status=AnswerStatus.NOT_IN_REPORT, backend=backend, timings=x["timings"], notes=notes,
                     gap=gap or "what was asked", **base)

    def _generate(self, answerer, x: dict, *, single: bool = False) -> Iterator[str]:
        if isinstance(answerer, ExtractiveAnswerer):
            # the gate already scored the context's sentences: reuse them. A partial answer is one neighbouring fact.
            return answerer.generate(x["standalone"], x["context"], scored=x["scored"], single=single)
        return answerer.generate(x["standalone"], x["context"])


def _timed(stage: str, fn):
    def run(x: dict) -> Any:
        t = time.perf_counter()
        try:
            return fn(x)
        finally:
            x["timings"][stage] = x["timings"].get(stage, 0.0) + time.perf_counter() - t

    return RunnableLambda(run, name=f"{stage}:{fn.__name__.strip('_')}")


def _make_retriever(searcher, *, k: int, section: str | None, doc_ids: frozenset[str] | None = None):
    from app.retrieval.langchain_retriever import ParagraphRetriever

    return ParagraphRetriever(searcher=searcher, k=k, section=section, doc_ids=doc_ids)


def _doc_to_hit(doc) -> Hit:
    """LangChain Document (from ParagraphRetriever) -> Hit; the retriever carries the Hit itself when it can."""
    md = doc.metadata
    if isinstance(md.get("hit"), Hit):
        return md["hit"]
    return Hit(
        doc_id=md["doc_id"], paragraph=int(md["paragraph"]), section_path=tuple(md.get("section_path") or ()),
        text=doc.page_content, score=float(md.get("score", 0.0)), title=md.get("title", ""),
        footnotes=tuple(md.get("footnotes") or ()), dense_score=md.get("dense_score"),
        lexical_score=md.get("lexical_score"), match=md.get("match", "hybrid"),
    )


def _short(err: Exception) -> str:
    msg = str(err).splitlines()[0] if str(err) else ""
    return f"{type(err).__name__}: {msg[:160]}" if msg else type(err).__name__
