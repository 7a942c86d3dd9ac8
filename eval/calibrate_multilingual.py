"""Fits the answerability gate for a multilingual embedder, on DEV questions only:
`python -m eval.calibrate_multilingual [--model intfloat/multilingual-e5-small] [--keep-shifts] [--english] [--write]`.

Two fits, by the same method as eval/calibrate.py (balanced L2 logistic regression, thresholds from the answerable
dev questions' probabilities):
- English questions (with --english): all the gate's features, on the English dev split (follow-ups excluded);
- questions in other languages: CROSS_LINGUAL_FEATURES only (app/multilingual.py), on the translated dev questions
  of eval/multilingual/*.jsonl in every language together.
First, each language's direction in the embedding (app/multilingual.py, "the language of a question"), from the
same dev questions in English and translated (kept as they are with --keep-shifts); the gate is then fitted on the
cosines the shifted questions get.
With --write they go to app/text/language-shift.<model>.json and answerability.<model>.cross-lingual.json (with
--english also answerability.<model>.json), which are loaded for that embedder (the default embedder's model,
app/text/answerability.json, is left alone).
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


def _fit_shifts(assistant) -> dict[str, np.ndarray]:
    """Each language's direction (app/multilingual.py), from the dev questions and their translations."""
    from app.multilingual import fit_shifts

    inner = getattr(assistant.embedder, "inner", assistant.embedder)  # unshifted vectors
    english = {q.id: q.question for q in load_gold(Split.DEV).questions}
    pairs = {}
    for lang in LANGUAGES:
        translated = load_translations(lang, Split.DEV).questions
        pairs[lang] = (np.asarray(inner.encode([english[q.id] for q in translated], kind="query")),
                       np.asarray(inner.encode([q.question for q in translated], kind="query")))
        print(f"{lang}: direction from {len(translated)} dev questions")
    return fit_shifts(pairs)


def main(argv: Sequence[str] | None = None) -> int:
    from app.assistant import Assistant
    from app.multilingual import CROSS_LINGUAL_FEATURES, SHIFT_SCALE, gate_model_paths, shift_path

    ap = argparse.ArgumentParser(prog="python -m eval.calibrate_multilingual", description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=MULTILINGUAL)
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--index", default=None, help="an index built with the model (default: a temporary one)")
    ap.add_argument("--shift-scale", type=float, default=SHIFT_SCALE,
                    help="how much of each language's direction a question gets (app/multilingual.py)")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--keep-shifts", action="store_true",
                    help="keep the language directions the model has and fit only the gate (after a change in how "
                         "questions are embedded); by default the directions are refitted and, with --write, replaced")
    ap.add_argument("--english", action="store_true",
                    help="also fit the English questions' model and, with --write, replace it (kept by default: "
                         "refitted with the current features and targets on 2026-12-01 it handled fewer dev "
                         "near-misses, 0.59 -> 0.54, at equal key-fact recall)")
    args = ap.parse_args(argv)
    if args.shift_scale <= 0:
        ap.error("--shift-scale must be above 0 (0 or less takes no language direction out)")
    with tempfile.TemporaryDirectory(prefix="paracite-cal-") as work:
        assistant = Assistant.load(index_dir=args.index or Path(work) / "index", corpus_dir=args.corpus,
                                   embedding_model=args.model)
        if args.keep_shifts:
            shifts = None  # the directions loaded with the model (app/text/language-shift.<model>.json) stay
        else:
            shifts = _fit_shifts(assistant)
            # the gate is fitted on the cosines the questions get as the assistant will shift them
            assistant.embedder.shifts = {lang: args.shift_scale * d for lang, d in shifts.items()}
        x_en, y_en = collect(assistant, load_gold(Split.DEV).questions)[:2] if args.english else (None, None)
        xs, ys = [], []
        for lang in LANGUAGES:
            x, y, _ = collect(assistant, load_translations(lang, Split.DEV).questions, CROSS_LINGUAL_FEATURES)
            xs.append(x)
            ys.append(y)
        model_id = assistant.embedder.model_id
    english = _fit("the English dev split", x_en, y_en, FEATURES, range(len(FEATURES))) if args.english else None
    cross = _fit(f"the translated dev questions ({', '.join(LANGUAGES)})", np.concatenate(xs), np.concatenate(ys),
                 CROSS_LINGUAL_FEATURES, range(len(CROSS_LINGUAL_FEATURES)))
    if args.write and shifts is not None:
        path = shift_path(model_id)
        path.write_text(json.dumps({
            "model_id": model_id, "scale": args.shift_scale,
            "note": f"mean(English dev question vectors) - mean(translated ones), per language; fitted by "
                    f"eval/calibrate_multilingual.py on {time.strftime('%Y-%m-%d')}",
            "shifts": {lang: [round(float(v), 6) for v in d] for lang, d in shifts.items()},
        }) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    if args.write:
        fits = zip((english, cross), gate_model_paths(model_id))
        for model, path in fits if args.english else list(fits)[1:]:
            path.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
