"""Parsing paragraph markers out of answer text and verifying every sentence against the paragraphs it cites.

Runs identically on every backend's output. Accepted markers: `[¶7]`, `[¶7, ¶8]`, `[¶7][¶8]`, `[¶¶7-8]`,
`[doc_id ¶7]`, `[doc_id ¶7, ¶8]` (a doc_id carries to the numbers after it inside one bracket).

A sentence is verified when it cites at least one paragraph of the context and is supported by the cited text: it
occurs verbatim there, or every number in it occurs there ('2,700' == '2700') and enough of its content words do (or
its embedding is close to a sentence there). Failures stay in the answer, visibly marked, never silently dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from app.text.lexical import all_numbers, clean_text, content_terms, numbers, split_sentences
from app.text.scoring import SentenceScorer
from app import markers
from app.context import PackedContext, format_marker, paragraph_label
from app.types import Citation, Hit, Sentence

SENTINEL = "NOT_IN_REPORT"
UNVERIFIED_MARK = "(unverified)"
MIN_OVERLAP = 0.6  # share of an answer sentence's content words that must occur in the cited paragraphs
MIN_SIMILARITY = 0.7  # or: cosine to the closest sentence of a cited paragraph (all-MiniLM-L6-v2)
# repair (LLM answers): an unverified sentence is replaced by the context sentence it paraphrases when their cosine is
# at least this; otherwise it stays, marked. Above MIN_SIMILARITY: a replacement must be a paraphrase, not a topic match.
REPAIR_SIMILARITY = 0.75
# ...and a verified fragment this short ("146 [¶7]", "30 July 2017. [¶23]") becomes the cited sentence it was taken from:
# a bare figure cannot be checked by a reader, its sentence says what the figure counts
FRAGMENT_WORDS = 6

_MARKER = markers.MARKER_RE
_MARKERS_RUN = markers.MARKERS_RUN


@dataclass
class VerifiedAnswer:
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sentinel: bool = False  # the backend said the context does not answer
    pieces: list[str] = field(default_factory=list)  # each sentence as shown in `text`, with its marker

    @property
    def supported(self) -> bool:
        return any(s.verified for s in self.sentences)

    def only_verified(self) -> "VerifiedAnswer":
        """This answer without its unverified sentences (and the citations only they made), noted."""
        keep = [i for i, s in enumerate(self.sentences) if s.verified]
        if len(keep) == len(self.sentences):
            return self
        kept_keys = {k for i in keep for k in self.sentences[i].cites}
        notes = [n for n in self.notes if "could not be verified" not in n]
        notes.append(f"{len(self.sentences) - len(keep)} sentence(s) that could not be verified against the cited "
                     f"paragraphs were left out")
        return VerifiedAnswer(" ".join(self.pieces[i] for i in keep), [self.sentences[i] for i in keep],
                              [c for c in self.citations if c.verified and (c.doc_id, c.label) in kept_keys],
                              notes, self.sentinel, [self.pieces[i] for i in keep])


def _rejoin_numbers(text: str, context: PackedContext) -> str:
    """"54, 488" -> "54,488" where the context writes 54,488: a small model's tokenizer splits thousands."""
    have = " ".join(h.text for h in context.hits)
    return re.sub(r"\b(\d{1,3}), (\d{3})\b",
                  lambda m: f"{m.group(1)},{m.group(2)}" if f"{m.group(1)},{m.group(2)}" in have else m.group(0), text)


def parse_marker(inner: str) -> list[tuple[str | None, int | str]]:
    """'¶7, ¶8' -> [(None, 7), (None, 8)]; 'doc ¶7-9' -> [('doc', 7), ('doc', 8), ('doc', 9)]; '¶5bis' ->
    [(None, '5bis')]: a plain number stays an int, a suffixed label is a str (see app.markers)."""
    return [(r.doc_id, int(r.label) if r.plain else r.label) for r in markers.parse_refs(inner)]


def split_cited(text: str) -> list[tuple[str, list[tuple[str | None, int | str]]]]:
    """Answer text -> [(sentence without markers, the markers that follow it)]. A unit ends at a run of markers; a
    unit holding several sentences leaves the earlier ones uncited (they are flagged, not credited)."""
    # "fact [¶7]." -> "fact. [¶7]" so the full stop stays with its sentence
    text = re.sub(rf"({_MARKERS_RUN})\s*([.!?;])", r"\2\1", text)
    units: list[tuple[str, list[tuple[str | None, int | str]]]] = []
    pos = 0
    for m in re.finditer(_MARKERS_RUN, text):
        body = text[pos:m.start()]
        cites = [c for inner in _MARKER.findall(m.group(0)) for c in parse_marker(inner)]
        units.append((body, cites))
        pos = m.end()
    units.append((text[pos:], []))
    out = []
    for body, cites in units:
        body = clean_text(body)
        if not re.search(r"[A-Za-z0-9]", body):
            if cites and out:  # a marker run after a marker run: belongs to the previous sentence
                out[-1] = (out[-1][0], out[-1][1] + cites)
            continue
        parts = split_sentences(body) or [body]
        for p in parts[:-1]:
            out.append((p, []))
        out.append((parts[-1], cites))
    return out


class CitationVerifier:
    def __init__(self, scorer: SentenceScorer | None = None):
        self.scorer = scorer or SentenceScorer(None)

    def verify(self, raw: str, context: PackedContext, *, repair: bool = False) -> VerifiedAnswer:
        """Every sentence checked against the paragraphs it cites. repair: an unverified sentence that paraphrases
        a sentence of the context (wrong number, wrong or missing marker) becomes that verbatim sentence, cited."""
        notes: list[str] = []
        if repair:
            raw = _rejoin_numbers(raw, context)
        sentinel = SENTINEL in raw
        raw = raw.replace(SENTINEL, " ")
        sentences: list[Sentence] = []
        citations: list[Citation] = []
        pieces: list[str] = []
        for body, cites in split_cited(raw):
            resolved: list[Hit] = []
            for doc, n in cites:
                hit = context.resolve(n, doc)
                if hit is None:
                    label = markers.format_ref(n, doc)
                    notes.append(f"removed citation [{label}]: not one of the paragraphs given to the answerer")
                elif hit not in resolved:
                    resolved.append(hit)
            verified, reason, quotes = self._check(body, resolved)
            if verified and repair and quotes and len(body.split()) < FRAGMENT_WORDS:
                hit, original = quotes[0]
                if clean_text(body).rstrip(".") in clean_text(original):
                    notes.append(f"expanded the fragment “{body}” to the sentence of "
                                 f"{paragraph_label(hit, context.multi_document)} "
                                 f"it comes from")
                    body, resolved, quotes = original, [hit], [(hit, original)]
            if not verified and repair:
                found = self._paraphrased(body, context)
                if found is not None:
                    hit, original = found
                    notes.append(f"replaced an unverified sentence ({reason}) by the sentence of "
                                 f"{paragraph_label(hit, context.multi_document)} "
                                 f"it paraphrases")
                    body, resolved, verified, reason = original, [hit], True, ""
                    quotes = [(hit, original)]
            sentences.append(Sentence(body, tuple(h.key for h in resolved), verified, reason))
            for hit, quote in quotes:
                c = Citation(hit.paragraph, hit.doc_id, hit.section, quote, verified, label=hit.label)
                if c not in citations:
                    citations.append(c)
            piece = body
            if resolved:
                piece += " " + format_marker(resolved, context.multi_document)
            if not verified:
                piece += " " + UNVERIFIED_MARK
            pieces.append(piece)
        if any(not s.verified for s in sentences):
            notes.append(f"{sum(not s.verified for s in sentences)} sentence(s) could not be verified against the "
                         f"cited paragraphs and are marked {UNVERIFIED_MARK}")
        return VerifiedAnswer(" ".join(pieces), sentences, citations, notes, sentinel, pieces)

    def _check(self, sentence: str, cited: Sequence[Hit]) -> tuple[bool, str, list[tuple[Hit, str]]]:
        if not cited:
            return False, "no citation", []
        quotes = [(h, self._quote(sentence, h)) for h in cited]
        flat = clean_text(sentence)
        if any(flat and flat in clean_text(h.text) for h in cited):
            return True, "", quotes
        cited_numbers = set().union(*(all_numbers(h.text) for h in cited))
        missing = sorted(numbers(sentence) - cited_numbers)
        if missing:
            where = ", ".join(markers.format_ref(h.label) for h in cited)
            return False, f"number {', '.join(missing)} not in {where}", quotes
        terms = content_terms(sentence)
        cited_terms = set().union(*(content_terms(h.text) for h in cited))
        overlap = len(terms & cited_terms) / len(terms) if terms else 1.0
        if overlap >= MIN_OVERLAP:
            return True, "", quotes
        if self._similarity(sentence, cited) >= MIN_SIMILARITY:
            return True, "", quotes
        return False, f"not supported by the cited paragraph (word overlap {overlap:.0%})", quotes

    def _paraphrased(self, sentence: str, context: PackedContext) -> tuple[Hit, str] | None:
        """The context sentence that `sentence` quotes in part (its words and numbers all there: a half-quoted
        sentence, or a quote given the wrong label) or paraphrases (cosine >= REPAIR_SIMILARITY), with its
        paragraph; None when there is none."""
        if not context.paragraphs:
            return None
        terms, nums = content_terms(sentence), numbers(sentence)
        v = (np.asarray(self.scorer.embedder.encode([sentence], kind="passage")[0], dtype=np.float32)
             if self.scorer.embedder is not None else None)
        best: tuple[float, Hit, str] | None = None
        for hit, (sents, mat) in zip(context.hits, self.scorer.sentences(context.hits)):
            for i, s in enumerate(sents):
                quoted = bool(terms) and nums <= all_numbers(s) and len(terms & content_terms(s)) >= 0.9 * len(terms)
                sim = float(mat[i] @ v) if (v is not None and mat is not None and len(mat)) else 0.0
                score = 2.0 + sim if quoted else sim  # a partial quote beats any paraphrase
                if best is None or score > best[0]:
                    best = (score, hit, s)
        if best is None or best[0] < REPAIR_SIMILARITY:
            return None
        return best[1], best[2]

    def _quote(self, sentence: str, hit: Hit) -> str:
        """The verbatim sentence of the cited paragraph closest to the answer sentence."""
        flat = clean_text(sentence)
        sents, mat = self.scorer.sentences([hit])[0]
        for s in sents:
            if flat and (flat in clean_text(s) or clean_text(s) in flat):
                return s
        terms = content_terms(sentence)
        lex = np.array([len(terms & content_terms(s)) / (len(terms) or 1) for s in sents])
        if mat is not None and self.scorer.embedder is not None:
            v = np.asarray(self.scorer.embedder.encode([sentence], kind="passage")[0], dtype=np.float32)
            lex = lex + mat @ v
        return sents[int(np.argmax(lex))]

    def _similarity(self, sentence: str, cited: Sequence[Hit]) -> float:
        if self.scorer.embedder is None:
            return 0.0
        v = np.asarray(self.scorer.embedder.encode([sentence], kind="passage")[0], dtype=np.float32)
        best = 0.0
        for sents, mat in self.scorer.sentences(list(cited)):
            if mat is not None and len(mat):
                best = max(best, float(np.max(mat @ v)))
        return best
