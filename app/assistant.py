"""The Python API: one object that loads (or builds) the index and answers questions with verified citations.

The Assistant is where Settings are read; everything below it receives explicit arguments.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Iterator, Sequence

from app.language import detect, in_conversation
from app.questions import check_backend, check_k, check_section, clean_question, clean_text
from app.settings import Settings
from app.types import Answer, Hit
from ingest.errors import IndexMissingError

log = logging.getLogger(__name__)

History = Sequence[tuple[str, str]]


class Answerers:
    """The answerers other than the extractive one, by backend name, made once and shared by an assistant and its
    other-languages reader: an LLM backend holds a loaded model (a local GGUF is gigabytes), and it reads no
    embedder, so one serves both indexes."""

    def __init__(self) -> None:
        self._made: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, name: str, make: Any) -> Any:
        with self._lock:
            if name not in self._made:
                self._made[name] = make()
            return self._made[name]


class Assistant:
    def __init__(self, settings: Settings, stored: Any, embedder: Any, searcher: Any,
                 answerers: Answerers | None = None):
        self.settings = settings
        self.stored = stored
        self.embedder = embedder
        self.searcher = searcher
        self._chains: dict[str, Any] = {}
        self._extractive: Any = None
        self._scorer: Any = None  # shared by the extractive answerer and every chain (built with the first chain)
        self._lock = threading.Lock()
        self._other: Any = None  # the companion's reader, for languages the main model does not read (built once)
        self._other_built = False
        self._other_lock = threading.Lock()
        self._answerers = answerers if answerers is not None else Answerers()

    # -- loading -------------------------------------------------------------------------------------------------
    @classmethod
    def load(cls, settings: Settings | None = None, *, embedder: Any = None, companion_embedder: Any = None,
             progress: bool = False, **overrides: Any) -> "Assistant":
        """Load the index (building it first when there is none, or when the corpus changed and
        on_corpus_change=rebuild), and the companion model's index beside it (built when missing or stale).
        `embedder` / `companion_embedder` replace the ones the settings name (a loaded model shared between
        assistants). `overrides` are Settings fields (index_dir=..., answer_backend=...).
        Thread counts are left alone: a serving process calls app.runtime.serve_one_query_at_a_time() after this."""
        from app.retrieval.searcher import Searcher
        from ingest.build import build_index, corpus_changed
        from ingest.embed import make_embedder
        from ingest.store import load_index

        if settings is None:
            settings = Settings.from_env(**overrides)
        elif overrides:
            settings = Settings.from_env(env={}, **{**_as_dict(settings), **overrides})
        if embedder is None:
            embedder = make_embedder(settings.embedding_model, backend=settings.embedding_backend,
                                     query_prefix=settings.query_prefix, passage_prefix=settings.passage_prefix)
        index_dir, corpus_dir = Path(settings.index_dir), Path(settings.corpus_dir)

        def build() -> None:
            report = build_index(corpus_dir, index_dir, embedder, progress=progress, **settings.build_options())
            for problem in report.problems:
                log.warning("skipped %s", problem)
            for warning in report.warnings:
                log.warning("%s", warning)

        try:
            stored = load_index(index_dir, model_id=embedder.model_id, dim=embedder.dim)
        except IndexMissingError:
            log.warning("no index in %s yet: building it from %s", index_dir, corpus_dir)
            build()
            stored = load_index(index_dir, model_id=embedder.model_id, dim=embedder.dim)
        else:
            if corpus_dir.is_dir() and corpus_changed(corpus_dir, index_dir,
                                                     allow_external_links=settings.allow_external_links):
                if settings.on_corpus_change == "rebuild":
                    log.warning("the corpus in %s changed since the index was built: rebuilding", corpus_dir)
                    build()
                    stored = load_index(index_dir, model_id=embedder.model_id, dim=embedder.dim)
                else:
                    log.warning("the corpus in %s changed since the index was built; answering from the old "
                                "index (run `paracite ingest` to update it)", corpus_dir)
        from app.multilingual import prepare

        embedder, extra = prepare(stored, embedder, index_dir, progress=progress,
                                translate_words=settings.translate_words)  # unchanged unless multilingual
        companion = companion_view(settings, stored, embedder, companion_embedder, progress=progress)
        searcher = Searcher(stored, embedder, mode=settings.retrieval_mode, fusion=settings.fusion,
                            store=open_store(settings, stored), companion=companion, **extra)
        from app.text.countries import warm

        warm()  # the country names the gate checks (~80 ms), loaded here rather than on the first question
        return cls(settings, stored, embedder, searcher)

    # -- questions -----------------------------------------------------------------------------------------------
    # Report filters, in every question method: doc_id (a report's doc_id or symbol), year, session. Without
    # them, a question that names a report ("in the 2018 report", its symbol) is answered from that report only.
    def search(self, question: str, k: int | None = None, section: str | None = None, doc_id: str | None = None,
               *, year: int | str | None = None, session: str | None = None) -> list[Hit]:
        q = clean_question(question, max_chars=self.settings.max_question_chars)
        k, section = check_k(k), check_section(section)
        scope = self.scope(q, doc_id=doc_id, year=year, session=session)  # a bad filter is refused first
        reader = self._reader_for(q, detect(q).code)
        if isinstance(reader, Answer):  # search has no text to say it in: the hits are the main model's, as before
            log.warning("%s", reader.notes[0])
        elif reader is not self:
            return reader.search(q, k=k, section=section, doc_id=doc_id, year=year, session=session)
        return self.searcher.search(q, k=k or self.settings.top_k, section=section, doc_ids=scope)

    def ask(self, question: str, history: History | None = None, section: str | None = None,
            doc_id: str | None = None, *, backend: str | None = None, k: int | None = None,
            year: int | str | None = None, session: str | None = None) -> Answer:
        final = None
        for piece in self.stream(question, history, section, doc_id, backend=backend, k=k, year=year,
                                 session=session):
            final = piece
        assert isinstance(final, Answer)
        return final

    def stream(self, question: str, history: History | None = None, section: str | None = None,
               doc_id: str | None = None, *, backend: str | None = None, k: int | None = None,
               year: int | str | None = None, session: str | None = None) -> Iterator[str | Answer]:
        """Text pieces as they are produced, then the complete Answer."""
        from app.localize import localize_stream

        q = clean_question(question, max_chars=self.settings.max_question_chars)
        k, section = check_k(k), check_section(section)
        scope = self.scope(q, doc_id=doc_id, year=year, session=session)  # a bad filter is refused first
        history = _clean_history(history)
        lang = in_conversation(q, history).code  # "Et en 2016 ?" after a French question is French
        reader = self._reader_for(q, lang)
        if isinstance(reader, Answer):
            return iter((reader.text, reader))
        if reader is not self:
            from app.other_languages import noted, read_by_note

            note = read_by_note(lang, reader.embedder.model_id, self.embedder.model_id)
            return noted(reader.stream(q, history, section, doc_id, backend=backend, k=k, year=year,
                                       session=session), note)
        clarify = self._which_report(q, scope)
        if clarify is not None:
            return iter((clarify.text, clarify))
        return localize_stream(self.chain(backend).stream(q, history=history, section=section, k=k, doc_ids=scope), q,
                               lang)

    def _reader_for(self, question: str, code: str) -> "Assistant | Answer":
        """Who reads this question, in language `code`: this assistant; the companion's reader when the main model's
        card says it does not read the language and the companion's says it does (app/other_languages.py); else the
        decline that says which setting helps."""
        from app.other_languages import reads_language, unread_answer, unreads_language

        if not unreads_language(self.embedder, code):
            return self
        other = self.other_language_reader()
        if other is not None and reads_language(other.embedder, code):
            return other
        from app.settings import COMPANION_MODEL

        fix = f"PARACITE_COMPANION_MODEL={COMPANION_MODEL}"
        if other is None and self.settings.companion is not None:  # set, but it could not be loaded or built
            fix = (f"the companion model {self.settings.companion} is set but could not be used (see the log); "
                   f"run `paracite ingest`, or set {fix}")
        return unread_answer(question, code, self.embedder.model_id, fix)

    def other_language_reader(self, *, progress: bool = False) -> "Assistant | None":
        """The assistant over the companion's index that reads questions the main model cannot (built on first use,
        ~1 min the very first time for multilingual-e5-small; `paracite serve` starts it in the background). None
        without a companion."""
        with self._other_lock:
            if not self._other_built:
                from app.other_languages import companion_reader

                from ingest.errors import ParaCiteError

                companion = getattr(self.searcher, "companion", None)
                if companion is not None:
                    log.info("preparing %s for questions in other languages", companion.model_id)
                    try:
                        self._other = companion_reader(self.settings, companion, self.settings.index_dir,
                                                       progress=progress, answerers=self._answerers)
                    except (ParaCiteError, OSError, ValueError) as err:  # tried once: later questions are declined
                        log.warning("the companion model %s cannot answer questions in other languages: %s",
                                    companion.model_id, err)
                self._other_built = True
            return self._other

    def scope(self, question: str = "", *, doc_id: str | None = None, year: int | str | None = None,
              session: str | None = None) -> frozenset[str] | None:
        """The doc_ids a question is answered from: the explicit filter, else the reports the question names, else
        None (every report). An unknown doc_id, or a year or session no report has, raises OptionError."""
        from app.retrieval.scope import check_doc_id, check_year, named_in_question, resolve_filter

        documents = self.stored.documents
        explicit = resolve_filter(documents, doc_id=check_doc_id(doc_id), year=check_year(year),
                                  session=check_section(session))
        return explicit if explicit is not None else named_in_question(question, documents)

    def _which_report(self, question: str, scope: frozenset[str] | None) -> Answer | None:
        """A clarifying Answer when the question names a paragraph that several reports in scope have."""
        from app.reports import clarify_text
        from app.retrieval.scope import ambiguous_lookup

        found = ambiguous_lookup(question, self.stored.documents, scope, self.searcher.has_paragraph)
        if found is None:
            return None
        hits = [self.searcher.paragraph(found.label, d) for d in found.doc_ids]
        docs = {d.doc_id: d for d in self.stored.documents}
        text = clarify_text(found.label, [docs[d] for d in found.doc_ids])
        return Answer(question=question, text=text, status="clarify", hits=[h for h in hits if h is not None],
                      standalone_question=question, backend="none",
                      gap=f"which report's paragraph {found.label}")

    # -- backends ------------------------------------------------------------------------------------------------
    def backends(self) -> list[str]:
        """The registered answerer backends that are configured here (extractive always first), and the configured
        default even when its settings are missing (choosing it then says what to set)."""
        from app.answer.base import registered

        names = [name for name, b in registered().items() if b.configured(self.settings)]
        if self.settings.answer_backend not in names:
            names.append(self.settings.answer_backend)
        return names

    def chain(self, backend: str | None = None) -> Any:
        name = check_backend(backend) or self.settings.answer_backend
        with self._lock:
            if name not in self._chains:
                self._chains[name] = self._make_chain(name)
            return self._chains[name]

    def _make_chain(self, name: str) -> Any:
        from app.answer.base import get_backend
        from app.chain import AnswerChain

        s = self.settings
        backend = get_backend(name)  # BackendError naming the registered ones
        # one extractive answerer for every chain: its sentence-embedding cache then serves the LLM chains' fallback too
        if self._extractive is None:
            from app.chain import make_scorer
            from app.multilingual import scorer_class

            # one scorer, built here and passed to the extractive answerer and every chain: one sentence-embedding
            # cache, one vocabulary; a multilingual embedder brings its cross-lingual scorer (app/multilingual.py)
            self._scorer = make_scorer(self.embedder, [p.text for p in self.stored.paragraphs],
                                       scorer_class(self.embedder))
            extractive = get_backend("extractive")
            self._extractive = extractive.make(**{**extractive.options(s, self.embedder), "scorer": self._scorer})
        if backend.name == "extractive":
            answerer, fallback = self._extractive, None
        else:
            answerer = self._answerers.get(name, lambda: backend.make(**backend.options(s, self.embedder)))
            fallback = self._extractive if backend.falls_back else None
        from app.abstain import RelevanceGate
        from app.citations import CitationVerifier

        return AnswerChain(self.searcher, answerer, scorer=self._scorer,
                           gate=RelevanceGate(self._scorer, threshold=s.abstain_threshold),
                           verifier=CitationVerifier(self._scorer), fallback=fallback, k=s.top_k,
                           max_context_tokens=s.max_context_tokens, llm_context_tokens=s.llm_context_tokens)

    # -- what is loaded ------------------------------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        m = self.stored.manifest
        companion = getattr(self.searcher, "companion", None)
        return {
            "documents": [{"doc_id": d.doc_id, "title": d.title, "n_paragraphs": d.n_paragraphs,
                           "anomalies": [str(a) for a in d.anomalies], **d.metadata()}
                          for d in self.stored.documents],
            "n_paragraphs": len(self.stored.paragraphs),
            "n_chunks": len(self.stored.chunks),
            "embedding_model": m.get("embedding_model", self.embedder.model_id),
            "created": m.get("created", ""),
            "index_kind": m.get("index_kind", ""),
            "vector_store": getattr(getattr(self.searcher, "store", None), "name", "faiss"),
            "companion_model": getattr(companion, "model_id", None),
            # what each model's card says it reads (null: the card does not say; ingest/model_card.py)
            "embedding_languages": _listed(getattr(self.embedder, "languages", None)),
            "companion_languages": _listed(getattr(getattr(companion, "embedder", None), "languages", None)),
        }

    def sections(self) -> list[Any]:
        return self.searcher.sections()

    def paragraph(self, doc_id: str, label_or_number: int | str) -> Hit | None:
        """The paragraph printed as `label_or_number` (7, "7", "5bis") in report `doc_id`, or None when it has
        none. A direct lookup: no search, so it cannot return another report's paragraph of that number."""
        return self.searcher.paragraph(label_or_number, doc_id)


def make_companion_embedder(settings: Settings, main_model_id: str, given: Any = None) -> Any:
    """The companion model's embedder (`given`, or the one the settings name); None when the setting is off or names
    the main model."""
    if settings.companion is None:
        return None
    if given is None:
        from ingest.embed import make_embedder

        given = make_embedder(settings.companion)
    return None if given.model_id == main_model_id else given


def companion_view(settings: Settings, stored: Any, embedder: Any, companion_embedder: Any = None, *,
                   progress: bool = False) -> Any:
    """The companion model's view of the index (ingest/companion.py), built when missing or stale; None when the
    setting is off or names the main model. The companion only improves a ranking the main model already gives, so
    when it cannot be loaded or built (a model that does not load, an index folder without its corpus, a read-only
    folder) the assistant says so in the log and ranks with the main model alone."""
    from app.retrieval.companion import CompanionView
    from ingest.companion import load_companion
    from ingest.errors import ParaCiteError

    try:
        other = make_companion_embedder(settings, embedder.model_id, companion_embedder)
        if other is None:
            return None
        stored_other = load_companion(settings.corpus_dir, stored, settings.index_dir, other, progress=progress,
                                      **settings.build_options())
    except (ParaCiteError, OSError) as err:
        log.warning("ranking with the main model only: the companion model %s cannot be used: %s",
                    settings.companion, err)
        return None
    return CompanionView(stored_other, other) if stored_other is not None else None


def open_store(settings: Settings, stored: Any) -> Any:
    """The configured vector store over a loaded index (Milvus is brought up to date with it first)."""
    from app.retrieval.stores.base import get_store

    store = get_store(settings.vector_store)
    return store.make(stored, **store.options(settings))


def _clean_history(history: History | None) -> list[tuple[str, str]]:
    """Keep well-formed (question, answer) pairs; the UI may hand over partial turns."""
    out: list[tuple[str, str]] = []
    for turn in history or ():
        if isinstance(turn, (list, tuple)) and len(turn) == 2 and isinstance(turn[0], str) and turn[0].strip():
            out.append((clean_text(turn[0]), clean_text(turn[1]) if isinstance(turn[1], str) else ""))
    return out


def _listed(languages: Any) -> list[str] | None:
    return sorted(languages) if languages is not None else None


def _as_dict(settings: Settings) -> dict[str, Any]:
    from dataclasses import fields

    return {f.name: getattr(settings, f.name) for f in fields(settings)}
