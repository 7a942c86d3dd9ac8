"""`paracite`: the command line. Imports are deferred to the subcommand so that `paracite --help` is instant."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any, Sequence

from app.answer.base import names as answer_backends, reader_label
from app.commands import plugin_commands
from app.runtime import offline_if_packaged
from app.errors import ParaCiteError
from app.settings import Settings
from ingest.choices import IndexKind

EXAMPLES = """\
examples:
  paracite ingest                                  build or update index/ from the reports in corpus/
  paracite ask "How many States were parties to the Organized Crime Convention?"
  paracite ask "And to the Firearms Protocol?" --history-json turns.json
  paracite search "cybercrime training" --section II.F --k 3
  paracite search "paragraph 68" --json
  paracite ask "What does paragraph 7 say?" --doc unodc-ccpcj-2018-activities
  paracite search "cybercrime" --year 2018       only the reports of 2018
  paracite search "anti-mafia treaty" --companion none   rank with the main model alone (no e5 companion)
  paracite serve                                   chat UI on http://127.0.0.1:7860
  paracite eval                                    answer-quality report in eval/results/
  paracite settings                                every PARACITE_* setting with its value
  paracite migrate --to milvus                     copy the index's vectors into Milvus (PARACITE_MILVUS_URI)

Every option can also be set with an environment variable PARACITE_<NAME> (see `paracite settings`);
flags win over the environment, which wins over the defaults.
"""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="paracite",
        description="Answer questions about UN reports with paragraph-exact, verified citations ([¶7]).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-v info, -vv debug)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", dest="corpus_dir", metavar="DIR", help="folder of reports (default corpus/)")
    common.add_argument("--index", dest="index_dir", metavar="DIR", help="index folder (default index/)")
    common.add_argument("--model", dest="embedding_model", metavar="ID_OR_PATH",
                        help="sentence-transformers model (default: packaged all-MiniLM-L6-v2, offline)")
    common.add_argument("--companion", dest="companion_model", metavar="ID_OR_PATH|none",
                        help="second model that ranks beside the main one (default: multilingual-e5-small, "
                             "offline); none turns it off")
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                        help="more logging (-v info, -vv debug)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ing = sub.add_parser("ingest", parents=[common], help="parse, chunk and embed the corpus into the index",
                         description="Build or update the index. Unchanged reports are reused; changed or new ones "
                                     "are re-parsed alone. The previous index stays usable until the new one is "
                                     "complete.")
    ing.add_argument("--force", action="store_true", help="rebuild everything, even unchanged reports")
    ing.add_argument("--index-kind", choices=IndexKind.values(), help="FAISS index type (default auto)")
    ing.add_argument("--no-section-headers", dest="section_headers", action="store_const", const=False,
                     help="embed paragraph text without its section path")

    def question_cmd(name: str, help_text: str, description: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, parents=[common], help=help_text, description=description)
        sp.add_argument("question", help="the question, in quotes")
        sp.add_argument("--k", type=_k_arg, dest="top_k", metavar="N", help="paragraphs to retrieve (default 5)")
        sp.add_argument("--section", metavar="S",
                        help="restrict to a chapter/section: III, II.C, III.B.2 or words of a heading")
        sp.add_argument("--doc", dest="doc_id", metavar="DOC_ID",
                        help="only this report: its doc_id (file name without extension) or symbol; see paracite info")
        sp.add_argument("--year", metavar="YYYY", help="only the reports dated in this year")
        sp.add_argument("--session", metavar="S", help="only the reports of this session (e.g. twenty-seventh)")
        sp.add_argument("--json", action="store_true", help="print machine-readable JSON")
        return sp

    question_cmd("search", "show the paragraphs that best match a question",
                 "Rank the report's paragraphs for a question (hybrid dense + BM25). A question naming a "
                 "paragraph ('paragraph 68', '¶68') shows that paragraph first.")
    ask = question_cmd("ask", "answer a question with paragraph citations",
                       "Answer from the report only. Every sentence cites its paragraph ([¶N]); when the report "
                       "does not answer, ParaCite says so and lists the closest paragraphs.")
    ask.add_argument("--backend", dest="answer_backend", choices=answer_backends(),
                     help="answerer (default extractive: offline, no LLM)")
    ask.add_argument("--history-json", metavar="FILE",
                     help="earlier turns for a follow-up: JSON list of [question, answer] pairs")

    serve = sub.add_parser("serve", parents=[common], help="start the chat UI (ingests first if needed)",
                           description="Start the Gradio chat UI. Binds to 127.0.0.1 unless --host says otherwise; "
                                       "set PARACITE_AUTH=user:password to require a login.")
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 7860)")
    serve.add_argument("--backend", dest="answer_backend", choices=answer_backends(),
                       help="default answerer in the UI")

    for name, command in plugin_commands().items():  # `paracite eval` (eval/command.py), via entry points
        cmd = sub.add_parser(name, parents=[common], help=command.HELP, description=command.DESCRIPTION)
        command.add_arguments(cmd)
        cmd.set_defaults(plugin=command)

    mig = sub.add_parser("migrate", parents=[common], help="copy the index's vectors into another vector store",
                         description="Bring a vector store up to date with the index (report by report: unchanged "
                                     "reports are kept, changed ones rewritten, removed ones deleted). Then set "
                                     "PARACITE_VECTOR_STORE to it. Milvus: PARACITE_MILVUS_URI names a local file "
                                     "(Milvus Lite) or a server (http://host:19530).")
    mig.add_argument("--to", dest="to_store", required=True, metavar="STORE",
                     help="the vector store to fill (milvus)")
    sub.add_parser("info", parents=[common], help="show what is loaded (documents, paragraphs, model, index date)")
    sub.add_parser("sections", parents=[common], help="list the chapters and sections usable with --section")
    st = sub.add_parser("settings", parents=[common], help="list every setting, its environment variable and value")
    st.add_argument("--markdown", action="store_true", help="print the README's configuration table instead")
    return p


def _k_arg(raw: str) -> int:
    """--k through the same check as the Python and HTTP APIs, so the three refuse a bad k with one message."""
    from app.questions import check_k

    value: Any = raw
    for parse in (int, float):
        try:
            value = parse(raw)
            break
        except ValueError:
            continue
    try:
        return check_k(value)  # type: ignore[return-value]  # never None: value is not None
    except ParaCiteError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        settings = _settings(args)
        _configure_logging(args.verbose, settings.log_level)
        offline_if_packaged(settings.embedding_model)
        return _run(args, settings)
    except ParaCiteError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `paracite ... | head` closed the pipe: not an error
        sys.stderr.close()
        return 0


def _configure_logging(verbose: int, log_level: str) -> None:
    """-v / -vv, else the log_level setting (PARACITE_LOG_LEVEL)."""
    level = {0: None, 1: logging.INFO}.get(verbose, logging.DEBUG)
    if level is None:
        level = getattr(logging, log_level.upper(), logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if level > logging.DEBUG:  # libraries that log their internals at DEBUG/INFO regardless of the root level
        for name in ("httpx", "sentence_transformers"):
            logging.getLogger(name).setLevel(max(level, logging.WARNING))


def _settings(args: argparse.Namespace) -> Settings:
    names = ("corpus_dir", "index_dir", "embedding_model", "companion_model", "top_k", "answer_backend", "host", "port",
             "index_kind", "section_headers")
    return Settings.from_env(**{n: getattr(args, n) for n in names if getattr(args, n, None) is not None})


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "settings":
        if args.markdown:
            print(Settings.markdown_table(), end="")
            return 0
        for field_name, (env, default, doc) in zip(_field_names(), Settings.documentation()):
            print(f"{env} = {getattr(settings, field_name)!s}\n    {doc} (default: {default or 'unset'})")
        return 0
    if args.command == "ingest":
        return _ingest(settings, force=args.force)
    if args.command == "migrate":
        return _migrate(settings, args.to_store)
    if getattr(args, "plugin", None) is not None:
        return args.plugin.run(settings, args)

    from app.assistant import Assistant
    from app.runtime import serve_one_query_at_a_time

    assistant = Assistant.load(settings, progress=True)
    serve_one_query_at_a_time()
    if args.command == "info":
        print(json.dumps(assistant.info(), indent=2, ensure_ascii=False))
    elif args.command == "sections":
        from app.reports import short_names

        names = short_names(assistant.stored.documents)  # several reports: each section names its report
        for s in assistant.sections():
            where = f"  [{names[s.doc_id]}]" if s.doc_id in names else ""
            print(f"{s.label:<14} {s.n_paragraphs:>4} ¶  {' > '.join(s.path)}{where}")
    elif args.command == "search":
        hits = assistant.search(args.question, k=args.top_k, section=args.section, doc_id=args.doc_id,
                                year=args.year, session=args.session)
        _print_hits(hits, as_json=args.json, documents=assistant.stored.documents)
    elif args.command == "ask":
        history = _read_history(args.history_json)
        _print_answer(assistant, args, history)
    elif args.command == "serve":
        import threading

        from app.ui.launch import serve

        from app.other_languages import misses_a_language

        if misses_a_language(assistant.embedder):  # English is served at once; the other languages' reader gets ready
            threading.Thread(target=assistant.other_language_reader, name="other-languages", daemon=True).start()

        serve(assistant, host=settings.host, port=settings.port, auth=settings.auth,
              concurrency=settings.concurrency)
    return 0


def _field_names() -> list[str]:
    from dataclasses import fields

    return [f.name for f in fields(Settings)]


def _ingest(settings: Settings, *, force: bool) -> int:
    from ingest.build import build_index
    from ingest.embed import make_embedder

    embedder = make_embedder(settings.embedding_model, backend=settings.embedding_backend,
                             query_prefix=settings.query_prefix, passage_prefix=settings.passage_prefix)
    report = build_index(settings.corpus_dir, settings.index_dir, embedder, progress=True, force=force,
                         **settings.build_options())
    for problem in report.problems:
        print(f"skipped {problem}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    docs = f"{len(report.documents)} document{'s' if len(report.documents) != 1 else ''}"
    if not report.changed:
        print(f"the index in {report.index_dir} is up to date ({docs}, {report.n_chunks} chunks)")
    else:
        print(f"indexed {docs} ({report.n_chunks} chunks) into {report.index_dir} in "
              f"{report.seconds:.1f} s; re-parsed: {', '.join(report.parsed) or 'none'}; "
              f"reused: {', '.join(report.reused) or 'none'}")
    _ingest_companion(settings, embedder, force=force)
    for doc in report.documents:  # numbering slips are indexed as printed, but the reader must know of them
        if doc.anomalies:
            n = len(doc.anomalies)
            print(f"{doc.doc_id}: {n} numbering anomal{'ies' if n != 1 else 'y'} (all text kept; see paracite info)")
            for a in doc.anomalies:
                print(f"  {a}")
    return 1 if report.problems else 0


def _ingest_companion(settings: Settings, embedder, *, force: bool) -> None:
    """The companion model's index beside the main one (ingest/companion.py), so the first question does not build
    it. A failure here leaves the main index as built; the assistant will rank with the main model alone."""
    from app.assistant import make_companion_embedder
    from ingest.companion import build_companion

    try:
        other = make_companion_embedder(settings, embedder.model_id)
        if other is None:
            return
        print(f"companion index ({other.model_id}):", file=sys.stderr)
        build_companion(settings.corpus_dir, settings.index_dir, other, progress=True, force=force,
                        **settings.build_options())
    except (ParaCiteError, OSError) as err:
        print(f"warning: the companion index ({settings.companion}) was not built: {err}; questions will be "
              "ranked with the main model alone", file=sys.stderr)
        return
    from app.multilingual import prepare
    from app.other_languages import misses_a_language
    from ingest.companion import companion_dir
    from ingest.store import load_index

    if not misses_a_language(embedder):
        return
    # the companion answers the questions the main model does not read (app/other_languages.py): a multilingual
    # one's vectors of the report's sentences and words are computed now rather than on the first such question
    where = companion_dir(settings.index_dir, other.model_id)
    try:
        prepare(load_index(where, model_id=other.model_id, dim=other.dim), other, where, progress=True,
                translate_words=False)
    except (ParaCiteError, OSError) as err:
        print(f"warning: the companion's sentence vectors were not computed ({err}); the first question in another "
              "language will compute them", file=sys.stderr)


def _migrate(settings: Settings, to_store: str) -> int:
    from dataclasses import replace

    from app.assistant import open_store
    from app.retrieval.stores.base import get_store
    from ingest.store import load_index

    get_store(to_store)  # an unknown store: the error lists the registered ones
    target = replace(settings, vector_store=to_store).validated()
    stored = load_index(settings.index_dir)
    store = open_store(target, stored)  # opening a store brings it up to date with the index
    try:
        print(f"{store!r} is up to date with the index in {settings.index_dir} ({len(stored.documents)} reports, "
              f"{len(stored.chunks)} chunks); use it with PARACITE_VECTOR_STORE={to_store}")
    finally:
        store.close()
    return 0


def _read_history(path: str | None) -> list[tuple[str, str]]:
    if not path:
        return []
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return [(str(q), str(a or "")) for q, a in data]
    except (OSError, ValueError, TypeError) as err:
        raise ParaCiteError(f"--history-json {path}: {err}; give a JSON list of [question, answer] pairs") from None


def _print_hits(hits: list[Any], *, as_json: bool, documents: Sequence[Any] = ()) -> None:
    from app.reports import annotate, short_names

    if as_json:
        print(json.dumps([annotate(h.to_json(), documents) for h in hits], indent=2, ensure_ascii=False))
        return
    names = short_names(documents)
    for rank, h in enumerate(hits, 1):
        ref = f"{names[h.doc_id]} ¶{h.label}" if h.doc_id in names else f"¶{h.label}"
        print(f"{rank}. [{ref}] {h.doc_id} — {h.section}  (score {h.score:.3f}, {h.match})")
        print(f"   {h.text}\n")


# The three grades, as a reader of the terminal should take them.
STATUS_LINES = {
    "answered": "answered (every sentence cites the paragraph it comes from)",
    "partial": "PARTIAL: the report answers a neighbouring question; the first sentence names what it does not give",
    "not_in_report": "NOT IN THE REPORT: the paragraphs listed are the closest ones, not sources",
    "not_searched": "NOT SEARCHED: no loaded model reads the question's language; the answer names the setting that "
                    "helps",
    "clarify": "WHICH REPORT? several loaded reports have that paragraph: name one, or use --doc",
}


def _print_answer(assistant: Any, args: argparse.Namespace, history: list[tuple[str, str]]) -> None:
    from app.reports import annotate, short_names

    kwargs = dict(history=history, section=args.section, backend=args.answer_backend, k=args.top_k,
                  doc_id=args.doc_id, year=args.year, session=args.session)
    documents = assistant.stored.documents
    if args.json:
        record = annotate(assistant.ask(args.question, **kwargs).to_json(), documents)
        print(json.dumps(record, indent=2, ensure_ascii=False))
        return
    answer, streamed = None, []
    for piece in assistant.stream(args.question, **kwargs):
        if isinstance(piece, str):
            streamed.append(piece)
            print(piece, end="", flush=True)
        else:
            answer = piece
    print()
    if answer is None:
        return
    if " ".join(answer.text.split()) not in " ".join("".join(streamed).split()):
        # an LLM's tokens were shown as they came; verification repaired or dropped some: this is the answer
        print(f"\nverified answer: {answer.text}")
    if answer.read_as:  # a follow-up: what was searched
        print(f"read as: {answer.read_as}")
    print(f"status: {STATUS_LINES[answer.status]}")
    if not answer.abstained:  # a decline quotes no reader's sentences (as in the UI)
        print(f"reader: {reader_label(answer.backend)}")
    for note in answer.notes:
        print(f"note: {note}")
    names = short_names(documents)
    titles = {d.doc_id: d.title for d in documents}
    if answer.citations:
        print("\nSources:")
        for c in answer.citations:
            mark = "" if c.verified else "  (unverified)"
            if c.doc_id in names:  # several reports loaded: the source names its report
                print(f"  [{names[c.doc_id]} ¶{c.label}] {titles.get(c.doc_id, c.doc_id)} — {c.section}{mark}"
                      f"\n      “{c.quote}”")
            else:
                print(f"  [¶{c.label}] {c.doc_id} — {c.section}{mark}\n      “{c.quote}”")
    elif answer.status == "clarify":
        print("\nReports with that paragraph:")
        for h in answer.hits:
            print(f"  --doc {h.doc_id}   [{names.get(h.doc_id, h.doc_id)} ¶{h.label}] {h.title}")


if __name__ == "__main__":
    sys.exit(main())
