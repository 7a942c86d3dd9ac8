"""A follow-up in another UN official language, made a question that can be read on its own: "Et au Protocole relatif
aux armes à feu ?" after "Combien d'États sont parties à la Convention ?" asks how many States are parties to the
Protocol.

Why: app/condense.py rewrites English follow-ups by English grammar (swap the named topic, fill a pronoun). Applied to
a French follow-up it spliced it into the previous question ("... parties à la Et le Protocole relatif ..."), and a
Spanish, Russian, Arabic or Chinese one was searched alone, so "¿Y cuándo?" retrieved any paragraph with a date.

What makes a question a follow-up is grammar, a closed class per language, never a report's vocabulary: an opening
"and" / "what about" ("et", "qu'en est-il", "y", "qué hay de", "а", "как насчёт", "وماذا عن", "那……呢"), a pronoun
pointing back ("d'entre elles", "ellos", "их", "منها", "它们") in a short question without a name of its own, a short
fragment with no question word ("Et le Kenya ?"), or at most one content word ("De combien de pays ?", but not "Qu'est-ce
que la corruption ?", which asks what a thing is).

Topics cannot be swapped without a parser of each language, so the question the conversation is about (its last
whole question) is kept beside the follow-up:
- a fragment asks that question again about itself: the question, then the fragment, as one question;
- a thin question or one pointing back ("Et quand ?", "Combien d'entre elles ... ?") is read with that question
  without its question words, so it still asks only what it asks (a date, not a place);
- a whole question after "and" ("Et combien d'arrestations ont été effectuées ?") gets only that question's names
  (capitals, acronyms, years, quoted titles), as the English rules add the previous topic.
A follow-up in another language than the question it follows is left as it is: its words cannot be read by the other
language's grammar.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from app.language import detect
from app.text.foreign_parts import QUESTION_MARKS, asks_something, question_mark, without_question_words
from app.text.interrogatives import WHAT_IS, asked_kind

ContentWords = Callable[[str, str], Sequence[str]]  # (text, language) -> its content words
_I = re.I | re.U

# An opening that continues the conversation, longest first ("А что насчёт ...", not "А" and then a question word).
# Arabic writes "and" (و) joined to the next word, so only و before a whole function word or an article with a
# preposition counts ("وماذا", "وفي", "وللبروتوكول"), not the و that begins "ولاية" (mandate).
_LEADS = {
    "fr": re.compile(r"^(?:et\s+qu['’]en\s+est[- ]il|qu['’]en\s+est[- ]il|même\s+question|quant\s+(?:à|aux?)|et|"
                     r"puis|aussi|quid|idem|pareil)(?!\w)\s*(?:(?:pour|de|du|des)(?!\w)\s*)?", _I),
    "es": re.compile(r"^(?:y\s+qué\s+hay\s+del?|qué\s+hay\s+del?|y\s+qué\s+pasa\s+con|qué\s+pasa\s+con|"
                     r"y\s+en\s+cuanto\s+al?|en\s+cuanto\s+al?|lo\s+mismo\s+(?:para|con)|igual\s+(?:para|con)|y|"
                     r"también)(?!\w)\s*", _I),
    "ru": re.compile(r"^(?:а\s+что\s+насч[её]т|что\s+насч[её]т|а\s+как\s+насч[её]т|как\s+насч[её]т|а\s+что\s+с|"
                     r"а\s+как\s+с|а|и|также)(?!\w)\s*", _I),
    "ar": re.compile(r"^(?:و?ماذا\s+عن|و?ما\s+بال|و?بالنسبة\s+(?:إلى|ل)|و(?=(?:(?:ما|ماذا|كم|متى|أين|هل|من|في|عن|كيف|"
                     r"أي|لماذا)(?!\w)|لل|بال)))\s*"),
    "zh": re.compile(r"^(?:那么|那|还有|另外|而)\s*"),
}
_ZH_TAIL = re.compile(r"呢\s*[？?]?\s*$")  # "那《枪支议定书》呢？": the particle of "and ...?", when nothing else asks
# "Of them", unambiguous: a part of what the previous question counted or named, whatever else the question names
# ("Combien d'entre elles étaient des fusils de type Kalachnikov ?"). Forms that are also determiners or relative
# pronouns ("de estos países", "из которых") are left to the short-question rule below.
_OF_THEM = {
    "fr": re.compile(r"(?<!\w)d['’]entre\s+(?:eux|elles)(?!\w)", _I),
    "es": re.compile(r"(?<!\w)de\s+(?:ellos|ellas)(?!\w)", _I),
    "ru": re.compile(r"(?<!\w)(?:из|среди)\s+них(?!\w)", _I),
    "ar": re.compile(r"(?<!\w)(?:منها|منهم|من\s+بينها|من\s+بينهم)(?!\w)"),
    "zh": re.compile(r"其中"),
}
# Other pronouns and demonstratives that point back, French clitics ("y ont participé", "en ont bénéficié") and
# inverted subjects ("Pourquoi est-elle mise à jour ?") included: a follow-up only in a short question without a name
# of its own, since they also refer inside a question ("Quand l'ONUDC a-t-il tenu sa réunion ?"). Object pronouns
# that are also articles or prepositions ("la", "lo", "с") are left out, and so are Chinese characters inside other
# words (其它, 因此, 应该).
_BACK = {
    "fr": re.compile(r"(?<![\w\-])(?:ils|elles|celui-ci|celle-ci|ceux-ci|celles-ci|ce\s+dernier|cette\s+dernière|"
                     r"son|sa|ses|leur|leurs|(?:y|en)\s+(?:a|ont|avait|avaient|aura|auront))(?!\w)|"
                     r"-(?:t-)?(?:il|elle|ils|elles)(?!\w)", _I),
    "es": re.compile(r"(?<!\w)(?:ellos|ellas|éste|ésta|éstos|éstas|estos|estas|dicho|dicha|dichos|dichas|su|sus)"
                     r"(?!\w)", _I),
    "ru": re.compile(r"(?<!\w)(?:он|она|оно|они|их|его|её|ее|него|неё|ней|нём|нем|них|нему|ним|ними|этот|эта|это|эти|"
                     r"этого|этой|этих|этом|этим)(?!\w)", _I),
    "ar": re.compile(r"(?<!\w)(?:هذا|هذه|هؤلاء|ذلك|تلك|عنها|عنه|عنهم|فيها|فيه|لها|له|لهم)(?!\w)"),
    "zh": re.compile(r"(?<!其)它们?|他们|她们|(?<!应)该(?!怎)|这些|这个|(?<![因如彼])此(?!外)"),
}
# French impersonal "il" is no one: "Combien de bureaux y a-t-il ?", "Quelles mesures faut-il prendre ?"
_IMPERSONAL = re.compile(r"(?<!\w)(?:y\s+(?:en\s+)?a-t-il|faut-il|s['’]agit-il|reste-t-il|existe-t-il)(?!\w)", _I)
# A request, not a fragment: "Résumez le rapport.", "Перечислите страны.", "列出所有国家。"
_REQUESTS = {  # the imperatives themselves, not words that begin like them ("données", "citoyens")
    "fr": re.compile(r"^(?:résume|liste|énumère|cite|décris|explique|donne|indique|présente|précise|détaille|"
                     r"résumez|listez|énumérez|citez|décrivez|expliquez|donnez|indiquez|présentez|précisez|"
                     r"détaillez)(?!\w)", _I),
    "es": re.compile(r"^(?:resume|resuma|enumera|enumere|lista|liste|cita|cite|describe|describa|explica|explique|"
                     r"da|dé|dame|danos|indica|indique|presenta|presente|precisa|precise|detalla|detalle)(?!\w)", _I),
    "ru": re.compile(r"^(?:перечисли|опиши|объясни|расскажи|назови|резюмируй|дай|приведи|укажи)(?:те)?(?!\w)|"
                     r"^кратко(?!\w)", _I),
    "ar": re.compile(r"^(?:اذكر|لخص|لخّص|صف|اشرح|عدد|عدّد|أعط|اعط|قدم|قدّم|بيّن|بين|وضح|وضّح)(?!\w)"),
    "zh": re.compile(r"^(?:请\s*)?(?:列出|列举|总结|概述|概括|描述|解释|说明|介绍|告诉)"),
}
# A name, by orthography alone: a capitalised word past the first (after an elided article too: "l'ONUDC"), an
# acronym, a year, a quoted title. In Arabic and Chinese, which have no capitals, the Latin-script words, years and the
# titles in «» or 《》.
_CAPITALISED = re.compile(r"(?<!^)(?<![.?!¿¡]\s)(?<![\w\-])[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'\-]+")
_NAMES = re.compile(r"《[^》]+》|«[^»]+»|“[^”]+”|(?<![\w\-])[A-Z][A-Z0-9\-]+(?:\s+[IVX]+\b)?|"
                    r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_FIGURE = re.compile(r"\d")
MAX_WORDS = 10  # a question with a pointing-back pronoun is a follow-up only when this short (as in English)
MAX_HAN = 20
MAX_FRAGMENT_WORDS = 6  # a question this short with no question word is a fragment of the previous one
MAX_FRAGMENT_HAN = 12


@dataclass(frozen=True)
class Reading:
    """How a question in a language relates to the one before it."""

    lead: bool  # opens with "and" / "what about"
    asks: bool  # asks something of its own: an answer type, a question word, a request
    fragment: bool  # short, and asks nothing of its own: "Et le Kenya ?"
    thin: bool  # at most one content word besides question words, and not a what-is question
    points_back: bool  # "d'entre elles", or a pronoun in a short question without a name

    @property
    def follows(self) -> bool:
        return self.lead or self.fragment or self.thin or self.points_back

    @property
    def whole(self) -> bool:
        """A question of its own, however it opens: the conversation is about it from now on."""
        return self.asks and not (self.thin or self.points_back)


def read(question: str, lang: str, content: Sequence[str]) -> Reading:
    """How `question` (in `lang`, with these content words) relates to the question before it."""
    q = _plain(question)
    rest = _without_lead(q, lang)
    asks_itself = asks_something(rest, lang)
    asks = asked_kind(q, lang) != "other" or asks_itself or bool(lang in _REQUESTS and _REQUESTS[lang].match(rest))
    lead = bool(lang in _LEADS and _LEADS[lang].match(q)) or (lang == "zh" and bool(_ZH_TAIL.search(q))
                                                              and not asks_itself)
    words = [w for w in content if not asks_something(w, lang)]  # "какие", "哪几天": question words the lists lack
    what_is = lang in WHAT_IS and bool(WHAT_IS[lang].search(q))
    thin = len(words) <= 1 and not what_is and not any(names_in(w, lang) for w in words)
    personal = _IMPERSONAL.sub(" ", q) if lang == "fr" else q
    back = _BACK.get(lang)
    points_back = bool(lang in _OF_THEM and _OF_THEM[lang].search(q)) or bool(
        back and back.search(personal) and _short(q, lang, MAX_WORDS, MAX_HAN)
        and not any(not n.isdigit() for n in names_in(q, lang)))  # a year is not a subject of its own
    fragment = not asks and _short(q, lang, MAX_FRAGMENT_WORDS, MAX_FRAGMENT_HAN)
    return Reading(lead, asks, fragment, thin, points_back)


def names_in(text: str, lang: str) -> list[str]:
    """The names a text gives, by orthography (capitals, acronyms, years, quoted titles), in order, once each."""
    found = [m.group(0) for m in _NAMES.finditer(text)]
    if lang not in ("ar", "zh"):
        words = [m.group(0) for m in _CAPITALISED.finditer(_plain(text))]
        found += [w for w in words if not any(w in name for name in found)]  # "TRIGGER" of "TRIGGER III"
    return list(dict.fromkeys(found))


def condense(question: str, history: Sequence[tuple[str, str]], lang: str, content_words: ContentWords) -> str:
    """The standalone form of a follow-up in `lang` given earlier (question, answer) pairs, oldest first; the question
    as it is when it is not a follow-up. `content_words(text, lang)` lists a text's content words
    (app/word_translation.py content_words)."""
    q = question.strip()
    reading = read(q, lang, content_words(q, lang))
    if not history or not reading.follows:
        return q
    topic, earlier = _topic(history, lang, content_words)
    said = detect(topic)
    if not topic or (said.sure and said.code != lang):
        return q
    opening, mark = _marks(q, lang)
    joint = "，" if lang == "zh" else " — "
    if reading.whole:
        # only the names it leaves implicit ("Et combien d'arrestations ont été effectuées ?" -> CRIMJUST, 2017)
        names = [n for n in names_in(topic, lang) if n not in q]
        return f"{opening}{_unmarked(q)} ({', '.join(names)}){mark}" if names else q
    if reading.asks:
        # "Et quand ?": the topic without its question words says what about, not what is asked
        about = joint.join([_unmarked(without_question_words(_without_lead(topic, lang), lang)), *earlier])
        return f"{opening}{_unmarked(q)}{joint}{about}{mark}" if about else q
    fragments = _folded([*earlier, _unmarked(_without_lead(q, lang))])
    return f"{opening}{joint.join([_unmarked(topic), *fragments])}{mark}"


def _topic(history: Sequence[tuple[str, str]], lang: str, content_words: ContentWords) -> tuple[str, list[str]]:
    """(the question the conversation is about after these turns, made standalone, the fragments asked of it since,
    oldest first, folded): its last whole question, since the thin questions and fragments after it ask about it."""
    fragments: list[str] = []
    for i in range(len(history) - 1, -1, -1):
        q = history[i][0].strip()
        reading = read(q, lang, content_words(q, lang))
        if i == 0 or not reading.follows or reading.whole:
            return condense(q, history[:i], lang, content_words), _folded(fragments[::-1])
        if not reading.asks:
            fragments.append(_unmarked(_without_lead(q, lang)))
    return "", []


def _folded(fragments: Sequence[str]) -> list[str]:
    """The fragments still asked, oldest first: a later one replaces the earlier one of its kind, a figure or year for
    a figure or year ("Et en 2015 ?", then "Et en 2016 ?"), a topic for a topic; the two kinds combine ("Et au
    Protocole ... ?", then "Et en 2016 ?")."""
    latest: dict[bool, str] = {}
    for f in fragments:
        if f:
            kind = bool(_FIGURE.search(f))
            latest.pop(kind, None)  # re-inserted last, so the order stays the order asked
            latest[kind] = f
    return list(latest.values())


def _plain(question: str) -> str:
    return question.strip().lstrip("¿¡\"“«").strip()


def _without_lead(question: str, lang: str) -> str:
    q = _plain(question)
    lead = _LEADS.get(lang)
    q = lead.sub("", q, count=1) if lead else q
    return _ZH_TAIL.sub("", q) if lang == "zh" else q


def _short(question: str, lang: str, words: int, han: int) -> bool:
    return len(question) <= han if lang == "zh" else len(question.split()) <= words


def _unmarked(text: str) -> str:
    return text.strip().rstrip(QUESTION_MARKS + ".!。！ ").lstrip("¿¡ ").strip()


def _marks(question: str, lang: str) -> tuple[str, str]:
    """The opening and closing marks the standalone question gets: the follow-up's own ("Et quand ?" keeps French
    spacing), else the language's."""
    closing = re.search(rf"\s*[{QUESTION_MARKS}]\s*$", question)
    return ("¿" if lang == "es" else ""), (closing.group(0).rstrip() if closing else question_mark(lang))
