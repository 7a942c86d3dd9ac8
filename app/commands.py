"""Subcommands other packages add to `paracite`, found through the `paracite.commands` entry point group.

An entry point names a module (or object) with HELP, DESCRIPTION, `add_arguments(parser)` and
`run(settings, args) -> int`. This is how `paracite eval` reaches the eval package without app importing it: the
layers contract (pyproject.toml, `lint-imports`) forbids app -> eval imports.
"""
from __future__ import annotations

import importlib
import importlib.util
from importlib.metadata import entry_points
from typing import Any

GROUP = "paracite.commands"

# What pyproject.toml registers under GROUP, for a source checkout whose installed metadata predates an entry (an
# editable install made before the entry was added). Names, not imports: each is loaded only when its package is there.
DECLARED = {"eval": "eval.command", "llm": "app.llm.command"}


def _load(spec: str) -> Any:
    module, _, attr = spec.partition(":")
    obj = importlib.import_module(module)
    return getattr(obj, attr) if attr else obj


def plugin_commands() -> dict[str, Any]:
    """name -> command object, for every registered command whose package is importable."""
    found: dict[str, Any] = {}
    for ep in entry_points(group=GROUP):
        try:
            found[ep.name] = ep.load()
        except ImportError:  # the package is not installed here (e.g. eval left out of a wheel): no such command
            continue
    for name, spec in DECLARED.items():
        if name not in found and importlib.util.find_spec(spec.split(":")[0].split(".")[0]) is not None:
            found[name] = _load(spec)
    return found
