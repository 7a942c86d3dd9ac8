"""A reader's words for what UN documents say in set terms (app/text/equivalents.py), and the sentence scorer, the
gate and BM25 finding the document's words for them."""
from __future__ import annotations

import numpy as np

from app.retrieval.bm25 import BM25Index
from app.text.equivalents import document_words, with_equivalents
from app.text.lexical import content_terms, stem
from app.text.scoring import SentenceScorer
from app.types import Hit

TREATY_QUESTION = content_terms("How many countries joined or ratified the treaty?")


def test_a_document_term_stands_for_the_readers_words_one_way_only():
    said = with_equivalents(content_terms("189 States had become parties to the Convention"), TREATY_QUESTION)
    assert {stem("countries"), stem("ratified"), stem("joined"), stem("treaty")} <= said
    # the reader's word does not stand for the document's: "joined the meeting" is not "became parties"
    joined = with_equivalents(content_terms("Experts from 12 countries joined the meeting"),
                              content_terms("How many States are parties?"))
    assert stem("party") not in joined and stem("state") not in joined
    plain = content_terms("The workshop trained prosecutors")
    assert with_equivalents(plain, TREATY_QUESTION) == plain


def test_joining_is_becoming_a_party_only_when_a_treaty_is_asked_about():
    parties = content_terms("The Conference of the Parties met")
    assert stem("joined") in with_equivalents(parties, content_terms("Which countries joined the Convention?"))
    assert stem("joined") not in with_equivalents(parties, content_terms("Which organization did UNODC join?"))
    # ratifying is always about a treaty
    assert stem("ratified") in with_equivalents(parties, content_terms("Who ratified it?"))


def test_a_readers_word_maps_to_the_documents_other_words():
    treaty = {stem("treaty")}
    assert "states" in document_words("Countries", set()) and "countries" not in document_words("countries", set())
    assert {"parties", "acceded", "accession"} <= set(document_words("ratified", set()))
    assert "ratified" not in document_words("ratified", set())
    assert document_words("joined", set()) == () and "parties" in document_words("joined", treaty)
    assert document_words("convention", treaty) == () and document_words("prosecutors", treaty) == ()
    # "United Nations" is no country, and "the State of Implementation" no count of States
    assert document_words("nations", treaty) == () and "state" not in document_words("countries", treaty)


def test_a_sentence_in_the_documents_words_answers_a_question_in_the_readers():
    """A sentence on "countries" in a database used to win on the shared word over the one on the parties."""
    database = Hit("doc", 8, (), "The database held cases from countries on the Convention.", 1.0)
    parties = Hit("doc", 7, (), "States had become parties to the Convention.", 1.0)
    scorer = SentenceScorer(None)
    scorer.use_vocabulary([database.text, parties.text] + ["The workshop trained prosecutors."] * 3)
    assert scorer.score("Tell me about the countries that ratified the Convention.",
                        [database, parties])[0].hit.paragraph == 7
    # the document's own word is still matched as itself, the paragraph retrieved second as first
    assert scorer.score("Tell me about the cases from countries in the database.",
                        [parties, database])[0].hit.paragraph == 8


def test_a_name_is_an_identity_not_a_readers_word():
    """"the Arms Trade Treaty" is a name: a Convention does not hold it as "treaty" holds a convention."""
    hits = [Hit("doc", 7, (), "States had become parties to the Convention.", 1.0)]
    scorer = SentenceScorer(None)
    scorer.use_vocabulary([hits[0].text, "The workshop trained prosecutors."])
    best = scorer.score("How many States are parties to the Arms Trade Treaty?", hits)[0]
    assert best.features[2] == 0.0  # "proper": none of the question's names


def test_bm25_finds_the_documents_word_for_a_readers_word_with_one_words_weight():
    texts = ["As at 9 February 2018, 189 States had become parties to the Convention.",
             "Accession and parties were discussed; States acceded.",
             "The workshop trained prosecutors in Nairobi.",
             "The countries and the States met.", "The treaty is a Convention."] + ["A meeting was held in Vienna."] * 5
    bm25 = BM25Index(texts)
    scores = bm25.scores("How many countries ratified the treaty?")
    # neither of the first two shares a word with the question as it is written
    assert scores[0] > 0 and scores[1] > 0 and scores[2] == 0 and scores[-1] == 0
    # "ratified" scores the best of its document words in each text, not their sum
    best = np.max([bm25.scores(w) for w in ("parties", "acceded", "accession")], axis=0)  # a document's own words
    assert np.allclose(bm25.scores("ratified"), best)
    # a text with the reader's word and the document's scores one word's weight, the better of the two
    both = bm25.scores("treaty")
    assert bm25.scores("convention")[4] <= both[4] < bm25.scores("treaty convention")[4]
    # "States", in most paragraphs of a UN report, is no BM25 word for "countries" (the sentence scorer reads it)
    assert bm25.scores("countries")[0] == 0


def test_bm25_reads_united_nations_as_no_countries():
    bm25 = BM25Index(["The State of Implementation was published.", "The workshop trained prosecutors in Nairobi."]
                     + ["A meeting was held in Vienna."] * 5)
    assert bm25.scores("What did the United Nations publish?")[0] == 0
