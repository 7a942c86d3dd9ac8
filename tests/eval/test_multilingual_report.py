"""eval/REPORT.md's section on questions in other languages is generated from eval/MULTILINGUAL.json (the figures of
`python -m eval.multilingual`), spliced in, never retyped."""
from __future__ import annotations

import json
from pathlib import Path

from eval.multilingual import MULTILINGUAL, report_section, splice_report

EVAL = Path(__file__).resolve().parents[2] / "eval"


def _results(kfr_fr: float) -> dict:
    row = {"n": 69, "hit@1": 0.9, "hit@5": 1.0, "key_fact_recall": 0.95, "citation_precision": 0.9, "abstention": 0.3}
    return {"split": "test", "models": {MULTILINGUAL: {"rows": {"en": row, "fr": {**row, "key_fact_recall": kfr_fr}}}},
            "latency": {MULTILINGUAL: {"fr": {"ask_p50_ms": 128.3, "ask_p50_words_off_ms": 74.7}}}}


def test_the_section_holds_each_languages_figures():
    section = report_section(_results(0.83))
    fr = next(line for line in section.splitlines() if line.startswith("| fr |"))
    assert fr == "| fr | 69 | 0.900 | 1.000 | 0.830 | 0.900 | 0.300 | 128 | 75 |"
    assert "| en | 69 | 0.900 | 1.000 | 0.950 | 0.900 | 0.300 | – | – |" in section


def test_splicing_adds_the_section_once_and_then_replaces_it(tmp_path):
    report = tmp_path / "REPORT.md"
    report.write_text("# ParaCite evaluation\n\nfigures\n", encoding="utf-8")
    assert splice_report(report, _results(0.83))
    splice_report(report, _results(0.75))
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# ParaCite evaluation\n\nfigures\n")
    assert text.count("## Questions in the six UN languages") == 1 and "| 0.750 |" in text and "| 0.830 |" not in text
    assert not splice_report(tmp_path / "missing.md", _results(0.83))


def test_the_committed_report_carries_the_committed_figures():
    results = json.loads((EVAL / "MULTILINGUAL.json").read_text(encoding="utf-8"))
    assert report_section(results) in (EVAL / "REPORT.md").read_text(encoding="utf-8"), \
        "run `python -m eval.multilingual --render` to bring eval/REPORT.md up to date"
