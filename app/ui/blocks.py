"""`create_app(assistant)`: the Gradio Blocks (chat, evidence panel, controls, export), built but not launched."""
from __future__ import annotations

from functools import partial

import atexit
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Sequence

from app.ui import callbacks, i18n, render
from app.ui.assets import CLIENT_JS
from ingest.errors import ParaCiteError

log = logging.getLogger(__name__)

KEEP_NOTES = 200  # briefing notes kept on disk per server (one is written per answer)

DEFAULT_EXAMPLES = i18n.EXAMPLES[i18n.DEFAULT]


def _gradio():
    # Gradio phones home for analytics and version checks by default: a machine with no internet waits on them, and a
    # policy officer's questions are nobody else's business
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    try:
        import gradio as gr
    except ImportError as err:  # optional at import time so the CLI and library work without the UI
        raise ParaCiteError("the web UI needs gradio: pip install 'gradio>=5'") from err
    return gr


def create_app(assistant, *, concurrency: int | None = None, examples: Sequence[str] | None = None,
               title: str = "ParaCite", temp_dir: str | Path | None = None, keep_notes: int | None = None):
    """The app over `assistant`. `concurrency`: questions answered at once (default: the assistant's settings).

    Every file the app writes (briefing notes, and what Gradio would copy into its own cache) goes under `temp_dir`
    (default: a fresh folder, removed at exit; `app.paracite_temp_dir`), and only the newest `keep_notes` notes stay."""
    gr = _gradio()
    if temp_dir is None:
        temp_dir = tempfile.mkdtemp(prefix="paracite-ui-")
        atexit.register(shutil.rmtree, temp_dir, True)
    temp_dir = Path(temp_dir).resolve()
    note_dir = temp_dir / "notes"
    keep_notes = KEEP_NOTES if keep_notes is None else keep_notes
    settings = getattr(assistant, "settings", None)
    if concurrency is None:
        concurrency = getattr(settings, "concurrency", 8)
    top_k = int(getattr(settings, "top_k", 5))
    backends = list(assistant.backends())
    # the configured answerer is the UI's default (PARACITE_ANSWER_BACKEND=auto serves auto), the others one click away
    default_backend = getattr(settings, "answer_backend", None)
    default_backend = default_backend if default_backend in backends else (backends[0] if backends else None)
    # the example questions follow the interface language unless the caller chose its own
    localized_examples = examples is None
    examples = list(DEFAULT_EXAMPLES if examples is None else examples)
    t = partial(i18n.text, i18n.DEFAULT)
    # Chat turns and API calls share one pool of `concurrency` workers (Gradio's default is 1 at a time).
    limit = dict(concurrency_limit=max(1, int(concurrency)), concurrency_id="answer")

    with gr.Blocks(title=title, analytics_enabled=False, fill_width=True) as app:
        session = gr.State(callbacks.ChatSession())
        gr.HTML(callbacks.header(assistant), elem_id="pc-header", js_on_load=CLIENT_JS)
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=420):
                chatbot = gr.Chatbot(
                    value=[], elem_id="pc-chat", label=t("conversation"), height=520, latex_delimiters=[],
                    feedback_options=None, buttons=["copy"], sanitize_html=True, autoscroll=True,
                    placeholder=t("chat_placeholder"),
                )
                with gr.Row():
                    question = gr.Textbox(placeholder=t("question_placeholder"), show_label=False,
                                          scale=6, elem_id="pc-question", max_lines=4, autofocus=True)
                    ask = gr.Button(t("ask"), variant="primary", scale=1, min_width=80, elem_id="pc-ask")
                example_set = None
                if examples:
                    # a Dataset rather than gr.Examples: its samples can change with the interface language, and a
                    # click hands over the sample shown
                    example_set = gr.Dataset(components=[question], samples=[[e] for e in examples],
                                             label=t("examples"), type="values", elem_id="pc-examples")
                reports = callbacks.report_choices(assistant)
                report = gr.Dropdown(reports, value=callbacks.ALL_REPORTS, label="Report", elem_id="pc-report",
                                     visible=len(reports) > 2)  # "All reports" and two or more reports
                with gr.Row():
                    section = gr.Dropdown(callbacks.section_choices(assistant), value=callbacks.ALL_SECTIONS,
                                          label=t("section"), elem_id="pc-section", scale=3)
                    backend = gr.Radio(backends, value=default_backend, label=t("answerer"),
                                       visible=len(backends) > 1, elem_id="pc-backend", scale=2)
                    k = gr.Slider(1, callbacks.MAX_K, value=top_k, step=1, label=t("k"),
                                  elem_id="pc-k", scale=2)
                with gr.Row():
                    clear = gr.Button(t("clear"), elem_id="pc-clear", size="sm")
                    download = gr.DownloadButton(t("download"), value=None, elem_id="pc-download",
                                                 size="sm")
                    copy = gr.Button(t("copy"), elem_id="pc-copy", size="sm")
                    ui_lang = gr.Dropdown([(i18n.UI_NAMES[c], c) for c in i18n.UI_LANGUAGES], value=i18n.DEFAULT,
                                          label=t("language"), elem_id="pc-lang", scale=0, min_width=160)
                with gr.Accordion(t("note_box"), open=False) as note_box:
                    note = gr.Textbox(label=t("note"), lines=12, interactive=False, buttons=["copy"],
                                      elem_id="pc-note")
            with gr.Column(scale=2, min_width=360):
                evidence = gr.HTML(render.evidence_placeholder(), elem_id="pc-evidence", js_on_load=None)

        outputs = [chatbot, evidence, session, question, note, download]

        def respond(q, sess, sec, be, kk, rep):
            for turn in callbacks.respond(assistant, q, sess, sec, be, kk, rep, note_dir=note_dir,
                                          keep_notes=keep_notes):
                yield tuple(turn)

        def clear_chat(sess):
            return tuple(callbacks.clear(sess))

        inputs = [question, session, section, backend, k, report]
        ask.click(respond, inputs, outputs, api_visibility="private", **limit)
        question.submit(respond, inputs, outputs, api_visibility="private", **limit)
        clear.click(clear_chat, [session], outputs, api_visibility="private", queue=False)
        chatbot.clear(clear_chat, [session], outputs, api_visibility="private", queue=False)  # its trash icon
        copy.click(None, [note], None, api_visibility="private",
                   js="(text) => { if (text) { navigator.clipboard.writeText(text); } return []; }")

        def _api(question: str, section: str, k, backend: str, report: str) -> dict:
            try:
                return callbacks.api_ask(assistant, question, section, k, backend, report)
            except ParaCiteError as err:
                raise gr.Error(str(err)) from None
            except Exception as err:  # Gradio would send {"error": null}: the caller must learn something
                log.exception("the ask API failed")
                raise gr.Error(f"Something went wrong while answering ({type(err).__name__}); try again or check "
                               "the server log.") from None

        def ask_api(question: str, section: str = "", k: int | None = None, backend: str = "") -> dict:
            """Answer one question (no conversation): answer text with [¶N] markers, citations, hits, note.
            k: paragraphs to retrieve (1 or more; omitted = the server's default)."""
            return _api(question, section, k, backend, "")

        def ask_report_api(question: str, report: str = "", section: str = "", k: int | None = None,
                           backend: str = "") -> dict:
            """As `ask`, from one report: report is its doc_id or symbol (blank = every report). Each citation
            names its report ("report", "title") when several are loaded."""
            return _api(question, section, k, backend, report)

        gr.api(ask_api, api_name="ask", **limit)  # its inputs are fixed: Gradio clients send all four
        gr.api(ask_report_api, api_name="ask_report", **limit)

        # interface language: the browser's on load, then the selector's
        localized = [chatbot, question, ask, section, backend, k, clear, download, copy, ui_lang, note_box, note]
        if example_set is not None:
            localized.append(example_set)
            example_set.click(lambda sample: sample[0] if sample else "", example_set, question,
                              api_visibility="private", queue=False)

        def relabel(lang: str) -> list:
            lang = lang if lang in i18n.UI_LANGUAGES else i18n.DEFAULT
            tr = partial(i18n.text, lang)
            updates = [gr.update(label=tr("conversation"), placeholder=tr("chat_placeholder")),
                       gr.update(placeholder=tr("question_placeholder")), gr.update(value=tr("ask")),
                       gr.update(label=tr("section")), gr.update(label=tr("answerer")), gr.update(label=tr("k")),
                       gr.update(value=tr("clear")), gr.update(label=tr("download")), gr.update(value=tr("copy")),
                       gr.update(value=lang, label=tr("language")), gr.update(label=tr("note_box")),
                       gr.update(label=tr("note"))]
            if example_set is not None:
                samples = i18n.EXAMPLES[lang] if localized_examples else examples
                updates.append(gr.update(samples=[[e] for e in samples], label=tr("examples")))
            return updates

        def browser_language(request: gr.Request) -> list:
            headers = getattr(request, "headers", None) or {}
            return relabel(i18n.pick(headers.get("accept-language")))

        browser_language.__annotations__["request"] = gr.Request  # this module's annotations are strings

        ui_lang.input(relabel, ui_lang, localized, api_visibility="private", queue=False)
        app.load(browser_language, None, localized, api_visibility="private", queue=False)

    # Gradio copies each file an event returns into its cache (/tmp/gradio or GRADIO_TEMP_DIR) and never removes it
    # while the server runs; a file already inside a block's cache folder is served in place, so pointing the caches
    # at temp_dir leaves one bounded copy of each note instead of two, one of them unbounded.
    for block in [app, *app.blocks.values()]:
        block.GRADIO_CACHE = str(temp_dir)
    app.paracite_temp_dir = temp_dir
    app.queue(default_concurrency_limit=max(1, int(concurrency)))
    return app
