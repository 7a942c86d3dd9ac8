"""Small lexical helpers shared by sentence scoring, citation verification, abstention and follow-up condensing."""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Iterable

from app.text.words import (
    AUXILIARIES, BEFORE_NOUNS, COMPARATIVES, FUNCTION_WORDS, IRREGULAR_PAST, LIGHT_VERBS, MASS_NOUNS,
    MODIFIER_PREPOSITIONS, PREPOSITIONS, PRONOUNS, REQUEST_WORDS, WH_WORDS, any_of, spelled_plural,
)

STOPWORDS = FUNCTION_WORDS | REQUEST_WORDS

# Words too common in these reports to mark a question's topic: they would make every paragraph look relevant.
DOMAIN_COMMON = frozenset("unodc office united nations un states state member report period reporting".split())
# Words that frame a question rather than name its topic ("What does the acronym X stand for?", "Roughly how many"):
# their absence from a paragraph says nothing about whether it answers.
QUESTION_FRAME = frozenset("""acronym abbreviation stand stands mean meaning roughly approximately about exactly
kind type sort main key specific particular happen happened full called short spelled spelt official""".split())

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
# "2,700", "1.66", "186,990", "7/4", "2016–2020"; a thousands comma needs exactly three digits after it
# "7th" is an ordinal (see `ordinals`), not the figure 7: "the 7th session" is not answered by "resolution 7/1"
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\w.,])\d+(?:\.\d+)?(?!\d|(?:st|nd|rd|th)\b)",
                     re.I)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def clean_text(text: str) -> str:
    """NFC, control and invisible formatting characters turned into spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = _ANSI.sub("", text)  # terminal colour codes pasted with a question
    text = _CONTROL.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def stem(word: str) -> str:
    """A deliberately crude stemmer (suffix strip, then a 7-letter prefix): enough to match 'parties'/'party',
    'organized'/'organization', 'trained'/'training' without a dependency."""
    w = word.lower().replace("’", "'").strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("es") and re.search(r"(ss|x|ch|sh)es$", w):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w[:7]


DOMAIN_COMMON_STEMS = frozenset(stem(w) for w in DOMAIN_COMMON)
FRAME_STEMS = frozenset(stem(w) for w in QUESTION_FRAME)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def content_terms(text: str) -> set[str]:
    """Stemmed content words (stopwords dropped)."""
    return {stem(w) for w in words(text) if w.lower() not in STOPWORDS and len(w) > 1}


def topic_terms(question: str) -> set[str]:
    """The question's content-word stems that mark its topic: those too common in these reports to do so ("United
    Nations", "States", "report") are dropped, compared as stems like everything else; all of them when nothing is
    left."""
    terms = content_terms(question)
    return {t for t in terms if t not in DOMAIN_COMMON_STEMS} or terms


def topic_words(question: str) -> list[str]:
    """The question's topic words as written (lower-cased, in order, once each): what is compared by meaning, word
    against word, since the embedder embeds words, not stems."""
    out = []
    for w in words(question):
        lw = w.lower()
        if lw in STOPWORDS or lw in DOMAIN_COMMON or stem(w) in FRAME_STEMS or len(w) < 3:
            continue
        if lw not in out:
            out.append(lw)
    return out


_CONNECTORS = frozenset("of the and for on against in to de du la le des".split())
_NAME_RUN = re.compile(r"(?:[A-Z][\w’'\-]*(?:\s+(?:of|the|and|for|on|against|in|to|de|du|la|le|des))*\s+)+[A-Z][\w’'\-]*")


def acronyms(text: str) -> set[str]:
    """Stems of the acronyms that the capitalised names in `text` abbreviate: "North Atlantic Treaty Organization"
    -> "nato", "Office on Drugs and Crime" -> "odc" (and "oodac" with the connectors). UN reports name a body in
    full in one place and by its acronym in another, and readers use either."""
    out = set()
    for m in _NAME_RUN.finditer(text):
        ws = re.split(r"\s+", m.group(0))
        caps = "".join(w[0] for w in ws if w.lower() not in _CONNECTORS)
        full = "".join(w[0] for w in ws)
        for a in (caps, full):
            if 2 <= len(a) <= 8:
                out.add(stem(a))
        # every run of 3+ capitalised words inside a longer name abbreviates too ("Treaty Organization" in "North
        # Atlantic Treaty Organization" stays out: two letters are too ambiguous)
        capwords = [w for w in ws if w.lower() not in _CONNECTORS]
        for i in range(len(capwords)):
            for j in range(i + 3, len(capwords) + 1):
                out.add(stem("".join(w[0] for w in capwords[i:j])))
    return out


def asked_acronyms(question: str) -> set[str]:
    """Stems of the words written in capitals in a question ("NATO", "UNODC"): the only words matched against
    acronyms, so that a short acronym never matches an ordinary word by chance."""
    return {stem(w) for w in words(question) if len(w) >= 2 and w.isupper()}


def terms_with_acronyms(text: str, asked: set[str]) -> set[str]:
    """content_terms of text, plus those of the asked acronyms its names spell out in full."""
    terms = content_terms(text)
    return terms | (acronyms(text) & asked) if asked - terms else terms


def numbers(text: str) -> set[str]:
    """Numbers written with digits, normalised ('2,700' -> '2700', '1.50' -> '1.5')."""
    out = set()
    for m in _NUMBER.findall(text):
        n = m.replace(",", "")
        if "." in n:
            n = n.rstrip("0").rstrip(".")
        out.add(n.lstrip("0") or "0")
    return out


def number_words(text: str) -> set[str]:
    """Numbers spelled out ('nine States', 'Twenty-one experts') as digit strings."""
    out = set()
    for w in words(text.lower()):
        parts = w.split("-")
        if all(p in _NUMBER_WORDS for p in parts):
            out.add(str(sum(_NUMBER_WORDS[p] for p in parts)))
    return out


# "the eighth session", "its 4th meeting": an ordinal picks one event out of a series, as strictly as a year does.
# "first" alone is left out: readers say "first" for "initial", "inaugural", "launched" (dev: 2 answerable questions);
# "twenty-first" is a number, and "twenty-sixth" is read whole (26), not as its last part
ORDINAL_WORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                 "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENTHS = {t[:-1] + "ieth": 10 * (i + 2) for i, t in enumerate(_TENS)}  # "thirtieth": 30
# a word compounded with a hyphen is no ordinal of an event: "third-party", "one-third", "second-hand"
_ORDINAL = re.compile(r"\b(?:(" + "|".join(_TENS) + r")[-\u2010 ](" + "|".join(ORDINAL_WORDS[:9]) + r")|(?<![-\u2010])(" +
                      "|".join([*ORDINAL_WORDS[1:], *(t for t in _TENTHS if t != "twentieth")]) +
                      r"|\d+(?:st|nd|rd|th))(?![-\u2010]\w))\b", re.I)


def ordinals(text: str) -> set[str]:
    """Ordinals as digit strings ("eighth" and "8th" -> "8"; "first" left out, see above)."""
    out = set()
    for tens, unit, single in _ORDINAL.findall(text):
        if tens:
            out.add(str(10 * (_TENS.index(tens.lower()) + 2) + ORDINAL_WORDS.index(unit.lower()) + 1))
            continue
        m = single.lower()
        out.add(str(ORDINAL_WORDS.index(m) + 1) if m in ORDINAL_WORDS else str(_TENTHS[m]) if m in _TENTHS else m[:-2])
    return out


def all_numbers(text: str) -> set[str]:
    return numbers(text) | number_words(text)




def proper_terms(text: str) -> set[str]:
    """Stems of capitalised words that are not sentence-initial: names of countries, bodies, instruments."""
    out = set()
    for m in re.finditer(r"(?<![.?!]\s)(?<!^)\b([A-Z][A-Za-z'’\-]+|[A-Z]{2,}\d*)", text.strip()):
        w = m.group(1)
        if w.lower() not in STOPWORDS and w.lower() not in DOMAIN_COMMON:
            out.add(stem(w))
    return out


def regular_sample(texts: Iterable[str], max_texts: int) -> list[str]:
    """At most about `max_texts` of the texts, taken at a regular step: how a large collection writes its words."""
    texts = list(texts)
    return texts[::max(1, math.ceil(len(texts) / max_texts))]


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, each a verbatim substring of it (quotes must be exact)."""
    from ingest.sentences import split_sentences as ingest_split

    return [p for p in ingest_split(text) if p]


# a part may open with a preposition before its question word (PREPOSITIONS): "..., and from how many countries?"
_WH = "(?:" + "|".join(WH_WORDS) + ")"
# ... or after a hedge, which the part loses: "..., and roughly how many officials?"
_HEDGES = r"(?:(?:about|roughly|approximately|around)\s+(?=how\s+(?:many|much)\b)|(?:exactly|precisely|also|then)\s+)"
_SUBQ = re.compile(r"(?:,?\s+and\s+" + _HEDGES + r"?|;\s*)(?=(?:(?:" + "|".join(PREPOSITIONS)
                   + r")\s+)?" + _WH + r"\b)", re.I)
# the question phrase a part opens with: "how many countries", "from which body", "when"
_AUX = "(?:" + "|".join(AUXILIARIES) + r")\b"
_WH_PHRASE = re.compile(r"^(?:(?:" + "|".join(PREPOSITIONS) + r")\s+)?(?:how\s+(?:many|much)\s+(?!" + _AUX +
                        r")[\w'’-]+|(?:what|which|whose)\s+(?!" + _AUX + r")[\w'’-]+|" + _WH + r")\b[\s,]*", re.I)


def split_subquestions(question: str) -> list[str]:
    """'How many X and how many Y?' -> ['How many X?', 'how many Y?'] (one part when there is nothing to split).
    A question that lists what it wants after a dash ("What has UNODC done on sport - decisions, publications,
    training?") has one part per item, each with the question before the dash."""
    parts = [p.strip().rstrip("?.").strip() for p in _SUBQ.split(question)]
    parts = [q for p in parts for q in _listed_questions(p)]
    parts = [p for p in parts if len(p.split()) >= 3]  # "When and where ...?" stays one question
    if len(parts) > 1:
        return [p + "?" for p in parts]
    return _facets(question) or _alternatives(question) or _than(question) or _distributed(question) or [question]


# "how many activities did it run, who were its partners": a comma before a question that follows another one
_LISTED = re.compile(r",\s+(?=(?:how|what|who|when|where)\b)", re.I)
# a question, not a relative or subordinate clause ("who took office", "when the pandemic hit", "where UNODC is"): a
# how-many/how-much phrase, or a question word the auxiliary follows ("who were", "what amounts did"); after a scene
# ("CRIMJUST - ", "By February 2018, ", "Key facts on X: ") or at the start
_QUESTION = re.compile(r"(?P<scene_end>^|[:,]\s+|\s[-\u2013\u2014]\s+)(?:how\s+(?:many|much)\b|(?:how|who|when|where|what\s+"
                       r"(?:[\w’'-]+\s+)?)\s*(?:" + "|".join(AUXILIARIES) + r")\b)", re.I)


def _listed_questions(part: str) -> list[str]:
    """A part split at each comma that begins a further question, when a question is already asked before it ("Of the
    drugs seized, how many tons ...?" asks one). A later question takes the scene set before the first one
    ("CRIMJUST - how many activities did it run, who were its partners" -> "CRIMJUST - who were its partners")."""
    pieces = _LISTED.split(part)
    out = [pieces[0]]
    for piece in pieces[1:]:
        if _QUESTION.search(out[-1]) and _QUESTION.match(piece) and len(piece.split()) >= 3:
            out.append(piece.strip().rstrip("."))
        else:
            out[-1] += ", " + piece
    if len(out) > 1:
        scene = out[0][: _QUESTION.search(out[0]).end("scene_end")]
        out[1:] = [scene + q for q in out[1:]]
    return out


_DASH = re.compile(r"\s[-\u2013\u2014]\s")
_ASKING = re.compile(r"^(?:how\s+(?:many|much)|which|what)\b", re.I)
# an item that continues the sentence rather than names a thing asked for: "- held in Vienna", "- by region", "- if any"
_NOT_AN_ITEM = re.compile(r"^(?:" + "|".join(PREPOSITIONS) + r"|if|when|where|as|its|their|[a-z]+ed)\b", re.I)


def _facets(question: str) -> list[str]:
    """The items of a comma list after a dash ("- decisions, publications, training?"), each asked with the question
    before the dash; a later item takes the first one's question phrase ("how many attendees, countries and side
    events" -> "how many countries"). None without such a list: at least two items, of at most six words each, none
    continuing the sentence ("- held in Vienna") and not all names ("- France, Italy and Spain" are asked jointly); a
    dash between figures ("2015 - 2017") is a range."""
    q = " ".join(question.split())  # one space between words: the dash is found by string search, not backtracking
    dash = _DASH.search(q)
    if not dash or dash.start() < 12 or (q[dash.start() - 1:dash.start()].isdigit() and q[dash.end():dash.end() + 1].isdigit()):
        return []
    head, rest = q[:dash.start()].rstrip(" ,:;"), q[dash.end():].rstrip(" ?")
    if "?" in rest or _DASH.search(rest):
        return []
    items = [i.strip() for i in re.split(r"\s*,\s*(?:and\s+|or\s+)?", rest) if i.strip()]
    if len(items) < 2:  # "which city and what dates": an "and" alone is a question's own, not a list
        return []
    # the last item may be joined by "and"/"or", but not inside a name ("Trinidad and Tobago")
    last = _NAME_RUN.sub(lambda m: m.group(0).replace(" and ", " \x00 ").replace(" or ", " \x01 "), items[-1])
    items[-1:] = [i.replace(" \x00 ", " and ").replace(" \x01 ", " or ") for i in re.split(r"\s+(?:and|or)\s+", last) if i]
    if any(len(i.split()) > 6 or _NOT_AN_ITEM.match(i) for i in items) or all(i[:1].isupper() for i in items):
        return []
    asking = _ASKING.match(items[0])
    items = [items[0], *(i if _ASKING.match(i) or not asking else f"{asking.group(0)} {i}" for i in items[1:])]
    return [f"{head}: {item}?" for item in items]


# a choice between things compared: "Which had more ...", "Who reached the most ...", "Which figure is bigger ..."
# ("more than 50 countries" compares nothing)
_CHOICE = re.compile(r"^(?:which|who|whose)\b.*?\b(?:more|most|fewer|fewest|less|least|bigger|biggest|larger|largest|"
                     r"higher|highest|greater|greatest|smaller|smallest|lower|lowest)\b(?!\s+than\b)", re.I)
_PLURALS_WITHOUT_S = "people|children|women|men"
_WITHOUT_S = frozenset(_PLURALS_WITHOUT_S.split("|"))
_MORE_OF = re.compile(r"\b(?:more|most|fewer|fewest)\s+([A-Za-z][\w-]*s|" + _PLURALS_WITHOUT_S + r"|staff|personnel)\b",
                      re.I)
_NUMBER_OF = re.compile(r"\bnumber\s+of\s+([A-Za-z][\w-]*s)\b", re.I)
# a side that gives examples of one thing rather than names a thing compared
_EXAMPLES = re.compile(r"^(?:such as|for example|for instance|e\.g\.|including|in particular|like|whether)\b", re.I)
_SIDE_SEPARATORS = (": ", " - ", " \u2013 ", " \u2014 ")
MAX_SIDE_WORDS = 15  # "the number of people who have taken the private sector anti-corruption e-course" is one side


def _alternatives(question: str) -> list[str]:
    """"Which reached more practitioners: the trafficking programme or the smuggling one?" -> one part per side,
    each with the question before the colon (or comma, or dash): a comparison is answered by each side's figure.
    Only for a choice question with a comparative ("Which ... more ..."); sides are at most MAX_SIDE_WORDS words, two
    or three of them ("A, B or C"), and none gives examples ("such as ..."). When the compared thing is a count
    ("more users", "the number of parties"), each side asks how many of them."""
    q = " ".join(question.split()).rstrip(" ?.")
    cut = min((i for i in (q.find(sep) for sep in _SIDE_SEPARATORS) if i > 0), default=-1)
    if cut < 0:
        cut = q.rfind(", ", 0, max(q.rfind(" or "), 0))  # "Which is larger, A or B"
    if cut < 12 or not _CHOICE.match(q[:cut]):
        return []
    head, rest = q[:cut].rstrip(" ,:"), q[cut:].lstrip(" ,:-\u2013\u2014")
    *firsts, last = rest.rsplit(" or ", 1) if " or " in rest else [rest]
    if not firsts:
        return []
    sides = [x.strip() for x in firsts[0].split(", ")] + [last.strip()]
    if not 2 <= len(sides) <= 3 or any(not x or len(x.split()) > MAX_SIDE_WORDS or _EXAMPLES.match(x) for x in sides):
        return []
    counted = [m.group(1) for m in _MORE_OF.finditer(head)] or [m.group(1) for m in _NUMBER_OF.finditer(rest)]
    if counted:
        head = f"{head} (how many {counted[-1]})"
    return [f"{head}: {x}?" for x in sides]


# "Did A reach more people than B?", "Was A bigger than B, in terms of participants?": a yes-or-no comparison
_YES_NO = re.compile(r"^(?:is\s+it\s+true\s+that\s+)?(?:did|does|do|was|were|is|are|has|have|had)\b", re.I)
_COMPARATIVE = any_of(COMPARATIVES)
# "than" before a figure or a plan compares with no second thing: "more than half", "less than $5 million", "longer
# than three days", "more funding than expected"
THAN_FIGURE = re.compile(r"than\s+(?:\$|€|£|\d|(?:a|an|half|twice|" + "|".join(_NUMBER_WORDS) + r"|thousand|million|"
                         r"dozen|expected|planned|anticipated|intended|usual|needed|required|before|previously|"
                         r"it|they|we|ever)\b)", re.I)
_IN_TERMS_OF = re.compile(r"\b(?:in terms of|by|measured by|counting)\s+(?:the\s+)?(?:number of\s+)?([A-Za-z][\w-]*s)\b",
                          re.I)
# "... than men were trained": the other side is a thing counted, the subject of the clause after it
_BARE_PLURAL = re.compile(r"^([a-z][\w-]*s|" + _PLURALS_WITHOUT_S + r")\s+(?:" + "|".join(AUXILIARIES) + r")\b")


def _than(question: str) -> list[str]:
    """"Did UNODC train officials in more States than it held workshops in?" -> the question without its "than"
    side, and the "than" side asked how many of the compared thing ("(how many States) its workshops ..."): each side
    is answered by its own figure. Not for "more than 50 States", "more than half", "more than planned" (a figure or
    a plan, not a second thing). Found by string search: no backtracking over a long question."""
    q = " ".join(question.split()).rstrip(" ?.")
    comparative = _COMPARATIVE.search(q) if _YES_NO.match(q) else None
    cut = q.lower().find(" than ", comparative.end()) if comparative else -1
    if cut < 0 or THAN_FIGURE.match(q, cut + 1):
        return []
    a, rest = q[:cut], q[cut + len(" than "):]
    stop = min((i for i in (rest.find(p) for p in (",", ";", ":", "?")) if i >= 0), default=len(rest))
    b, tail = rest[:stop].strip(), rest[stop:].strip(" ,;:?")
    if not b or len(b.split()) > MAX_SIDE_WORDS:
        return []
    counted = [x.group(1) for x in _MORE_OF.finditer(a)] or [x.group(1) for x in _IN_TERMS_OF.finditer(tail)]
    if not counted:
        return [a + (f", {tail}" if tail else "") + "?", b + (f", {tail}" if tail else "") + "?"]
    # "more women than men were trained": each side counts its own noun
    own = _BARE_PLURAL.match(b)
    noun = own.group(1) if own and own.group(1).lower() not in FUNCTION_WORDS else counted[-1]
    return [a + (f", {tail}" if tail else "") + f" (how many {counted[-1]})?", b + f" (how many {noun})?"]


# "the working groups on prevention and on asset recovery": a preposition repeated after "and" distributes what comes
# before it over two things, each with its own answer (with "on prevention and asset recovery" it may be one thing)
# a distributed thing is short (at most MAX_ITEM_CHARS): bounded, the search stays linear in the question's length
MAX_ITEM_CHARS = 120
_ITEM = r"(?:(?!\b(?:and|or)\b)[^,;:?]){1,%d}?" % MAX_ITEM_CHARS
_DISTRIBUTED = re.compile(r"(?:\bboth\s+)?\b(?P<prep>(?:" + "|".join(MODIFIER_PREPOSITIONS)
                          + r")(?:\s+[a-z]+){0,2}?)\s+(?P<first>" + _ITEM + r"(?:,\s+(?P=prep)\s+" + _ITEM + r")*),?\s+"
                          r"and\s+(?P=prep)\s+(?P<second>[^,;:?]{1,%d}?)(?P<tail>(?:[,;:?]|\s[-\u2013\u2014]\s).*)?$"
                          % MAX_ITEM_CHARS, re.I)


# "What did ...", "How many States does ...": the bare verb comes last, after the subject
_DO_QUESTION = re.compile(r"^(?:\w+\s+){0,3}?(?:did|does|do)\b", re.I)


def _distributed(question: str) -> list[str]:
    """"When did the working groups on prevention and on asset recovery meet?" -> "When did the working groups on
    prevention meet?" and "When did the working groups on asset recovery meet?": one part per thing the repeated
    preposition names (two, or a list: "with laws, with judicial integrity, and with strategies"). The last part keeps
    the rest of the question; the others take what follows the last thing ("meet"), found by _conjunct_end, and what
    follows the next punctuation ("- what dates?")."""
    q = " ".join(question.split()).rstrip(" ?.")
    m = _DISTRIBUTED.search(q)
    if not m or m.start() < 8:
        return []
    tail = (m.group("tail") or "").rstrip(" ?")
    if tail[:1] in ",;:":
        tail = tail[1:].strip() and ", " + tail[1:].strip()  # ", and where" / nothing
    head = f"{q[:m.start()].rstrip()} {m.group('prep')}"
    second = m.group("second").split()
    rest = " ".join(second[_conjunct_end(second, verb_last=bool(_DO_QUESTION.match(q))):])
    firsts = re.split(rf",\s+{re.escape(m.group('prep'))}\s+", m.group("first"), flags=re.I)
    return [f"{head} {item}{' ' + rest if rest else ''}{tail}?" for item in firsts] + [f"{head} {m.group('second')}{tail}?"]


_YEAR_PHRASE = re.compile(r"^(?:in|during|since|by)\s+(?:\d{4}|last\s+year|this\s+year)$", re.I)


def _conjunct_end(words_: list[str], *, verb_last: bool = False) -> int:
    """Where the second of two distributed things ends and the sentence goes on ("asset recovery | meet in 2017",
    "migrant smuggling | reached", "smuggling | were held in Africa"): at an auxiliary, or before the last word that
    reads as a verb (a light verb, one a function word follows, one ending in -ed); with `verb_last` (a question
    asked with did/does, whose bare verb ends it) before the last word; else before a closing "in 2017", which both
    things share. Nothing goes on when none of these is found ("human trafficking and smuggling")."""
    end = len(words_)
    if words_ and words_[0].lower() in WH_WORDS + ("whether", "that"):
        return end  # a clause of its own: "about how States can recover assets"
    for i, w in enumerate(words_[1:], 1):
        lw, prev = w.lower(), words_[i - 1].lower()
        if lw in AUXILIARIES:
            return i
        if not w[0].isalpha() or w[0].isupper() or prev in BEFORE_NOUNS or (lw in FUNCTION_WORDS and lw not in LIGHT_VERBS):
            continue
        following = words_[i + 1].lower() if i + 1 < len(words_) else None
        if lw in LIGHT_VERBS or lw.endswith("ed") or (following in FUNCTION_WORDS and following not in ("and", "or")):
            end = i
    if end == len(words_) and verb_last and len(words_) > 1 and words_[-1][:1].islower():
        return len(words_) - 1
    if end == len(words_) and len(words_) > 2 and _YEAR_PHRASE.match(" ".join(words_[-2:])):
        return len(words_) - 2
    return end


_SEVERAL = any_of(("and", "both", "as well as"))


def asks_about_several(question: str) -> bool:
    """The question coordinates things ("X and Y", "both ...", "as well as"): its answer may span paragraphs. An "and"
    inside a name ("Trinidad and Tobago", "Office on Drugs and Crime") coordinates nothing."""
    return bool(_SEVERAL.search(_NAME_RUN.sub(" ", question)))


_TOKEN = re.compile(r"[\w’'\-]+")
_PAST_FORMS = frozenset(f for forms in IRREGULAR_PAST.values() for f in forms.split())
_CLAUSE_OPENERS = frozenset((*AUXILIARIES, *MODIFIER_PREPOSITIONS, "that", "which", "who")) | _PAST_FORMS
OBJECT_WORDS = 5  # words after "what"/"which" in which the asked noun is looked for


def asks_for_plural(question: str) -> bool:
    """The question asks for things in the plural, or for a mass noun, and names no number of them ("Which
    publications did UNODC launch ...?", "What meetings on X did ...?", "What training did ...?"): its answer may
    be one sentence in each of several paragraphs. The asked noun is the first word after the question word that a
    verb, an auxiliary or a preposition follows ("What UNODC activities took place"), so a plural modifier ("Which
    sports body got ...") is not it."""
    ws = [w.lower() for w in _TOKEN.findall(question)]
    if ws and ws[0] in MODIFIER_PREPOSITIONS:
        ws = ws[1:]
    if not ws or ws[0] not in ("what", "which"):
        return False
    for i, w in enumerate(ws[1:OBJECT_WORDS + 1], start=1):
        if w in FUNCTION_WORDS or w in _NUMBER_WORDS or w[0].isdigit():  # "What is ...", "What two topics ..."
            return False
        after = ws[i + 1] if i + 1 < len(ws) else None
        if after is None or after in _CLAUSE_OPENERS or after.endswith("ed"):
            return _plural_or_mass(w)
    return False


def _plural_or_mass(word: str) -> bool:
    return word in MASS_NOUNS or word in _WITHOUT_S or (len(word) > 3 and spelled_plural(word))


def is_yes_no(question: str) -> bool:
    return bool(_YES_NO.match(question.strip()))


_PRONOUN = any_of(PRONOUNS)


def _predicate(part: str) -> str:
    """What a part says beyond its question phrase: 'how many countries attended X?' -> 'attended X'."""
    return _WH_PHRASE.sub("", part, count=1).rstrip("?").strip()


# A later part naming this few topic terms says what it asks but not about what ("..., and what upgrades were being
# made?"): it carries the first part, as a part that points back does (dev 672: key-fact recall 0.843 -> 0.846, multi
# 0.663 -> 0.677, citation precision 0.883 -> 0.888; at 1, 0.844 / 0.667 / 0.884; at 3, 0.845 / 0.679 / 0.888 with
# paraphrased 0.859 -> 0.857)
THIN_PART = 2


SAME_OPENING = 4  # words


def _same_scene(part: str, first: str) -> bool:
    """The part opens with the first part's own opening, at least SAME_OPENING words ("Which reached more ...: its
    programme on X?" after "Which reached more ...: the programme on Y?"; "When did the working groups on asset
    recovery meet?" after "When did the working groups on prevention meet?"): it already carries the question's
    topic."""
    opening = 0
    for a, b in zip(part.lower().split(), first.lower().split()):
        if a != b:
            break
        opening += 1
    return opening >= SAME_OPENING


# "how many firearms were seized?" names what it asks about, however few its words
_COUNTS_ITS_OWN = re.compile(r"^(?:\w+\s+)?how\s+(?:many|much)\s+[A-Za-z]", re.I)


def _thin(part: str, first: str) -> bool:
    """The part names at most THIN_PART topic terms and none of the first part's (a list item after a dash,
    "...: publications?", already carries the question's topic), and does not count a thing of its own."""
    terms = topic_terms(part)
    return len(terms) <= THIN_PART and not terms & topic_terms(first) and not _COUNTS_ITS_OWN.match(part)


def standalone_parts(question: str) -> list[str]:
    """The parts of split_subquestions, each readable on its own: a later part that points back ("..., and where
    was it held?") or names too little to be read alone ("..., and what upgrades were made?") carries the first part
    with it, and a part that is only a question phrase shares the predicate of its neighbour ("How many people and
    how many countries attended X?": "How many people attended X?")."""
    parts = split_subquestions(question)
    if len(parts) == 1:
        return parts
    out = []
    for j, part in enumerate(parts):
        if not _predicate(part):
            other = parts[j + 1] if j + 1 < len(parts) else parts[j - 1]
            part = " ".join(p for p in (part.rstrip("?"), _predicate(other)) if p) + "?"
        elif j and not _same_scene(part, parts[0]) and (_PRONOUN.search(part) or _thin(part, parts[0])):
            part = f"{part} {parts[0]}"
        out.append(part)
    return out
