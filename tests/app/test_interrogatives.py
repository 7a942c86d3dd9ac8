"""app/text/interrogatives.py: what a question in French, Spanish, Russian, Arabic or Chinese asks for, from its
question words; question_kind reads it for a question not in English. The questions here are written for the test
(none is a gold question)."""
from __future__ import annotations

import pytest

from app.text.focus import question_kind, type_match
from app.text.interrogatives import PATTERNS, asked_kind

CASES = [
    ("fr", "Combien de personnes ont été formées au Kenya ?", "quantity"),
    ("fr", "Quand l'atelier régional a-t-il eu lieu ?", "date"),
    ("fr", "En quelle année le réseau a-t-il été créé ?", "date"),
    ("fr", "Où la réunion d'experts s'est-elle tenue ?", "place"),
    ("fr", "Quels pays ont participé à l'opération ?", "names"),
    ("fr", "Quel était le budget du programme ?", "amount"),
    ("fr", "Combien la Norvège a-t-elle versé au fonds ?", "amount"),
    ("fr", "Quel est l'objectif du guide qui a été publié ?", "other"),  # "qui" here is a relative pronoun
    ("es", "¿Cuántas víctimas recibieron asistencia?", "quantity"),
    ("es", "¿Cuándo se celebró la conferencia?", "date"),
    ("es", "¿Dónde se presentó el estudio?", "place"),
    ("es", "¿Qué países firmaron el acuerdo?", "names"),
    ("es", "¿Qué Estados tenían el mayor número de casos?", "names"),  # names first, not the number
    ("es", "¿Cuál fue el presupuesto de la oficina?", "amount"),
    ("ru", "Сколько судей прошли обучение?", "quantity"),
    ("ru", "Скольким государствам была оказана помощь?", "quantity"),
    ("ru", "Когда состоялось совещание?", "date"),
    ("ru", "Где прошел семинар?", "place"),
    ("ru", "Какие страны участвовали в операции?", "names"),
    ("ru", "Каков бюджет программы?", "amount"),
    ("ar", "كم عدد القضاة الذين تم تدريبهم؟", "quantity"),
    ("ar", "متى عقد الاجتماع؟", "date"),
    ("ar", "أين ومتى عقدت الدورة؟", "date"),  # where and when: the date, as in English
    ("ar", "أين عقدت حلقة العمل؟", "place"),
    ("ar", "ما الدول التي شاركت في العملية؟", "names"),
    ("ar", "ما هي ميزانية البرنامج؟", "amount"),
    ("zh", "有多少名法官接受了培训？", "quantity"),
    ("zh", "会议是什么时候举行的？", "date"),
    ("zh", "讲习班在哪里举行？", "place"),
    ("zh", "哪些国家参加了这次行动？", "names"),
    ("zh", "该方案的预算是多少？", "amount"),
    ("zh", "这份指南的目的是什么？", "other"),
]


@pytest.mark.parametrize("lang,question,kind", CASES)
def test_asked_kind(lang, question, kind):
    assert asked_kind(question, lang) == kind


@pytest.mark.parametrize("lang,question,kind", [c for c in CASES if c[2] != "other"])
def test_question_kind_reads_a_question_in_another_language(lang, question, kind):
    assert question_kind(question) == kind


def test_every_language_has_every_kind():
    for lang, patterns in PATTERNS.items():
        assert set(patterns) == {"amount", "date", "quantity", "place", "names"}, lang


def test_english_questions_are_left_to_the_english_grammar():
    assert asked_kind("How many States are parties?", "en") == "other"  # no English table here
    assert question_kind("How many States are parties?") == "quantity"


def test_the_asked_type_is_found_in_the_english_sentence():
    """The point: a Russian "how many" question now prefers the English sentence that carries a count."""
    kind = question_kind("Сколько государств являются участниками Конвенции?")
    assert type_match(kind, "As at 9 February 2018, 189 States had become parties to the Convention.") == 1.0
    assert type_match(kind, "The Conference adopted a resolution on the review mechanism.") == 0.0


@pytest.mark.parametrize("lang,question,kind", [
    ("ru", "Сколько пользователей у платформы SHERLOC?", "quantity"),  # "платформа" is not a payment
    ("ru", "Сколько государств внесли изменения в законодательство?", "quantity"),  # "внесли изменения": amended
    ("es", "¿Cuántos proyectos fueron financiados?", "quantity"),  # how many, not how much
    ("fr", "Combien de projets ont été financés ?", "quantity"),
    ("es", "¿Cuánto aportó Alemania al fondo?", "amount"),
    ("zh", "在几内亚开展了哪些活动？", "other"),  # 几内亚 is Guinea, not "how many"
    ("ar", "ما العامل الرئيسي في زيادة الاتجار؟", "other"),  # العامل (factor) is not العام (year)
    ("ar", "اين عقدت حلقة العمل؟", "place"),  # "where" written without its hamza
    ("es", "¿Donde se celebró la reunión?", "place"),  # and without accents
    ("ru", "Какая доля ВВП теряется из-за коррупции?", "quantity"),
    ("fr", "Quelle est la date de la réunion ?", "date"),
    ("zh", "参加行动的国家有哪些？", "names"),  # the question word at the end
])
def test_reviewed_question_words(lang, question, kind):
    assert asked_kind(question, lang) == kind


@pytest.mark.parametrize("lang,question,grain", [
    ("fr", "À quelle date la réunion a-t-elle eu lieu ?", "day"), ("es", "¿En qué mes se celebró?", "month"),
    ("ru", "Какая доля пользователей была из Индии?", "share"), ("ar", "ما هي نسبة المستخدمين من الهند؟", "share"),
    ("zh", "会议是哪一天举行的？", "day"), ("fr", "Dans quelle ville l'atelier a-t-il eu lieu ?", "city"),
    ("zh", "研讨会在哪个城市举行？", "city"), ("ru", "В каком городе прошёл семинар?", "city"),
    ("es", "¿En qué ciudades se celebraron los talleres?", "city"), ("ar", "في أي مدينة عقدت حلقة العمل؟", "city"),
    ("fr", "Dans quelles villes les ateliers ont-ils eu lieu ?", "city"), ("ru", "В каких городах прошли семинары?", "city"),
])
def test_the_grain_of_a_question_in_each_language(lang, question, grain):
    from app.text.interrogatives import GRAINS, asks_for

    assert asks_for(grain, question, lang)
    assert not any(asks_for(other, question, lang) for other in GRAINS if other != grain)
    assert set(GRAINS[grain]) == {"fr", "es", "ru", "ar", "zh"}


# written for the test: a question asking what a short name is, in each language, and questions that only name one
DEFINITIONS = [
    ("fr", "Qu'est-ce que le réseau WACAP ?"), ("fr", "Quel est le nom complet de BENATOC ?"),
    ("es", "¿Qué es el portal SHERLOC?"), ("es", "¿Qué significan las siglas CRIMJUST?"),
    ("ru", "Что такое программа CRIMJUST?"), ("ru", "Как расшифровывается аббревиатура WACAP?"),
    ("ar", "ما هو برنامج CRIMJUST؟"), ("ar", "ما هو الاسم الكامل لـ BENATOC؟"),
    ("zh", "什么是WACAP网络？"), ("zh", "CRIMJUST方案是什么？"), ("zh", "BENATOC的全称是什么？"),
]
NOT_DEFINITIONS = [
    ("fr", "Combien de membres le réseau WACAP compte-t-il ?"),
    ("fr", "Qu'est-ce que le réseau WACAP a organisé à Dakar en 2017 ?"),  # what it did, not what it is
    ("es", "¿Qué es lo que el portal SHERLOC añadió en 2017 sobre la ciberdelincuencia?"),
    ("ru", "Что такое программа CRIMJUST сделала в Гане в прошлом году?"),
    ("ar", "ما هي الدول التي انضمت إلى شبكة WACAP؟"),
    ("zh", "什么是WACAP网络在2017年举办的讲习班的主题？"),
    ("zh", "WACAP网络有多少成员？"),
]


@pytest.mark.parametrize("lang,question", DEFINITIONS)
def test_a_question_asking_what_a_short_name_is_in_each_language(lang, question):
    from app.language import detect
    from app.text.focus import defined_acronym

    assert detect(question).code == lang
    assert question_kind(question) == "definition"
    assert defined_acronym(question) in question


@pytest.mark.parametrize("lang,question", NOT_DEFINITIONS)
def test_a_question_that_only_names_a_short_name_is_not_a_definition(lang, question):
    from app.language import detect
    from app.text.focus import defined_acronym

    assert detect(question).code == lang
    assert defined_acronym(question) is None and question_kind(question) != "definition"
