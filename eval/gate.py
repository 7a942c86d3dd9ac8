"""The regression gate: the default configuration's figures against the accepted ones in eval/baseline.json.

Improvements update the baseline on purpose, after a run on the test split that is better:
`python -m eval.gate --update eval/results/results.json --note "why"` (the first configuration of the run, the
default one, is accepted; the gold set's size must match the run's).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

BASELINE_PATH = Path(__file__).resolve().parent / "baseline.json"
DEFAULT_TOLERANCE = 0.02
# higher is better for each; a drop larger than the tolerance fails the gate
GATED = ("recall@5", "citation_precision", "key_fact_recall", "unanswerable_handled")


@dataclass(frozen=True)
class GateCheck:
    metric: str
    accepted: float
    measured: float | None
    tolerance: float

    @property
    def ok(self) -> bool:
        return self.measured is not None and self.measured >= self.accepted - self.tolerance

    def __str__(self) -> str:
        got = "missing" if self.measured is None else f"{self.measured:.3f}"
        return f"{self.metric}: {got} vs accepted {self.accepted:.3f} (tolerance {self.tolerance})"


def load_baseline(path: str | Path = BASELINE_PATH) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def check(summary: Mapping[str, float | None], baseline: Mapping) -> list[GateCheck]:
    tol = float(baseline.get("tolerance", DEFAULT_TOLERANCE))
    return [GateCheck(k, float(baseline["metrics"][k]), summary.get(k), tol) for k in GATED]


def write_baseline(summary: Mapping[str, float | None], *, config: str, n_questions: int,
                   path: str | Path = BASELINE_PATH, tolerance: float = DEFAULT_TOLERANCE, note: str = "") -> None:
    data = {
        "config": config,
        "n_questions": n_questions,
        "tolerance": tolerance,
        "metrics": {k: round(float(summary[k]), 4) for k in GATED},
        "context": {k: (round(float(v), 4) if v is not None else None) for k, v in summary.items()
                    if k not in GATED and not k.endswith("_ms")},
        "note": note,
    }
    Path(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m eval.gate", description=__doc__.splitlines()[0])
    ap.add_argument("--update", metavar="RESULTS_JSON", required=True,
                    help="results.json of a `paracite eval` run on the test split: accept its default configuration")
    ap.add_argument("--note", default="", help="why these figures are accepted (kept in the baseline)")
    ap.add_argument("--baseline", default=str(BASELINE_PATH), help="the baseline file (default eval/baseline.json)")
    args = ap.parse_args(argv)
    run = json.loads(Path(args.update).read_text(encoding="utf-8"))
    if Path(run.get("gold_path", "")).name != "gold_test.jsonl":
        ap.error(f"{args.update} is not a run on the locked test split (gold: {run.get('gold_path')})")
    default = run["configs"][0]
    before = {c.metric: c for c in check(default["summary"], load_baseline(args.baseline))}
    write_baseline(default["summary"], config=default["config"]["description"], n_questions=run["n_questions"],
                   path=args.baseline, note=args.note)
    for metric, c in before.items():
        print(f"{metric}: {c.accepted:.4f} -> {float(default['summary'][metric]):.4f}")
    print(f"wrote {args.baseline}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
