"""Regression gate: the default configuration (hybrid retrieval, extractive answers) on the locked test split, with the
real model over the real report, must not fall below the accepted figures in eval/baseline.json."""
from __future__ import annotations

import pytest

from eval.gate import GATED, check, load_baseline
from eval.gold import Split, load_gold
from eval.harness import evaluate
from eval.systems import DEFAULT_CONFIGS, ParaCiteSystem


@pytest.fixture(scope="module")
def default_result(assistant):
    system = ParaCiteSystem("hybrid", assistant, assess=False)
    return evaluate(system, load_gold(Split.TEST), DEFAULT_CONFIGS[0])


def test_gate_checks_are_strict_enough_to_fail():
    baseline = {"tolerance": 0.02, "metrics": {k: 0.9 for k in GATED}}
    assert all(c.ok for c in check({k: 0.89 for k in GATED}, baseline))
    failing = check({**{k: 0.9 for k in GATED}, "recall@5": 0.87}, baseline)
    assert [c.metric for c in failing if not c.ok] == ["recall@5"]
    assert not check({}, baseline)[0].ok  # a metric that is not measured fails


@pytest.mark.slow
def test_default_configuration_does_not_regress(default_result):
    baseline = load_baseline()
    assert baseline["n_questions"] == len(default_result.questions), "gold set changed: update eval/baseline.json"
    checks = check(default_result.summary, baseline)
    failed = [str(c) for c in checks if not c.ok]
    assert not failed, "regression against eval/baseline.json: " + "; ".join(failed)


@pytest.mark.slow
def test_every_quote_is_verbatim_and_every_number_is_cited(default_result):
    """Whatever the accepted figures, these two hold for every answer of the default configuration."""
    bad_quotes = [r.id for r in default_result.questions if r.quote_validity not in (None, 1.0)]
    unfaithful = [(r.id, r.unsupported_numbers) for r in default_result.questions if r.numeric_ok is False]
    assert not bad_quotes and not unfaithful, (bad_quotes, unfaithful)


def test_update_accepts_a_test_split_run_and_refuses_any_other(tmp_path, capsys):
    import json

    from eval.gate import main

    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"config": "x", "n_questions": 2, "tolerance": 0.02,
                                    "metrics": {k: 0.5 for k in GATED}}))
    summary = {**{k: 0.75 for k in GATED}, "hit@1": 0.9}
    run = {"gold_path": "/somewhere/eval/gold_test.jsonl", "n_questions": 2,
           "configs": [{"config": {"description": "the default"}, "summary": summary}]}
    (tmp_path / "test.json").write_text(json.dumps(run))
    assert main(["--update", str(tmp_path / "test.json"), "--baseline", str(baseline), "--note", "better"]) == 0
    written = load_baseline(baseline)
    assert written["metrics"] == {k: 0.75 for k in GATED} and written["note"] == "better"
    assert written["context"]["hit@1"] == 0.9 and "0.5000 -> 0.7500" in capsys.readouterr().out
    (tmp_path / "dev.json").write_text(json.dumps({**run, "gold_path": "/somewhere/eval/gold_dev.jsonl"}))
    with pytest.raises(SystemExit):
        main(["--update", str(tmp_path / "dev.json"), "--baseline", str(baseline)])
    assert load_baseline(baseline)["metrics"] == {k: 0.75 for k in GATED}  # a dev run changes nothing
