"""What a question asks for, and whether a sentence supplies it.

The wh-type gives the expected answer type (how many/much -> a count of the asked noun; when -> a date; where -> a
place; which countries / who -> names); the extractive answerer uses it to score sentences and to complete an answer
with the neighbouring sentence that carries what the question asks ("It brought together experts ... from Tunisia,
Egypt, Libya and the Sudan" after the sentence naming the workshop). All rules are about English question and report
grammar, never about one report's wording.
"""
from __future__ import annotations

import math
import re
from typing import Iterable, Sequence

from app.language import detect
from app.text.countries import capital_countries, continents_in, countries_in
from app.text.interrogatives import asked_kind, asks_for, asks_what_is
from app.text.lexical import THAN_FIGURE, acronyms, all_numbers, content_terms, ordinals, regular_sample, stem
from app.text.words import (
    AUXILIARIES, BEFORE_NOUNS, COMPARATIVES, DETERMINERS_BACK, FUNCTION_WORDS, IRREGULAR_PAST, LIGHT_VERBS,
    MODIFIER_PREPOSITIONS, PRONOUNS, spelled_plural, starts_with,
)

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b(?:{_MONTHS})\b|\b(?:19|20)\d{{2}}\b")
# a day of a month ("12 and 13 February", "on 4 October", "May 6"): what "on what date" asks for, which a year is not
_MONTHS_SHORT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
DAY = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
                 rf"(?:{_MONTHS}|{_MONTHS_SHORT})(?!\w)|\b(?:{_MONTHS}|{_MONTHS_SHORT})\s+\d{{1,2}}\b")

# how long something lasted or runs: "a five-day operation", "from 9 to 13 October", "2016–2020", "for two weeks",
# "since 2010"; a day range is one too ("12 and 13 February")
_SPAN_UNITS = r"(?:hours?|days?|weeks?|months?|years?|decades?)"
DURATION = re.compile(
    rf"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few)[\s-]+{_SPAN_UNITS}\b|"
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})|"
    rf"\b(?:19|20)\d\d\s*(?:-|–|to)\s*(?:19|20)?\d\d\b|\bsince\s+(?:(?:{_MONTHS})\s+)?(?:19|20)\d\d\b|"
    rf"\b(?:for|over|within)\s+(?:a|an|one|the\s+(?:past|last))\s+{_SPAN_UNITS}\b|\b(?:daily|weekly|monthly|annual|yearly)\b",
    re.I)
# "How long did the training last?", "For how long ...?", "What was the duration of ...?"; not "how long ago"
_DURATION_Q = re.compile(r"\bhow\s+long\b(?!\s+ago)|\bduration\b|\bhow\s+many\s+(?:hours|days|weeks|months)\s+"
                         r"(?:did|does|do|was|were|is|are|will)\b.*\b(?:last|take|run|span)", re.I)


# "What was the exact number of participants?", "exactly how many ...": a figure hedged in the report ("more than 40
# officials", "almost 2,000 participants") is not what is asked
_EXACT_Q = re.compile(r"\b(?:exactly|precisely)\s+how\s+(?:many|much)\b|\bhow\s+(?:many|much)\b[^?]*\b(?:exactly|"
                      r"precisely)\b|\b(?:exact|precise|specific)\s+(?:\w+\s+)?(?:number|figure|count|total|amount|sum|"
                      r"headcount)s?\b", re.I)
_HEDGE = re.compile(r"(?:more than|over|almost|nearly|about|approximately|around|some|roughly|at least|up to|fewer than|"
                    r"less than|close to|in excess of|upwards of)\s+(?:US\$|\$)?$", re.I)
_FIGURE = re.compile(rf"(?<![\w/.,])(?:US\$|\$)?(?:\d[\d,.]*\d|\d)(?![\d/])(?!\s+(?:{_MONTHS})\b)")


def asks_exact_figure(question: str) -> bool:
    return bool(_EXACT_Q.search(question))


def hedged_figures_only(sentence: str, noun_stem: str | None = None) -> bool:
    """Every figure of the sentence (years aside) is hedged: "more than 40 officials", "almost 2,000 participants".
    With the asked noun, only the figures counting it are read ("almost 2,000 participants representing 160 Member
    States" for participants)."""
    def hedged(m: re.Match) -> bool:
        before = sentence[max(0, m.start() - 30):m.start()]
        hedge = _HEDGE.search(before)
        # "handed over 12 vehicles", "brought about 30 changes": a verb's particle, not a hedge
        return bool(hedge) and not re.search(r"\w+(?:ed|ing)\s+(?:over|about|around)\s+\S*$", before, re.I)

    # a year is no figure, unless hedged ("nearly 2000 participants")
    found = [m for m in _FIGURE.finditer(sentence) if not re.fullmatch(r"(?:19|20)\d\d", m.group()) or hedged(m)]
    if noun_stem:
        found = [m for m in found if any(stem(w) == noun_stem for w in sentence[m.end():].split()[:4])] or found
    return bool(found) and all(hedged(m) for m in found)


def asks_duration(question: str) -> bool:
    """The question asks how long something lasted, which a date alone does not say."""
    return bool(_DURATION_Q.search(question))


_MODALS = ("must", "may", "might", "shall", "need", "ought")  # "What must States do?" asks what, like an auxiliary
# a word between a question word and its noun that is not an auxiliary or a modal: "which twelve countries", not
# "What did donors give?"
_NOT_AUX = r"(?!(?:" + "|".join(AUXILIARIES + _MODALS) + r")\b)"
_AFTER_GRAIN = r"(?=\s*[?,.;:]|\s*$|\s+(?:" + "|".join(AUXILIARIES) + r"|in|on|at|of|for|from|to|[a-z]+ed)\b)"
# ... nor a function word ("What support for States ...?" asks about support): "which South-East Asian countries"
_MODIFIER = _NOT_AUX + r"(?!(?:" + "|".join(sorted(FUNCTION_WORDS)) + r")\b)[\w-]+\s+"


def _which(nouns: str) -> re.Pattern:
    """"What/which [exact] <noun>", "which Kenyan city hosted ...": a question that asks for this grain of date or
    place. Another word or two may come between when the noun is then a plain lower-case noun that the verb or a
    preposition follows: not "What International Day ...", "which five year plan", "which town halls"."""
    between = rf"{_NOT_AUX}[\w-]+\s+(?:{_MODIFIER})?(?=(?-i:{nouns})\b{_AFTER_GRAIN})"
    return re.compile(rf"\b(?:what|which)\s+(?:(?:exact|specific|precise)\s+|{between})?(?:{nouns})\b", re.I)


_DAY_Q = _which("dates?|days?")
# a date asked as a noun asks for a day when it is exact ("Do we know the exact dates ...?"): "Is there a date for
# the launch?" is answered by "April 2018"
_EXACT_DATE = re.compile(r"\b(?:exact|precise|specific|actual)\s+(?:dates?|days?)\b", re.I)
_QUANTITY_Q = re.compile(r"\b(how many|how much|number of|what number|total|percentage|per cent|amount|how large|"
                         r"what share|what proportion|what fraction|"
                         r"how big|size of|count)\b", re.I)
_WHEN_Q = re.compile(r"\b(when|since when|until when)\b|" + _which("dates?|years?|months?|days?").pattern, re.I)
_WHERE_Q = re.compile(r"\b(where|in which country|which country|location)\b|" +
                      _which("city|cities|towns?|venues?|locations?").pattern, re.I)
# "which countries", "what States", "who": the answer is one or more names. One word may come between ("which twelve
# countries"), but not an auxiliary: "What did donors contribute?" asks what, of donors; or up to three, the later ones
# not function words ("which four West African States", not "what support for States").
_NAME_NOUNS = (r"(?:countries|states|nations|jurisdictions|regions|organi[sz]ations|partners|bodies|agencies|"
               r"institutions|governments|donors)\b")
_BETWEEN = rf"(?:{_NOT_AUX}[\w-]+\s+(?:{_MODIFIER}){{0,2}})?"
_NAMES_Q = re.compile(r"\b(?:which|what)\s+" + _BETWEEN + _NAME_NOUNS + r"|^\s*(?-i:[Ww]ho)\b|\bby whom\b", re.I)

_LEADING_NAMES_Q = re.compile(r"^\s*(?:(?:from|in|by|to|for|with)\s+)?(?:which|what)\s+" + _BETWEEN + _NAME_NOUNS,
                              re.I)

NUM_WORD = (r"(?:(?<![/\d.,])(?:\d[\d,.]*\d|\d)(?: (?:million|billion|thousand))?|(?:one|two|three|four|five|six|seven|"
            r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
            r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)(?:-\w+)?)")
# (a day range is a date, not a count: "from 5 to 7 June")
_COUNT = re.compile(rf"\b{NUM_WORD}\s+(?!(?:{_MONTHS})\b)(?!(?:to|and)\s+\d{{1,2}}\s+(?:{_MONTHS})\b)[A-Za-z$]|\$\s?\d",
                    re.I)
# "in Vienna", "In Cambodia, ...", "at the twenty-sixth session of the Commission" (an event is where things happen)
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# "in January" is a time and "in Arabic" a language, not a place
_LANGUAGES = "Arabic|Chinese|English|French|Russian|Spanish|Portuguese|German|Italian|Japanese|Korean|Hindi|Persian|Turkish"
_PLACE = re.compile(rf"\b(?:[Ii]n|[Aa]t) (?:the )?(?!(?:{_MONTHS}|{_LANGUAGES})\b)[A-Z][a-z]+|"
                    r"\b[Aa]t the (?:[\w\-]+ ){0,3}(?:session|meeting|conference|headquarters|summit|forum|congress)\b|"
                    # a UN report's bracketed venue and date after an event: "(Beijing, 10–15 September 2017)"
                    rf"\((?!(?:{_MONTHS}|{_WEEKDAYS})\b)[A-Z][\w’'\-]*(?: (?:of )?[A-Z][\w’'\-]*)*, \d{{1,2}}\b")
# Two or more capitalised names in a comma/"and" list: "from Tunisia, Egypt, Libya and the Sudan"
_NAME = r"(?:the\s+)?[A-Z][\w’'\-]+(?:\s+(?:of\s+|and\s+)?[A-Z][\w’'\-]+)*"
_NAME_LIST = re.compile(rf"{_NAME}(?:,\s+{_NAME})+,?\s+and\s+{_NAME}|{_NAME}\s+and\s+{_NAME}")
_BY_NAME = re.compile(r"\bby\s+(?:the\s+)?[A-Z]")
# three or more names in one enumeration: "from Australia, Austria, Brazil, ... and Viet Nam"
_LONG_LIST = re.compile(rf"{_NAME}(?:,\s+{_NAME}){{2,}},?\s+and\s+{_NAME}")
# A sentence whose subject points back: "It brought together ...", "They ...", "Those steps ...", "Such ..."
_PRONOUN_START = starts_with(PRONOUNS + DETERMINERS_BACK)
# "The workshop ...", "The interregional workshop ...", "The aim of the meeting ..."
_DEFINITE_START = re.compile(r"^the\s+([a-z][\w\-]*)(?:\s+of\s+the\s+([a-z][\w\-]*)|\s+([a-z][\w\-]*))?")


# "What is the full name of BENATOC?", "What does SHERLOC stand for?": the answer spells out an acronym
_DEFINITION_Q = re.compile(r"\b(full name|stand for|stands for|short for|acronym|abbreviation|spelled out|spelt out)\b",
                           re.I)
_CAPS = re.compile(r"\b[A-Z][A-Z0-9]{1,9}\b")


# "What is the StAR Initiative?", "What is SHERLOC?": a question about nothing but an acronym (perhaps followed by
# the kind of thing it names) is answered by the sentence that spells it out. Not "What was the UNODC budget?": a word
# after the acronym other than a kind of body or instrument is what is asked.
_WHAT_IS_ACRONYM = re.compile(r"^\s*[Ww]hat\s+(?:is|are|was|were)\s+(?:the\s+)?([A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*)"
                              r"(?:\s+(initiative|programme|program|project|network|portal|platform|database|"
                              r"convention|protocols?|mechanism|fund|partnership|strategy|tool|toolkit))?\s*\??\s*$",
                              re.I)
_LOWER_RUN = re.compile(r"[a-z]{3,}")
# a Latin-script name inside text in any script ("StAR" in "什么是StAR倡议"), where \b would not part it from the
# script around it
_NAME_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def _is_acronym(word: str) -> bool:
    """StAR, SHERLOC, E4J: two capitals or more and no run of three lower-case letters (not McDonald, not Vienna)."""
    return sum(c.isupper() for c in word) >= 2 and not _LOWER_RUN.search(word)


def defined_acronym(question: str) -> str | None:
    """The acronym a definition question asks to spell out, if it is one."""
    m = _WHAT_IS_ACRONYM.match(question)
    if m and _is_acronym(m.group(1)):
        return m.group(1)
    if _DEFINITION_Q.search(question):
        found = _CAPS.findall(question)
        return found[-1] if found else None
    # a question in another language: its own words for "what is" and "stands for", around the same name
    names = [w for w in _NAME_TOKEN.findall(question) if _is_acronym(w)]
    lang = detect(question) if names else None
    if lang is None or lang.english:
        return None
    return names[-1] if asks_what_is(question, lang.code, names[-1]) else None


# "What was the budget ...?", "How much did X spend/contribute?", "What is the total value of ...?": the answer is a sum
# of money
_AMOUNT_Q = re.compile(r"\b(budget|budgets|cost|costs|costed|spend|spent|spending|expenditure|funding|price|revenue|"
                       r"how much money|worth(?=\s+of\b)|(?<=total )value|(?<=monetary )value|(?<=dollar )value)\b|"
                       r"\bhow much\b.*\b(contribut\w*|donat\w*|pa(?:y|id)|fund\w*|raise\w*|allocat\w*|invest\w*|"
                       r"grant\w*|worth)\b", re.I)
MONEY = re.compile(r"(?:US\$|\$|€|£|\bUSD|\bEUR)\s?\d|\b\d[\d,.]*\s*(?:million|billion|thousand)?\s*"
                   r"(?:dollars|euros|pounds|USD|EUR)\b", re.I)


# a money word after these is the question's topic, not its measure: "What does the report recommend about funding?"
_TOPIC_BEFORE = re.compile(r"\b(?:about|regarding|concerning|on)\s+(?:(?:the|its|their|this|that)\s+)?$", re.I)


def _amount_asked(question: str) -> re.Match | None:
    """The words that make a question ask for a sum of money (none when it asks "how many")."""
    if re.search(r"\bhow many\b", question, re.I):
        return None
    return next((m for m in _AMOUNT_Q.finditer(question)
                 if not _TOPIC_BEFORE.search(question[max(0, m.start() - 40):m.start()])), None)


def asked_measure(question: str) -> str | None:
    """What an amount question asks a sum of, as the question words it ("budget", "spend", "contribute"); None for
    "how much money" and other questions."""
    m = _amount_asked(question)
    if m is None:
        return None
    word = m.group(1) or m.group(2)
    return None if not word or word.lower() == "how much money" else word


_MONTH_Q = _which("months?")
MONTH = re.compile(rf"\b(?:{_MONTHS}|{_MONTHS_SHORT})(?!\w)")


def asks_month(question: str) -> bool:
    """The question asks for a month, which a year alone does not give ("In which month was it held?")."""
    return bool(_MONTH_Q.search(question)) or _asks_in_its_language("month", question)


# the share must be what is asked ("By what percentage ...?"), not a figure the question states ("... by 10 per cent")
_SHARE_Q = re.compile(r"\b(?:what|which|by\s+what|by\s+how\s+much|how\s+large\s+a)\s+(?:percentage|per\s*cent|percent|"
                      r"share|proportion|fraction)\b|\bhow\s+many\s+per\s*cent\b", re.I)
SHARE = re.compile(r"\d\s*%|\bper\s*cent\b|\bpercent\b|\b(?:half|thirds?|quarters?)\s+of\b(?!\s+(?:19|20)\d\d)", re.I)


def asks_share(question: str) -> bool:
    """The question asks for a share ("By what percentage ...?"), which a count alone does not give."""
    return bool(_SHARE_Q.search(question)) or _asks_in_its_language("share", question)


# a figure for each part of a whole: "split by region", "broken down by country", "how much did each give", "how many
# were officials versus civil society" (not "compared with last year": a change, which asks_share reads)
_BREAKDOWN_Q = re.compile(r"\b(?:split(?:\s+up)?\s+(?:of|by|between|among|across)|broken\s+down|break\s*-?\s*down\s+(?:by|of)|"
                          r"breakdown|disaggregated|distribution\s+(?:by|across|among)|by\s+(?:gender|sex|age|region|"
                          r"country|nationality)\s*(?:[?,.;:]|$|and\b|or\b)|(?:did|does|do|was|were|is|are)\s+each\b|"
                          r"versus|vs\.)", re.I)
# a split of people or money by a trait is figures by nature, whatever the question's grammar: "What was the gender
# split of the participants?", "Is there a regional breakdown?"
_TRAIT_SPLIT = re.compile(r"\b(?:gender|sex|age|regional|geographic(?:al)?|country|national)\s+(?:split|breakdown|"
                          r"distribution)\b", re.I)  # not "gender balance", a policy aim


def asks_breakdown(question: str) -> bool:
    """The question asks for a figure for each part of a whole, which one total does not give: a how-many or how-much
    question, or one about a total it states ("How were the 1,600 officials split by region?"); not "What was the role
    of UNODC versus UNDP?"."""
    if _TRAIT_SPLIT.search(question):
        return True
    if not (_BREAKDOWN_Q.search(question) or _asks_in_its_language("breakdown", question)):
        return False
    return question_kind(question) in ("quantity", "amount") or bool(figures(question))


def figures(text: str, besides: str = "") -> set[str]:
    """The figures of a text that are neither years nor figures `besides` states ("Of the 735 people ...")."""
    # a year is written without a thousands comma: "2,000 participants" is a figure
    years = {n for n in all_numbers(text) if re.fullmatch(r"(?:19|20)\d\d", n) and re.search(rf"(?<![\d,.]){n}\b", text)}
    return all_numbers(text) - years - all_numbers(besides)


# one word may come between ("Which twelve countries"), but not "Which United Nations entities" or "What did States
# report"
_COUNTRIES_Q = re.compile(rf"\b(?:which|what)\s+(?!united\b){_BETWEEN}(?:countries|states|nations|governments)\b",
                          re.I)


def asks_countries(question: str) -> bool:
    """The question asks which countries ("Which twelve countries ...?"), which only country names answer: not "12
    States and Kosovo", not "countries in West and Central Asia"."""
    return bool(_COUNTRIES_Q.search(question)) or _asks_in_its_language("countries", question)


def countries_asked(question: str) -> int | None:
    """How many countries a which-countries question asks for, when it says ("Which four countries ...?" -> 4)."""
    m = _COUNTRIES_Q.search(question)
    words = [w for w in m.group(0).split()[1:-1] if re.fullmatch(r"\d+|[A-Za-z]+", w)] if m else []  # not "G-20"
    n = set().union(*map(all_numbers, words))
    return int(min(n, key=int)) if len(n) == 1 else None


def _asks_in_its_language(grain: str, question: str) -> bool:
    lang = detect(question)
    return not lang.english and asks_for(grain, question, lang.code)


_CITY_Q = _which("city|cities|towns?")
# "Where in Croatia ...?", "Whereabouts in Kenya ...?": somewhere inside a country the question names ("Where in Latin
# America ...?" asks for a country, which the region's sentences give)
_WHERE_IN = re.compile(r"\bwhere(?:abouts)?\s+in\s+((?:[\w’'\-]+\s*){1,7})", re.I)


def _names_country_first(text: str) -> bool:
    """The words begin with a country's name ("Côte d’Ivoire was ...", "the former Yugoslav Republic of ...")."""
    found = countries_in(text)
    return any(re.match(rf"\s*(?:the\s+)?{re.escape(name)}", text, re.I) for name in found.values())


def asks_city(question: str) -> bool:
    """The question asks for a city ("In which city was the workshop held?"), which a country does not give."""
    return bool(_CITY_Q.search(question)) or asked_noun(question) in ("city", "town") or \
        any(_names_country_first(m.group(1)) for m in _WHERE_IN.finditer(question)) \
        or _asks_in_its_language("city", question)


# the place a sentence puts something in: "held in Vienna", "In Dakar, ...", "in the Islamic Republic of Iran"
_PLACE_NAME = re.compile(r"\b(?:[Ii]n|[Aa]t)\s+(?:the\s+)?([A-Z][\w’'\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'\-]*)*)")


def names_a_city(sentence: str) -> bool:
    """The sentence names a capital, or puts something in a place that is not a country, a continent or a month
    ("held in Vienna", not "held in Senegal"): what a "which city" question asks for."""
    if capital_countries(sentence):
        return True
    for m in _PLACE_NAME.finditer(sentence):
        place = m.group(1)
        # "in" inside a capitalised name is not a place: "Trafficking in Persons", "Cooperation in Criminal Matters"
        inside_a_name = re.search(r"[A-Z][\w’'\-]*\s+$", sentence[:m.start()]) and m.group(0)[0] == "i"
        if not (inside_a_name or countries_in(place) or continents_in(place) or MONTH.match(place)):
            return True
    return False


def asks_day(question: str) -> bool:
    """The question asks for a day, not a year ("On which dates ...?", "What day ...?")."""
    noun = asked_noun(question)
    return bool(_DAY_Q.search(question)) or noun in ("day", "days") or \
        (noun in ("date", "dates") and bool(_EXACT_DATE.search(question))) or _asks_in_its_language("day", question)


# "What did the Security Council adopt ...?": the words after the auxiliary that may be the asked verb
_AUX_Q = re.compile(r"\b(?:what|which\s+[\w’'-]+|how\s+(?:often|many\s+[\w’'-]+|much)|when|where|who)\s+"
                    r"(?:did|does|do|will|would|has|have|had)\s+(.+)$", re.I)


def verb_candidates(question: str) -> list[str]:
    """In "What did <subject> <verb> ...?" (or "how often/when/where ... did"), the words that may be the verb, in
    order: not capitalised, not a function word, and followed by a function word or the end ("adopt after", "agree
    on"). Which one is a verb the caller decides from the report (a verb occurs there inflected: "adopted")."""
    m = _AUX_Q.search(question.strip().rstrip("?"))
    return _verbs_in(m.group(1)) if m else []


def _verbs_in(clause: str) -> list[str]:
    """verb_candidates of the words after the auxiliary."""
    words = re.findall(r"[A-Za-z][\w’'-]*", clause)
    out = []
    for i, w in enumerate(words[1:], 1):
        following = words[i + 1].lower() if i + 1 < len(words) else None
        if w[0].isupper() or w.lower() in FUNCTION_WORDS or w.lower() in LIGHT_VERBS or \
                words[i - 1].lower() in BEFORE_NOUNS:
            continue  # "with the request", "take place": a noun
        if following is None or following in FUNCTION_WORDS:
            out.append(w.lower())
    return out


def past_forms(verb: str) -> set[str]:
    """The spellings a verb's past tense may take: agree -> agreed, adopt -> adopted, identify -> identified,
    plan -> planned (regular verbs only)."""
    out = {verb + "d" if verb.endswith("e") else verb + "ed"}
    if len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        out.add(verb[:-1] + "ied")
    if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        out.add(verb + verb[-1] + "ed")
    return out


# "Did the parliament pass ...?", "Was the plan adopted?", "Has the guide been revised?": whether something was done
_DONE_Q = re.compile(r"^(?:did|was|were|has|have|had)\s+(.+)$", re.I)
# "... when it was launched": an event a subordinate clause takes as past (not any passive: "How many officials were
# trained?" asks a count, and a plan for more says nothing against it)
_PASSIVE_PAST = re.compile(r"\b(?:when|after|since|once|before|until)\s+(?:\S+\s+){0,4}?(?:was|were|had\s+been)\s+"
                           r"([a-z]+ed)\b", re.I)
# how a text reports something intended rather than done, said of it (predicative): "amendments were proposed",
# "with the objective of drafting", "is to be launched", "will be held", "plans to". Not a word that only
# describes something ("the draft law", "as planned", "the planned targets"): that says nothing of the outcome asked.
_INTENDED = re.compile(r"\b(?:(?:is|are|was|were|be|been|being)\s+proposed|drafting|(?:to|will)\s+be\s+[a-z]+(?:ed|en)\b|"
                       r"plans?\s+to|(?:is|are|was|were)\s+(?:expected|scheduled|intended)\s+to|"
                       # not finished yet: "is working on a new edition", "is finalizing", "under preparation" (not "is
                       # being implemented" or "under way": said of a thing already adopted or started)
                       r"(?:is|are)\s+(?:working\s+on|finali[sz]ing)|under\s+(?:preparation|development)|"
                       # still on the way: "worked on the development of", "towards the establishment of", "their
                       # initiative to establish", "efforts to set up"
                       r"work(?:ed|ing|s)?\s+on\s+(?:the\s+)?(?:development|drafting|preparation|design)\s+of|"
                       r"towards\s+(?:the\s+)?(?:establishment|creation|adoption|development|launch)\s+of|"
                       r"(?:initiative|efforts?|plans?|proposals?|intention|bid)\s+to\s+(?:establish|create|set\s+up|"
                       r"develop|launch|adopt|build))", re.I)
_PROSPECTIVE = r"(?:to|will)\s+be\s+"
_CLAUSE_BREAK = re.compile(r"[?;]\s*|,\s*(?:and\s+)?|\s(?=(?:Did|Was|Were|Has|Have|Had)\s)")


# a comparison with a second thing ("more States than ...", "more A, or more B"), not a figure ("more than 50
# States") nor a word that only describes ("higher education", "more countries")
_COMPARATIVE = "(?:" + "|".join(COMPARATIVES) + ")"
_COMPARES = re.compile(r"\b" + _COMPARATIVE + r"\b(?=.*?\b(?:than|or\s+" + _COMPARATIVE + r")\b)(?!\s+"
                       + THAN_FIGURE.pattern + ")", re.I)


def reported_as_intended(question: str, texts: Sequence[str], paragraph: str = "") -> bool:
    """The question asks whether something was done, or takes an event as past, and these sentences report it only as
    intended: "Did the parliament pass the amendments?" against "amendments ... were proposed"; "How many judges
    joined when the network was launched?" against "the network is to be launched" (said anywhere in the sentences'
    `paragraph`: the event a paragraph calls future has not happened in it). A past form of the question's verb in the
    sentences ("adopted") says it was done."""
    text = " ".join(t for t in texts if t)
    q = (question or "").strip().rstrip("?")
    # the yes/no question may be one clause of several ("Was the plan adopted, and by which countries?")
    # ... and one comparing ("Did A reach more people than B?") asks how much, not whether
    asked = [] if _COMPARES.search(q) else [m for m in map(_DONE_Q.match, _CLAUSE_BREAK.split(q)) if m]
    if asked:
        verbs = [v for m in asked for v in _asked_verbs(m)]
        return bool(verbs) and bool(_INTENDED.search(text)) and not any(_done(v, text) for v in verbs)
    scope = f"{text} {paragraph or ''}"
    if any(re.search(rf"\b{_PROSPECTIVE}{v}\b", scope, re.I) and not _done(v, scope)
           for v in (m.group(1).lower() for m in _PASSIVE_PAST.finditer(q))):
        return True
    return _outcome_of_a_future_event(q, scope)


# "What came of the fourth session?", "What was the outcome of the review?", "What happened at the summit?"
_OUTCOME_Q = re.compile(r"^(?:what\s+(?:came|has\s+come)\s+of|what\s+(?:was|were|is|are)\s+the\s+(?:\w+\s+)?"
                        r"(?:outcomes?|results?|conclusions?|upshot|findings?)\s+of|what\s+(?:happened|resulted)\s+"
                        r"(?:at|from|with|in))\s+(.+)$", re.I)
# "its fourth meeting is to be held ...", "the summit will take place ...": a clause that puts its subject's happening
# ahead (not "the directory will be expanded": something that exists, to be changed)
_FUTURE_CLAUSE = re.compile(r"([^.;]*?)\b(?:(?:is|are)\s+to|will|(?:is|are)\s+(?:scheduled|planned|expected)\s+to)\s+"
                            r"(?:be\s+(?:held|convened|organi[sz]ed|hosted|launched|opened|published|released|"
                            r"adopted|established|conducted|completed)|take\s+place|start|begin|open|meet|convene)\b",
                            re.I)
# the words for a meeting, which a reader and a report use for the same one ("the fourth session" is "its fourth
# meeting"); app/abstain.py reads a series' first one and a clause referring back to one with them too
GATHERING_NOUNS = ("meeting", "session", "conference", "summit", "forum", "workshop", "seminar", "congress")
_GATHERINGS = frozenset(stem(w) for w in (*GATHERING_NOUNS, "gathering", "consultation", "hearing"))
_EVENT_END = re.compile(r",|\b(?:which|that|who|of|on|in|at|for|with|about|from|by|to|held|slated|planned)\b", re.I)


def _outcome_of_a_future_event(question: str, scope: str) -> bool:
    """The question asks what came of an event, and the text puts that event ahead ("What came of the fourth
    session?" against "its fourth meeting is to be held in April 2018"): the future clause's subject is the event,
    named by its head noun (or another word for a meeting) and by its ordinal when the question gives one."""
    m = _OUTCOME_Q.match(question.strip())
    if not m:
        return False
    event = _EVENT_END.split(m.group(1))[0]
    words = re.findall(r"[A-Za-z][\w’'\-]*", event)
    if not words:
        return False
    head, asked = stem(words[-1]), ordinals(event)
    for clause in _FUTURE_CLAUSE.finditer(scope):
        subject = clause.group(1).split(",")[-1]
        nouns = {stem(w) for w in re.findall(r"[A-Za-z][\w’'\-]*", subject)}
        same = head in nouns or (head in _GATHERINGS and nouns & _GATHERINGS)
        if same and (asked & ordinals(subject) if asked else not ordinals(subject)):
            return True
    return False


_AFTER_NOUN = frozenset("concerned involved affected interested related".split())  # "the ministry concerned"


def _asked_verbs(done_q: re.Match) -> list[str]:
    """The verbs a yes/no clause asks were done. After "was/were" the last participle is the predicate, and one before
    it describes the subject: "Were the amendments proposed during the mission passed?" asks about "passed"."""
    verbs = [v for v in _verbs_in(done_q.group(1)) if v not in _AFTER_NOUN]
    participles = [v for v in verbs if v.endswith("ed")]
    if done_q.group(0)[:3].lower() in ("was", "wer") and len(participles) > 1:
        return [v for v in verbs if v not in participles[:-1]]
    return verbs


# "How many of the 735 people reached were from civil society?", "Of the drugs seized, how many tons were cocaine?": a
# part of a whole; what follows the verb says which part
_PART_OF = re.compile(r"\bhow\s+many\s+of\s+(?:the|those|these|them|its|their|all)\b[^?]*?\s(?:were|are|was|is|came|come)\s+"
                      r"(?P<part>[^?]+)|(?:^|[.:;]\s*)(?:and\s+)?of\s+(?:the|those|these|all)\b[^?,]*,\s*how\s+many(?:\s+[\w-]+)?\s+"
                      r"(?:were|are|was|is|came|come)\s+(?P<part2>[^?]+)", re.I)
# a number with the words just before it (no comma between) and just after it: what it counts ("implemented 30 of the
# recommendations", "49 Kalashnikov-type assault rifles"); a lookahead, so that "500 victims included 120 children"
# reads both numbers
_COUNT_THEN = re.compile(rf"(?=((?:[^\s,;:()]+\s+){{0,2}})\b{NUM_WORD}\s+((?:[^\s,;:()]+\s+){{0,3}}[^\s,;:()]+))", re.I)


def asked_part(question: str) -> set[str]:
    """The stems naming the part a "how many of the X were Y?" question asks about (of Y), or the names of the
    countries it names there (lower case, whole); empty for any other question."""
    m = _PART_OF.search(question or "")
    if not m:
        return set()
    part = m.group("part") or m.group("part2") or ""
    named = countries_in(part)
    if named:  # "were from the United States": the country, named whole, not "10 States"
        return {name.lower() for name in named.values()}
    return {stem(w) for w in re.findall(r"[A-Za-z][\w-]*", part) if w.lower() not in FUNCTION_WORDS and len(w) > 2}


def counts_part(part: set[str], text: str) -> bool:
    """A number in the text has a word of the part within four words after it or two before it, with no comma
    between ("49 Kalashnikov-type assault rifles", "convicted 40 of them"): a count of the part, not only of the whole
    ("735 practitioners, ... and civil society representatives")."""
    for m in _COUNT_THEN.finditer(text):
        near = re.findall(r"[A-Za-z][\w-]*", m.group(1) + " " + m.group(2))
        words = {stem(w) for w in near} | {stem(p) for w in near for p in w.split("-") if p}
        phrase = " ".join(near).lower()
        if words & part or any(f" {p} " in f" {phrase} " for p in part):
            return True
    return False


def _done(verb: str, text: str) -> bool:
    """A past form of the verb occurs in the text, other than as "to be <verb>ed" / "will be <verb>ed"."""
    verb = verb.lower()
    base = verb[:-3] if verb.endswith("ing") else verb
    forms = {verb} if verb.endswith("ed") else past_forms(base) | set(IRREGULAR_PAST.get(base, "").split())
    for form in forms:
        for m in re.finditer(rf"\b{re.escape(form)}\b", text, re.I):
            if not re.search(rf"{_PROSPECTIVE}$", text[max(0, m.start() - 12):m.start()], re.I):
                return True
    return False


# The asked type as a noun the question asks for: "What was the exact date of ...?", "Is there a figure for ...?",
# "Do we know the venue?", "Can you tell me the dates ...?", "Any attendance number for ...?". General English
# question frames and the nouns that name an answer type, nothing of one report.
_KIND_NOUNS = {"date": frozenset("date dates day days timing timeframe timeline deadline".split()),
               "quantity": frozenset("number numbers figure figures count headcount tally turnout attendance".split()),
               "place": frozenset("venue venues location locations city town site whereabouts".split())}
_NOUN_ASKED = re.compile(
    r"(?:(?P<frame>(?:what|which)\s+(?:is|was|were|are)|"
    r"(?:do|does|did)\s+(?:we|you|they|it|the\s+report|the\s+document)\s+"
    r"(?:know|have|give|say|mention|state|report|list|provide|include|record)|(?:is|are|was|were)\s+there|"
    r"(?:can|could|would)\s+you\s+(?:please\s+)?(?:give|tell|provide|share|list|find|confirm)(?:\s+(?:me|us))?|"
    r"(?:please\s+)?(?:tell|give)\s+(?:me|us)|any)\s+)?"
    r"(?:(?:the|a|an|any|its|their|exact|precise|specific|actual|approximate|rough|official|overall)\s+){0,3}"
    # a number that names rather than counts is not asked for: "the resolution number", "the document number"
    r"(?:(?!(?:resolution|document|decision|case|article|paragraph|page|reference|file|serial|phone|telephone|fax|"
    r"account|registration|project|version|edition|symbol|model|contact|key|leading|public|prominent)\s)"
    r"[a-z][\w-]*\s+)?(?P<noun>" + "|".join(sorted(w for ws in _KIND_NOUNS.values() for w in ws)) + r")\b"
    # ... ending its noun phrase: not "the attendance policy", "the date format"
    r"(?=\s*[?,.;:]|\s*$|\s+(?:the|that|which|when|on|at|of|for|from|to|in|by|with|it|they|was|were|is|are|given|"
    r"recorded|reported|set|available|known|and|about)\b)", re.I)


_OF_WHAT = re.compile(r"\s+(?:of|for)\b")


def asked_noun(question: str) -> str | None:
    """The answer-type noun a question asks for in a frame without a wh-word ("Is there a date for ...?" -> date),
    or with none, as a search box is typed ("date of the colloquium in botswana", "release date for the new
    edition"): then "of" or "for" must follow it."""
    q = question.strip()
    m = _NOUN_ASKED.match(q)
    if m is None or not (m.group("frame") or _OF_WHAT.match(q, m.end())):
        return None
    return m.group("noun").lower()


# "where" and "when" count too: "Where did they meet when the tool was shown?" asks where
_EARLIER_WH = re.compile(r"\b(?:what|which|who|whom|whose|how|why|where|when)\b", re.I)
_THEN_AUX = re.compile(r"\s*(?:" + "|".join(AUXILIARIES) + r")\b|\s*[?.]?\s*$", re.I)


def _asked(pattern: re.Pattern, question: str) -> bool:
    """The pattern's question word is asked, not a subordinate conjunction: "What did they agree on when they met?"
    asks what, not when. It is asked when no other question word comes before it, when it follows "and"/"or", or when
    an auxiliary or the end follows it ("The programme which trains judges: when did it start?")."""
    for m in pattern.finditer(question):
        before = question[max(0, m.start() - 200):m.start()]  # a window: a 2,000-character question stays linear
        if not _EARLIER_WH.search(before) or re.search(r"(?:\band|\bor)\s*$", before, re.I) or \
                _THEN_AUX.match(question, m.end()):
            return True
    return False


def question_kind(question: str) -> str:
    if defined_acronym(question):
        return "definition"
    if _amount_asked(question):
        return "amount"
    if _NAMES_Q.match(question.strip()) or _LEADING_NAMES_Q.match(question):
        return "names"  # "Which States had the largest number of users?" asks for names, not the number
    if _QUANTITY_Q.search(question):
        return "quantity"
    if _asked(_WHEN_Q, question):
        return "date"
    if _asked(_WHERE_Q, question):
        return "place"
    if _NAMES_Q.search(question):
        return "names"
    noun = asked_noun(question)
    if noun:
        return next(kind for kind, words in _KIND_NOUNS.items() if noun in words)
    # a question in another UN language: the same answer types, read from its own question words
    lang = detect(question)
    return "other" if lang.english else asked_kind(question, lang.code)


_COUNT_STOP = frozenset("""of the a an and or in on at to by for from with were was are is did do does have has had
will would could can been be that which who there their its it this these those per""".split())


# the copula of a how-many question whose complement is what it counts ("are parties", "have now become members",
# "are currently States parties"), and the words ending in -s that are no plural noun after it ("are always ...")
_ADVERB = r"(?:now|already|still|also|so\s+far|[a-z]+ly)"
_ASKED_COPULA = rf"(?:are|were|(?:have|has|had)(?:\s+{_ADVERB})?\s+become|became|become)(?:\s+{_ADVERB})?"
_NO_NOUNS = frozenset("always sometimes perhaps thus nevertheless besides towards afterwards various".split())


def counted_noun(question: str) -> str | None:
    """The stem of what a how-many question counts: the head noun of the phrase after "how many" ("How many hidden
    drug production sites were ..." -> "site", "How many States ..." -> "state")."""
    word = counted_word(question)
    return stem(word) if word else None


def counted_word(question: str) -> str | None:
    """counted_noun as the question writes it ("sites"): what is embedded to match it by meaning."""
    # a possessor is not what is counted: "how many of the portal's users" counts users
    question = re.sub(r"\b[A-Za-z][\w-]*[’']s\s+", "", question)
    m = re.search(r"\b(?:how many|number of)\s+(?:of\s+the\s+)?([A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,4})",
                  question, re.I)
    if not m:
        return None
    head, end = [], m.start(1)
    spans = list(re.finditer(r"\S+", m.group(1)))
    words = [w.group(0) for w in spans]
    for i, w in enumerate(words):
        if w.lower() in ("and", "or") and head and not _plural(head[-1]):
            continue  # "justice and police officials": modifiers joined, and the noun they share comes after
        if w.lower() in _COUNT_STOP or (head and w.lower().endswith("ed")):  # a verb ends the noun phrase
            break
        head.append(w)
        end = m.start(1) + spans[i].end()
        # what is counted is plural: "countries got help" and "people use it" end there, "firearms practitioners"
        # goes on to the next plural
        if _plural(w) and not (i + 1 < len(words) and _plural(words[i + 1])):
            break
    if not head:
        return None
    # "How many countries are parties to X?" counts parties, the countries that are: a count of countries that
    # attended a meeting of X's parties does not answer it
    complement = re.match(rf"\s+{_ASKED_COPULA}\s+((?:[A-Za-z][\w\-]*\s*){{1,3}})", question[end:])
    nouns = []
    for w in complement.group(1).split() if complement else ():
        if not _plural(w) or w.lower() in _NO_NOUNS:
            break
        nouns.append(w)  # "States parties": the last plural is the noun
    return (nouns or head)[-1].lower()


def counted_phrase(question: str) -> str | None:
    """counted_word with the "of" phrase that completes it ("members of parliament", "pieces of legislation"): what
    is compared by meaning with the nouns a sentence counts ("parliamentarians")."""
    word = counted_word(question)
    if not word:
        return None
    m = re.search(rf"\b{re.escape(word)}\s+of\s+(?:the\s+)?([A-Za-z][\w\-]*)", question, re.I)
    return f"{word} of {m.group(1).lower()}" if m and m.group(1).lower() not in _COUNT_STOP else word


_PLURAL_NOUNS = frozenset("people children women men staff personnel police youth media data aircraft cattle livestock "
                          "sheep fish".split())


def _plural(word: str) -> bool:
    w = word.lower()
    return w in _PLURAL_NOUNS or (len(w) > 3 and spelled_plural(w))


_PHRASE_END = frozenset("was were is are has have had will would be been by in on at from to for with which that of".split())
# "189 States had become parties", "12 countries are members": a copula carries the count over to its complement
_COPULA = re.compile(r"^(?:(?:had|have|has)\s+become|became|become|are|were)\s+([\w’'\-]+)", re.I)


def counts(sentence: str, noun_stem: str) -> bool:
    """A number followed (within six words) by the counted noun: "189 States", "Sixty-eight European Union and
    non-European Union countries"."""
    # a lookahead so that overlapping candidates ("2018, 189 States") are all tried; no crossing of a clause break
    for m in re.finditer(rf"(?=\b{NUM_WORD}\s+((?:[\w’'\-]+\s+){{0,5}})([\w’'\-]+))", sentence, re.I):
        window = (m.group(1) + m.group(2)).split()
        words_after = []
        for j, w in enumerate(window):
            if w.lower() in _PHRASE_END:  # "2018 was adopted by States" is not a count of States
                # ... but "189 States had become parties" counts parties: a copula carries the count over
                cop = _COPULA.match(" ".join(window[j:]))
                if words_after and cop and stem(cop.group(1)) == noun_stem:
                    return True
                break
            words_after.append(w)
        # a singular before a plural noun modifies it: "two expert group meetings" counts meetings, not experts
        if any(stem(w) == noun_stem and (_plural(w) or not any(_plural(v) for v in words_after[i + 1:]))
               for i, w in enumerate(words_after)):
            return True
    return False


def _counted_phrases(sentence: str) -> list[list[str]]:
    out = []
    for m in re.finditer(rf"(?=\b{NUM_WORD}\s+((?:[\w’'\-]+\s+){{0,3}})([\w’'\-]+))", sentence, re.I):
        phrase = []
        for w in (m.group(1) + m.group(2)).split():
            if w.lower() in _PHRASE_END or w.isdigit():
                break
            phrase.append(w)
        out.append(phrase)
    return out


def counted_words(sentence: str) -> list[str]:
    """The words a number counts in this sentence, up to the end of its noun phrase ("189 States parties" -> States,
    parties; "grants totalling $403,447" counts nothing)."""
    return [w for phrase in _counted_phrases(sentence) for w in phrase]


_IRREGULAR_PARTICIPLES = frozenset("led held made taken given run set sent met built seen known brought".split())


def counted_heads(sentence: str) -> list[str]:
    """The head noun of each counted phrase: its last word before "and"/"or" or a participle ("a five-day
    cross-border police operation led to ..." -> operation, "20 clandestine laboratories and ..." -> laboratories,
    "2,000 participants representing ..." -> participants, "200 staff trained" -> staff). A modifier is not what is
    counted: "police" in "police operation" must not stand for "arrests"."""
    heads = []
    for phrase in _counted_phrases(sentence):
        words = []
        for w in phrase:
            low = w.lower()
            if low in ("and", "or", "than", "more", "less"):
                break
            if words and not words[-1].lower().endswith("ly") and (
                    low.endswith("ed") or low in _IRREGULAR_PARTICIPLES
                    or (low.endswith("ing") and words[-1].lower().endswith("s"))):
                # a participle after the noun ends its phrase: "200 staff trained", "an operation led to ...",
                # "2,000 participants representing ..."; not one before it ("tracing requests", "newly trained")
                break
            words.append(w)
        if words:
            heads.append(words[-1])
    return heads


# "333 prosecutors, judges, law enforcement officials and INTERPOL officers": the number counts each of them together
_COUNTED_LIST = re.compile(rf"\b{NUM_WORD}\s+((?:[\w’'\-]+,?\s+){{1,14}}?)(?=[;:(]|from\b|in\b|of\b|who\b|which\b|"
                           r"at\b|on\b|to\b|with\b|were\b|was\b|$)", re.I)


_NOT_A_MEMBER = frozenset("including such notably especially mainly mostly among of with".split())


def listed_heads(sentence: str) -> list[str]:
    """The nouns after the first of a counted list, which the number counts only as a whole: "people" asked is
    answered by it, "INTERPOL officers" asked is not (that is a part). The list ends at "including ..." or another
    number: "130 firearms, including 49 rifles, and several rounds" lists nothing."""
    out = []
    for m in _COUNTED_LIST.finditer(sentence):
        items = []
        for item in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group(1).strip()):
            words = item.split()
            if not words or words[0].lower() in _NOT_A_MEMBER or any(w[0].isdigit() for w in words):
                break
            items.append(words)
        if len(items) >= 2 and all(_plural(i[-1]) for i in items):
            out += [i[-1] for i in items[1:]]
    return out


def type_match(kind: str, sentence: str, counted: str | None = None) -> float:
    """1.0 when the sentence carries what the question type asks for (0.5 for a bare number when a count of a
    specific noun is asked)."""
    if kind == "quantity":
        # a count is a number followed by what it counts: not a year, a date, or a resolution number ("8/2")
        if counted:
            return 1.0 if counts(sentence, counted) else (0.5 if _COUNT.search(sentence) else 0.0)
        return 1.0 if _COUNT.search(sentence) else 0.0
    if kind == "amount":
        return 1.0 if MONEY.search(sentence) else 0.0
    if kind == "definition":
        # `counted` holds the acronym: the sentence spells it out, or introduces it in brackets after its name
        # ... or names it as a title: "a programme entitled “CRIMJUST: strengthening criminal investigation ...”"
        return 1.0 if counted and (f"({counted})" in sentence or re.search(rf"(?<!\w){re.escape(counted)}:", sentence)
                                   or stem(counted) in acronyms(sentence)) else 0.0
    if kind == "date":
        return 1.0 if DATE.search(sentence) else 0.0
    if kind == "place":
        return 1.0 if _PLACE.search(sentence) else 0.0
    if kind == "names":
        return 1.0 if (_NAME_LIST.search(sentence) or _BY_NAME.search(sentence)) else 0.0
    return 0.0


_BRACKET = re.compile(r"\(([^()]{3,120})\)")


def bracket_of_another(kind: str, question: str, sentence: str) -> bool:
    """The sentence lists events each followed by its bracket ("the Annual Conference (Beijing, 10–15 September
    2017), the meeting of the subgroup (3–5 October 2017) and ..."), and the bracket after the event the question
    names gives no place (or date): the one the sentence gives is another event's."""
    events: list[list[str]] = []  # [what comes before the bracket, the bracket]
    start = 0
    for m in _BRACKET.finditer(sentence):
        before = sentence[start:m.start()]
        if events and not before.strip():
            events[-1][1] += m.group(0)  # "(OECD) (Republic of Korea, ...)": both follow one event
        else:
            events.append([before, m.group(0)])
        start = m.end()
    # only where the type is given in brackets and nowhere else: "(UNODC) and the World Health Organization (WHO)
    # held a meeting in Vienna" has acronym brackets and its place outside them
    if len(events) < 2 or not any(type_match(kind, b) for _, b in events) or \
            type_match(kind, _BRACKET.sub(" ", sentence)):
        return False
    asked = content_terms(question)
    shared = [len(asked & content_terms(before)) for before, _ in events]
    best = max(shared)
    if best == 0 or shared.count(best) > 1:
        return False  # no event, or no one event, is the asked one
    return not type_match(kind, events[shared.index(best)][1])


def only_listed(name: str, sentence: str) -> bool | None:
    """None when the sentence does not name it (as a phrase: "the United States" is not "the 10 States"); True when
    it names it only inside an enumeration of three or more names: a figure the sentence gives is then the group's
    ("$14 million received from Australia, Austria, ... Germany, ..."), not that name's."""
    phrase = r"\s+".join(map(re.escape, name.split()))
    hits = [m.start() for m in re.finditer(rf"(?<![\w’'-]){phrase}(?![\w-])", sentence, re.I)]
    if not hits:
        return None
    spans = [m.span() for m in _LONG_LIST.finditer(sentence)]
    return all(any(a <= h < b for a, b in spans) for h in hits)


def refers_back(sentence: str, previous: str | None) -> bool:
    """The sentence's subject needs the previous sentence: a pronoun, or "The workshop ..." after "A workshop ...",
    also after an opening phrase ("At the time of drafting, the list contained ...")."""
    if not previous:
        return False
    s = sentence.lstrip("“\"'( ")
    opening = _OPENING.match(s)
    return _subject_refers_back(s, previous) or bool(opening) and _subject_refers_back(s[opening.end():], previous)


# "At the time of drafting of the present report, ", "In 2017, ", "During the reporting period, ": a phrase opening with
# a preposition, up to the first comma
_OPENING = re.compile(r"^(?:%s)\b[^,.;]{1,100},\s+" % "|".join(p.capitalize() for p in (*MODIFIER_PREPOSITIONS, "as")))


# "It is therefore vital that ...", "it is also important to ...": an "it" that stands for the clause after it (not a
# participle: "It is expected to be launched" is said of something)
_EXPLETIVE_IT = re.compile(r"^it\s+(?:is|was|will\s+be|would\s+be)\s+(?:(?:also|therefore|thus|however|further|"
                           r"equally|particularly|[a-z]+ly)\s+)*(?![a-z]+(?:ed|en)\b)[a-z]+\s+(?:that|to)\b", re.I)


def _subject_refers_back(s: str, previous: str) -> bool:
    if _PRONOUN_START.match(s):
        return not _EXPLETIVE_IT.match(s)
    m = _DEFINITE_START.match(s[:1].lower() + s[1:])
    if m and s[4:5].islower():  # "The workshop", not "The Secretariat" (a name stands on its own)
        prev = {stem(w) for w in re.findall(r"[A-Za-z][\w\-]*", previous)}
        return any(g and g not in _PHRASE_END and g != "and" and stem(g) in prev for g in m.groups())
    return False


class Vocabulary:
    """Inverse document frequencies of content-word stems over a collection of paragraphs: distinctive question
    terms ("chaired", "aim", "Tunis") should weigh more than ones every paragraph shares ("Convention")."""

    def __init__(self, texts: Iterable[str], *, max_texts: int = 20000):
        sample = regular_sample(texts, max_texts)  # a large corpus: a regular sample is enough for weights
        df: dict[str, int] = {}
        for t in sample:
            for term in content_terms(t):
                df[term] = df.get(term, 0) + 1
        self.n = max(1, len(sample))
        self._idf = {t: math.log(1 + self.n / d) for t, d in df.items()}
        # a term the collection never uses is as distinctive as one used once (no more: it may be a paraphrase)
        self._unseen = math.log(1 + self.n)

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._unseen)

    def coverage(self, question_terms: set[str], terms: set[str]) -> float:
        total = sum(self.idf(t) for t in question_terms)
        return sum(self.idf(t) for t in question_terms & terms) / total if total else 0.0
