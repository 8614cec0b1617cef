"""The README documents what the code does: commands first, every table column listed."""

from __future__ import annotations

import re

from etl import schema
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_two_commands_first():
    first_block = README.split("```", 2)[1]
    assert "make run" in first_block and "make test" in first_block


def test_readme_tables_section_matches_schema():
    section = README.split("## Tables", 1)[1].split("\n## ", 1)[0]
    documented = {}
    for name, cols in re.findall(r"^- \*\*(\w+)\*\*: (.+)$", section, flags=re.MULTILINE):
        documented[name] = re.findall(r"`([^`]+)`", cols)
    assert documented == {name: schema.columns(name) for name in schema.TABLES}


def test_every_reject_reason_is_documented():
    for reason in schema.REJECT_REASONS:
        assert f"`{reason}`" in README, reason


def test_ci_calls_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
