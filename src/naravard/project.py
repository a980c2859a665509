"""Where things live in a naravard project.

A project is a folder with ``_quarto.yml`` and ``templates/`` (this repository
is one). Every stage finds its inputs and outputs through :class:`Project`, so
no module hard-codes a path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from naravard.errors import ProjectNotFound

SAMPLE_PACKAGE = "sample-2024"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def quarto_config(self) -> Path:
        return self.root / "_quarto.yml"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def report_dir(self) -> Path:
        """Generated Quarto sources (not committed)."""
        return self.root / "report"

    @property
    def figures_dir(self) -> Path:
        """Generated figures (not committed)."""
        return self.root / "figures"

    @property
    def output_dir(self) -> Path:
        return self.root / "_output"

    @property
    def catalogue_dir(self) -> Path:
        return self.root / "data" / "catalogue"

    @property
    def sample_data_dir(self) -> Path:
        return self.root / "data" / SAMPLE_PACKAGE


def is_project(path: Path) -> bool:
    return (path / "_quarto.yml").is_file() and (path / "templates").is_dir()


def find_project(start: Path | None = None) -> Project:
    """The project containing *start* (default: the current folder)."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if is_project(candidate):
            return Project(candidate)
    raise ProjectNotFound(
        f"No naravard project found in {here} or its parents "
        "(a project folder has _quarto.yml and templates/). "
        "Run naravard from the project folder or pass --project."
    )
