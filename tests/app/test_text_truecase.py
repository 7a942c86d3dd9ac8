"""Capitals for a question typed without them (app/text/truecase.py)."""
import pytest

from app.text.truecase import Casing, needs_capitals, truecased

REPORT = [
    "UNODC joined INTERPOL in organizing an operation named TRIGGER III in Benin, the Niger and Nigeria. "
    "SHERLOC was accessed by 186,990 users. The workshop was held in Tashkent.",
    "The StAR Initiative and the Trust Fund for Victims reported to the Conference. States parties to the Convention "
    "met in Vienna. Under the Convention, the World Day is marked. UNODC keeps track of cases.",
]


@pytest.fixture(scope="module")
def casing():
    return Casing(REPORT)


def test_acronyms_and_places_are_read_as_the_report_writes_them(casing):
    assert casing.form("sherloc") == "SHERLOC" and casing.form("trigger") == "TRIGGER"
    assert casing.form("star") == "StAR" and casing.form("tashkent") == "Tashkent"


def test_words_the_report_merely_capitalises_or_also_writes_in_lower_case_stay_lower_case(casing):
    # "Convention", "Fund", "World": a body's or a title's words, and everyday words for a reader
    assert casing.form("convention") is None and casing.form("fund") is None and casing.form("world") is None
    assert casing.form("track") is None  # never a name here: the report writes "track" itself


def test_a_question_without_capitals_gets_its_names_capitals(casing):
    assert truecased("how many guns were seized in nigeria during trigger iii", casing) == \
        "how many guns were seized in Nigeria during TRIGGER III"
    # countries by their names, whether or not the report names them; abbreviations in capitals
    assert truecased("did germany or the usa give money to the trust fund", casing) == \
        "did Germany or the USA give money to the trust fund"
    assert truecased("sherloc users in côte d’ivoire?", casing) == "SHERLOC users in Côte d’Ivoire?"


def test_a_reader_who_capitalises_has_chosen_the_names(casing):
    question = "How many guns were seized in Nigeria during trigger iii?"
    assert not needs_capitals(question) and truecased(question, casing) == question
    # the first word's capital and acronyms do not count as choosing
    assert needs_capitals("How many guns did trigger iii seize?") and needs_capitals("UNODC work in nigeria")


def test_a_country_that_is_also_an_everyday_word_is_left_alone(casing):
    assert truecased("what did they do in chad and turkey", casing) == "what did they do in chad and turkey"


def test_only_letters_change_case(casing):
    for q in ("how many guns were seized in nigeria during trigger iii", "sherloc in côte d’ivoire?", "?? 42"):
        t = truecased(q, casing)
        assert len(t) == len(q) and t.lower() == q.lower()


def test_without_a_casing_only_countries_are_restored():
    assert truecased("sherloc users in kenya", None) == "sherloc users in Kenya"


def test_a_roman_numeral_after_a_name_is_part_of_it(casing):
    assert truecased("how many guns were seized in operation trigger ii", casing) == \
        "how many guns were seized in operation TRIGGER II"
    assert truecased("what did they mix in vienna", casing) == "what did they mix in Vienna"  # no numeral
