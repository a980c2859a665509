"""docs/registers.md shows the definitions as they are in the code, and every column of the extract."""

from __future__ import annotations

from importlib import resources

import re

from naravard.registers.definitions import DEFINITIONS, FRAGMENTS, code_lists, include_fragments
from naravard.registers.extract import FILES
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "registers.md").read_text(encoding="utf-8")


def test_every_definition_is_printed_next_to_its_code():
    sql = resources.files("naravard.registers").joinpath("sql")
    for path in sql.iterdir():
        if path.name.endswith(".sql"):
            assert path.read_text(encoding="utf-8").rstrip("\n") in DOC, f"docs/registers.md does not show {path.name} as it is"


def test_a_definition_names_only_fragments_the_docs_print():
    """Each definition is shown as written; what it takes from a shared fragment ($name) is
    the fragment's file, printed once under its name, and nothing else is hidden behind a $."""
    used = set()
    for d in DEFINITIONS.values():
        names = set(re.findall(r"\$(\w+)", d.sql)) - set(d.params) - {"first_year", "last_year"}
        assert names <= set(FRAGMENTS), (d.id, names - set(FRAGMENTS))
        used |= names
        assert not re.search(r"\$(" + "|".join(FRAGMENTS) + r")\b", include_fragments(d.sql)), d.id
    assert used == set(FRAGMENTS)  # no fragment is left over
    for name in FRAGMENTS:
        assert f"(`{name}.sql`, shared)" in DOC, name


def test_every_file_column_and_code_list_is_specified():
    for spec in FILES.values():
        assert f"### `{spec.stem}`" in DOC
        for column in spec.columns:
            assert f"| `{column.name}` |" in DOC, (spec.stem, column.name)
    for name, entry in code_lists().items():
        assert f"**`{name}`**" in DOC and " ".join(entry["codes"]) in DOC, name


def test_the_readme_shows_the_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    using = readme.split("## Using a year's data", 1)[1].split("\n## ", 1)[0]
    assert "naravard indicators --registers" in using
