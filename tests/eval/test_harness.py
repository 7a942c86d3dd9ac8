"""The harness's scoring and reporting on scripted systems, and the peer baseline's chunk -> paragraph mapping on the
real report (with the hash embedder double: the mapping does not depend on the model)."""
from __future__ import annotations

import json

import pytest

from eval import report
from eval.gold import GoldQuestion, GoldSet
from eval.harness import EvalRun, calibration, evaluate
from eval.systems import Config, Response, Retrieved

D = "doc"


def gq(qid, typ, gold, facts, **kw):
    return GoldQuestion(qid, f"question {qid}?", typ, D, tuple(gold), tuple(facts), **kw)


class ScriptedSystem:
    """Answers from a script: {question: (answer text, abstained, cited, quotes, ranking)}."""

    name = "scripted"

    def __init__(self, script, texts):
        self.script, self.texts, self.asked = script, texts, []

    def ask(self, question, *, history, section):
        self.asked.append((question, list(history), section))
        text, abstained, cited, quotes, _ = self.script[question]
        return Response(text, abstained, [(D, p) for p in cited], [((D, p), q) for p, q in quotes],
                        standalone=question, seconds=0.01, relevance={"score": 0.9 if not abstained else 0.1})

    def search(self, query, *, k, section):
        return [Retrieved((D, p), 0.5) for p in self.script[query][4]][:k]

    def paragraph_text(self, key):
        return self.texts.get(key[1])


TEXTS = {7: "As at 9 February 2018, 189 States had become parties to the Convention; 115 to the Firearms Protocol.",
         8: "SHERLOC included more than 2,700 cases."}


def run_scripted():
    gold = GoldSet([gq("q1", "numeric", [7], ["189"]),
                    gq("q2", "followup", [7], ["115"], follows="q1", history=(("question q1?", None),)),
                    gq("q3", "unanswerable", [], []),
                    gq("q4", "numeric", [8], ["2,700"], section="II.C")])
    script = {
        "question q1?": ("189 States had become parties [¶7].", False, [7], [(7, "189 States had become parties")],
                         [8, 7, 7]),
        "question q2?": ("109 States [¶7].", False, [7], [(7, "109 States")], [7]),
        "question q3?": ("The report does not say. See ¶8.", True, [], [], [8]),
        "question q4?": ("It had 2700 cases [¶8] [¶7].", False, [8, 7], [(8, "2,700 cases")], [9, 9, 9]),
    }
    system = ScriptedSystem(script, TEXTS)
    return system, evaluate(system, gold, Config("scripted"))


def test_scores_each_question():
    system, res = run_scripted()
    q1, q2, q3, q4 = res.questions
    assert (q1.hit1, q1.hit5, q1.mrr) == (0.0, 1.0, 0.5)  # the duplicate 7 counts once, at rank 2
    assert q1.key_fact_recall == 1.0 and q1.citation_precision == 1.0 and q1.quote_validity == 1.0 and q1.numeric_ok
    assert not q1.failures
    assert q2.key_fact_recall == 0.0 and q2.numeric_ok is False and q2.unsupported_numbers == ["109"]
    assert q2.quote_validity == 0.0 and "missing key facts: 115" in q2.failures
    assert q3.abstained and not q3.failures and q3.hit5 is None
    assert q4.hit5 == 0.0 and q4.citation_precision == 0.5 and q4.key_fact_recall == 1.0
    assert "no gold paragraph in the top 5" in q4.failures
    # follow-ups get the answer given to the question they follow; section filters are passed on
    assert system.asked[1] == ("question q2?", [("question q1?", "189 States had become parties [¶7].")], None)
    assert system.asked[3][2] == "II.C"


def test_summary_and_report_files(tmp_path):
    _, res = run_scripted()
    s = res.summary
    assert s["hit@5"] == pytest.approx(2 / 3) and s["abstention"] == 1.0 and s["false_abstention"] == 0.0
    assert s["key_fact_recall"] == pytest.approx(2 / 3) and s["numeric_faithfulness"] == pytest.approx(2 / 3)
    assert s["failed"] == 2.0 and res.by_type["unanswerable"]["abstention"] == 1.0
    run = EvalRun([res], "gold.jsonl", 4, "now", calibration=calibration(res))
    files = report.write_all(run, tmp_path / "out", summary_path=tmp_path / "REPORT.md")
    data = json.loads((tmp_path / "out" / "results.json").read_text())
    assert data["configs"][0]["summary"]["abstention"] == 1.0
    again = EvalRun.from_json(data)  # a report can be re-rendered from results.json alone
    assert again.configs[0].questions[1].unsupported_numbers == ["109"]
    assert report.markdown(again) == report.markdown(run)
    md = (tmp_path / "REPORT.md").read_text()
    assert "| scripted |" in md and "REPORT_metrics.png" in md
    assert (tmp_path / "out" / "metrics.png").stat().st_size > 1000
    fails = (tmp_path / "out" / "failures.md").read_text()
    assert "q2" in fails and "109 States" in fails and "q1**" not in fails
    assert "scripted" in report.table(run)
    assert len(files) == 5


def test_calibration_separates_signals():
    _, res = run_scripted()
    cal = calibration(res)["signals"]["gate_score"]
    assert cal["answerable"]["min"] == 0.9 and cal["unanswerable"]["max"] == 0.1
    assert any(p["abstention"] == 1.0 and p["false_abstention"] == 0.0 for p in cal["sweep"])


def test_peer_chunks_map_to_the_paragraphs_they_overlap(real_corpus_dir, report_paragraphs):
    from eval.peer import CHUNK_SIZE, LangChainTutorialRAG
    from tests.doubles import HashEmbedder

    peer = LangChainTutorialRAG(real_corpus_dir, report_paragraphs, HashEmbedder())
    assert all(len(c.page_content) <= CHUNK_SIZE for c in peer.chunks)
    by_number = {p.number: p for p in report_paragraphs}
    for chunk in peer.chunks:
        keys = peer.paragraphs_of(chunk)
        body = " ".join(chunk.page_content.split())
        for _, n in keys[:1]:  # the most-overlapped paragraph shares text with the chunk
            words = " ".join(by_number[n].text.split()[:6])
            assert words[:20] in body or body[:40] in " ".join(by_number[n].text.split()), (n, body[:80])
    # the chunk holding "189 States had become parties" maps to paragraph 7
    holder = next(c for c in peer.chunks if "189 States had become parties" in c.page_content)
    assert (by_number[7].doc_id, 7) in peer.paragraphs_of(holder)
    hits = peer.search("189 States had become parties to the Convention", k=5)
    assert len(hits) == len({h.key for h in hits}) <= 5
    ans = peer.ask("How many States were parties?", history=[], section=None)
    assert ans.text and not ans.abstained and ans.cited


def test_checkpoint_resumes_without_asking_again(tmp_path):
    system, first = run_scripted()
    gold = GoldSet([gq("q1", "numeric", [7], ["189"]),
                    gq("q2", "followup", [7], ["115"], follows="q1", history=(("question q1?", None),)),
                    gq("q3", "unanswerable", [], []),
                    gq("q4", "numeric", [8], ["2,700"], section="II.C")])
    ckpt = tmp_path / "ckpt.jsonl"
    evaluate(system, GoldSet(gold.questions[:2]), Config("scripted"), checkpoint=ckpt)  # a run stopped after q2
    with ckpt.open("a") as f:
        f.write('{"id": "q3", "cut mid-wri')  # a crash mid-line: that question is asked again
    system.asked.clear()
    resumed = evaluate(system, gold, Config("scripted"), checkpoint=ckpt)
    assert [q for q, _, _ in system.asked] == ["question q3?", "question q4?"]
    assert [r.id for r in resumed.questions] == ["q1", "q2", "q3", "q4"]
    assert resumed.summary == first.summary or resumed.summary["key_fact_recall"] == first.summary["key_fact_recall"]
    assert sum(1 for _ in ckpt.open()) == 5  # 2 + the cut line + 2 new


def test_unsupported_sentences_and_wrong_numbers_are_counted():
    _, res = run_scripted()
    q2 = res.questions[1]
    assert q2.unsupported_sentences == ["109 States."] and res.summary["wrong_number_answers"] == 1.0
    assert res.summary["unsupported_sentences"] == 1.0


def test_the_summary_keeps_the_figures_per_language_beside_it(tmp_path):
    """A new eval/REPORT.md still has its section on other languages, from the MULTILINGUAL.json beside it."""
    from eval.multilingual import MULTILINGUAL, report_section

    _, res = run_scripted()
    languages = {"split": "test", "models": {MULTILINGUAL: {"rows": {"fr": {
        "n": 69, "hit@1": 0.9, "hit@5": 1.0, "key_fact_recall": 0.83, "citation_precision": 0.9, "abstention": 0.25}}}}}
    (tmp_path / "MULTILINGUAL.json").write_text(json.dumps(languages), encoding="utf-8")
    report.write_all(EvalRun([res], "gold.jsonl", 4, "now", calibration=calibration(res)), tmp_path / "out",
                     summary_path=tmp_path / "REPORT.md")
    md = (tmp_path / "REPORT.md").read_text(encoding="utf-8")
    assert "| scripted |" in md and md.endswith(report_section(languages))
