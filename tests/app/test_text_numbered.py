"""A name's number is part of its identity (app/text/numbered.py)."""
import pytest

from app.abstain import missing_key_terms
from app.text.numbered import numbered_alike, numbered_names, numeral_value, other_numbered
from app.types import Hit

TRIGGER = ("II. Activities. UNODC joined INTERPOL in organizing a five-day police operation named TRIGGER III in "
           "Benin, leading to the seizure of 130 firearms. As at 9 February 2018, 189 States had become parties "
           "involving 13 countries; Article 16 of the Convention; resolution 4/6.")


@pytest.mark.parametrize("token,value", [("III", 3), ("iii", 3), ("iv", 4), ("XIX", 19), ("xl", 40), ("12", 12),
                                         ("IIII", None), ("ill", None), ("lid", None), ("", None)])
def test_numeral_value(token, value):
    assert numeral_value(token) == value


def test_the_text_numbers_only_capitalised_names_and_not_counts_dates_or_ratios():
    assert numbered_names(TRIGGER) == {"trigger": {3}, "article": {16}}


@pytest.mark.parametrize("question,other", [
    ("how many guns were seized in operation trigger II", ["ii"]),  # lower case, as readers type
    ("operation trigger iv?", ["iv"]), ("What does article 15 say?", ["15"]),
    ("How many guns were seized in TRIGGER III?", []), ("trigger 3 results", []),  # the same number, written otherwise
    ("What did operation Thunderbird 2 seize?", []),  # a name the text never numbers is not judged here
    ("How many of the 189 States?", []), ("how many were seized in 2017", []),
])
def test_other_numbered(question, other):
    assert other_numbered(question, TRIGGER) == other


def test_a_number_written_otherwise_names_the_same_thing():
    assert numbered_alike("trigger 3 results", TRIGGER) == {"3"}
    assert numbered_alike("trigger 2 results", TRIGGER) == set()


def test_a_numbered_name_is_missing_though_a_heading_carries_its_numeral():
    hit = Hit("doc", 39, ("II. Activities",), TRIGGER, 1.0)
    assert missing_key_terms("How many guns were seized in operation TRIGGER II?", [hit]) == ["ii"]
    assert missing_key_terms("how many guns were seized in operation trigger ii", [hit]) == ["ii"]
    assert missing_key_terms("How many guns were seized in operation trigger 3?", [hit]) == []
