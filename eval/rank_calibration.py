"""Fits the sentence ranker's weights on the DEV split only: `python -m eval.calibrate --ranker [--write]`.

A sentence is a positive when it holds a key fact of its question and lies in a gold paragraph. For each dev question
(follow-ups excluded), every (positive, negative) pair among its top-scored candidate sentences gives one example,
x = features(positive) - features(negative); a pairwise logistic regression (no bias, L2) learns weights under which
positives outrank negatives. 2-fold cross-validation on dev reports top-1 accuracy against the hand weights, so
the decision to keep the fitted weights is itself made without the test split.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from eval.gold import GoldQuestion
from eval.normalize import contains

CANDIDATES = 30  # the top sentences (by the current score) that each question contributes
L2 = 0.5


def collect(assistant: Any, questions: Sequence[GoldQuestion]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per question: (features of its candidate sentences, 1/0 labels)."""
    chain = assistant.chain()
    out = []
    for q in questions:
        if q.follows or q.history or not q.answerable:
            continue
        state = chain.prepare(q.question, section=q.section)
        scored = list(state.scored)[:CANDIDATES]
        gold = set(q.gold_paragraphs)
        labels = [float(s.hit.paragraph in gold and any(contains(s.text, f) for f in q.key_facts)) for s in scored]
        if 0 < sum(labels) < len(labels):
            out.append((np.array([s.features for s in scored], dtype=np.float64), np.array(labels)))
    return out


def fit(groups: Sequence[tuple[np.ndarray, np.ndarray]], *, l2: float = L2, steps: int = 3000, lr: float = 0.5):
    diffs = []
    for x, y in groups:
        pos, neg = x[y == 1], x[y == 0]
        # weigh every question equally, however many pairs it has
        d = (pos[:, None, :] - neg[None, :, :]).reshape(-1, x.shape[1])
        diffs.append((d, 1.0 / len(d)))
    scale = np.concatenate([d for d, _ in diffs]).std(0)
    scale[scale == 0] = 1.0
    w = np.zeros(len(scale))
    n = len(diffs)
    for _ in range(steps):
        g = l2 * w / n
        for d, wt in diffs:
            z = d / scale
            p = 1 / (1 + np.exp(-(z @ w)))
            g -= wt * (z.T @ (1 - p)) / n
        w -= lr * g
    return w / scale


def top1(groups, weights: np.ndarray) -> float:
    return float(np.mean([y[int(np.argmax(x @ weights))] for x, y in groups])) if groups else 0.0


def calibrate(assistant: Any, questions: Sequence[GoldQuestion], *, write: bool, path: Path) -> dict:
    from app.text.scoring import HAND_WEIGHTS, SENTENCE_FEATURES

    hand = np.array([HAND_WEIGHTS[f] for f in SENTENCE_FEATURES])
    groups = collect(assistant, questions)
    folds = [groups[0::2], groups[1::2]]
    cv = {"hand": [], "fitted": []}
    for i in (0, 1):
        w = fit(folds[1 - i])
        cv["fitted"].append(top1(folds[i], w))
        cv["hand"].append(top1(folds[i], hand))
    w = fit(groups)
    w = w * (np.abs(hand).sum() / max(1e-9, np.abs(w).sum()))  # the hand weights' scale: floors stay meaningful
    report = {"questions": len(groups), "cv_top1_hand": float(np.mean(cv["hand"])),
              "cv_top1_fitted": float(np.mean(cv["fitted"])), "dev_top1_fitted": top1(groups, w),
              "weights": {f: round(float(v), 4) for f, v in zip(SENTENCE_FEATURES, w)}}
    if write:
        path.write_text(json.dumps({**report, "provenance": f"fitted on the dev split by eval/rank_calibration.py on "
                                    f"{time.strftime('%Y-%m-%d')}"}, indent=1) + "\n", encoding="utf-8")
    return report
