"""A follow-up in another UN official language, made a question that can be read on its own: "Et au Protocole relatif
aux armes à feu ?" after "Combien d'États sont parties à la Convention ?" asks how many States are parties to the
Protocol.

Why: app/condense.py rewrites English follow-ups by English grammar (swap the named topic, fill a pronoun). Applied to
a French follow-up it spliced it into the previous question ("... parties à la Et le Protocole relatif ..."), and a
Spanish, Russian, Arabic or Chinese one was searched alone, so "¿Y cuándo?" retrieved any paragraph with a date.

What makes a question a follow-up is grammar, a closed class per language, never a report's vocabulary: an opening
"and" / "what about" ("et", "qu'en est-il", "y", "qué hay de", "а", "как насчёт", "وماذا عن", "那……呢"), a pronoun
pointing back ("d'entre elles", "ellos", "их", "منها", "它们") in a short question without a name of its own, or no
content word at all ("Et quand ?").

Topics cannot be swapped without a parser of each language, so the previous question is kept beside the follow-up:
- a follow-up that asks something of its own ("Et quand ?", "Combien d'entre elles ... ?") is read with the previous
  question's content words, without its question words, so it still asks only what it asks (a date, not a place);
- a bare fragment ("Et au Protocole relatif aux armes à feu ?") asks the previous question again, about the
  fragment: the previous question, then the fragment, as one question.
"""
from __future__ import annotations

import re
from typing import Sequence

from app.text.foreign_parts import QUESTION_MARKS, asks_something, without_question_words
from app.text.interrogatives import asked_kind

_I = re.I | re.U

# An opening that continues the conversation. Arabic writes "and" (و) joined to the next word, so only و before a
# question word or preposition counts ("وماذا", "وكم", "وفي"), not the و that begins "وزارة" (ministry).
_LEADS = {  # longest first: "А что насчёт ...", not "А" and then a question word
    "fr": re.compile(r"^(?:et\s+qu['’]en\s+est[- ]il|qu['’]en\s+est[- ]il|même\s+question|et|puis|aussi|quid|idem|"
                     r"pareil)(?!\w)\s*(?:(?:pour|de|du|des)(?!\w)\s*)?", _I),
    "es": re.compile(r"^(?:y\s+qué\s+hay\s+del?|qué\s+hay\s+del?|y\s+qué\s+pasa\s+con|qué\s+pasa\s+con|"
                     r"y\s+en\s+cuanto\s+al?|en\s+cuanto\s+al?|lo\s+mismo\s+(?:para|con)|igual\s+(?:para|con)|y|"
                     r"también)(?!\w)\s*", _I),
    "ru": re.compile(r"^(?:а\s+что\s+насч[её]т|что\s+насч[её]т|а\s+как\s+насч[её]т|как\s+насч[её]т|а\s+что\s+с|"
                     r"а\s+как\s+с|а|и|также)(?!\w)\s*", _I),
    "ar": re.compile(r"^(?:و?ماذا\s+عن|و?ما\s+بال|و?بالنسبة\s+(?:إلى|ل)|و(?=(?:ما|ماذا|كم|متى|أين|هل|من|في|عن|كيف|أي|"
                     r"لماذا|ل|ب)))\s*"),
    "zh": re.compile(r"^(?:那么|那|还有|另外|而)\s*"),
}
_ZH_TAIL = re.compile(r"呢\s*[？?]?\s*$")  # "那《枪支议定书》呢？": the question particle of "and ...?"
# "Of them": a part of what the previous question counted or named, whatever else the question names ("Combien
# d'entre elles étaient des fusils de type Kalachnikov ?")
_OF_THEM = {
    "fr": re.compile(r"(?<!\w)d['’]entre\s+(?:eux|elles)(?!\w)", _I),
    "es": re.compile(r"(?<!\w)de\s+(?:ellos|ellas|estos|estas|éstos|éstas)(?!\w)", _I),
    "ru": re.compile(r"(?<!\w)(?:из|среди)\s+(?:них|которых|этих)(?!\w)", _I),
    "ar": re.compile(r"(?<!\w)(?:منها|منهم|من\s+بينها|من\s+بينهم)(?!\w)"),
    "zh": re.compile(r"其中"),
}
# Other pronouns and demonstratives that point back, French clitics ("y ont participé", "en ont bénéficié") and
# inverted subjects ("Pourquoi est-elle mise à jour ?") included: a follow-up only in a short question without a name
# of its own, since they also refer inside a question ("Quand l'ONUDC a-t-il tenu sa réunion ?"). Object pronouns
# that are also articles or prepositions ("la", "lo", "с") are left out.
_BACK = {
    "fr": re.compile(r"(?<![\w\-])(?:ils|elles|celui-ci|celle-ci|ceux-ci|celles-ci|ce\s+dernier|cette\s+dernière|"
                     r"son|sa|ses|leur|leurs|(?:y|en)\s+(?:a|ont|avait|avaient|aura|auront))(?!\w)|"
                     r"-(?:t-)?(?:il|elle|ils|elles)(?!\w)", _I),
    "es": re.compile(r"(?<!\w)(?:ellos|ellas|éste|ésta|éstos|éstas|dicho|dicha|dichos|dichas|su|sus)(?!\w)", _I),
    "ru": re.compile(r"(?<!\w)(?:он|она|оно|они|их|его|её|ее|него|неё|ней|нём|нем|них|нему|ним|ними|этот|эта|это|эти|"
                     r"этого|этой|этих|этом|этим)(?!\w)", _I),
    "ar": re.compile(r"(?<!\w)(?:هذا|هذه|هؤلاء|ذلك|تلك|عنها|عنه|عنهم|فيها|فيه|لها|له|لهم)(?!\w)"),
    "zh": re.compile(r"它们|它|他们|她们|该|这些|这个|此"),
}
# A name, by orthography alone: a capitalised word past the first, an acronym, a year, a quoted title. In Arabic and
# Chinese, which have no capitals, the Latin-script words and the titles in «» or 《》.
_CAPITALISED = re.compile(r"(?<!^)(?<![.?!¿¡]\s)(?<![\w’'\-])[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'\-]+")
_NAMES = re.compile(r"《[^》]+》|«[^»]+»|“[^”]+”|(?<![\w\-])[A-Z][A-Z0-9\-]+(?:\s+[IVX]+\b)?|"
                    r"(?<!\w)(?:19|20)\d{2}(?!\w)")
MAX_WORDS = 10  # a question with a pointing-back pronoun is a follow-up only when this short (as in English)
MAX_HAN = 20
MAX_FRAGMENT_WORDS = 6  # a question this short with no question word is a fragment of the previous one
MAX_FRAGMENT_HAN = 12


class _Reading:
    """How a question in `lang` relates to the one before it."""

    def __init__(self, question: str, lang: str, content: Sequence[str]):
        q = self.q = _plain(question)
        self.lead = bool((lang in _LEADS and _LEADS[lang].match(q)) or (lang == "zh" and _ZH_TAIL.search(q)))
        self.asks = asked_kind(q, lang) != "other" or asks_something(_without_lead(q, lang), lang)
        self.fragment = not self.asks and _short(q, lang, MAX_FRAGMENT_WORDS, MAX_FRAGMENT_HAN)
        # "De combien de pays ?": one content word, and not a name ("Qu'est-ce que SHERLOC ?" asks about a name); a
        # question word the stopword list lacks ("какие", "哪几天") is not content
        content = [w for w in content if not asks_something(w, lang)]
        self.thin = len(content) <= 1 and not any(names_in(w, lang) for w in content)
        back = _BACK.get(lang)
        self.points_back = bool(lang in _OF_THEM and _OF_THEM[lang].search(q)) or bool(
            back and back.search(q) and _short(q, lang, MAX_WORDS, MAX_HAN)
            and (lang == "zh" or not _CAPITALISED.search(q)))

    @property
    def follows(self) -> bool:
        return self.lead or self.fragment or self.thin or self.points_back


def is_follow_up(question: str, lang: str, content: Sequence[str]) -> bool:
    """Whether `question` (in `lang`, with these content words) continues the question before it."""
    return _Reading(question, lang, content).follows


def names_in(text: str, lang: str) -> list[str]:
    """The names a text gives, by orthography (capitals, acronyms, years, quoted titles), in order, once each."""
    found = [m.group(0) for m in _NAMES.finditer(text)]
    if lang not in ("ar", "zh"):
        words = [m.group(0) for m in _CAPITALISED.finditer(text.strip().lstrip("¿¡\"“«"))]
        found += [w for w in words if not any(w in name for name in found)]  # "TRIGGER" of "TRIGGER III"
    return list(dict.fromkeys(found))


def _short(question: str, lang: str, words: int, han: int) -> bool:
    return len(question) <= han if lang == "zh" else len(question.split()) <= words


def condense(question: str, history: Sequence[tuple[str, str]], lang: str,
             content_words=None) -> str:
    """The standalone form of a follow-up in `lang` given earlier (question, answer) pairs, oldest first; the question
    as it is when it is not a follow-up. `content_words(text, lang)` lists a text's content words
    (app/word_translation.py content_words)."""
    from app.word_translation import content_words as default_words

    words_of = content_words or default_words
    q = question.strip()
    reading = _Reading(q, lang, words_of(q, lang))
    if not history or not reading.follows:
        return q
    previous = condense(history[-1][0], history[:-1], lang, words_of).strip()
    opening, mark = _marks(q, lang)
    joint = "，" if lang == "zh" else " — "
    if reading.asks:
        if reading.thin or reading.points_back:
            # "Et quand ?", "Combien d'entre elles ... ?": the previous question, without its question words, says
            # what it is about
            about = _unmarked(without_question_words(previous, lang))
        else:
            # a whole question of its own after "and": only the names it leaves implicit ("Et combien d'arrestations
            # ont été effectuées ?" -> CRIMJUST, 2017), as the English rules add the previous topic
            names = [n for n in names_in(previous, lang) if n not in q]
            about = f"({', '.join(names)})" if names else ""
            return f"{opening}{_unmarked(q)} {about}{mark}" if about else q
        return f"{opening}{_unmarked(q)}{joint}{about}{mark}" if about else q
    fragment = _unmarked(_without_lead(q, lang))
    if not fragment:
        return previous
    return f"{opening}{_unmarked(previous)}{joint}{fragment}{mark}"


def _plain(question: str) -> str:
    return question.strip().lstrip("¿¡\"“«").strip()


def _without_lead(question: str, lang: str) -> str:
    q = _plain(question)
    lead = _LEADS.get(lang)
    q = lead.sub("", q, count=1) if lead else q
    return _ZH_TAIL.sub("", q) if lang == "zh" else q


def _unmarked(text: str) -> str:
    return text.strip().rstrip(QUESTION_MARKS + ".! ").lstrip("¿¡ ").strip()


def _marks(question: str, lang: str) -> tuple[str, str]:
    """The opening and closing marks the standalone question gets: the follow-up's own ("Et quand ?" keeps French
    spacing), else the language's."""
    closing = re.search(rf"\s*[{QUESTION_MARKS}]\s*$", question)
    default = "？" if lang == "zh" else "؟" if lang == "ar" else "?"
    return ("¿" if lang == "es" else ""), (closing.group(0).rstrip() if closing else default)
