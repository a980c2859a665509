"""Where things live in a naravard project, and how a new one is started.

A project is a folder with ``_quarto.yml`` and ``templates/`` (this repository
is one; ``naravard init DIR`` writes another). Every stage finds its inputs
through :class:`Project`, so no module hard-codes a path. A project holds only
what people write: templates, catalogue, data packages. What a build generates
(the Quarto sources and figures) lives in the build's staging folder, and in
``--keep-sources DIR`` when asked for.

naravard also carries a complete project of its own, :func:`bundled_project`:
in an installed wheel it is package data (``naravard/project_files``), in a
clone it is the repository itself. ``naravard init`` copies it;
``naravard build --sample`` builds from it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from naravard.errors import NaravardError, ProjectNotFound

SAMPLE_PACKAGE = "sample-2024"
PACKAGED = Path(__file__).resolve().parent / "project_files"  # in the wheel (pyproject's force-include)
SCAFFOLD = Path(__file__).resolve().parent / "scaffold"  # the files only a new project gets (README, .gitignore)


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
    def output_dir(self) -> Path:
        return self.root / "_output"

    @property
    def catalogue_dir(self) -> Path:
        return self.root / "data" / "catalogue"

    @property
    def sample_data_dir(self) -> Path:
        return self.root / "data" / SAMPLE_PACKAGE

    def default_data_dir(self) -> Path:
        """The package a build uses without ``--data``: the project's sample package."""
        if not self.sample_data_dir.is_dir():
            raise ProjectNotFound(
                f"{self.root} has no data/{SAMPLE_PACKAGE}; name the data package with --data DIR "
                "(for instance --data data/2025)"
            )
        return self.sample_data_dir


def is_project(path: Path) -> bool:
    return (path / "_quarto.yml").is_file() and (path / "templates").is_dir()


def find_project(start: Path | None = None) -> Project:
    """The project containing *start* (default: the current folder)."""
    here = (start or Path.cwd()).resolve()
    if start is not None and not here.is_dir():
        raise ProjectNotFound(f"{here} does not exist or is not a folder")
    for candidate in (here, *here.parents):
        if is_project(candidate):
            return Project(candidate)
    raise ProjectNotFound(
        f"No naravard project found in {here} or its parents "
        "(a project folder has _quarto.yml and templates/). "
        "Run naravard from a project folder or pass --project DIR; start a project with "
        "`naravard init DIR`, or build the sample report that ships with naravard with `naravard build --sample`."
    )


def bundled_project() -> Project:
    """The report project that ships with naravard (templates, catalogue, sample package)."""
    if is_project(PACKAGED):
        return Project(PACKAGED)
    clone = Path(__file__).resolve().parents[2]  # src/naravard/project.py -> the repository
    if is_project(clone) and (clone / "data" / SAMPLE_PACKAGE).is_dir():
        return Project(clone)
    raise ProjectNotFound(
        f"this naravard installation has no project files ({PACKAGED} is missing); reinstall it from the wheel"
    )


# ---- naravard init ------------------------------------------------------------------------------

# What a new project gets from the bundled one: everything an author edits, the
# catalogue, and the tested package versions for reinstalling naravard exactly.
COPIED = ("_quarto.yml", "templates", "data/catalogue", "constraints.txt")


class InitError(NaravardError):
    pass


def init_project(target: Path, *, sample: bool = True, year: int | None = None) -> list[Path]:
    """Write a new report project into *target* (new or empty); returns the top-level paths written.

    With *sample*, ``data/sample-2024`` holds the sample package, so ``naravard
    build`` works at once; without it, ``data/<year>/`` is an empty package
    skeleton (report.toml and the tables' header rows) to fill in.
    """
    target = target.resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target} exists and is not empty; choose a new or empty folder")
    source = bundled_project()
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for rel in COPIED:
        src = source.root / rel
        dst = target / rel
        if not src.exists():
            continue  # constraints.txt is absent only in a broken checkout
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        else:
            shutil.copy2(src, dst)
        written.append(dst)
    if sample:
        dst = target / "data" / SAMPLE_PACKAGE
        shutil.copytree(source.sample_data_dir, dst, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    else:
        dst = write_skeleton(target / "data", year or _sample_year(source) + 1, source)
    written.append(dst)
    from naravard import __version__

    for name, as_name in (("README.md", "README.md"), ("gitignore", ".gitignore")):
        text = (SCAFFOLD / name).read_text(encoding="utf-8").replace("naravard==VERSION", f"naravard=={__version__}")
        (target / as_name).write_text(text, encoding="utf-8")
        written.append(target / as_name)
    return written


def _sample_year(source: Project) -> int:
    import tomllib

    with (source.sample_data_dir / "report.toml").open("rb") as fh:
        return int(tomllib.load(fh)["year"])


def write_skeleton(data_dir: Path, year: int, source: Project) -> Path:
    """An empty data package for *year*: the sample's report.toml with the years moved on, and
    each table with its header row only (``naravard validate`` then lists what is missing)."""
    package = data_dir / str(year)
    package.mkdir(parents=True)
    sample = source.sample_data_dir
    old = _sample_year(source)
    text = (sample / "report.toml").read_text(encoding="utf-8")
    # Years in the settings move on by the same step; the analyst checks every value.
    text = text.replace(str(old + 1), str(year + 1)).replace(str(old), str(year))
    (package / "report.toml").write_text(
        "# Fill in for the new edition; naravard validate checks every field.\n" + text, encoding="utf-8"
    )
    for csv in sorted(sample.glob("*.csv")):
        header = csv.read_text(encoding="utf-8").splitlines()[0]
        (package / csv.name).write_text(header + "\n", encoding="utf-8")
    return package
