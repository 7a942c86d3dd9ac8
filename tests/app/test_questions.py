import pytest

from app.questions import clean_question
from app.errors import QuestionError


@pytest.mark.parametrize("q", ["", "   ", "\n\t", None, "\x00\x00", "?!", "\u200b"])
def test_empty_questions_are_refused_with_advice(q):
    with pytest.raises(QuestionError) as err:
        clean_question(q)
    assert "question" in str(err.value).lower()


def test_huge_question_is_refused_and_says_the_limit():
    with pytest.raises(QuestionError) as err:
        clean_question("How many States? " * 6000, max_chars=2000)
    assert "2,000" in str(err.value)


def test_control_characters_and_nul_become_spaces():
    assert clean_question("How\x00many\x07States\r\nare parties?\x1b") == "How many States are parties?"


def test_non_english_text_is_kept():
    assert clean_question("  ¿Cuántos Estados son parte de la Convención?  ") == "¿Cuántos Estados son parte de la Convención?"
    assert clean_question("有多少个国家？") == "有多少个国家？"


def test_non_text_is_refused():
    with pytest.raises(QuestionError):
        clean_question(42)
