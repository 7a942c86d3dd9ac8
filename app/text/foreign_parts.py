"""The questions inside one question in another UN official language: "Quand l'organe s'est-il réuni, et combien de
résumés ont été publiés ?" asks two things, as "When did the body meet, and how many summaries were published?" does
(app/text/lexical.py split_subquestions splits the English one).

Why: a compound question's answer sits in two paragraphs, and one reading of the whole question picks the sentence
closest to its first half only. Split, each part gets its own answer sentence (app/answer/extractive.py), added to the
whole question's. Unlike English, retrieval and the relevance gate still read the whole question: a part read alone
in another language retrieved and graded worse (eval/TUNING.md, session 19).

Where one question ends and the next begins is grammar, not a report's vocabulary: a question mark followed by more
text, or a coordinating conjunction ("et", "y", "и", "و") followed by a question word, a closed class per language
(Chinese joins its questions with a comma, so there a comma between two clauses that each hold a question word).
"""
from __future__ import annotations

import re

_I = re.I | re.U

# A question word opening a further question, after an optional preposition and hedge ("et environ combien",
# "y, aproximadamente, cuántos", "и примерно сколько").
_FURTHER = {
    "fr": r"(?:(?:à|a|de|dans|sur|pour|par|en|avec|depuis)\s+)?(?:environ\s+|approximativement\s+)?"
          r"(?:combien|quand|où|qui|quel(?:le)?s?|lequel|laquelle|lesquel(?:le)?s|comment|pourquoi)\b|qu['’]|que\s",
    "es": r"(?:(?:a|de|en|con|para|por|desde)\s+)?(?:aproximadamente\s+)?"
          r"(?:qué|cu[aá]nt[oa]s?|cuándo|dónde|quién(?:es)?|cómo|cuál(?:es)?|por\s+qué)(?!\w)",
    "ru": r"(?:(?:в|во|на|о|об|с|со|из|к|по|для|от|до)\s+)?(?:примерно\s+|приблизительно\s+|около\s+)?"
          r"(?:сколь\w*|когда|где|куда|кто|кого|что|чего|чем|как|как(?:ой|ая|ое|ие|ого|ую|ом|ому|им|их|ими|ова|ов)|"
          r"каков\w*|почему|зачем)(?!\w)",
}
AR_QUESTION_WORDS = "كم|ما|ماذا|متى|أين|هل|كيف|أي|أيّ|لماذا"
# the conjunction: "et", "y", "и"/"а также"; Arabic writes its "and" (و) joined to the question word
_AND = {
    "fr": re.compile(r",?\s+et\s*,?\s+(?=" + _FURTHER["fr"] + ")", _I),
    "es": re.compile(r",?\s+y\s*(?:,\s*[^\W\d]+\s*,\s*)?(?=" + _FURTHER["es"] + ")", _I),
    "ru": re.compile(r",?\s+(?:и|а\s+также)\s+(?=" + _FURTHER["ru"] + ")", _I),
    "ar": re.compile(rf"(?:\s*،\s*|\s+)و(?=(?:{AR_QUESTION_WORDS})(?:\s|$))"),
}
# Chinese question words, longest first so a match is a whole word ("哪里", not "哪")
_ZH_ASKS = re.compile(r"什么时候|什么|多少|哪里|哪儿|哪些|哪个|哪|何时|何地|何处|谁|怎样|怎么|如何|几|是否|有没有|吗")
# the question words of each language, wherever they are in a text; Arabic's with "and" (و) joined or not
_ASKS = {
    **{lang: re.compile(rf"(?<!\w)(?:{further})", _I) for lang, further in _FURTHER.items()},
    "ar": re.compile(rf"(?<!\w)و?(?:{AR_QUESTION_WORDS})(?!\w)"),
    "zh": _ZH_ASKS,
}
_ZH_CLAUSE = re.compile(r"[，,；;]")
QUESTION_MARKS = "?？؟"  # the question marks of the six languages
_QUESTION_END = re.compile(rf"(?<=[{QUESTION_MARKS}])\s*(?=\S)")
MIN_WORDS = 3  # "Quand et où ... ?" stays one question: a part needs this many words (as in English)
MIN_HAN = 4  # ... or, in Chinese, this many characters
# A later part this short names what it asks but not about what ("地点在哪里？", "¿dónde?"): it carries the first part.
THIN_WORDS = 5
THIN_HAN = 10
# Each part is embedded and scored: a question of many question marks (up to max_question_chars) is read as its first
# MAX_PARTS questions, and the rest only as part of the whole question (the answer's base).
MAX_PARTS = 4
# "Intégrité du sport et corruption : qu'ont décidé ...": the scene a question opens with
_SCENE = re.compile(rf"^([^:：{QUESTION_MARKS}]{{3,}}?)\s*[:：]\s*\S")


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _size(part: str, lang: str) -> int:
    """A part's length in words; in Chinese, which does not space its words, in Han characters."""
    return len(_HAN.findall(part)) if lang == "zh" else len(part.split())


def asks_something(text: str, lang: str) -> bool:
    """Whether the text holds a question word of `lang` ("quand", "cuántos", "сколько", "متى", "多少"); False for a
    language without a list (English is read by app/text/focus.py)."""
    pattern = _ASKS.get(lang)
    return bool(pattern and pattern.search(text))


def without_question_words(text: str, lang: str) -> str:
    """The text with the question words of `lang` taken out ("Où s'est tenu l'atelier ?" -> "s'est tenu l'atelier
    ?"): what it is about, no longer what it asks."""
    pattern = _ASKS.get(lang)
    if pattern is None:
        return text
    return re.sub(r"\s{2,}", " ", pattern.sub("" if lang == "zh" else " ", text)).strip()


def question_mark(lang: str) -> str:
    return "？" if lang == "zh" else "؟" if lang == "ar" else "?"


def _long_enough(part: str, lang: str) -> bool:
    return _size(part, lang) >= (MIN_HAN if lang == "zh" else MIN_WORDS)


def _zh_clauses(sentence: str) -> list[str]:
    """A Chinese question cut at each comma between clauses that both ask something (either side alone would be a
    question): "缔约国作出了什么决定，办公室自身又做了什么？". A comma inside a question ("关于X，有没有数据？") is kept."""
    pieces = _ZH_CLAUSE.split(sentence)
    out = [pieces[0]]
    for piece in pieces[1:]:
        if _ZH_ASKS.search(out[-1]) and _ZH_ASKS.search(piece):
            out.append(piece)
        else:
            out[-1] += "，" + piece
    return out


def split_parts(question: str, lang: str) -> list[str]:
    """The questions a question in `lang` asks, each ending with its question mark; [question] when it asks one."""
    sentences: list[str] = []
    for sentence in _QUESTION_END.split(question.strip()):
        # a sentence that asks nothing ("Je cherche tout ce qui porte sur ...") says more of the question before it
        if sentences and sentence.rstrip()[-1:] not in QUESTION_MARKS:
            sentences[-1] += " " + sentence
        else:
            sentences.append(sentence)
    parts = []
    for sentence in sentences:
        if lang == "zh":
            pieces = _zh_clauses(sentence)
        elif lang in _AND:
            pieces = _AND[lang].split(sentence)
        else:
            pieces = [sentence]
        parts.extend(p.strip(" ,،，") for p in pieces)
    parts = [p for p in parts if _long_enough(p, lang)][:MAX_PARTS]
    if len(parts) < 2:
        return [question]
    return [p if p[-1:] in QUESTION_MARKS else p + question_mark(lang) for p in parts]


def _thin(part: str, lang: str) -> bool:
    return _size(part, lang) < (THIN_HAN if lang == "zh" else THIN_WORDS)


def standalone(parts: list[str], lang: str) -> list[str]:
    """Each part readable on its own: a later part takes the scene the question opens with ("Intégrité du sport et
    corruption : ..."), and a thin one the whole first part."""
    if len(parts) < 2:
        return parts
    scene = _SCENE.match(parts[0])
    out = parts[:1]
    for part in parts[1:]:
        if _thin(part, lang):
            part = f"{part} {parts[0]}"
        elif scene:
            part = f"{scene.group(1)} : {part}"
        out.append(part)
    return out
