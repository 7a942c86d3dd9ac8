import pytest
from langchain_core.language_models import FakeListChatModel

from app.condense import condense_llm, condense_rules, is_follow_up

H = [("How many States were parties to the Organized Crime Convention?", "189 States ... [¶7]")]


def test_entity_swap():
    assert condense_rules("and the Firearms Protocol?", H) == "How many States were parties to the Firearms Protocol?"
    assert condense_rules("What about the Smuggling of Migrants Protocol?", H) == \
        "How many States were parties to the Smuggling of Migrants Protocol?"


def test_chained_follow_ups_and_years():
    h = H + [("and the Firearms Protocol?", "115 [¶7]")]
    assert condense_rules("and the Trafficking in Persons Protocol?", h) == \
        "How many States were parties to the Trafficking in Persons Protocol?"
    assert condense_rules("and in 2016?", [("How many officials were trained in Mali in 2017?", "")]) == \
        "How many officials were trained in Mali in 2016?"


def test_pronoun_filled_with_topic():
    h = [("When was the seventh session of the Conference of the States Parties held?", "")]
    assert condense_rules("Where was it held?", h) == \
        "Where was the seventh session of the Conference of the States Parties held?"


def test_standalone_questions_unchanged():
    assert not is_follow_up("What is SHERLOC?")
    assert condense_rules("What is SHERLOC?", H) == "What is SHERLOC?"
    assert condense_rules("and the Firearms Protocol?", None) == "and the Firearms Protocol?"


def test_llm_condense_and_fallback():
    good = FakeListChatModel(responses=["How many States were parties to the Firearms Protocol?"])
    assert condense_llm(good, "and the Firearms Protocol?", H) == "How many States were parties to the Firearms Protocol?"
    rambling = FakeListChatModel(responses=["line one\nline two"])
    assert condense_llm(rambling, "and the Firearms Protocol?", H) == \
        "How many States were parties to the Firearms Protocol?"


@pytest.mark.parametrize("question,asked", [
    ("What UNODC activities took place in Bishkek according to the report?",
     "What UNODC activities took place in Bishkek?"),
    ("According to the report, how many States were parties?", "How many States were parties?"),
    # the report as the topic, and the phrase inside the sentence, stay
    ("What is the report based on?", "What is the report based on?"),
    ("How many States, according to the report, were parties?",
     "How many States, according to the report, were parties?"),
])
def test_according_to_the_report_is_not_searched_for(question, asked):
    """Every question is about the report: "according to the report" only draws the search to ¶1, which describes
    the report."""
    from app.condense import asked_question

    assert asked_question(question) == asked
