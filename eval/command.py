"""`paracite eval`: the eval package's command for the `paracite` CLI.

The CLI (app/cli.py) does not import eval (eval sits above app); it finds this object through the
`paracite.commands` entry point group declared in pyproject.toml.
"""
from __future__ import annotations

import argparse
from typing import Any

HELP = "measure answer quality on the gold question set"
DESCRIPTION = ("Run a gold split (eval/gold_dev.jsonl, or the locked eval/gold_test.jsonl) through ParaCite's "
               "configurations and the LangChain-tutorial baseline; print a table, write JSON + Markdown + plots and "
               "the list of failed questions.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from eval.harness import add_arguments as harness_arguments

    harness_arguments(parser)


def run(settings: Any, args: argparse.Namespace) -> int:
    from eval.harness import run_and_print

    return run_and_print(settings, backends=args.backends, out_dir=args.out, configs=args.configs,
                         gold_path=args.gold, summary_path=args.summary, resume=args.resume,
                         every=args.every)
