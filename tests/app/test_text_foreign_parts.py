"""Compound questions in other languages are split into their questions by grammar: a question mark followed by more
text, a conjunction before a question word, a Chinese comma between two asking clauses."""
import pytest

from app.text.foreign_parts import split_parts, standalone
from app.text.lexical import split_subquestions


@pytest.mark.parametrize("lang, question, expected", [
    ("fr", "Quand l'organe s'est-il réuni en 2017, et combien de résumés analytiques ont été publiés ?",
     ["Quand l'organe s'est-il réuni en 2017?", "combien de résumés analytiques ont été publiés ?"]),
    ("fr", "Intégrité du sport : qu'ont décidé les États parties et qu'a fait l'ONUDC lui-même ?",
     ["Intégrité du sport : qu'ont décidé les États parties?", "qu'a fait l'ONUDC lui-même ?"]),
    ("es", "¿Cuántas armas se incautaron en 2017 y, aproximadamente, cuántos funcionarios recibieron capacitación?",
     ["¿Cuántas armas se incautaron en 2017?", "cuántos funcionarios recibieron capacitación?"]),
    ("es", "¿Cuándo se reunió el órgano en 2017? ¿Se informó a las ONG? ¿Y en qué fase estaba el examen?",
     ["¿Cuándo se reunió el órgano en 2017?", "¿Se informó a las ONG?", "¿Y en qué fase estaba el examen?"]),
    ("ru", "Когда собирался орган в 2017 году и сколько резюме было опубликовано?",
     ["Когда собирался орган в 2017 году?", "сколько резюме было опубликовано?"]),
    ("ru", "Сколько оружия было изъято в 2017 году и примерно сколько должностных лиц прошли подготовку?",
     ["Сколько оружия было изъято в 2017 году?", "примерно сколько должностных лиц прошли подготовку?"]),
    ("ar", "متى اجتمعت الهيئة في عام 2017، وكم عدد الخلاصات الوافية المنشورة؟",
     ["متى اجتمعت الهيئة في عام 2017؟", "كم عدد الخلاصات الوافية المنشورة؟"]),
    ("zh", "缔约国作出了什么决定，毒品和犯罪问题办公室自身又做了什么？",
     ["缔约国作出了什么决定？", "毒品和犯罪问题办公室自身又做了什么？"]),
    ("zh", "2017年欧洲刑警组织行动日共缴获了多少件枪支？大约有多少名官员接受了培训？",
     ["2017年欧洲刑警组织行动日共缴获了多少件枪支？", "大约有多少名官员接受了培训？"]),
])
def test_a_compound_question_is_split_at_its_grammar(lang, question, expected):
    assert split_parts(question, lang) == expected


@pytest.mark.parametrize("lang, question", [
    ("fr", "Combien d'États sont parties à la Convention ?"),
    ("fr", "Quand et où l'atelier a-t-il eu lieu ?"),  # "when and where" is one question, as in English
    ("fr", "Quels pays et quelles organisations ont participé à la réunion ?"),  # "Quels pays" is too short alone
    ("es", "¿Qué hizo la UNODC en Colombia y en el Perú?"),
    ("ru", "Какие страны и организации участвовали в совещании?"),
    ("ar", "ما الذي فعله المكتب في كولومبيا وبيرو؟"),
    ("zh", "关于欧洲刑警组织行动日，有没有相关数据？"),  # the clause before the comma asks nothing
])
def test_a_single_question_stays_whole(lang, question):
    assert split_parts(question, lang) == [question]


def test_a_sentence_that_asks_nothing_stays_with_its_question():
    q = "Quels supports l'ONUDC a-t-il produits ? Je cherche tout ce qui porte sur la corruption."
    assert split_parts(q, "fr") == [q]


def test_a_later_part_takes_the_scene_and_a_thin_one_the_first_part():
    parts = ["Intégrité du sport : qu'ont décidé les États parties?", "qu'a fait l'ONUDC lui-même dans ce domaine ?"]
    assert standalone(parts, "fr")[1] == "Intégrité du sport : qu'a fait l'ONUDC lui-même dans ce domaine ?"
    parts = ["¿Quiénes asistieron al taller de Tashkent sobre pruebas digitales?", "¿de dónde procedían?"]
    assert standalone(parts, "es")[1] == "¿de dónde procedían? " + parts[0]
    zh = ["有多少名官员接受了枪支犯罪调查和起诉课程的培训？", "他们来自哪里？"]
    assert standalone(zh, "zh")[1] == "他们来自哪里？ " + zh[0]


def test_retrieval_and_the_gate_still_read_a_question_in_another_language_whole():
    """split_subquestions (retrieval, the relevance gate) splits English only: for another language, a part's own
    retrieval and grade were measured and lost (eval/TUNING.md); only the answer step reads its parts."""
    english = "How many States are parties and when did the Convention enter into force?"
    assert split_subquestions(english) == ["How many States are parties?", "when did the Convention enter into force?"]
    french = "Combien d'États sont parties à la Convention, et quand la Convention est-elle entrée en vigueur ?"
    assert split_subquestions(french) == [french]
    assert split_parts(french, "fr") == ["Combien d'États sont parties à la Convention?",
                                         "quand la Convention est-elle entrée en vigueur ?"]


def test_a_question_of_many_questions_is_read_as_its_first_few():
    from app.text.foreign_parts import MAX_PARTS

    many = " ".join(f"¿Cuántos talleres se celebraron en {year}?" for year in range(2000, 2030))
    parts = split_parts(many, "es")
    assert len(parts) == MAX_PARTS and parts[0] == "¿Cuántos talleres se celebraron en 2000?"
