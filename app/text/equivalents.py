"""Words a reader uses for what UN documents say in their own set terms: world knowledge of UN usage, the same for
every report, never a report's own wording.

Why: the embedder does not know that these mean the same (all-MiniLM-L6-v2 puts "countries" and "States" at cosine
0.32-0.39, "ratified" and "parties" lower), and the lexical features match stems only, so "How many countries have
ratified the Convention?" was answered by a sentence that counts "116 countries" in a database rather than by "189
States had become parties to the Convention".
- UN documents call a country a State ("Member States", "States parties"); readers say country.
- The law of treaties names the acts by which a State binds itself to a treaty (Vienna Convention on the Law of
  Treaties, art. 2(1)(b): ratification, acceptance, approval, accession) and what it then is: a party. Readers say
  that a country ratified, joined or signed up to a treaty.
- Readers call a convention or a protocol a treaty.

Each entry is one direction, from the reader's words to the document's: a question's "ratified" is present in a
sentence that says "parties", but a question's "parties" is not present in one that says "joined". A name is no
reader's word: the scorer and the gate compare a question's names as written ("the Arms Trade Treaty").
"""
from __future__ import annotations

from app.text.lexical import stem

# reader's words -> the words a UN document uses for the same thing, and the words a question must hold for the
# entry to apply (none: always). Each list holds every form worth stemming, since the stemmer is crude ("ratified" ->
# "ratifi", "ratification" -> "ratific"). Left out on purpose: "nations" (every "United Nations" would find "States"),
# the singular "state" on the document's side ("the State of Implementation"), and "adherence" ("adherence to
# standards").
_TREATY = ("convention", "conventions", "protocol", "protocols", "treaty", "treaties")
_PARTIES = ("party", "parties", "ratify", "ratified", "ratification", "accede", "acceded", "accession")
_READER_TO_DOCUMENT: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (("country", "countries"), ("states",), ()),
    (("ratify", "ratified", "ratification", "adhere", "adhered"), _PARTIES, ()),
    # joining or signing is becoming a party only when a treaty is asked about: UNODC "joined" INTERPOL in an
    # operation. (A signatory is not yet a party in treaty law, but readers say "signed up" for joined; a report that
    # gives signatories names them as such, which the question's "signed" still finds as itself.)
    (("join", "joined", "sign", "signed"), _PARTIES, _TREATY),
    (("treaty", "treaties"), ("convention", "conventions", "protocol", "protocols"), ()),
)
_GROUPS: tuple[tuple[frozenset[str], frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(map(stem, reader)), frozenset(map(stem, document)), frozenset(map(stem, when)))
    for reader, document, when in _READER_TO_DOCUMENT)


def document_words(word: str, asked: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The words a document uses for a reader's word, other than the word itself ("ratified" -> "party", "parties",
    "accede", ...), when the question's stems `asked` allow it; () for a word that is not a reader's word."""
    w = word.casefold()
    for (reader, document, _), (_, _, when) in zip(_READER_TO_DOCUMENT, _GROUPS):
        if w in reader and (not when or asked & when):
            return tuple(d for d in document if d != w)
    return ()


def with_equivalents(terms: set[str] | frozenset[str], asked: set[str] | frozenset[str]) -> set[str]:
    """A text's stems, plus the reader's stems for what it says in a document's terms, for a question whose stems are
    `asked`: {"state", "party"} also holds "country", "ratify", ... so that a question worded by a reader finds it."""
    out = set(terms)
    for reader, document, when in _GROUPS:
        if reader & asked and (not when or when & asked) and document & out:
            out |= reader
    return out
