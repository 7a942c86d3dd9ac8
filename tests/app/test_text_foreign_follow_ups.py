"""Follow-ups in other languages made standalone by each language's grammar (app/text/foreign_follow_ups.py), and the
language of a turn read in its conversation (app/language.py in_conversation)."""
import pytest

from app.condense import condense_rules
from app.language import in_conversation
from app.text.foreign_follow_ups import condense, names_in, read
from app.word_translation import content_words

PARTIES = {
    "fr": "Combien d'États sont parties à la Convention contre la criminalité organisée ?",
    "es": "¿Cuántos Estados son parte de la Convención contra la Delincuencia Organizada?",
    "ru": "Сколько государств являются участниками Конвенции против организованной преступности?",
    "ar": "كم عدد الدول الأطراف في اتفاقية الجريمة المنظمة؟",
    "zh": "有多少个国家是《有组织犯罪公约》的缔约国？",
}
WHERE = {
    "fr": "Où s'est tenu l'atelier sur le transfèrement des détenus ?",
    "es": "¿Dónde se celebró el taller sobre el traslado de personas condenadas?",
    "ru": "Где прошёл семинар о передаче осуждённых?",
    "ar": "أين عُقدت حلقة العمل بشأن نقل المحكوم عليهم؟",
    "zh": "关于被判刑人员移交的讲习班在哪里举行？",
}
FIREARMS = {  # a bare fragment: the previous question asked again about it
    "fr": "Et au Protocole relatif aux armes à feu ?",
    "es": "¿Y en el Protocolo sobre Armas de Fuego?",
    "ru": "А что насчёт Протокола об огнестрельном оружии?",
    "ar": "وماذا عن بروتوكول الأسلحة النارية؟",
    "zh": "那《枪支议定书》呢？",
}
WHEN = {"fr": "Et quand ?", "es": "¿Y cuándo?", "ru": "А когда?", "ar": "ومتى؟", "zh": "什么时候？"}
STANDALONE = {  # questions of their own, asked after another one
    "fr": "Qu'est-ce que SHERLOC ?",
    "es": "¿Cuántos funcionarios capacitó la UNODC en Kenya en 2017?",
    "ru": "Когда Рабочая группа по предупреждению коррупции провела своё восьмое совещание?",
    "ar": "ما هي مبادرة استرداد الموجودات المسروقة؟",
    "zh": "什么是SHERLOC？",
}


def _condense(question, previous, lang):
    return condense(question, [(previous, "")], lang, content_words)


@pytest.mark.parametrize("lang", sorted(FIREARMS))
def test_a_fragment_asks_the_previous_question_again_about_itself(lang):
    out = _condense(FIREARMS[lang], PARTIES[lang], lang)
    # the previous question's own words and question word stay; the fragment's topic is added
    assert PARTIES[lang].rstrip(" ?？؟").lstrip("¿") in out
    topic = {"fr": "Protocole relatif aux armes à feu", "es": "Protocolo sobre Armas de Fuego",
             "ru": "Протокола об огнестрельном оружии", "ar": "بروتوكول الأسلحة النارية", "zh": "《枪支议定书》"}[lang]
    assert topic in out and out.endswith(("?", "？", "؟"))
    assert out.count("?") + out.count("？") + out.count("؟") == 1  # one question, not two to split


@pytest.mark.parametrize("lang", sorted(WHEN))
def test_a_thin_question_takes_what_the_previous_one_was_about_without_its_question_word(lang):
    out = _condense(WHEN[lang], WHERE[lang], lang)
    asked = {"fr": "quand", "es": "cuándo", "ru": "когда", "ar": "متى", "zh": "什么时候"}[lang]
    where = {"fr": "Où", "es": "Dónde", "ru": "Где", "ar": "أين", "zh": "哪里"}[lang]
    assert asked in out and where not in out, out  # it asks when, not where
    about = {"fr": "transfèrement", "es": "traslado", "ru": "передаче", "ar": "المحكوم", "zh": "讲习班"}[lang]
    assert about in out


@pytest.mark.parametrize("lang", sorted(STANDALONE))
def test_a_question_of_its_own_is_left_as_it_is(lang):
    assert not read(STANDALONE[lang], lang, content_words(STANDALONE[lang], lang)).follows
    assert _condense(STANDALONE[lang], PARTIES[lang], lang) == STANDALONE[lang]


def test_a_whole_question_after_and_gets_only_the_names_it_leaves_implicit():
    previous = "Combien de tonnes de drogues ont été saisies lors de l'opération lancée avec CRIMJUST en 2017 ?"
    out = _condense("Et combien d'arrestations ont été effectuées ?", previous, "fr")
    assert out == "Et combien d'arrestations ont été effectuées (CRIMJUST, 2017) ?"


@pytest.mark.parametrize("lang, question, previous", [
    ("fr", "Combien d'entre elles étaient des fusils de type Kalachnikov ?",
     "Combien d'armes à feu ont été saisies lors de l'opération TRIGGER III ?"),
    ("es", "¿Cuántas de ellas eran fusiles tipo Kalashnikov?",
     "¿Cuántas armas de fuego se incautaron en la operación TRIGGER III?"),
    ("ru", "Сколько из них были автоматами Калашникова?",
     "Сколько единиц огнестрельного оружия было изъято в ходе операции TRIGGER III?"),
    ("ar", "كم منها كانت بنادق من طراز كلاشنيكوف؟", "كم عدد الأسلحة النارية التي ضُبطت خلال عملية TRIGGER III؟"),
    ("zh", "其中有多少支是卡拉什尼科夫式步枪？", "TRIGGER III行动中缴获了多少件枪支？"),
])
def test_of_them_points_back_whatever_else_the_question_names(lang, question, previous):
    out = _condense(question, previous, lang)
    assert "TRIGGER III" in out and question.rstrip(" ?？؟").lstrip("¿") in out


def test_a_follow_up_of_a_follow_up_is_read_in_order():
    history = [(PARTIES["fr"], ""), (FIREARMS["fr"], "")]
    out = condense("Et en 2016 ?", history, "fr", content_words)
    assert "Protocole relatif aux armes à feu" in out and "2016" in out and out.startswith("Combien")


def test_a_later_fragment_replaces_the_earlier_one_of_its_kind():
    history = [(PARTIES["fr"], ""), ("Et en 2014 ?", ""), ("Et en 2015 ?", "")]
    out = condense("Et en 2016 ?", history, "fr", content_words)
    assert "2016" in out and "2015" not in out and "2014" not in out and out.count("—") == 1
    swapped = condense("Et au Protocole relatif aux migrants ?", [(PARTIES["fr"], ""), (FIREARMS["fr"], "")], "fr",
                       content_words)
    assert "migrants" in swapped and "armes à feu" not in swapped


def test_thin_questions_in_a_row_ask_about_the_same_topic():
    history = [(WHERE["fr"], ""), ("Et quand ?", "")]
    out = condense("Et qui l'a organisé ?", history, "fr", content_words)
    assert out.count("—") == 1 and "transfèrement" in out and "quand" not in out and "Où" not in out


@pytest.mark.parametrize("lang, question", [
    ("fr", "Combien de bureaux régionaux y a-t-il ?"),  # impersonal "il"
    ("fr", "Quelles mesures faut-il prendre ?"),
    ("fr", "Quand l'ONUDC a-t-il tenu sa réunion ?"),  # a name after an elided article: "sa" refers inside
    ("fr", "Qu'est-ce que la corruption ?"),  # one content word, but it asks what a thing is
    ("fr", "Résumez le rapport."),  # a request, not a fragment
    ("es", "Explique el programa GLO.ACT."),
    ("ru", "Перечислите страны Африки."),
    ("zh", "列出所有非洲国家。"),
    ("zh", "什么是洗钱？"),
    ("zh", "毒品和犯罪问题办公室的任务是什么呢？"),  # 呢 after a question word is not "and ...?"
    ("zh", "应该采取哪些措施来打击腐败？"),  # 该 inside 应该, not "the said"
    ("ar", "ما هي ولاية مكتب الأمم المتحدة المعني بالمخدرات والجريمة؟"),
    ("ar", "ولاية المكتب تشمل ماذا في مجال الفساد؟"),  # و of ولاية (mandate) is not "and"
])
def test_a_question_of_its_own_is_not_read_as_a_follow_up(lang, question):
    assert not read(question, lang, content_words(question, lang)).follows, question


def test_years_are_names_in_chinese_too():
    assert names_in("2016年举行了多少次会议？", "zh") == ["2016"]


def test_inverted_pronouns_are_not_back_references():
    q = "Combien d'activités l'ONUDC a-t-il menées dans le cadre de CRIMJUST ?"
    assert not read(q, "fr", content_words(q, "fr")).follows


def test_names_are_read_by_orthography():
    assert names_in("Combien d'armes à feu ont été saisies lors de l'opération TRIGGER III en 2017 ?", "fr") == [
        "TRIGGER III", "2017"]
    assert names_in("有多少个国家是《有组织犯罪公约》的缔约国？", "zh") == ["《有组织犯罪公约》"]


def test_english_rules_no_longer_splice_a_french_follow_up_into_the_previous_question():
    out = condense_rules("Et le Protocole relatif aux armes à feu ?", [(PARTIES["fr"], "")])
    assert "la Et le" not in out and out.startswith("Combien d'États") and "Protocole relatif aux armes" in out


def test_english_follow_ups_are_read_by_the_english_rules():
    history = [("How many States were parties to the Organized Crime Convention?", "")]
    out = condense_rules("And to the Firearms Protocol?", history)
    assert out.startswith("How many States were parties") and "Firearms Protocol" in out and "Organized" not in out


def test_a_follow_up_in_another_language_than_its_conversation_is_left_alone():
    """English grammar cannot splice into a French question, nor French grammar read an English one."""
    assert condense_rules("What about Kenya?", [(PARTIES["fr"], "")]) == "What about Kenya?"
    english = "How many States were parties to the Organized Crime Convention?"
    assert condense_rules("Et au Protocole relatif aux armes à feu ?", [(english, "")]) == \
        "Et au Protocole relatif aux armes à feu ?"


@pytest.mark.parametrize("question", ["Et en 2016 ?", "Et le Kenya ?", "Y en 2016?"])
def test_a_turn_too_short_to_tell_is_in_the_conversations_language(question):
    assert in_conversation(question).code == "en"  # alone: English, as before
    assert in_conversation(question, [(PARTIES["fr"], "")]).code == "fr"
    assert in_conversation(question, [(PARTIES["fr"], ""), ("ok", "")]).code == "fr"  # unsure turns are skipped


def test_a_turn_whose_language_is_sure_keeps_it():
    assert in_conversation("And how many arrests were made?", [(PARTIES["fr"], "")]).code == "en"
    assert in_conversation(PARTIES["ru"], [(PARTIES["fr"], "")]).code == "ru"
    assert in_conversation("Et en 2016 ?", [("How many States were parties to the Convention?", "")]).code == "en"
