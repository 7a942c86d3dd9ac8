"""HTML for the chat, the evidence panel and the header.

Every piece of report or user text goes through `esc` (html.escape) before it is put into markup: a paragraph or a
question containing `<script>` or HTML must show as text. Chat messages are emitted as one raw-HTML block without
blank lines, so the chat's Markdown renderer leaves them alone (no `*`, `_` or `#` surprises in report text).
"""
from __future__ import annotations

import html
import re
from typing import Iterable, Mapping, Sequence

from app import markers
from app.localize import gap_sentence
from app.answer.base import is_extractive, reader_label, reader_parts
from app.types import Answer, AnswerStatus, Citation, Hit
from app.ui.i18n import ANSWER_TITLES, ANSWER_WORDS, answer_title, answer_words

# "[¶7]", "[¶7, ¶8]", "[¶ 7; 8]", "[doc ¶5bis]": the inline citation markers (grammar in app.markers).
MARKER = markers.MARKER_RE
Key = tuple[str, str]  # (doc_id, label), as Hit.key
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")

ABSTAIN_TITLE = ANSWER_TITLES["en"]["abstain"]
PARTIAL_TITLE = ANSWER_TITLES["en"]["partial"]
N_SEE = 3  # closest paragraphs offered after an abstention


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def para_dom_id(doc_id: str, paragraph: int | str) -> str:
    """The element id of a paragraph card in the evidence panel; chips link to it. `paragraph` is its label."""
    return f"para-{_UNSAFE_ID.sub('-', doc_id or 'doc')}-{_UNSAFE_ID.sub('-', str(paragraph))}"


def _key(doc_id: str, label: int | str) -> Key:
    # Sentence.cites built by older code (or tests) carry the number as an int: the same paragraph as its label.
    return (doc_id, str(label))


def _block(inner: str, cls: str) -> str:
    # One line: a blank line would end the raw-HTML block and hand the rest to Markdown.
    return f'<div class="{cls}">{inner.replace(chr(10), "<br>")}</div>'


class _DocResolver:
    """Which document a bare "¶N" marker of an answer refers to: its citations first, then its hits."""

    def __init__(self, answer: Answer | None, names: Mapping[str, str] | None = None):
        self._names = dict(names or {})  # doc_id -> the report's short name, when several reports are loaded
        self._by_para: dict[str, str] = {}  # label -> doc_id
        self._quotes: dict[Key, Citation] = {}
        self._unverified: set[Key] = set()
        if answer is None:
            return
        for h in answer.hits:
            self._by_para.setdefault(h.label, h.doc_id)
        for c in reversed(answer.citations):
            self._by_para[c.label] = c.doc_id
            self._quotes[c.key] = c
        for c in answer.citations:
            if not c.verified:
                self._unverified.add(c.key)
        self._default = answer.hits[0].doc_id if answer.hits else (answer.citations[0].doc_id if answer.citations else "")

    def doc(self, label: str) -> str | None:
        return self._by_para.get(label) or getattr(self, "_default", None) or None

    def chip(self, paragraph: int | str, doc_id: str | None = None, *, unverified: bool = False) -> str:
        """A chip for the paragraph labelled `paragraph` (7, "7", "5bis") of doc_id (None: the answer's)."""
        label = str(paragraph)
        doc_id = doc_id or self.doc(label)
        if not doc_id:  # still streaming: nothing to link to yet
            return f'<span class="cite-chip pending">¶{esc(label)}</span>'
        cit = self._quotes.get((doc_id, label))
        title = f"¶{label}"
        if cit is not None:
            title = f"¶{label} · {cit.section}: “{cit.quote}”"
        cls = "cite-chip"
        if unverified or (doc_id, label) in self._unverified:
            cls += " unverified"
        shown = f"{self._names[doc_id]} ¶{label}" if doc_id in self._names else f"¶{label}"
        if doc_id in self._names:
            title = f"{self._names[doc_id]} {title}"
        return f'<a href="#{para_dom_id(doc_id, label)}" class="{cls}" title="{esc(title)}">{esc(shown)}</a>'


def text_with_chips(text: str, answer: Answer | None = None, names: Mapping[str, str] | None = None) -> str:
    """Escaped text whose markers ([¶N], [¶5bis], [doc_id ¶N]) became chips that link to the paragraph's card in
    the evidence panel. `names` ({doc_id: symbol}, given when several reports are loaded): chips name the report."""
    resolver = _DocResolver(answer, names)
    out: list[str] = []
    pos = 0
    for start, end, refs in markers.find_markers(text or ""):
        if not refs:  # a bracket with a ¶ but no paragraph in it: leave it as text
            continue
        out.append(esc(text[pos:start]))
        out.append(" ".join(resolver.chip(r.label, r.doc_id) for r in refs))
        pos = end
    out.append(esc((text or "")[pos:]))
    return "".join(out)


def question_html(question: str) -> str:
    return _block(esc(question) if (question or "").strip() else "<em>(empty question)</em>", "pc-question")


def pending_html() -> str:
    return _block('<span class="pc-pending">Searching the report…</span>', "pc-answer")


def streaming_html(text: str) -> str:
    return _block(text_with_chips(text) + '<span class="pc-cursor">▍</span>', "pc-answer")


def error_html(message: str) -> str:
    return _block(f'<span class="pc-error">⚠ {esc(message)}</span>', "pc-answer pc-error-box")


def _sentences_html(answer: Answer, resolver: _DocResolver) -> str:
    parts = []
    for s in answer.sentences:
        chips = " ".join(resolver.chip(str(n), d, unverified=not s.verified) for d, n in s.cites)
        body = esc(s.text) + (" " + chips if chips else "")
        if s.verified:
            parts.append(body)
        else:
            why = s.reason or "not supported by the cited paragraphs"
            parts.append(f'<span class="pc-unverified" title="{esc("Unverified: " + why)}">⚠ {body}'
                         f' <small class="pc-why">(unverified: {esc(why)})</small></span>')
    return " ".join(parts)


CLARIFY_TITLE = "Which report?"


def answer_html(answer: Answer, names: Mapping[str, str] | None = None) -> str:
    """The final chat message for an answer: chips, unverified sentences marked, abstention made unmistakable.
    `names` ({doc_id: symbol}, when several reports are loaded): each chip names its report. A follow-up's answer opens
    with the question as the conversation made it (Answer.read_as), so a reader sees what was searched; it is shown
    once the answer is final, not while it streams."""
    resolver = _DocResolver(answer, names)
    if answer.status is AnswerStatus.CLARIFY:
        options = " ".join(resolver.chip(h.label, h.doc_id) for h in answer.hits)
        inner = (f'<div class="pc-clarify-title">? {CLARIFY_TITLE}</div><div>{esc(answer.text)}</div>'
                 f'<div class="pc-see">{options}</div>')
        return _block(inner, "pc-answer pc-clarify")
    # inside the answer's block, so a partial or declined answer's border frames it too
    head = _read_as_html(answer)
    if answer.abstained:
        see = " ".join(resolver.chip(h.label, h.doc_id) for h in answer.hits[:N_SEE])
        inner = (f'<div class="pc-abstain-title">⊘ {esc(answer_title(answer.language, _decline(answer)))}</div>'
                 f'<div class="pc-abstain-text">{text_with_chips(answer.text, answer, names)}</div>')
        if see:
            inner += f'<div class="pc-see">{esc(answer_title(answer.language, "see"))} {see}</div>'
        return _block(head + inner + _notes_html(answer), "pc-answer pc-abstain")
    if any(not s.verified for s in answer.sentences):
        body = (esc(answer.lead) + " " if answer.lead else "") + _sentences_html(answer, resolver)
        n_bad = sum(not s.verified for s in answer.sentences)
        note = (f'⚠ {n_bad} sentence{"s" if n_bad != 1 else ""} could not be verified against the cited paragraphs: '
                'check them in the evidence panel.') if _english(answer) else \
            answer_words(answer.language, "unverified", n=n_bad)
        body += f'<div class="pc-unverified-note">{esc(note)}</div>'
    else:
        body = text_with_chips(answer.text, answer, names)
    if answer.status is AnswerStatus.PARTIAL:
        title = f'<div class="pc-partial-title">◐ {esc(answer_title(answer.language, "partial"))}</div>'
        return _block(head + title + body + _reader_html(answer) + _notes_html(answer), "pc-answer pc-partial")
    return _block(head + body + _reader_html(answer) + _notes_html(answer), "pc-answer")


def _read_as_html(answer: Answer) -> str:
    if not answer.read_as:
        return ""
    words = answer_words(answer.language, "read_as", question=answer.read_as)
    return f'<div class="pc-read-as" dir="auto">{esc(words)}</div>'


def _decline(answer: Answer) -> str:
    """The title key of a decline: not in the report, or not searched (no loaded model reads the language)."""
    return "not_searched" if answer.status is AnswerStatus.NOT_SEARCHED else "abstain"


def _english(answer: Answer) -> bool:
    """English words for an English answer, and for a language the interface has no words for."""
    return answer.language == "en" or answer.language not in ANSWER_WORDS


def _reader_html(answer: Answer) -> str:
    if _english(answer):
        return f'<div class="pc-reader">Answered by the {esc(reader_label(answer.backend))}</div>'
    router, llm = reader_parts(answer.backend)
    lang = answer.language
    named = answer_words(lang, "routed", llm=llm, router=router) if router else llm
    words = answer_words(lang, "extractive") if is_extractive(llm) else answer_words(lang, "llm", llm=named)
    return f'<div class="pc-reader">{esc(words)}</div>'


def _notes_html(answer: Answer) -> str:
    notes = "".join(f"<div>{esc(n)}</div>" for n in answer.notes)
    return f'<div class="pc-notes">{notes}</div>' if notes else ""


def highlight(text: str, quotes: Iterable[str]) -> str:
    """Escaped `text` with every occurrence of the quoted sentences wrapped in <mark>."""
    spans: list[tuple[int, int]] = []
    for q in quotes:
        q = (q or "").strip()
        if not q:
            continue
        i = text.find(q)
        if i >= 0:
            spans.append((i, i + len(q)))
            continue
        # The quote should be verbatim; tolerate whitespace differences rather than lose the highlight.
        pattern = r"\s+".join(re.escape(w) for w in q.split())
        m = re.search(pattern, text, flags=re.IGNORECASE)
        if m:
            spans.append(m.span())
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out.append(esc(text[pos:start]))
        out.append(f"<mark>{esc(text[start:end])}</mark>")
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def _card(hit: Hit | None, key: Key, *, kind: str, quotes: Sequence[str] = (),
          warnings: Sequence[str] = (), title: str = "", section: str = "", show_doc: bool = True) -> str:
    doc_id, n = key
    section = hit.section if hit is not None else section
    title = (hit.title if hit is not None and hit.title else title) or doc_id
    if hit is not None:
        body = highlight(hit.text, quotes)
    else:  # the paragraph's full text is unknown: show what the citation quotes
        body = " … ".join(f"<mark>{esc(q)}</mark>" for q in quotes) or "<em>(text unavailable)</em>"
    cls = f"pc-para {kind}" + (" unverified" if warnings else "")
    warn = "".join(f'<div class="pc-para-warn">⚠ Unverified: {esc(w)}</div>' for w in warnings)
    n = esc(n)
    head = f'<span class="pc-num">¶{n}</span> <span class="pc-section">{esc(section)}</span>'
    if show_doc:
        head += f'<span class="pc-doc" title="{esc(title)}">{esc(title)}</span>'

    if kind == "related":  # secondary: folded to a header and a snippet, opened by a click (or by its chip)
        snippet = esc(_snippet(hit.text if hit is not None else ""))
        return (f'<details id="{para_dom_id(doc_id, n)}" class="{cls}" data-paragraph="{n}">'
                f'<summary><header>{head}</header><span class="pc-snippet">{snippet}</span></summary>'
                f'<p class="pc-text">{body}</p></details>')
    return (f'<article id="{para_dom_id(doc_id, n)}" class="{cls}" data-paragraph="{n}">'
            f'<header>{head}</header><p class="pc-text">{body}</p>{warn}</article>')


def _snippet(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def evidence_placeholder() -> str:
    return ('<div class="pc-evidence pc-empty"><h3>Evidence</h3><p>Ask a question: each paragraph the answer cites '
            'appears here with its number, section and full text, the quoted sentence highlighted.</p></div>')


def evidence_pending() -> str:
    return '<div class="pc-evidence pc-empty"><h3>Evidence</h3><p>Searching the report…</p></div>'


def evidence_html(answer: Answer, extra: Mapping[Key, Hit] | None = None,
                  titles: Mapping[str, str] | None = None) -> str:
    """The panel beside the chat for one answer: cited paragraphs first, then the other retrieved ones.

    `extra` supplies full texts of cited paragraphs that are not among `answer.hits`."""
    titles = titles or {}
    lang = answer.language  # the panel speaks the language of the question, as the answer's titles do
    hits = {h.key: h for h in answer.hits}
    for key, hit in (extra or {}).items():
        hits.setdefault(_key(*key), hit)
    quotes: dict[Key, list[str]] = {}
    sections: dict[Key, str] = {}
    order: list[Key] = []
    for c in answer.citations:
        key = c.key
        if key not in quotes:
            order.append(key)
            quotes[key] = []
        quotes[key].append(c.quote)
        sections.setdefault(key, c.section)
    for s in answer.sentences:  # a sentence can cite a paragraph that has no quote
        for key in (_key(*k) for k in s.cites):
            if key not in quotes:
                order.append(key)
                quotes[key] = []
    warnings: dict[Key, list[str]] = {}
    for s in answer.sentences:
        if not s.verified:
            for key in (_key(*k) for k in s.cites):
                warnings.setdefault(key, []).append(f"“{s.text}”" + (f" ({s.reason})" if s.reason else ""))
    for c in answer.citations:
        key = c.key
        if not c.verified and key not in warnings:
            warnings[key] = [f"the quote “{c.quote}” was not found verbatim in this paragraph"]

    # With one report loaded its title on every card is noise; with several, it says which report a ¶ is from.
    show_doc = len(titles) > 1 or len({h.doc_id for h in hits.values()} | {k[0] for k in order}) > 1
    parts = ['<div class="pc-evidence">']
    if answer.abstained:
        decline = _decline(answer)
        parts.append(f'<div class="pc-abstain-box"><strong>⊘ {esc(answer_title(lang, decline))}.</strong> '
                     f'{esc(answer_words(lang, decline + "_box"))}</div>')
        if answer.status is AnswerStatus.NOT_SEARCHED:
            parts.append("</div>")
            return "".join(parts)
        parts.append(f'<h3>{esc(answer_words(lang, "see"))}</h3>')
        parts += [_card(h, h.key, kind="see", title=titles.get(h.doc_id, ""), show_doc=show_doc) for h in answer.hits]
        if not answer.hits:
            parts.append(f'<p>{esc(answer_words(lang, "none_close"))}</p>')
        parts.append("</div>")
        return "".join(parts)

    if answer.status is AnswerStatus.PARTIAL:
        parts.append(f'<div class="pc-partial-box"><strong>◐ {esc(answer_title(lang, "partial"))}.</strong> '
                     f'{esc(gap_sentence(answer.lead))} '
                     f'{esc(answer_words(lang, "partial_box"))}</div>')
    parts.append(f'<h3>{esc(answer_words(lang, "cited", n=len(order)))}</h3>')
    if not order:
        parts.append(f'<p>{esc(answer_words(lang, "no_cites"))}</p>')
    for key in order:
        parts.append(_card(hits.get(key), key, kind="cited", quotes=quotes[key], warnings=warnings.get(key, ()),
                           title=titles.get(key[0], ""), section=sections.get(key, ""), show_doc=show_doc))
    others = [h for h in answer.hits if h.key not in quotes]
    if others:
        parts.append(f'<h3>{esc(answer_words(lang, "related", n=len(others)))}</h3>')
        parts += [_card(h, h.key, kind="related", title=titles.get(h.doc_id, ""), show_doc=show_doc)
                  for h in others]
    parts.append("</div>")
    return "".join(parts)


def header_html(info: Mapping) -> str:
    """What is loaded: documents, paragraph count, embedding model, index date."""
    docs = info.get("documents") or []
    doc_items = "".join(
        f'<li><span class="pc-doc-title">{esc(d.get("title") or d.get("doc_id"))}</span> '
        f'<span class="pc-doc-n">({int(d.get("n_paragraphs", 0))} paragraphs)</span></li>' for d in docs)
    created = str(info.get("created") or "unknown")
    facts = [
        f'{len(docs)} document{"s" if len(docs) != 1 else ""}',
        f'{int(info.get("n_paragraphs", 0))} paragraphs',
        f'embedding model {esc(info.get("embedding_model", "?"))}',
        f'index built {esc(created[:19].replace("T", " "))}',
    ]
    return ('<div class="pc-header"><h1>ParaCite</h1>'
            '<p class="pc-tagline">Answers from the loaded reports, every sentence cited to a numbered paragraph.</p>'
            f'<ul class="pc-docs">{doc_items}</ul>'
            f'<p class="pc-facts">{" · ".join(facts)}</p></div>')
