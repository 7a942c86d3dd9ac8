"""The LangChain (LCEL) answering chain.

question (+history, section) -> condense -> retriever -> context packed to a token budget (tiktoken) -> relevance
gate (abstain?) -> answerer -> citation parsing and verification -> Answer.

Every stage is a Runnable over one typed, frozen `Turn` (the state of one question turn: question, standalone
question, hits, packed context, scored sentences, relevance, and the seconds each stage took, named after it); a
stage returns a new Turn with its own field filled. `stream` runs the same pipeline and yields the answerer's text
pieces as they come, then the final Answer. The verified Answer is authoritative: verification may re-mark what was
streamed.

The chain calls the Searcher directly; `ParagraphRetriever` (app/retrieval/langchain_retriever.py) is the same
retrieval as a LangChain retriever for outside users, and a test keeps the two equivalent. The Assistant builds the
collaborators (sentence scorer, relevance gate, citation verifier) and passes them in.

Graded answers (`Answer.status`):
- answered: the verified sentences, each with its citation;
- partial: the report answers a neighbouring question. The text first names the gap in words ("The report does not
  give this for 2019. What it does report: ..."), then the verified neighbouring fact, cited;
- not_in_report: "The report does not say ... See ¶N, ¶M." and NO citations (the closest paragraphs are the first
  `hits`), so a consumer never mistakes a see-also for support. `abstained` is true exactly for this status.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any, Iterator, Sequence

from langchain_core.runnables import RunnableLambda

from app.abstain import (Relevance, RelevanceGate, absent_places, abstention_text, gap_text, is_identifier,
                          missing_key_terms, partial_lead)
from app.answer.extractive import ExtractiveAnswerer
from app.answer.prompts import without_example
from app.text.countries import with_capitals
from app.text.lexical import clean_text, split_subquestions
from app.text.scoring import ScoredSentence, SentenceScorer
from app.text.truecase import truecased
from app.citations import CitationVerifier
from app.condense import asked_question, condense_llm, condense_rules, same_question
from app.context import PackedContext, pack_context
from app.types import Answer, AnswerStatus, Hit


@dataclass(frozen=True)
class Turn:
    """One question turn as it moves through the stages; each stage fills its own field."""

    question: str
    history: tuple[tuple[str, str], ...] = ()
    section: str | None = None
    k: int = 5
    doc_ids: frozenset[str] | None = None  # only these reports (None: every loaded report)
    t0: float = 0.0
    standalone: str = ""  # condense: the question made self-contained
    read_as: str = ""  # condense: the follow-up as the conversation made it, "" when it is the question as asked
    hits: tuple[Hit, ...] = ()  # retrieve
    context: PackedContext | None = None  # pack
    scored: tuple[ScoredSentence, ...] = ()  # score
    relevance: Relevance | None = None  # grade
    timings: tuple[tuple[str, float], ...] = field(default=())  # (stage, seconds), in the order run

    def timed(self, stage: str, seconds: float, **changes: Any) -> "Turn":
        return replace(self, timings=self.timings + ((stage, seconds),), **changes)

    def timing_dict(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for stage, seconds in self.timings:
            out[stage] = out.get(stage, 0.0) + seconds
        return out


class AnswerChain:
    def __init__(self, searcher, answerer, *, scorer: SentenceScorer | None = None, gate: RelevanceGate | None = None,
                 verifier: CitationVerifier | None = None, fallback=None, k: int = 5, max_context_tokens: int = 2000,
                 abstain_threshold: float | None = None, count_tokens=None, llm_context_tokens: int | None = None):
        """scorer, gate and verifier are built by the Assistant (app/assistant.py `chain_parts`) and shared; given
        none, the chain builds its own from the searcher's embedder and index, as the Assistant would."""
        self.searcher = searcher
        self.answerer = answerer
        self.k = k
        self.max_context_tokens = max_context_tokens
        self.llm_context_tokens = llm_context_tokens  # an LLM reads the best-ranked part of the context (CPU time)
        self.count_tokens = count_tokens
        if scorer is None:
            scorer = make_scorer(searcher.embedder, [p.text for p in searcher.stored.paragraphs])
        self.scorer = scorer  # one sentence-embedding cache for extraction, grading and verification
        if fallback is None and not isinstance(answerer, ExtractiveAnswerer):
            fallback = ExtractiveAnswerer(scorer=scorer)  # an LLM that fails or times out: answer extractively
        self.fallback = fallback
        self.verifier = verifier or CitationVerifier(scorer)
        self.gate = gate or RelevanceGate(scorer, threshold=abstain_threshold)
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
        yield from self.pipeline.stream(self._turn(question, history, section, k, doc_ids))

    def prepare(self, question: str, *, section: str | None = None, k: int | None = None) -> Turn:
        """Every stage before the answer (condense, retrieve, pack, score, grade) for one question: the state the
        answerer would get. For calibration and diagnostics."""
        return self._prepare.invoke(self._turn(question, None, section, k))

    def assess(self, question: str, *, section: str | None = None, k: int | None = None) -> Relevance:
        """The relevance gate's grade and signals for one question (for calibration and diagnostics)."""
        return self.prepare(question, section=section, k=k).relevance

    def _turn(self, question, history, section, k, doc_ids=None) -> Turn:
        return Turn(question=question, history=tuple(history or ()), section=section, k=k or self.k,
                    doc_ids=doc_ids, t0=time.perf_counter())

    # ---- pipeline ---------------------------------------------------------------------------------------------
    def _build(self):
        self._prepare = (_stage("condense", self._condense) | _stage("retrieve", self._retrieve)
                         | _stage("pack", self._pack) | _stage("score", self._score) | _stage("grade", self._grade))
        return self._prepare | RunnableLambda(self._respond)

    def _condense(self, t: Turn) -> dict:
        question = asked_question(t.question)
        chat_model = getattr(self.answerer, "chat_model", None)  # an LLM backend may condense with its own model
        if t.history and chat_model is not None:
            standalone = condense_llm(chat_model, question, list(t.history))
        else:
            standalone = condense_rules(question, list(t.history))
        # a capital described, not named ("Kyrgyzstan's capital"), is named: the report uses the city's name. What
        # a reader is shown as "read as" is the condensed question alone: the capital's name is no fact of the report
        # ... and a question typed without capitals gets its names' capitals back, as the reports write them: names,
        # countries and acronyms are read from capitals downstream (app/text/truecase.py)
        return {"standalone": with_capitals(truecased(standalone, self.scorer.casing)),
                "read_as": standalone if t.history and not same_question(standalone, question) else ""}

    def _retrieve(self, t: Turn) -> dict:
        parts = split_subquestions(t.standalone)
        if len(parts) == 1:
            return {"hits": tuple(self._search(t, t.standalone))}
        # a multi-part question: retrieve for the whole and for each part, and interleave (whole first), so every part
        # has its best paragraphs, and a part that lost its context in the split still has the whole's. The context
        # stays k + one per part: a paragraph more for the whole was measured and lost a key fact on dev.
        per_part = [self._search(t, t.standalone)] + [self._search(t, p) for p in parts]
        merged: dict[tuple[str, str], Hit] = {}
        for rank in range(max(len(p) for p in per_part)):
            for hits in per_part:
                if rank < len(hits):
                    merged.setdefault(hits[rank].key, hits[rank])
        return {"hits": tuple(list(merged.values())[: t.k + len(parts)])}

    def _search(self, t: Turn, query: str) -> list[Hit]:
        # doc_ids only when a filter is set, so searchers without report filters (test doubles) still serve
        scope = {"doc_ids": t.doc_ids} if t.doc_ids is not None else {}
        return self.searcher.search(query, k=t.k, section=t.section, **scope)

    def _pack(self, t: Turn) -> dict:
        return {"context": pack_context(t.standalone, t.hits, self.max_context_tokens, self.count_tokens)}

    def _score(self, t: Turn) -> dict:
        ctx = t.context
        return {"scored": tuple(self.scorer.score(t.standalone, ctx.hits, [p.text for p in ctx.paragraphs]))}

    def _grade(self, t: Turn) -> dict:
        return {"relevance": self.gate.assess(t.standalone, t.context, list(t.scored))}

    def _respond(self, t: Turn) -> Iterator[str | Answer]:
        timings = t.timing_dict()
        base = dict(question=t.question, hits=list(t.hits), standalone_question=t.standalone, read_as=t.read_as)
        if not t.context.paragraphs:
            yield from self._not_in_report(t, timings, base, self.answerer.name, [], t.relevance.gap)
            return
        reader = self.answerer
        if getattr(reader, "routes", False):  # auto: the extractive reader when confident, else the LLM
            reader = reader.llm if reader.llm_needed(t.standalone, t.relevance) else self.fallback
        if isinstance(reader, ExtractiveAnswerer):
            yield from self._graded(t, reader, timings, base, [])
        else:
            yield from self._llm_reads(t, reader, timings, base)

    def _graded(self, t: Turn, reader, timings: dict[str, float], base: dict,
                notes: list[str]) -> Iterator[str | Answer]:
        """The extractive reader, graded by the relevance gate: answered, partial (gap named first) or not in the
        report."""
        relevance: Relevance = t.relevance
        if relevance.abstain:
            yield from self._not_in_report(t, timings, base, reader.name, notes, relevance.gap)
            return
        partial = relevance.status is AnswerStatus.PARTIAL
        lead = partial_lead(relevance.gap) if partial else ""
        if lead:
            yield lead + " "
        started = time.perf_counter()
        pieces = []
        for piece in self._generate(reader, t, single=partial):
            pieces.append(piece)
            yield piece
        timings["answer"] = time.perf_counter() - started
        verified = self._verify(t, "".join(pieces), timings)
        if not verified.sentences:
            yield "\n"
            yield from self._not_in_report(t, timings, base, reader.name, notes + verified.notes, relevance.gap)
            return
        timings["total"] = time.perf_counter() - t.t0
        status = AnswerStatus.PARTIAL if partial else AnswerStatus.ANSWERED
        text = f"{lead} {verified.text}" if lead else verified.text
        yield Answer(text=text, citations=verified.citations, sentences=verified.sentences, backend=reader.name,
                     timings=timings, notes=notes + verified.notes, status=status, gap=relevance.gap, lead=lead,
                     lacks=relevance.lacks if partial else "", **base)

    def _llm_reads(self, t: Turn, llm, timings: dict[str, float], base: dict) -> Iterator[str | Answer]:
        """An LLM reads the retrieved paragraphs and decides; the gate's grade is only a hint. Verification judges
        what it says: an unverified sentence is repaired to the verbatim sentence it quotes in part or paraphrases,
        or kept marked. A missing year or number of the question makes a verified answer partial. Under auto
        (strict), what cannot be verified is left out, an answer with nothing verified falls back to the extractive
        graded answer, and a verified one is partial (the LLM was asked because the gate found no answer)."""
        strict = getattr(self.answerer, "routes", False)
        name = self.answerer.name if strict else llm.name
        started, pieces = time.perf_counter(), []
        graded = t  # the extractive fallback answers from the whole context it was graded on
        if self.llm_context_tokens and self.llm_context_tokens < t.context.n_tokens:
            t = replace(t, context=pack_context(t.standalone, t.context.hits, self.llm_context_tokens,
                                                self.count_tokens))
        try:
            for piece in llm.generate(t.standalone, t.context):
                pieces.append(piece)
                yield piece
        except Exception as err:  # noqa: BLE001 - any backend failure: answer extractively and say so
            if self.fallback is None:
                raise
            yield "\n"  # a consumer that already showed LLM tokens starts a new block
            note = f"the {llm.name} backend failed ({_short(err)}); answered with the {self.fallback.name} backend"
            yield from self._graded(graded, self.fallback, timings, base, [note])
            return
        timings["llm"] = timings["answer"] = time.perf_counter() - started
        text, leaked = without_example("".join(pieces))
        verified = self._verify(t, text, timings, repair=True)
        if leaked:
            verified.notes.append("removed a copy of the prompt's made-up worked example from the model's answer")
        if strict:
            verified = verified.only_verified()
        if not verified.supported and (strict or verified.sentinel or not verified.sentences):
            why = ("said the paragraphs do not answer the question" if verified.sentinel
                   else "gave no answer that the cited paragraphs support")
            notes = verified.notes + [f"the {llm.name} backend {why}"]
            yield "\n"
            if strict:  # auto: the extractive graded answer (the chain always has the extractive fallback then)
                yield from self._graded(graded, self.fallback, timings, base, notes)
            else:
                yield from self._not_in_report(t, timings, base, name, notes, t.relevance.gap)
            return
        cited = [h for h in t.context.hits if h.key in {k for s in verified.sentences for k in s.cites}]
        missing = [m for m in missing_key_terms(t.standalone, cited) if is_identifier(m)]
        elsewhere = absent_places(t.standalone, cited)  # the same rule as the gate's: another country's fact
        gap = gap_text(t.standalone, missing, cited, elsewhere=elsewhere) if missing or elsewhere else ""
        # under auto the LLM only reads what the gate did not find answered: its verified reading is offered as the
        # neighbouring fact, the gate's gap named first, unless the extractive reader chose the same sentence (two
        # readers agreeing on one sentence is the evidence the gate's score alone lacked) -- but not when that
        # sentence lacks what is asked (no date for "when"): agreeing on it does not make it an answer
        partial = bool(missing) or bool(elsewhere) or (strict and t.relevance.status is not AnswerStatus.ANSWERED
                                    and (bool(t.relevance.lacks) or not self._readers_agree(graded, verified)))
        lacks = t.relevance.lacks if partial and not gap else ""  # the gate's gap is the one named
        gap = gap or (t.relevance.gap if partial else "")
        lead = partial_lead(gap) if partial else ""
        timings["total"] = time.perf_counter() - t.t0
        yield Answer(text=f"{lead} {verified.text}" if lead else verified.text, citations=verified.citations,
                     sentences=verified.sentences, backend=f"{name}:{llm.name}" if strict else name,
                     timings=timings, notes=verified.notes,
                     status=AnswerStatus.PARTIAL if partial else AnswerStatus.ANSWERED, gap=gap, lead=lead,
                     lacks=lacks, **base)

    def _readers_agree(self, t: Turn, verified) -> bool:
        """The LLM's verified sentences and the extractive reader's choice for this turn share a sentence (one
        contains the other: the LLM may quote part of it)."""
        if not isinstance(self.fallback, ExtractiveAnswerer):
            return False
        chosen = [clean_text(s.text) for s in self.fallback.select(t.standalone, t.context, list(t.scored),
                                                                    single=t.relevance.status is AnswerStatus.PARTIAL)]
        said = [clean_text(s.text).rstrip(".") for s in verified.sentences if s.verified]
        return any(a and (a in c or c.rstrip(".") in a) for a in said for c in chosen)

    def _verify(self, t: Turn, raw: str, timings: dict[str, float], *, repair: bool = False):
        started = time.perf_counter()
        verified = self.verifier.verify(raw, t.context, repair=repair)
        timings["verify"] = time.perf_counter() - started
        return verified

    def _not_in_report(self, t: Turn, timings: dict[str, float], base: dict, backend: str, notes: list[str],
                       gap: str) -> Iterator[str | Answer]:
        text = abstention_text(t.standalone, t.context.hits)
        yield text
        timings["total"] = time.perf_counter() - t.t0
        yield Answer(text=text, status=AnswerStatus.NOT_IN_REPORT, backend=backend, timings=timings, notes=notes,
                     gap=gap or "what was asked", **base)

    def _generate(self, answerer, t: Turn, *, single: bool = False) -> Iterator[str]:
        if isinstance(answerer, ExtractiveAnswerer):
            # the gate already scored the context's sentences: reuse them. A partial answer is one neighbouring fact.
            return answerer.generate(t.standalone, t.context, scored=list(t.scored), single=single)
        return answerer.generate(t.standalone, t.context)


def make_scorer(embedder, paragraph_texts: Sequence[str], scorer_class=SentenceScorer) -> SentenceScorer:
    """The sentence scorer a chain shares with its extractive answerer, its gate and its verifier: distinctive
    question terms weigh more by their IDF over the indexed paragraphs."""
    scorer = scorer_class(embedder)
    if paragraph_texts:
        scorer.use_vocabulary(paragraph_texts)
    return scorer


def _stage(name: str, fn):
    """A Runnable that runs one stage on a Turn and returns the Turn with the stage's fields and its seconds."""
    def run(t: Turn) -> Turn:
        started = time.perf_counter()
        changes = fn(t)
        return t.timed(name, time.perf_counter() - started, **changes)

    return RunnableLambda(run, name=name)


def _short(err: Exception) -> str:
    msg = str(err).splitlines()[0] if str(err) else ""
    return f"{type(err).__name__}: {msg[:160]}" if msg else type(err).__name__
