"""What a question in another UN official language asks for: the same answer types as English questions (a count,
a date, a place, names), read from its interrogative words.

Why: an English question's type ("how many" -> a sentence with a count) is one of the strongest signals for picking
the answering sentence (app/text/focus.py). A question in French, Spanish, Russian, Arabic or Chinese shares no words
with the English report, so its sentence was chosen on a cross-language cosine alone, and often a neighbour of the
sentence holding the fact was quoted. The answer types are language-independent in the English sentence (digits,
month names, "in Vienna"), so knowing what the question asks is enough to use them.

These are each language's question words, a closed grammatical class, never a report's vocabulary. Arabic and
Chinese attach or run words together, so their patterns avoid word boundaries where the script has none.
"""
from __future__ import annotations

import re

_I = re.I | re.U

# Per language, what makes a question ask for each answer type. Tried as app/text/focus.py's question_kind tries
# English: a sum of money first; names when the question opens with "which countries ..." (so "which States had the
# largest number of users" asks for names, not a number); then -- unlike English, which tries a count first -- a date,
# a count, a place, and names anywhere: some date questions are built on a number word ("какого числа" = on which
# day, "几月" = which month). Singular "which country" is a place, as in English.
KINDS = ("amount", "date", "quantity", "place", "names")
# Words of giving money: with "how much" they ask for a sum ("how much did Germany contribute"), as in English, where
# "how many projects were funded" still asks for a count. "How much" is told from "how many" where the language
# does (cuánto / cuántos; combien without "de"); Russian, Arabic and Chinese use one word for both.
_PAID = {
    "fr": re.compile(r"\bcontribu\w*|\bvers[ée]\w*|\bdon(?:s|né\w*)\b|\bfinanc\w*|\bpay[ée]\w*", _I),
    "es": re.compile(r"\bcontribu\w*|\baport\w*|\bdon\w*|\bfinanci\w*|\bpag\w*", _I),
    "ru": re.compile(r"\bвзнос\w*|\bпожертвова\w*|\bоплат\w*|\bуплат\w*|\bплат[её]ж\w*", _I),
    "ar": re.compile(r"تبرع|مساهم|دفع|تمويل"),
    "zh": re.compile(r"捐|出资|供资|支付|拨款"),
}
_HOW_MUCH = {
    "fr": re.compile(r"\bcombien\b(?!\s+d(?:e\b|['’]))", _I),
    "es": re.compile(r"\bcu[aá]nto\b", _I),
    "ru": re.compile(r"\bсколько\b", _I),
    "ar": re.compile(r"(?:^|\s)[وف]?كم(?:\s|$)|مقدار|مجموع"),
    "zh": re.compile(r"多少"),
}
PATTERNS: dict[str, dict[str, re.Pattern]] = {
    "fr": {
        "amount": re.compile(r"\bbudgets?\b|\bco[uû]t(?:s|é)?\b|\bdépens\w*|\bfinancement\b|\bmontant\b|"
                             r"\bcombien d['’]argent\b", _I),
        "date": re.compile(r"\bquand\b|\bquel(?:le)?s?\s+(?:\w+\s+){0,2}(?:date|année|annee|mois|jour)s?\b", _I),
        "quantity": re.compile(r"\bcombien\b|\bquel(?:le)?\s+(?:est\s+le\s+)?(?:nombre|total|pourcentage|part)\b|"
                               r"\bnombre\s+(?:de|d['’]|total)", _I),
        "place": re.compile(r"(?:^|\s)où\b|\bquel(?:le)?\s+(?:ville|pays|lieu|région)\b", _I),
        "names": re.compile(r"\bquel(?:le)?s\s+(?:\w+\s+)?(?:pays|États|etats|organisations|organismes|partenaires|"
                            r"institutions|entités|juridictions|régions)\b|^\s*qui\b|\b(?:par|à|pour) qui\b", _I),
    },
    "es": {
        "amount": re.compile(r"\bpresupuestos?\b|\bcost[oe]s?\b|\bgast\w*|\bfinanciación\b|\bmonto\b|"
                             r"\bcuánto dinero\b", _I),
        "date": re.compile(r"\bcu[aá]ndo\b|\bqué\s+(?:\w+\s+)?(?:fecha|año|mes|día)s?\b", _I),
        "quantity": re.compile(r"\bcu[aá]nt[oa]s?\b|\bqué\s+(?:número|cantidad|porcentaje|total|parte)\b|"
                               r"\bnúmero\s+(?:de|total)\b", _I),
        "place": re.compile(r"\bd[oó]nde\b|\bqué\s+(?:ciudad|país|lugar|región)\b", _I),
        "names": re.compile(r"\bqué\s+(?:\w+\s+)?(?:países|estados|organizaciones|organismos|socios|asociados|"
                            r"instituciones|entidades|jurisdicciones|regiones)\b|\bquién(?:es)?\b", _I),
    },
    "ru": {
        "amount": re.compile(r"\bбюджет\w*|\bстоимост\w*|\bрасход\w*|\bфинансировани\w*|\bсумм[аыу]\b|"
                             r"\bобъ[её]м\w*\s+(?:\w+\s+)?(?:взнос|средств|финансир)\w*", _I),
        "date": re.compile(r"\bкогда\b|\bв\s+как(?:ом|ие|ую)\s+(?:\w+\s+)?(?:году|годы|месяце|день|дни|сроки)\b|"
                           r"\bкакого\s+числа\b|\bкак(?:ая|ие|ую|ой)\s+(?:\w+\s+)?дат[аыу]?\b", _I),
        "quantity": re.compile(r"\bсколь\w*|\bкаков[оа]?\s+(?:\w+\s+)?(?:число|количество|объ[её]м|доля)\b|"
                               r"\bкак(?:ое|ой|ую|ая)\s+(?:\w+\s+)?(?:число|количество|объ[её]м|доля|долю|процент)\b", _I),
        "place": re.compile(r"\bгде\b|\bкуда\b|\bв\s+как(?:ом|ой)\s+(?:городе|стране|месте)\b|"
                            r"\bкак(?:ая|ой|ую)\s+стран[аеуы]\b", _I),
        "names": re.compile(r"\bкак(?:ие|их|им|ими)\s+(?:\w+\s+)?(?:стран\w*|государств\w*|организаци\w*|"
                            r"партн[её]р\w*|учреждени\w*|орган\w*|регион\w*)|\bкто\b|\bкем\b", _I),
    },
    "ar": {
        "amount": re.compile(r"ميزاني|تكلف|تكاليف|نفقات|إنفاق|تمويل|مبلغ"),
        "date": re.compile(r"(?:^|\s)و?متى|في\s+أي\s+(?:عام|سنة|تاريخ|شهر|يوم)(?=\s|$|[؟?،])|(?:^|\s)(?:ما|أي)\s+"
                           r"(?:هو\s+)?(?:ال)?(?:عام|سنة|تاريخ|شهر)(?=\s|$|[؟?،])"),
        "quantity": re.compile(r"(?:^|\s)[وف]?كم(?:\s|$)|(?:^|\s)ما\s+(?:هو\s+|هي\s+)?(?:عدد|مجموع|حجم|مقدار|نسبة)|"
                               r"(?:^|\s)(?:عدد|مجموع)\s"),
        "place": re.compile(r"(?:^|\s)و?[أا]ين(?:\s|$|[؟?])|(?:^|\s)(?:في\s+)?أي\s+(?:مدينة|بلد|دولة|مكان)"),
        "names": re.compile(r"(?:^|\s)(?:ما|أي|أيّ|في\s+أي)\s+(?:هي\s+)?(?:ال)?(?:بلدان|دول(?!ة)|منظمات|هيئات|جهات|"
                            r"شركاء|مؤسسات|مناطق)|^\s*من\s+(?:هم|هي|هو|الذي|التي)"),
    },
    "zh": {
        "amount": re.compile(r"预算|费用|成本|开支|支出|经费|金额|多少钱"),
        "date": re.compile(r"何时|什么时候|哪一?年|何年|哪一?天|哪几天|几月|几号|哪个月|什么日期|哪些日期|什么时间"),
        "quantity": re.compile(r"多少|几(?![乎月号内])|数量|总数|总额|总计|比例"),
        "place": re.compile(r"哪里|哪儿|在哪(?!些)|何地|何处|哪个城市|哪座城市|什么地方|地点|哪个国家|哪国"),
        "names": re.compile(r"(?:哪些|哪几个)\w{0,4}?(?:国家|组织|机构|伙伴|实体|缔约国|会员国|法域|区域|地区)|谁|"
                            r"(?:国家|组织|机构|伙伴|缔约国|会员国)\w{0,3}?(?:有|是)哪些"),
    },
}
# Finer than the answer type: a date question that asks for the day or the month (which a year alone does not give),
# and a count that asks for a share (which a number of things does not give): app/abstain.py names these gaps.
GRAINS: dict[str, dict[str, re.Pattern]] = {
    "day": {
        "fr": re.compile(r"\bquel(?:le)?s?\s+(?:date|jour)s?\b", _I),
        "es": re.compile(r"\bqué\s+(?:fecha|día)s?\b", _I),
        "ru": re.compile(r"\bкакого\s+числа\b|\bв\s+какой\s+день\b|\bкак(?:ая|ие|ую|ой)\s+(?:\w+\s+)?дат", _I),
        "ar": re.compile(r"(?:أي|ما)\s+(?:هو\s+|هي\s+)?(?:ال)?(?:تاريخ|يوم|أيام)"),
        "zh": re.compile(r"哪一?天|哪几天|几号|什么日期|哪些日期|哪一日"),
    },
    "month": {
        "fr": re.compile(r"\bquel\s+mois\b", _I),
        "es": re.compile(r"\bqué\s+mes\b", _I),
        "ru": re.compile(r"\bв\s+каком\s+месяце\b|\bкакой\s+месяц", _I),
        "ar": re.compile(r"(?:أي|ما)\s+(?:هو\s+)?(?:ال)?شهر"),
        "zh": re.compile(r"几月|哪个月|哪一个月|什么月份"),
    },
    "share": {
        "fr": re.compile(r"\bquel(?:le)?\s+(?:est\s+(?:le|la)\s+)?(?:pourcentage|proportion|part)\b|"
                         r"\bde\s+combien\s+(?:de\s+)?pour\s*cent\b", _I),
        "es": re.compile(r"\bqué\s+(?:porcentaje|proporción|parte)\b|\ben\s+qué\s+porcentaje\b", _I),
        "ru": re.compile(r"\bкак(?:ой|ая|ую|ова|ов)\s+(?:\w+\s+)?(?:процент|дол[яюи])\b|\bна\s+сколько\s+процентов\b",
                         _I),
        "ar": re.compile(r"(?:ما|أي)\s+(?:هي\s+)?(?:ال)?نسبة"),
        "zh": re.compile(r"百分之几|百分比|多大比例|比例是多少|占多少"),
    },
    "city": {
        "fr": re.compile(r"\bquelles?\s+villes?\b", _I),
        "es": re.compile(r"\b(?:qué|cuáles)\s+ciudad(?:es)?\b", _I),
        "ru": re.compile(r"\bв\s+как(?:ом|их)\s+город(?:е|ах)\b|\bкак(?:ой|ие)\s+город(?:а)?\b", _I),
        "ar": re.compile(r"(?:أي|ما)\s+(?:هي\s+)?(?:ال)?مدينة"),
        "zh": re.compile(r"哪个城市|哪座城市|什么城市|哪一个城市|哪个城"),
    },
    # a figure for each part of a whole ("split by region", "how much did each give"): one total does not give it
    "breakdown": {
        "fr": re.compile(r"\b(?:ventil[ée]e?s?|r[ée]parti(?:e|s|es)?)\s+par\b|\br[ée]partition\s+par\b|"
                         r"\bpar\s+(?:sexe|genre|r[ée]gion|pays|nationalit[ée])\s*(?:[?,.;:]|$|et\b|ou\b)", _I),
        "es": re.compile(r"\bdesglos(?:e|ad[oa]s?)\b|\brepartid[oa]s?\s+por\b|\bdistribuci[óo]n\s+por\b|"
                         r"\bpor\s+(?:sexo|g[ée]nero|regi[óo]n|pa[íi]s|nacionalidad)\s*(?:[?,.;:]|$|y\b|o\b)", _I),
        "ru": re.compile(r"\bв\s+разбивке\s+по\b|\bраспределени[еия]\s+по\b|"
                         r"\bпо\s+(?:полу|регионам|странам)\s*(?:[?,.;:]|$|и\b)", _I),
        "ar": re.compile(r"(?:موزع(?:ة|ين)?|مصنف(?:ة|ين)?|توزيع\S*)\s+(?:حسب|بحسب)|(?:حسب|بحسب)\s+(?:ال)?(?:جنس|منطقة|مناطق|بلد|بلدان)\s*(?:[؟?،.]|$)"),
        "zh": re.compile(r"按(?:性别|地区|区域|国家|国别)(?:分|划分|细分|统计)|细分|分别(?:是|为)?多少"),
    },
    "countries": {
        "fr": re.compile(r"\bquel(?:le)?s?\s+(?:\w+\s+)?(?:pays|États|nations|gouvernements)\b", _I),
        "es": re.compile(r"\b(?:qué|cuáles)\s+(?:\w+\s+)?(?:países|Estados|naciones|gobiernos)\b", _I),
        "ru": re.compile(r"\bкак(?:ие|их|им|ая|ой|ое)\s+(?:\w+\s+)?(?:стран(?:ы|ах|ам|ами)?|"
                         r"государств(?:а|ах|ам|ами)?|правительств(?:а|ах|ам)?)(?!\w)", _I),
        "ar": re.compile(r"(?<!\w)(?:أي|ما|ماهي)\s+(?:هي\s+)?(?:ال)?(?:دول|دولة|بلدان|بلد|حكومات)(?!\w)"),
        "zh": re.compile(r"哪些国家|哪个国家|哪几个国家|哪国|哪些成员国|哪些政府"),
    },
}


# "Qu'est-ce que l'Initiative StAR ?", "什么是StAR倡议？", "Что означает SHERLOC?": a question asking what a short name is
# (or stands for) is answered by the sentence that spells it out, as in English (app/text/focus.py defined_acronym).
# WHAT_IS opens (or, in Chinese, may close) a question about nothing but the name and perhaps the kind of thing it
# names; SPELLED_OUT asks for the full name wherever it stands in the question.
WHAT_IS: dict[str, re.Pattern] = {
    "fr": re.compile(r"^\s*(?:qu['’]est[\s-]*ce\s+qu(?:e\s+|['’])|c['’]est\s+quoi\s+|qu['’]est\s+|"
                     r"que\s+(?:sont|est)\s+)", _I),
    "es": re.compile(r"^[\s¿]*(?:qué\s+(?:es|son|era|fue)\s+|en\s+qué\s+consiste\s+)", _I),
    "ru": re.compile(r"^\s*(?:что\s+(?:такое|собой\s+представляет|представляет\s+собой)\s+|чем\s+является\s+)", _I),
    "ar": re.compile(r"^\s*(?:ما\s+(?:هي|هو|هى)\s+|ما\s+(?=ال))"),
    "zh": re.compile(r"^\s*(?:什么是|何为|何谓)|(?:是什么|是指什么|指的是什么|是何)\s*[？?]?\s*$"),
}
SPELLED_OUT: dict[str, re.Pattern] = {
    "fr": re.compile(r"\bnom\s+complet\b|\bsigle\b|\bacronyme\b|\babréviation\b|\bque\s+signifie\b|"
                     r"\bveut\s+dire\b|\bsignification\b", _I),
    "es": re.compile(r"\bnombre\s+completo\b|\bsiglas?\b|\bacrónimo\b|\babreviatura\b|\bsignifica\b|"
                     r"\bsignificado\b", _I),
    "ru": re.compile(r"\bполн\w+\s+(?:название|наименование)\b|\bрасшифр\w*|\bаббревиатур\w*|\bсокращени\w*|"
                     r"\bозначает\b|\bзначит\b", _I),
    "ar": re.compile(r"الاسم\s+الكامل|اختصار|ماذا\s+(?:تعني|يعني)|ما\s+معنى|يرمز"),
    "zh": re.compile(r"全称|全名|代表什么|缩写|简称|什么意思|含义"),
}
# at most this many words beside the name after WHAT_IS ("l'Initiative StAR", "la Iniciativa StAR"); in Chinese,
# characters: more is a question about something the name has or did ("什么是StAR倡议的新出版物")
_WHAT_IS_REST = 3
_WHAT_IS_REST_CHARS = 6


def asks_what_is(question: str, lang: str, name: str) -> bool:
    """Whether a question in `lang` asks what the short name `name` (which it contains) is or stands for."""
    spelled_out = SPELLED_OUT.get(lang)
    if spelled_out is not None and spelled_out.search(question):
        return True
    pattern = WHAT_IS.get(lang)
    if pattern is None or not pattern.search(question):
        return False
    rest = pattern.sub(" ", question).replace(name, " ")
    rest = re.sub(r"[?？؟.!,，、。«»\"“”《》()（）]", " ", rest)
    if lang == "zh":
        return len(re.sub(r"\s", "", rest)) <= _WHAT_IS_REST_CHARS
    return len(rest.split()) <= _WHAT_IS_REST


def asks_for(grain: str, question: str, lang: str) -> bool:
    """Whether a question in `lang` asks for this grain ("day", "month", "share", "city", "countries"); False for a language without
    patterns (English is read by app/text/focus.py)."""
    pattern = GRAINS[grain].get(lang)
    return bool(pattern and pattern.search(question))


# "Which countries ...", "En qué regiones ...": a names question from its first words (an optional preposition first)
_LEADING = re.compile(r"^[\s¿¡\"“«]*(?:(?:dans|en|à|de|par|в|из|с|у|في|من)\s+|[在由]\s*)?", re.I)


def asked_kind(question: str, lang: str) -> str:
    """The answer type a question in `lang` asks for (amount, quantity, date, place, names), or "other" (also for a
    language without patterns: English is read by app/text/focus.py)."""
    patterns = PATTERNS.get(lang)
    if not patterns:
        return "other"
    if patterns["amount"].search(question) or (_HOW_MUCH[lang].search(question) and _PAID[lang].search(question)):
        return "amount"
    opening = question[_LEADING.match(question).end():][:40]
    if patterns["names"].match(opening):
        return "names"
    for kind in KINDS[1:]:  # amount was tried first
        if patterns[kind].search(question):
            return kind
    return "other"
