"""Fits the answerability gate for a multilingual embedder, on DEV questions only:
`python -m eval.calibrate_multilingual [--model intfloat/multilingual-e5-small] [--write]`.

Two fits, by the same method as eval/calibrate.py (balanced L2 logistic regression, thresholds from the answerable
dev questions' probabilities):
- English questions: all the gate's features, on the English dev split (follow-ups excluded);
- questions in other languages: CROSS_LINGUAL_FEATURES only (app/multilingual.py), on the translated dev questions
  of eval/multilingual/*.jsonl in every language together.
With --write they go to app/text/answerability.<model>.json and ...cross-lingual.json, which the gate loads for
that embedder (the default embedder's model, app/text/answerability.json, is left alone).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

import numpy as np

from eval.calibrate import FEATURES, TARGET_DECLINED, TARGET_NOT_ANSWERED, auc, collect, fit, probabilities, \
    threshold_at
from eval.gold import Split, load_gold
from eval.multilingual import LANGUAGES, MULTILINGUAL, load_translations


def _fit(name: str, x: np.ndarray, y: np.ndarray, features: Sequence[str], columns: Sequence[int]):
    from app.abstain import AnswerabilityModel

    x = x[:, list(columns)]
    w, b, mean, scale = fit(x, y)
    p = probabilities(x, w, b, mean, scale)
    t_partial = threshold_at(p[y == 1], TARGET_DECLINED)
    t_answer = max(t_partial, threshold_at(p[y == 1], TARGET_NOT_ANSWERED))
    neg = p[y == 0]
    print(f"{name}: {len(y)} questions ({int(y.sum())} answerable); AUC {auc(p, y):.3f}; thresholds partial "
          f"{t_partial:.3f}, answered {t_answer:.3f}; unanswerable declined {np.mean(neg < t_partial):.2f}, "
          f"graded answered {np.mean(neg >= t_answer):.2f}")
    for f, wi in zip(features, w):
        print(f"  {f:16s} weight {wi:+.3f}")
    return AnswerabilityModel(tuple(features), tuple(float(v) for v in w), float(b), tuple(float(v) for v in mean),
                              tuple(float(v) for v in scale), t_answer, t_partial,
                              f"fitted on {name} ({len(y)} questions, {int(len(y) - y.sum())} unanswerable) by "
                              f"eval/calibrate_multilingual.py on {time.strftime('%Y-%m-%d')}")


def main(argv: Sequence[str] | None = None) -> int:
    from app.assistant import Assistant
    from app.multilingual import CROSS_LINGUAL_FEATURES, gate_model_paths

    ap = argparse.ArgumentParser(prog="python -m eval.calibrate_multilingual", description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=MULTILINGUAL)
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--index", default=None, help="an index built with the model (default: a temporary one)")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="paracite-cal-") as work:
        assistant = Assistant.load(index_dir=args.index or Path(work) / "index", corpus_dir=args.corpus,
                                   embedding_model=args.model)
        x_en, y_en, _ = collect(assistant, load_gold(Split.DEV).questions)
        xs, ys = [], []
        for lang in LANGUAGES:
            x, y, _ = collect(assistant, load_translations(lang, Split.DEV).questions)
            xs.append(x)
            ys.append(y)
        model_id = assistant.embedder.model_id
    english = _fit("the English dev split", x_en, y_en, FEATURES, range(len(FEATURES)))
    cross = _fit(f"the translated dev questions ({', '.join(LANGUAGES)})", np.concatenate(xs), np.concatenate(ys),
                 CROSS_LINGUAL_FEATURES, [FEATURES.index(f) for f in CROSS_LINGUAL_FEATURES])
    if args.write:
        for model, path in zip((english, cross), gate_model_paths(model_id)):
            path.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
