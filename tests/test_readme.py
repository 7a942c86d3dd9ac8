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
