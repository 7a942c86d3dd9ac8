"""The short names a report defines (app/text/glossary.py), and the scorer lending a sentence that uses one the words
of the name it stands for."""
from __future__ import annotations

from app.text.glossary import expansion_terms, read_glossary
from app.text.lexical import content_terms
from app.text.scoring import SentenceScorer
from app.types import Hit

DEFINING = ("In 2017, the Programme continued to support the Network of West African Central Authorities and "
            "Prosecutors against Organized Crime (WACAP). Following the start of the programme entitled “CRIMJUST: "
            "strengthening criminal justice cooperation along the cocaine route”, 62 activities were implemented.")


def test_both_ways_a_report_defines_a_short_name():
    g = read_glossary([DEFINING, "WACAP trained 333 prosecutors."])
    assert content_terms("West African prosecutors") <= g["WACAP"]  # what its capitals abbreviate, not "Network of"
    assert content_terms("cocaine route criminal justice") <= g["CRIMJUST"]
    assert set(g) == {"WACAP", "CRIMJUST"}  # "In 2017" or "The Programme" define nothing
    # one capital is a word, not a short name: "(Annex)" after a title defines nothing
    assert read_glossary(["See the Report of the Secretary-General (Annex) for details."]) == {}


def test_a_short_name_stands_for_the_words_its_capitals_abbreviate():
    """Not the words before them in the same capitalised run: every UNODC sentence would be about Kenya."""
    g = read_glossary(["The Government of Kenya and the United Nations Office on Drugs and Crime (UNODC) met.",
                       "The United States and the United Nations Development Programme (UNDP) met.",
                       "The International Criminal Police Organization (INTERPOL) met."])
    assert g["UNODC"] == content_terms("United Nations Office on Drugs and Crime") - content_terms("UNODC")
    assert "state" not in {t[:5] for t in g["UNDP"]} and "kenya" not in g["UNODC"]
    assert content_terms("International Criminal Police Organization") <= g["INTERPOL"]  # initials not all its letters


def test_a_long_capitalised_run_still_ends_in_the_name():
    """The run before the bracket is read at most MAX_LONG_WORDS words back (linear time on odd text); the name it
    ends with is found however long the run."""
    g = read_glossary(["Abc " * 40 + "United Nations Development Programme (UNDP)", "A" * 5000])
    assert g == {"UNDP": frozenset(content_terms("United Nations Development Programme") - content_terms("UNDP"))}


def test_a_short_name_lends_its_words_only_where_it_is_used():
    g = read_glossary([DEFINING])
    assert content_terms("cocaine route") <= expansion_terms("CRIMJUST provided assistance to 12 countries.", g)
    assert expansion_terms("UNODC provided assistance to 12 countries.", g) == set()
    assert expansion_terms("WACAPS and XWACAP are other words.", g) == set()  # a whole word only
    assert expansion_terms("WACAP met.", {}) == set()


def test_a_sentence_naming_the_programme_by_its_short_name_answers_a_question_describing_it():
    """"How many countries did the cocaine route programme assist?": the sentence that says "CRIMJUST ... 12
    countries" answers it, not another programme's count, once the scorer knows what CRIMJUST stands for."""
    hits = [Hit("doc", 102, (), "More than 20 countries received assistance from the asset recovery programme.", 1.0),
            Hit("doc", 46, (), "CRIMJUST provided technical assistance to 12 countries.", 1.0)]
    question = "How many countries received technical assistance from the cocaine route programme?"
    scorer = SentenceScorer(None)
    scorer.use_vocabulary([DEFINING] + [h.text for h in hits])
    assert "CRIMJUST" in scorer.glossary
    assert scorer.score(question, hits)[0].hit.paragraph == 46
    scorer.glossary = {}  # the same scorer, not knowing the short name: the other programme's count wins
    assert scorer.score(question, hits)[0].hit.paragraph == 102


def test_the_paragraphs_defining_a_short_name_are_found_in_order():
    from app.text.glossary import defined_in

    texts = ["The StAR Initiative met twice.",
             "Assistance came from the joint Stolen Asset Recovery (StAR) Initiative and the Annex (Annex).",
             "A programme entitled “CRIMJUST: strengthening criminal investigation and cooperation” began.",
             "The Stolen Asset Recovery (StAR) Initiative is named again."]
    assert defined_in(texts) == {"StAR": [1, 3], "CRIMJUST": [2]}  # "(Annex)" has one capital: no short name
