"""eval/LLM.md from two runs: auto over the whole split, and the LLM-only + peer run over a sample of it."""
from __future__ import annotations

from dataclasses import replace

from eval import llm_report
from eval.harness import EvalRun
from eval.systems import Config
from tests.eval.test_harness import run_scripted


def _run(configs, every=1):
    return EvalRun(configs, "eval/gold_test.jsonl", len(configs[0].questions), "now", every=every)


def test_four_systems_on_the_same_sample_questions():
    _, scripted = run_scripted()
    extractive = replace(scripted, config=Config("hybrid"))
    auto = replace(extractive, config=Config("hybrid+auto", backend="auto"), questions=list(extractive.questions))
    auto.questions[0] = replace(auto.questions[0], backend="auto:openai")
    sample = {q.id for q in extractive.questions[::2]}
    sample_ext = llm_report._restricted(extractive, sample)
    llm = replace(sample_ext, config=Config("hybrid+openai", backend="openai"))
    peer = replace(sample_ext, config=Config("langchain-tutorial", kind="peer"))
    md = llm_report.markdown(_run([extractive, auto]), _run([sample_ext, llm, peer], every=2))
    assert "whole test split (4 questions)" in md and "1 in 2 test questions (2 questions" in md
    sample_rows = md.split("## All four")[1]
    assert [r.split(" | ")[1] for r in sample_rows.splitlines() if r.startswith("| all |")] == [
        "hybrid", "hybrid+openai", "hybrid+auto", "langchain-tutorial"]
    # auto's sample rows are its answers to the sample's questions only
    assert "| all | hybrid+auto | 2 |" in sample_rows


def test_readme_table_is_replaced_between_its_markers(tmp_path):
    _, scripted = run_scripted()
    extractive = replace(scripted, config=Config("hybrid"))
    auto = replace(extractive, config=Config("hybrid+auto", backend="auto"))
    llm = replace(extractive, config=Config("hybrid+openai", backend="openai"))
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{llm_report.README_START}\nold table\n{llm_report.README_END}\nrest\n")
    llm_report.write_readme(readme, llm_report.readme_table(_run([extractive, auto]), _run([extractive, llm])))
    text = readme.read_text()
    assert "old table" not in text and text.startswith("intro\n") and text.endswith("rest\n")
    assert "| test, all (4) | hybrid+auto |" in text and "| 1 in 1 test questions (4) | hybrid+openai |" in text
