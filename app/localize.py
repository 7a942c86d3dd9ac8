"""Answers to a question in another language: the verbatim English quote with its [¶N] marker, introduced by one line
in the question's language; declines and partial answers worded in it.

A thin step after the chain has built its Answer (Assistant.ask / stream): nothing here changes what is retrieved,
quoted or cited. The quote is never translated, so every quote stays verbatim and verifiable; the lead-in cites
nothing and states no fact (it goes in Answer.lead, which Answer.claims leaves out).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from app.abstain import PARTIAL_BRIDGE, gives
from app.language import ENGLISH, detect
from app.types import Answer, AnswerStatus

# One line before the English quote.
LEAD_IN = {
    "fr": "Le rapport (en anglais) indique :",
    "es": "El informe (en inglés) indica:",
    "ru": "В докладе (на английском языке) говорится:",
    "ar": "يذكر التقرير (باللغة الإنكليزية) ما يلي:",
    "zh": "报告（英文）指出：",
}
# A partial answer: the report gives a neighbouring fact, not the one asked. Its lead is the gap sentence, then the
# bridge to the quote (the UI's evidence panel shows the gap sentence alone: gap_sentence).
BRIDGE = {
    "fr": "Ce qu'il indique (en anglais) :",
    "es": "Lo que sí indica (en inglés):",
    "ru": "Вот что в нем говорится (на английском языке):",
    "ar": "وهذا ما يذكره (باللغة الإنكليزية):",
    "zh": "报告（英文）指出的是：",
}
_NOT_EXACTLY = {
    "fr": "Le rapport ne répond pas exactement à cette question{why}.",
    "es": "El informe no responde exactamente a esta pregunta{why}.",
    "ru": "В докладе нет точного ответа на этот вопрос{why}.",
    "ar": "لا يجيب التقرير عن هذا السؤال بدقة{why}.",
    "zh": "报告没有确切回答这个问题{why}。",
}
_SPACE = {lang: ("" if lang == "zh" else " ") for lang in BRIDGE}
PARTIAL = {lang: _NOT_EXACTLY[lang].format(why="") + _SPACE[lang] + BRIDGE[lang] for lang in BRIDGE}
# ... and when the gap is one of the asked types the answer lacks (app/abstain.py ALL_LACKS), it says which
PARTIAL_WHY = {lang: _NOT_EXACTLY[lang].format(why="（{why}）" if lang == "zh" else " ({why})") + _SPACE[lang]
               + BRIDGE[lang] for lang in BRIDGE}
GIVES_NO = {
    "no date": {"fr": "il n'indique pas de date", "es": "no indica ninguna fecha", "ru": "дата не указана",
                "ar": "لا يذكر تاريخًا", "zh": "未给出日期"},
    "no number": {"fr": "il n'indique pas de nombre", "es": "no indica ninguna cifra", "ru": "число не указано",
                  "ar": "لا يذكر عددًا", "zh": "未给出数字"},
    "no sum of money": {"fr": "il n'indique pas de montant", "es": "no indica ningún importe",
                        "ru": "сумма не указана", "ar": "لا يذكر مبلغًا", "zh": "未给出金额"},
    "no place": {"fr": "il n'indique pas de lieu", "es": "no indica ningún lugar", "ru": "место не указано",
                 "ar": "لا يذكر مكانًا", "zh": "未给出地点"},
    "no names": {"fr": "il ne donne pas de noms", "es": "no da nombres", "ru": "названия не приводятся",
                 "ar": "لا يذكر أسماء", "zh": "未给出名称"},
    "no day, only a year": {"fr": "il n'indique qu'une année, pas de jour", "es": "solo indica un año, no un día",
                            "ru": "указан только год, без дня", "ar": "يذكر السنة فقط دون اليوم",
                            "zh": "只给出年份，未给出具体日期"},
    "no percentage": {"fr": "il n'indique pas de pourcentage", "es": "no indica ningún porcentaje",
                      "ru": "процент не указан", "ar": "لا يذكر نسبة مئوية", "zh": "未给出百分比"},
    "no outcome, only what was planned or proposed": {
        "fr": "il n'indique pas de résultat, seulement ce qui était prévu ou proposé",
        "es": "no indica ningún resultado, solo lo previsto o propuesto",
        "ru": "результат не указан, указано лишь то, что планировалось или предлагалось",
        "ar": "لا يذكر نتيجة، بل ما كان مقررًا أو مقترحًا فقط", "zh": "未给出结果，只提到计划或提议的内容"},
    "no city, only a country or region": {
        "fr": "il n'indique pas de ville, seulement un pays ou une région",
        "es": "no indica ninguna ciudad, solo un país o una región",
        "ru": "город не указан, только страна или регион", "ar": "لا يذكر مدينة، بل بلدًا أو منطقة فقط",
        "zh": "未给出城市，只给出国家或地区"},
    "no figure for that part, only for the whole": {
        "fr": "il ne donne pas de chiffre pour cette partie, seulement pour l'ensemble",
        "es": "no da ninguna cifra para esa parte, solo para el total",
        "ru": "нет данных по этой части, только по целому", "ar": "لا يذكر رقمًا لهذا الجزء، بل للمجموع فقط",
        "zh": "未给出该部分的数字，只给出总数"},
    "only some of the names asked for": {"fr": "il ne donne pas tous les noms demandés",
                                    "es": "no da todos los nombres que se piden",
                                    "ru": "приводятся не все запрошенные названия", "ar": "لا يذكر كل الأسماء المطلوبة",
                                    "zh": "未给出所问的全部名称"},
    "no breakdown, only a total": {"fr": "il ne donne pas de ventilation, seulement un total",
                                   "es": "no da ningún desglose, solo un total",
                                   "ru": "разбивки нет, только общая цифра", "ar": "لا يذكر تفصيلًا، بل المجموع فقط",
                                   "zh": "未给出细分数字，只给出总数"},
    "no length of time": {"fr": "il n'indique pas de durée", "es": "no indica ninguna duración",
                          "ru": "продолжительность не указана", "ar": "لا يذكر مدة", "zh": "未给出时长"},
    "no date for that one, only for another": {
        "fr": "il n'indique pas de date pour celui-ci, seulement pour un autre",
        "es": "no indica ninguna fecha para ese, solo para otro", "ru": "дата указана не для этого, а для другого",
        "ar": "لا يذكر تاريخًا لهذا، بل لغيره فقط", "zh": "未给出所问那一次的日期，只给出另一次的"},
    "no place for that one, only for another": {
        "fr": "il n'indique pas de lieu pour celui-ci, seulement pour un autre",
        "es": "no indica ningún lugar para ese, solo para otro", "ru": "место указано не для этого, а для другого",
        "ar": "لا يذكر مكانًا لهذا، بل لغيره فقط", "zh": "未给出所问那一次的地点，只给出另一次的"},
    "no exact figure, only an approximate one": {
        "fr": "il n'indique pas de chiffre exact, seulement un ordre de grandeur",
        "es": "no indica ninguna cifra exacta, solo una aproximada", "ru": "точная цифра не указана, только примерная",
        "ar": "لا يذكر رقمًا دقيقًا، بل رقمًا تقريبيًا فقط", "zh": "未给出确切数字，只给出大致数字"},
    "no month, only a year": {"fr": "il n'indique qu'une année, pas de mois", "es": "solo indica un año, no un mes",
                              "ru": "указан только год, без месяца", "ar": "يذكر السنة فقط دون الشهر",
                              "zh": "只给出年份，未给出月份"},
}
# Not in the report: no citations, the closest paragraphs as see-also.
NOT_IN_REPORT = {
    "fr": "Le rapport ne répond pas à cette question.",
    "es": "El informe no responde a esta pregunta.",
    "ru": "В докладе нет ответа на этот вопрос.",
    "ar": "لا يجيب التقرير عن هذا السؤال.",
    "zh": "报告没有回答这个问题。",
}
CLOSEST = {
    "fr": "Passages les plus proches : voir {refs}.",
    "es": "Pasajes más cercanos: véase {refs}.",
    "ru": "Ближайшие пункты: см. {refs}.",
    "ar": "أقرب الفقرات: انظر {refs}.",
    "zh": "最接近的段落：见{refs}。",
}


def localize(answer: Answer, question: str | None = None, lang: str | None = None) -> Answer:
    """The answer as a reader of the question's language (`lang`, else detected) sees it; an English question's
    answer is returned as is."""
    lang = lang or detect(question if question is not None else answer.question).code
    if lang == ENGLISH or lang not in LEAD_IN:
        return answer
    if answer.status is AnswerStatus.NOT_IN_REPORT:
        text = NOT_IN_REPORT[lang]
        if answer.hits:
            multi = len({h.doc_id for h in answer.hits}) > 1
            refs = ", ".join(f"{h.doc_id} ¶{h.label}" if multi else f"¶{h.label}" for h in answer.hits[:3])
            text += " " + CLOSEST[lang].format(refs=refs)
        return replace(answer, text=text, language=lang)
    lead = partial_lead(lang, answer.gap, answer.lacks) if answer.status is AnswerStatus.PARTIAL else LEAD_IN[lang]
    return replace(answer, text=f"{lead} {answer.claims}", lead=lead, language=lang)


def gap_sentence(lead: str) -> str:
    """A partial answer's lead without its bridge to the quote ("What it does report:", "Ce qu'il indique ... :")."""
    for bridge in (PARTIAL_BRIDGE, *BRIDGE.values()):
        if lead.endswith(bridge):
            return lead[: -len(bridge)].rstrip()
    return lead


def partial_lead(lang: str, gap: str, lacks: str = "") -> str:
    """The partial answer's opening line in `lang`, naming what the answer lacks: the gate's `lacks`, or what the
    (English) gap says it lacks."""
    if lacks in GIVES_NO:
        return PARTIAL_WHY[lang].format(why=GIVES_NO[lacks][lang])
    for said, words in GIVES_NO.items():
        if gives(said) in gap:
            return PARTIAL_WHY[lang].format(why=words[lang])
    return PARTIAL[lang]


def localize_stream(pieces: Iterator[str | Answer], question: str, lang: str | None = None) -> Iterator[str | Answer]:
    """The chain's stream for this question. For a question not in English the pieces (English lead and decline
    wording) are held back and the localized answer text comes as one piece before the Answer: a reader never sees
    an English "The report does not say ..." replaced afterwards."""
    lang = lang or detect(question).code
    if lang not in LEAD_IN:
        yield from pieces
        return
    for piece in pieces:
        if isinstance(piece, Answer):
            final = localize(piece, question, lang)
            yield final.text
            yield final
