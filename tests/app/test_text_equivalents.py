"""A reader's words for what UN documents say in set terms (app/text/equivalents.py), and the sentence scorer and BM25
finding the document's words for them."""
from __future__ import annotations

import numpy as np

from app.retrieval.bm25 import BM25Index
from app.text.equivalents import document_words, with_equivalents
from app.text.lexical import content_terms, stem
from app.text.scoring import SentenceScorer
from app.types import Hit


def test_a_document_term_stands_for_the_readers_words_one_way_only():
    said = with_equivalents(content_terms("189 States had become parties to the Convention"))
    assert {stem("countries"), stem("nations"), stem("ratified"), stem("joined"), stem("ratification")} <= said
    assert stem("treaty") in said
    # the reader's word does not stand for the document's: "joined the meeting" is not "became parties"
    joined = with_equivalents(content_terms("Experts from 12 countries joined the meeting"))
    assert stem("party") not in joined and stem("state") not in joined
    assert with_equivalents(content_terms("The workshop trained prosecutors")) == \
        content_terms("The workshop trained prosecutors")


def test_a_readers_word_maps_to_the_documents_other_words():
    assert "states" in document_words("Countries") and "countries" not in document_words("countries")
    assert {"parties", "acceded", "accession"} <= set(document_words("ratified"))
    assert "ratified" not in document_words("ratified")
    assert document_words("convention") == () and document_words("prosecutors") == ()


def test_a_sentence_in_the_documents_words_answers_a_question_in_the_readers():
    """A sentence on "countries" in a database used to win on the shared word over the one on the parties."""
    hits = [Hit("doc", 8, (), "The database held cases from countries on the Convention.", 1.0),
            Hit("doc", 7, (), "States had become parties to the Convention.", 1.0)]
    scorer = SentenceScorer(None)
    scorer.use_vocabulary([h.text for h in hits] + ["The workshop trained prosecutors."] * 3)
    assert scorer.score("Tell me about the countries that ratified the Convention.", hits)[0].hit.paragraph == 7
    # the document's own word is still matched as itself
    assert scorer.score("Tell me about the cases from countries in the database.", hits)[0].hit.paragraph == 8


def test_bm25_finds_the_documents_word_for_a_readers_word_with_one_words_weight():
    texts = ["As at 9 February 2018, 189 States had become parties to the Convention.",
             "Accession and parties were discussed; States acceded.",
             "The workshop trained prosecutors in Nairobi."] + ["A meeting was held in Vienna."] * 5
    bm25 = BM25Index(texts)
    scores = bm25.scores("How many countries ratified the treaty?")
    # neither of the first two shares a word with the question as it is written
    assert scores[0] > 0 and scores[1] > 0 and scores[2] == 0 and scores[-1] == 0
    # "ratified" adds the best of its document words in each text, not their sum
    best = np.max([bm25.scores(w) for w in ("parties", "acceded", "accession")], axis=0)  # a document's own words
    assert np.allclose(bm25.scores("ratified"), best)
