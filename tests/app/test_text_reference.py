"""What a later part of a question points back to (app/text/reference.py): the first part's subject, told from its
verb without a tagger, and the pronoun it replaces; then the extractive reader reading such a part with it."""
from __future__ import annotations

import pytest

from app.answer.extractive import ExtractiveAnswerer
from app.context import pack_context
from app.text.reference import subject_of, with_subject
from app.types import Hit


@pytest.mark.parametrize("question,subject", [
    ("How many activities did the EU-funded cocaine route programme carry out?", "the EU-funded cocaine route programme"),
    ("What did the cocaine route programme do with Nigerian agencies?", "the cocaine route programme"),  # light verb
    ("Where was the third expert meeting on smuggling in south-east Europe held?",
     "the third expert meeting on smuggling in south-east Europe"),  # passive: the participle ends it, not "meeting on"
    ("What is the Blue Heart Campaign?", "the Blue Heart Campaign"),  # a copula: the rest is the subject
    ("What did the Security Council adopt when it took up the report?", "the Security Council"),  # a clause of its own
    ("Which two countries did UNODC help get ready to join the treaty?", "UNODC"),  # the word after a bare name
    ("How many people did the online campaign for the world day reach?", "the online campaign for the world day"),
    ("What did the working group recommend to States on the use of the Convention?", "the working group"),
    ("When did the UN crime-law portal go online?", "the UN crime-law portal"),
    ("When were the working groups on prevention meeting?", "the working groups on prevention"),
    ("What kind of support did Japan's government receive?", "Japan's government"),
    ("What did the Commission decide at its last session?", "the Commission"),  # the verb, not the phrase's last word
    ("Where did the working groups on prevention meet?", "the working groups on prevention"),  # "groups" is no verb
    ('How many people did the "Blue Heart" campaign reach?', 'the "Blue Heart" campaign'),  # quotes kept, as written
])
def test_the_subject_of_a_question(question, subject):
    assert subject_of(question) == subject


@pytest.mark.parametrize("question", [
    "How many States have ratified it?",  # the subject is asked for
    "Why?", "List the meetings held in 2017.",  # no auxiliary after a question word
])
def test_no_subject(question):
    assert subject_of(question) is None


@pytest.mark.parametrize("part,first,resolved", [
    ("when did it hold its first workshop?", "What did the cocaine route programme do with Nigerian agencies?",
     "when did the cocaine route programme hold its first workshop?"),
    ("how many countries received its technical help?", "How many activities did the programme carry out?",
     "how many countries received the programme’s technical help?"),
    ("how many did they train?", "Where did the working groups on prevention meet?",
     "how many did the working groups on prevention train?"),
    # "they" are the meetings asked about, not the (singular) network that hosted them
    ("where were they held?", "Which meetings did the West African network host in 2017?", None),
    ("where was it held?", "Which meetings did the working groups host?", None),  # "it" is not the groups
    ("where was the meeting held?", "What did the programme do?", None),  # nothing points back
    ("where was it held?", "How many States have ratified it?", None),  # no subject
    ("How many IT experts did it hire?", "What did the programme do?", "How many IT experts did the programme hire?"),
])
def test_a_pronoun_takes_the_first_parts_subject(part, first, resolved):
    assert with_subject(part, first) == resolved


def _hit(n: int, text: str) -> Hit:
    return Hit(doc_id="doc", paragraph=n, section_path=(), text=text, score=1.0)


def test_a_part_that_points_back_keeps_its_own_question():
    """Read with the whole first part, "when did it hold its first workshop on integrity?" took the first part's
    sentence (it has a date and all of the first part's words); with its pronoun resolved it finds its own."""
    hits = [_hit(50, "The cocaine route programme organized a training session for the anti-drug agencies of Nigeria "
                     "and Ghana on drug trafficking cases, held from 26 to 28 September 2017."),
            _hit(85, "As part of the cocaine route programme, UNODC held an initial workshop in January 2017 "
                     "focusing on institutional integrity.")]
    question = ("What did the cocaine route programme do with the anti-drug agencies of Nigeria and Ghana on drug "
                "trafficking cases, and when did it hold its first workshop on institutional integrity?")
    chosen = ExtractiveAnswerer().select(question, pack_context(question, hits, 2000))
    assert sorted(s.hit.paragraph for s in chosen) == [50, 85]
