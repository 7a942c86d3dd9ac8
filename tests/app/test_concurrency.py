"""20 concurrent questions through the Python API: all answered, no error, identical to the sequential answers."""
from concurrent.futures import ThreadPoolExecutor

QUESTIONS = [
    "How many States were parties to the Organized Crime Convention?",
    "How many users accessed SHERLOC between February 2017 and February 2018?",
    "Where was the seventh session of the Conference of the States Parties held?",
    "How many cases of migrant smuggling did the SHERLOC case law database include?",
    "What did the TRIGGER III operation seize?",
    "How many judges were reached by the Global Programme for the Implementation of the Doha Declaration?",
    "In how many languages is the e-learning tool on the fight against corruption available?",
    "What is the Great Lakes Judicial Cooperation Network?",
    "Which States received pre-ratification or pre-accession support in 2017?",
    "What was UNODC's budget in 2019?",
]


def _key(answer):
    return (answer.text, answer.abstained, tuple((c.doc_id, c.paragraph, c.quote) for c in answer.citations))


def test_twenty_concurrent_asks_match_sequential(assistant):
    questions = QUESTIONS * 2
    sequential = [_key(assistant.ask(q)) for q in questions]
    with ThreadPoolExecutor(max_workers=20) as pool:
        concurrent = list(pool.map(lambda q: _key(assistant.ask(q)), questions))
    assert concurrent == sequential
    assert sum(1 for text, abstained, _ in sequential if not abstained) >= 16


def test_concurrent_searches_match_sequential(assistant):
    questions = QUESTIONS * 2
    sequential = [[(h.doc_id, h.paragraph) for h in assistant.search(q, k=5)] for q in questions]
    with ThreadPoolExecutor(max_workers=20) as pool:
        concurrent = list(pool.map(lambda q: [(h.doc_id, h.paragraph) for h in assistant.search(q, k=5)], questions))
    assert concurrent == sequential
