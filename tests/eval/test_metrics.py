"""The metric definitions, including duplicate and tie cases."""
from __future__ import annotations

import math

import pytest

from eval import metrics as m
from eval.normalize import contains, normalize, numbers, strip_citation_markers


# ------------------------------------------------------------ retrieval

def test_hit_and_recall_at_k():
    ranking = [4, 7, 9, 1, 2, 3]
    assert m.hit_at_k(ranking, {7}, 1) == 0.0
    assert m.hit_at_k(ranking, {7}, 2) == 1.0
    assert m.recall_at_k(ranking, {7, 3}, 5) == 0.5
    assert m.recall_at_k(ranking, {7, 3}, 6) == 1.0
    assert m.recall_at_k([], {1}, 5) == 0.0


def test_duplicates_count_once_at_their_best_position():
    # two chunks of paragraph 4 must not push the gold paragraph out of the top 2, nor count twice
    ranking = [4, 4, 7, 4, 9]
    assert m.dedupe(ranking) == [4, 7, 9]
    assert m.hit_at_k(ranking, {7}, 2) == 1.0
    assert m.recall_at_k([7, 7, 7], {7, 9}, 3) == 0.5
    assert m.reciprocal_rank(ranking, {9}) == pytest.approx(1 / 3)
    assert m.ndcg_at_k([7, 7], {7}, 10) == 1.0


def test_ties_are_broken_by_given_order_not_by_id():
    scored = [(9, 0.5), (3, 0.8), (5, 0.5), (1, 0.5), (3, 0.1)]
    assert m.rank_by_score(scored) == [3, 9, 5, 1]
    assert m.reciprocal_rank(m.rank_by_score(scored), {5}) == pytest.approx(1 / 3)
    assert m.rank_by_score([(2, 1.0), (1, 1.0)]) == [2, 1]


def test_mrr():
    assert m.reciprocal_rank([5, 6, 7], {7, 6}) == 0.5
    assert m.reciprocal_rank([5, 6, 7], {8}) == 0.0
    assert m.reciprocal_rank([5, 6, 7], {7}, k=2) == 0.0


def test_ndcg_binary_relevance():
    assert m.ndcg_at_k([1, 2, 3], {1}) == 1.0
    assert m.ndcg_at_k([2, 1], {1}) == pytest.approx(1 / math.log2(3))
    # two gold, only the second found at rank 2: dcg = 1/log2(3), ideal = 1 + 1/log2(3)
    assert m.ndcg_at_k([9, 2], {1, 2}) == pytest.approx((1 / math.log2(3)) / (1 + 1 / math.log2(3)))
    # gold beyond k does not count
    assert m.ndcg_at_k(list(range(20, 30)) + [1], {1}, 10) == 0.0
    assert m.ndcg_at_k([1, 2], {1, 2}) == 1.0


def test_retrieval_metrics_refuse_questions_without_gold():
    for f in (lambda: m.hit_at_k([1], set(), 5), lambda: m.recall_at_k([1], [], 5),
              lambda: m.reciprocal_rank([1], []), lambda: m.ndcg_at_k([1], [])):
        with pytest.raises(ValueError):
            f()


# ------------------------------------------------------------ normaliser and answers

@pytest.mark.parametrize("a,b", [
    ("2,700 cases", "2700 cases"),
    ("a 33 per cent increase", "a 33% increase"),
    ("33 percent", "33 %"),
    ("four States", "4 States"),
    ("Twenty-one experts", "21 experts"),
    ("the twenty-seventh session", "the 27th session"),
    ("$1.66 million", "US$ 1,660,000"),
    ("$1.66 million", "1.66 million dollars"),
    ("9 February 2018", "February 9, 2018"),
    ("10–15 September 2017", "10-15 september 2017"),
    ("Côte d’Ivoire", "cote d'ivoire"),
    ("  Several   SPACES ", "several spaces"),
    ("anti -corruption", "anti-corruption"),
])
def test_normaliser_equivalences(a, b):
    assert normalize(a) == normalize(b)


def test_normaliser_keeps_numbers_apart():
    assert not contains("186,990 users", "18")
    assert not contains("1,600 officials", "600")
    assert contains("more than 1,600 officials", "1600")
    assert normalize("33%") != normalize("34%")
    assert normalize("$1.66 million") != normalize("1.66 million")  # a currency claim needs the currency


def test_key_fact_recall():
    ans = "As at 9 February 2018, 189 States had become parties to the Convention [¶7]."
    assert m.key_fact_recall(ans, ["189"]) == 1.0
    assert m.key_fact_recall(ans, ["189", "115"]) == 0.5
    assert m.key_fact_recall("one hundred and nine States [¶189]", ["189"]) == 0.0  # a marker is not a fact
    assert m.key_fact_recall("The Trust Fund raised US$ 1,660,000.", ["$1.66 million"]) == 1.0
    assert m.key_fact_recall("UNODC assisted 9 States.", ["nine"]) == 1.0
    with pytest.raises(ValueError):
        m.key_fact_recall("x", [])


def test_citation_precision_and_recall():
    assert m.citation_precision([7, 7, 8], {7}) == 0.5  # duplicates count once
    assert m.citation_precision([], {7}) is None
    assert m.citation_recall([7], {7, 8}) == 0.5
    assert m.citation_recall([7, 8, 9], {7, 8}) == 1.0


def test_quote_validity():
    para = "As at 9 February 2018, 189 States had become parties to the Convention; 173 to the Protocol."
    assert m.quote_valid("189 States had become parties", para)
    assert m.quote_valid("189 States  had\nbecome parties", para)
    assert not m.quote_valid("109 States had become parties", para)
    assert not m.quote_valid("", para)
    assert m.quote_validity([("189 States", para), ("109 States", para)]) == 0.5
    assert m.quote_validity([]) is None


def test_numeric_faithfulness_ignores_markers_and_catches_invented_numbers():
    para7 = "As at 9 February 2018, 189 States had become parties to the Convention."
    ok = m.numeric_faithfulness("189 States had become parties [¶7].", [para7])
    assert ok.ok and ok.numbers == ("189",)
    bad = m.numeric_faithfulness("109 States were parties as of 2018 [¶7].", [para7])
    assert not bad.ok and bad.unsupported == ("109",)
    words = m.numeric_faithfulness("Nine States were assisted [¶81].", ["UNODC assisted nine States."])
    assert words.ok and words.numbers == ("9",)
    assert m.numeric_faithfulness("Nothing numeric here [¶3, ¶4].", []).ok


def test_strip_citation_markers():
    assert numbers(strip_citation_markers("x [¶7] y [¶7, ¶9] z (¶12) ¶¶8-9 42")) == ["42"]


# ------------------------------------------------------------ abstention and latency

def test_abstention_rates():
    r = m.abstention_rates([(False, True), (False, False), (True, False), (True, False), (True, True), (False, True)])
    assert r.abstention == pytest.approx(2 / 3)
    assert r.false_abstention == pytest.approx(1 / 3)
    assert (r.n_unanswerable, r.n_answerable) == (3, 3)
    assert m.abstention_rates([(True, False)]).abstention is None


def test_percentiles_match_linear_interpolation():
    xs = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert m.percentile(xs, 50) == 3.0
    assert m.percentile(xs, 95) == pytest.approx(4.8)
    assert m.percentile([7.0], 95) == 7.0
    lat = m.latency([0.1] * 19 + [1.0])
    assert lat.p50 == pytest.approx(0.1) and lat.p95 == pytest.approx(0.145) and lat.n == 20
    with pytest.raises(ValueError):
        m.percentile([], 50)


def test_mean_skips_undefined_values():
    assert m.mean([1.0, None, 0.0]) == 0.5
    assert m.mean([None]) is None


def test_unsupported_sentences_one_rule_for_every_system():
    para = "As at 9 February 2018, 189 States had become parties to the Convention."
    assert m.unsupported_sentences("189 States had become parties to the Convention [¶7].", [para]) == []
    assert m.unsupported_sentences("109 States had become parties to the Convention.", [para]) == [
        "109 States had become parties to the Convention."]
    wrong_words = "Penguins migrate across Antarctica every winter."
    assert m.unsupported_sentences(f"189 States had become parties. {wrong_words}", [para]) == [wrong_words]
    assert m.unsupported_sentences("", [para]) == []
