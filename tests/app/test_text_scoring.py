"""The sentence scorer and the text layer under it (app/text), with a hash embedder or none: named features, the
weights they are summed with, and the question readings they rest on."""
from __future__ import annotations

import json

import numpy as np
import pytest

from app.text.focus import counts, defined_acronym, question_kind, refers_back, type_match
from app.text.lexical import (
    acronyms, asked_acronyms, split_sentences, split_subquestions, standalone_parts, terms_with_acronyms, topic_terms,
)
from app.text.scoring import HAND_WEIGHTS, RANKER_PATH, SENTENCE_FEATURES, SentenceScorer, load_weights
from app.types import Hit

HIT = Hit("doc", 7, ("B. Promoting adherence",), "UNODC trained 40 judges in 2017. As at 9 February 2018, 189 States "
          "had become parties to the Convention.", 1.0, dense_score=0.5)


def test_score_is_the_weighted_sum_of_the_named_features():
    scorer = SentenceScorer(None)
    scored = scorer.score("How many States had become parties?", [HIT])
    assert len(scored) == 2 and all(len(s.features) == len(SENTENCE_FEATURES) for s in scored)
    for s in scored:
        assert s.score == pytest.approx(float(np.dot(scorer.weights, s.features)))
    assert scored[0].text.startswith("As at 9 February 2018")  # the count of States, not the count of judges
    counted = SENTENCE_FEATURES.index("counted")
    assert scored[0].features[counted] == 1.0 and scored[1].features[counted] == 0.0


def test_fitted_weights_override_the_hand_weights_only_for_known_features(tmp_path):
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps({"weights": {"dense": 0.25, "no_such_feature": 9.0}}))
    w = load_weights(path)
    assert w[SENTENCE_FEATURES.index("dense")] == 0.25
    assert w[SENTENCE_FEATURES.index("lexical")] == HAND_WEIGHTS["lexical"]
    assert len(load_weights(tmp_path / "missing.json")) == len(SENTENCE_FEATURES)
    assert json.loads(RANKER_PATH.read_text())["weights"].keys() <= set(SENTENCE_FEATURES)


def test_a_sentence_that_refers_back_is_also_read_with_the_sentence_before_it():
    from tests.doubles import HashEmbedder

    hit = Hit("doc", 26, (), "The office drafted a report on trafficking in wartime. The report was before the Council, "
              "which adopted resolution 12.", 1.0)
    question = "What did the Council adopt on the report on trafficking in wartime?"
    embedder = HashEmbedder(dim=256)
    scorer = SentenceScorer(embedder)
    second = next(s for s in scorer.score(question, [hit]) if s.index == 1)
    qvec = embedder.encode([question], kind="query")[0]
    alone, together = (float(embedder.encode([t])[0] @ qvec) for t in (second.text, hit.text))
    assert together > alone and second.refers_back
    assert second.dense == pytest.approx(together)
    # a sentence that does not refer back is read alone
    first = next(s for s in scorer.score(question, [hit]) if s.index == 0)
    assert first.dense == pytest.approx(float(embedder.encode([first.text])[0] @ qvec))


def test_every_sentence_of_every_hit_gets_its_own_readings():
    """Several hits, with and without sentences that refer back: each sentence's cosine is computed from its own
    texts (an offset slip between paragraphs would give one sentence another's reading)."""
    from tests.doubles import HashEmbedder

    hits = [Hit("doc", 1, ("II. Crime", "Cybercrime"), "UNODC drafted a study on fraud. The study was launched in "
                "Vienna. It was also presented in Lima.", 1.0),
            Hit("doc", 2, (), "A workshop was held in Tunis. The workshop trained 40 judges.", 0.9),
            Hit("doc", 3, ("Firearms",), "Operations seized 130 firearms.", 0.8)]
    question = "Where was the study on fraud launched and presented?"
    embedder = HashEmbedder(dim=256)
    q = embedder.encode([question], kind="query")[0]

    def cos(text):
        return float(embedder.encode([text])[0] @ q)

    expected = {}
    for hit in hits:
        sents = split_sentences(hit.text)
        for i, x in enumerate(sents):
            back = i > 0 and refers_back(x, sents[i - 1])
            expected[(hit.paragraph, i)] = max(cos(x), cos(sents[i - 1] + " " + x)) if back else cos(x)
    scored = SentenceScorer(embedder).score(question, hits)
    assert len(scored) == len(expected) == 6
    assert sum(s.refers_back for s in scored) == 3
    for s in scored:
        assert s.dense == pytest.approx(expected[(s.hit.paragraph, s.index)]), s.text


def test_word_similarity_uses_the_embedder_and_needs_one():
    class Unit:
        def encode(self, texts, kind="passage"):
            return np.array([[1.0, 0.0] if t.startswith("a") else [0.0, 1.0] for t in texts], dtype=np.float32)

    sims = SentenceScorer(Unit()).word_similarity(["apple", "berry"], ["avocado", "banana"])
    assert sims.tolist() == [[1.0, 0.0], [0.0, 1.0]]
    assert SentenceScorer(None).word_similarity(["a"], ["b"]) is None


def test_a_copula_carries_a_count_over_but_a_passive_does_not():
    assert counts("189 States had become parties to the Convention", "party")
    assert counts("189 States had become parties to the Convention", "state")
    assert not counts("Resolution 2018 was adopted by States", "state")
    assert not counts("It reached over 200 practitioners", "party")


@pytest.mark.parametrize("question,kind", [
    ("What was the budget of UNODC in 2015?", "amount"),
    ("How much did Germany contribute?", "amount"),
    ("How many States contributed?", "quantity"),
    ("What does SHERLOC stand for?", "definition"),
    ("When was the meeting held?", "date"),
    ("Which countries took part?", "names"),
])
def test_question_kinds(question, kind):
    assert question_kind(question) == kind


def test_type_matches_for_amounts_and_definitions():
    assert type_match("amount", "grants totalling $403,447") == 1.0
    assert type_match("amount", "held in 2015 in Vienna") == 0.0
    acr = defined_acronym("What is the full name of BENATOC?")
    assert acr == "BENATOC"
    assert type_match("definition", "the Programme on Building Effective Networks against Transnational Organized "
                      "Crime (BENATOC) continued", acr) == 1.0
    assert type_match("definition", "BENATOC continued to facilitate networking", acr) == 0.0


def test_acronyms_are_matched_only_for_words_asked_in_capitals():
    assert "nato" in acronyms("the North Atlantic Treaty Organization")
    assert asked_acronyms("Did UNODC work with NATO?") == {"unodc", "nato"}
    assert "nato" in terms_with_acronyms("the North Atlantic Treaty Organization", {"nato"})
    assert "nato" not in terms_with_acronyms("the North Atlantic Treaty Organization", set())


def test_domain_common_words_are_dropped_as_stems():
    assert topic_terms("What did the United Nations do in Canada?") == {"canada"}
    assert topic_terms("What did the United Nations report?")  # nothing else left: keep them all


@pytest.mark.parametrize("question,parts", [
    ("How much content does SHERLOC hold and how many people used it?",
     ["How much content does SHERLOC hold?", "how many people used it? How much content does SHERLOC hold?"]),
    # a part that is only a question phrase shares its neighbour's predicate
    ("How many people and how many countries attended the session?",
     ["How many people attended the session?", "how many countries attended the session?"]),
    # a part may open with a preposition
    ("How many officials did the programme reach, and from how many countries?",
     ["How many officials did the programme reach?", "from how many countries did the programme reach?"]),
    ("When and where was the meeting held?", ["When and where was the meeting held?"]),
    # a comma before a further question, after one already asked: each is a part, with the scene set before the first
    ("CRIMJUST - how many activities did it run, who were its partners?",
     ["CRIMJUST - how many activities did it run?",
      "CRIMJUST - who were its partners? CRIMJUST - how many activities did it run?"]),  # "its" points back
    # ... not a comma before the first question, nor a relative clause
    ("Of the drugs seized in the operation, how many tons were cocaine?",
     ["Of the drugs seized in the operation, how many tons were cocaine?"]),
    ("How many arrests came out of the Joint Action Days, in which UNODC took part?",
     ["How many arrests came out of the Joint Action Days, in which UNODC took part?"]),
    # a relative or subordinate clause after a comma is no question of its own
    ("Of the 735 people who were trained, how many were from civil society?",
     ["Of the 735 people who were trained, how many were from civil society?"]),
    ("What did the Executive Director, who took office in 2020, say about corruption?",
     ["What did the Executive Director, who took office in 2020, say about corruption?"]),
    ("What was discussed in Vienna, where UNODC is headquartered?",
     ["What was discussed in Vienna, where UNODC is headquartered?"]),
    # ... "and about how" is no second question (it would lose "What does the report say"), but the repeated
    # preposition distributes the question over two things
    ("What does the report say about prevention and about how States can recover assets?",
     ["What does the report say about prevention?", "What does the report say about how States can recover assets?"]),
    # a hedge between "and" and the question word is not part of the second question
    ("How many guns were seized, and roughly how many officials were trained?",
     ["How many guns were seized?", "how many officials were trained?"]),
    ("Which countries and organizations attended?", ["Which countries and organizations attended?"]),
    # a comma list after a dash: one part per item, each with the question before the dash
    ("What has UNODC done on sport - decisions, publications, training?",
     ["What has UNODC done on sport: decisions?", "What has UNODC done on sport: publications?",
      "What has UNODC done on sport: training?"]),
    # ... a later item takes the first item's question phrase; the last may be joined by "and"
    ("How big was the 2017 conference - how many attendees, countries and side events?",
     ["How big was the 2017 conference: how many attendees?", "How big was the 2017 conference: how many countries?",
      "How big was the 2017 conference: how many side events?"]),
    # "and" alone is the question's own (no comma list), and a long item is not a list item
    ("Tell me about the meeting in Iran - which city and what dates?",
     ["Tell me about the meeting in Iran - which city and what dates?"]),
    # a range, an aside, names asked about jointly (and a name with "and" in it) are not lists of things asked for
    ("How many seizures were reported in 2015 - 2017, by region?",
     ["How many seizures were reported in 2015 - 2017, by region?"]),
    ("What did the Commission decide in 2019 - its sixty-second session, held in Vienna?",
     ["What did the Commission decide in 2019 - its sixty-second session, held in Vienna?"]),
    ("How much did the donors give jointly - France, Italy and Spain?",
     ["How much did the donors give jointly - France, Italy and Spain?"]),
    # a comparison between two things: one part per side, each with the question before the colon or comma (and a
    # side's own pronoun does not make it carry the other side); "more practitioners" asks each side how many
    ("Which reached more practitioners: the programme on trafficking or its programme on smuggling?",
     ["Which reached more practitioners (how many practitioners): the programme on trafficking?",
      "Which reached more practitioners (how many practitioners): its programme on smuggling?"]),
    ("Which is larger, the number of parties to the Firearms Protocol or to the Trafficking Protocol?",
     ["Which is larger (how many parties): the number of parties to the Firearms Protocol?",
      "Which is larger (how many parties): to the Trafficking Protocol?"]),
    ("Which had more users: the SHERLOC portal, TRACK or the e-learning course?",
     ["Which had more users (how many users): the SHERLOC portal?", "Which had more users (how many users): TRACK?",
      "Which had more users (how many users): the e-learning course?"]),
    # ... not without a choice question with a comparative, nor for examples of one thing, nor for "more than"
    ("Which programme was evaluated: the one on trafficking or the one on smuggling?",
     ["Which programme was evaluated: the one on trafficking or the one on smuggling?"]),
    ("What support did UNODC give to smaller island States, for example Fiji or Samoa in the Pacific?",
     ["What support did UNODC give to smaller island States, for example Fiji or Samoa in the Pacific?"]),
    ("How did the least developed countries benefit, through technical assistance or through capacity-building?",
     ["How did the least developed countries benefit, through technical assistance or through capacity-building?"]),
    ("Which had more than 100 participants: the workshop in Vienna or the meeting in Doha?",
     ["Which had more than 100 participants: the workshop in Vienna or the meeting in Doha?"]),
    ("Did the Office train more officials in 2017, more or less?",
     ["Did the Office train more officials in 2017, more or less?"]),
    # a later part naming too little to be read alone carries the first part; one naming its own topic does not
    ("Where was the request writer tool shown, and what upgrades were being made?",
     ["Where was the request writer tool shown?", "what upgrades were being made? Where was the request writer "
      "tool shown?"]),
    ("Where was the request writer tool shown, and how many States joined the Firearms Protocol?",
     ["Where was the request writer tool shown?", "how many States joined the Firearms Protocol?"]),
    ("What is the Blue Heart Campaign, and how many firearms were seized?",
     ["What is the Blue Heart Campaign?", "how many firearms were seized?"]),
    ("The programme - what did it do in 2017, and what is it planning to do in all the years to come?",
     ["The programme - what did it do in 2017?", "what is it planning to do in all the years to come? "
      "The programme - what did it do in 2017?"]),
    # a preposition repeated after "and" distributes the question over two things; the first part takes what follows
    # the second thing ("meet in 2017"), and neither carries the other (they open alike)
    ("When did the anti-corruption working groups on prevention and on asset recovery meet in 2017?",
     ["When did the anti-corruption working groups on prevention meet in 2017?",
      "When did the anti-corruption working groups on asset recovery meet in 2017?"]),
    ("What education work has UNODC done under its initiative, both on organized crime and on human trafficking and "
     "smuggling?", ["What education work has UNODC done under its initiative, on organized crime?",
                    "What education work has UNODC done under its initiative, on human trafficking and smuggling?"]),
    ("Compare how many people the programmes against human trafficking and against migrant smuggling reached.",
     ["Compare how many people the programmes against human trafficking reached?",
      "Compare how many people the programmes against migrant smuggling reached?"]),
    ("The two working groups on stopping corruption and on recovering assets met in Vienna - what dates exactly?",
     ["The two working groups on stopping corruption met in Vienna - what dates exactly?",
      "The two working groups on recovering assets met in Vienna - what dates exactly?"]),
    # a yes-or-no comparison ("more States than ...", "bigger than ..., in terms of participants"): one part per side,
    # each asking how many of the compared thing; "more than 50" is a figure, and one side a different noun's
    ("Did UNODC run investigation training in more States than workshops on money-laundering?",
     ["Did UNODC run investigation training in more States (how many States)?",
      "workshops on money-laundering (how many States)? Did UNODC run investigation training in more States (how many "
      "States)?"]),
    ("Was the 2017 conference bigger than the first asset recovery forum, in terms of participants?",
     ["Was the 2017 conference bigger, in terms of participants (how many participants)?",
      "the first asset recovery forum (how many participants)?"]),
    ("Were more people trained in Kenya than in Chad?",
     ["Were more people trained in Kenya (how many people)?", "in Chad (how many people)?"]),
    ("Did UNODC train more than 50 officials in Kenya?", ["Did UNODC train more than 50 officials in Kenya?"]),
    ("Did more than half of States respond?", ["Did more than half of States respond?"]),  # figures and plans
    ("Did UNODC spend less than $5 million?", ["Did UNODC spend less than $5 million?"]),
    ("Did UNODC get more funding than expected?", ["Did UNODC get more funding than expected?"]),
    ("Is it true that more women than men were trained?",  # each side counts its own noun
     ["Is it true that more women (how many women)?",
      "men were trained (how many men)? Is it true that more women (how many women)?"]),
    ("Was the conference longer than the forum?",  # nothing counted; the bare side carries the question
     ["Was the conference longer?", "the forum? Was the conference longer?"]),
    ("In how many States did UNODC help with legislation, with judicial integrity, and with national strategies?",
     ["In how many States did UNODC help with legislation?", "In how many States did UNODC help with judicial integrity?",
      "In how many States did UNODC help with national strategies?"]),
    # the verb after the second thing goes with each: a did-question's last word, an auxiliary, a closing year
    ("What did the working groups on prevention and on asset recovery recommend?",
     ["What did the working groups on prevention recommend?", "What did the working groups on asset recovery recommend?"]),
    ("How many workshops on trafficking and on smuggling were held in Africa?",
     ["How many workshops on trafficking were held in Africa?", "How many workshops on smuggling were held in Africa?"]),
    ("How many people were trained in Kenya and in Chad in 2017?",
     ["How many people were trained in Kenya in 2017?", "How many people were trained in Chad in 2017?"]),
    # ... not without the repeated preposition: "on prevention and asset recovery" may be one thing
    ("When did the working groups on prevention and asset recovery meet?",
     ["When did the working groups on prevention and asset recovery meet?"]),
])
def test_standalone_parts(question, parts):
    assert standalone_parts(question) == parts
    assert len(split_subquestions(question)) == len(parts)


@pytest.mark.parametrize("question,kind", [
    ("What did the networks agree on when they got together in Vienna?", "other"),  # "when" is a conjunction here
    ("Where and when was it held?", "date"), ("Tell me when the meeting was held.", "date"),
    ("Who attended the meeting where the network was launched?", "names"),
])
def test_a_subordinate_when_or_where_is_not_what_is_asked(question, kind):
    assert question_kind(question) == kind


def test_a_count_of_a_word_of_like_meaning_is_the_count_asked_for():
    """"How many countries ...?" is answered by "seven States": the counted head is matched through the embedder's
    word vectors (a test embedder that puts the two words together), not only by spelling."""
    import numpy as np

    class Alike:  # "countries" and "states" share a vector; everything else is orthogonal to them
        def encode(self, texts, kind="query"):
            out = []
            for t in texts:
                v = np.zeros(4, dtype=np.float32)
                v[0 if t.lower() in ("countries", "states") else 1 + hash(t) % 3] = 1.0
                out.append(v)
            return np.stack(out)

    hit = Hit("doc", 97, (), "The initiative held seminars in seven States. It trained 40 teachers.", 1.0)
    question = "In how many countries did the initiative hold seminars?"
    alike = {s.text: s.type_match for s in SentenceScorer(Alike()).score(question, [hit])}
    lexical = {s.text: s.type_match for s in SentenceScorer(None).score(question, [hit])}
    assert alike["The initiative held seminars in seven States."] == 1.0
    assert lexical["The initiative held seminars in seven States."] == 0.5
    assert alike["It trained 40 teachers."] == 0.5


def test_people_are_counted_by_any_count_of_persons_but_not_of_countries():
    from app.text.scoring import PERSONS_COSINE, SYNONYM_COSINE, counts_like

    between = (PERSONS_COSINE + SYNONYM_COSINE) / 2  # e.g. "people" ~ "users" 0.596
    assert counts_like("people", between) and counts_like("persons", between)
    assert not counts_like("judges", between)  # a specific noun keeps the stricter bar
    assert not counts_like("people", PERSONS_COSINE - 0.1)  # "people" ~ "countries" 0.39


def test_an_and_inside_a_name_does_not_make_a_question_about_several_things():
    from app.text.lexical import asks_about_several

    assert asks_about_several("What did UNODC do on organized crime and on trafficking?")
    assert not asks_about_several("What did UNODC do in Trinidad and Tobago?")
    assert not asks_about_several("What did the Office on Drugs and Crime publish?")


@pytest.mark.parametrize("question,kind", [
    ("What was discussed in the session, when the Commission met in Vienna?", "other"),
    ("The programme which trains judges: when did it start?", "date"),  # an auxiliary follows: asked
    ("How many countries reported a decrease of 10 per cent in seizures?", "quantity"),
    ("What share of the visitors came from India?", "quantity"),
])
def test_when_and_share_are_read_as_asked_or_not(question, kind):
    assert question_kind(question) == kind


def test_a_percentage_the_question_states_is_not_asked_for():
    from app.text.focus import asks_share

    assert asks_share("By what percentage did the number of users grow?")
    assert asks_share("What share of the visitors came from India?")
    assert not asks_share("How many countries reported a decrease of 10 per cent in seizures?")


@pytest.mark.parametrize("question, acronym", [
    ("What is the StAR Initiative?", "StAR"), ("What is SHERLOC?", "SHERLOC"), ("what are the UNTOC protocols", "UNTOC"),
    ("What is UNODC doing about cybercrime?", None), ("What is the Global Programme?", None),
    ("What is the E4J initiative developing?", None), ("What was the UNODC budget?", None),
    ("What were the UNODC expenditures?", None), ("What is the McDonald report?", None), ("What is Vienna?", None),
    ("What is E4J?", "E4J"),
])
def test_a_question_about_nothing_but_an_acronym_asks_to_spell_it_out(question, acronym):
    assert defined_acronym(question) == acronym
    assert (question_kind(question) == "definition") is (acronym is not None)


def test_a_title_spelling_out_the_acronym_defines_it():
    titled = "the new programme entitled “CRIMJUST: strengthening criminal investigation along the cocaine route”"
    assert type_match("definition", titled, "CRIMJUST") == 1.0
    assert type_match("definition", "CRIMJUST also enabled an operation in 13 countries.", "CRIMJUST") == 0.0
    assert type_match("definition", "UNODC: an office in Vienna", "ODC") == 0.0  # a whole word only


@pytest.mark.parametrize("text, expected", [
    ("the twenty-sixth session of the Commission", {"26"}),  # whole, not "sixth"
    ("its sixtieth session", {"60"}), ("the 26th session", {"26"}), ("the eighth meeting", {"8"}),
    ("the twenty-first session", {"21"}), ("the first meeting", set()),  # "first" alone is a reader's "initial"
])
def test_ordinals_are_read_whole(text, expected):
    from app.text.lexical import ordinals

    assert ordinals(text) == expected


def test_an_ordinal_written_with_digits_is_not_a_figure():
    from app.text.lexical import numbers

    assert numbers("the 7th session, the 21st century, the 2nd and 3rd meetings") == set()
    assert numbers("7 sessions, 2,700 cases in 2017") == {"7", "2700", "2017"}


def test_a_long_question_of_dashes_and_ors_is_one_question():
    """Sides are found by string search, not by a pattern that tries every dash as the end of the question."""
    question = "Which is more" + " - a or" * 700 + ", x?"
    assert split_subquestions(question) == [question]


@pytest.mark.parametrize("question, plural", [
    ("Which publications did UNODC launch at the session?", True),
    ("What meetings on electronic evidence did UNODC hold?", True),
    ("What UNODC activities took place in the capital?", True),
    ("What training did the network deliver in 2017?", True),  # a mass noun asks for any number of things
    ("In which languages has the portal been translated?", True),
    ("Which sports body got help with a policy?", False),  # "sports" modifies the asked noun
    ("Which decision called for the report?", False),
    ("What two topics did the Conference add?", False),  # a number of things is named
    ("What 2 topics did the Conference add?", False),
    ("What status does the review process have?", False),  # -us, -ss: no plural
    ("What is the portal?", False),
    ("How many publications were launched?", False),  # a count, not the things
])
def test_a_question_asking_for_things_in_the_plural(question, plural):
    from app.text.lexical import asks_for_plural

    assert asks_for_plural(question) is plural


_EVENTS = ("The guide was shown at several events, including the annual congress of the judges' union (Lisbon, "
           "2–4 May 2017), the meeting of the customs working party (6–8 June 2017) and the forum of the regional "
           "police network (OSCE) (Kenya, 1–3 July 2017).")


def test_a_bracketed_venue_is_a_place_and_belongs_to_the_event_before_it():
    from app.text.focus import bracket_of_another

    assert type_match("place", "the congress (Lisbon, 2–4 May 2017)") == 1.0
    assert type_match("place", "the working party (6–8 June 2017)") == 0.0  # a date alone is no venue
    assert type_match("place", "see the report (E/CN.15/2018/1, 7)") == 0.0
    assert bracket_of_another("place", "Where did the customs working party meet?", _EVENTS)
    assert not bracket_of_another("place", "Where was the congress of the judges' union held?", _EVENTS)
    # two brackets in a row follow one event: the acronym's bracket does not hide the venue's
    assert not bracket_of_another("place", "Where did the regional police network's forum take place?", _EVENTS)
    assert not bracket_of_another("place", "Where was the guide shown?", _EVENTS)  # no one event is asked
    assert not bracket_of_another("date", "When did the customs working party meet?", _EVENTS)
    # acronym brackets, and the place outside them: nothing in brackets is another event's venue
    acronyms = ("The Office on Drugs and Crime (UNODC) and the World Health Organization (WHO) held a joint meeting "
                "in Vienna in May 2017.")
    assert not bracket_of_another("place", "Where did the Office on Drugs and Crime hold its joint meeting?", acronyms)
    assert not bracket_of_another("date", "When did the Office on Drugs and Crime hold its joint meeting?", acronyms)
    assert type_match("place", "the briefing (Monday, 10 April)") == 0.0  # a weekday is no venue


@pytest.mark.parametrize("question, kind", [
    ("What does the report recommend about funding for the review mechanisms?", "other"),  # funding is the topic
    ("What did the Conference decide on the funding of the mechanism?", "other"),
    ("What was the budget for the programme?", "amount"),
    ("How much funding did the Trust Fund receive?", "amount"),
    ("What was said about the cost, and how much did it cost?", "amount"),  # the second asks it
])
def test_a_money_word_after_about_or_on_is_the_topic_not_the_measure(question, kind):
    assert question_kind(question) == kind


@pytest.mark.parametrize("question", ["Which States used the portal most?",
                                      "В каких государствах больше всего пользователей портала?",
                                      "哪些国家的门户网站用户最多？"])
def test_a_which_countries_question_is_answered_by_country_names_only(question):
    """A sentence naming a portal carries names, but not the country names the question asks for."""
    portal = Hit("doc", 8, (), "The Secretariat developed the portal known as Sharing Electronic Resources and Laws on "
                 "Crime (SHERLOC).", 1.0)
    states = Hit("doc", 9, (), "The States with the most portal users were India, Peru and Mexico.", 0.9)
    by_paragraph = {s.hit.paragraph: s for s in SentenceScorer(None).score(question, [portal, states])}
    assert by_paragraph[9].type_match == 1.0 and by_paragraph[8].type_match == 0.0
