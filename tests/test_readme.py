"""The README is the user's manual: it must name every setting and the commands that really exist."""
import re
from pathlib import Path

from app.cli import build_parser
from app.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_documents_every_setting():
    missing = [env for env, _d, _doc in Settings.documentation() if f"`{env}`" not in README]
    assert not missing, f"README configuration table lacks {missing}"


def test_readme_commands_exist():
    parser = build_parser()
    subcommands = set(parser._subparsers._group_actions[0].choices)  # noqa: SLF001 - argparse has no public API
    used = set(re.findall(r"^paracite (\w+)", README, flags=re.M))
    assert used and used <= subcommands, used - subcommands


def test_readme_has_the_two_commands():
    assert "./run.sh" in README and "./test.sh" in README
    root = Path(__file__).resolve().parent.parent
    assert (root / "run.sh").exists() and (root / "test.sh").exists()
    assert "./test.sh" in (root / ".ci" / "run").read_text()


def test_readme_settings_table_is_the_generated_one():
    """Names, defaults and descriptions: the README's table is exactly `paracite settings --markdown`."""
    start = README.index("| group | variable | default | meaning |")
    end = README.index("<!-- end of settings table -->")
    assert README[start:end] == Settings.markdown_table(), "regenerate it with: paracite settings --markdown"


def test_readme_at_a_glance_figures_are_the_accepted_test_figures():
    """The figures quoted "at a glance" are the locked test split's, as eval/baseline.json accepted them: a README
    that quotes an older run fails here (update it after `python -m eval.gate --update`)."""
    import json

    base = json.loads((Path(__file__).resolve().parent.parent / "eval" / "baseline.json").read_text(encoding="utf-8"))
    figures = {**base["context"], **base["metrics"]}
    glance = README[README.index("At a glance"):README.index("`eval/REPORT.md` holds")]

    def row(label: str) -> str:
        return next(line for line in glance.splitlines() if line.startswith(f"| {label}")).split("|")[2]

    assert row("gold paragraph first").split("/")[0].strip() == f"{figures['hit@1']:.3f}"
    assert row("gold paragraph first").split("/")[1].strip() == f"{figures['hit@5']:.3f}"
    assert row("key facts of the answer").split("(")[0].strip() == f"{figures['key_fact_recall']:.3f}"
    assert row("citation precision").split("/")[0].strip() == f"{figures['citation_precision']:.3f}"
    assert row("citation precision").split("/")[1].strip() == f"{figures['cited_per_single_fact']:.2f}"
    assert row("near-miss unanswerable").strip() == f"{figures['unanswerable_handled']:.2f}"
    assert row("answerable questions declined").strip() == \
        f"{figures['false_abstention']:.3f} / {figures['partial_on_answerable']:.3f}"
