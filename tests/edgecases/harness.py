"""Compose (not render) a data package with the project's templates, and read the text back.

Composing is the build's first stage: the templates filled with the results,
figures and tables numbered, references resolved, into markdown. It is what
every later stage prints, so a wrong sentence is already there; rendering adds
minutes and nothing to read. For the chapter tests::

    from tests.edgecases.harness import compose, sentences
    report = compose(package_dir)                    # chapter name -> markdown
    for sentence in sentences(report["07-kontinuitet"]):
        ...

One Jinja environment serves every package of a test session (the composer
keeps it), so a package takes a few seconds.
"""

from __future__ import annotations

import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from naravard.compose.composer import Composed, compose_report
from naravard.data import DataPackage, load_package
from naravard.project import Project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Project(ROOT)

_MARK = re.compile(r'\[((?:[^\[\]\\]|\\.)*)\]\{\.nv-value key="[^"]*"\}')
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")


@dataclass
class Report:
    """The composed report: markdown per chapter, the figures and tables it placed, and the
    package it was composed from (loaded, with its results)."""

    composed: Composed
    package: DataPackage
    root: Path  # the package folder

    def __getitem__(self, chapter: str) -> str:
        """``report["07-kontinuitet"]``: that chapter's markdown."""
        for path, text in self.composed.chapters.items():
            if Path(path).stem == chapter:
                return text
        raise KeyError(chapter)

    @property
    def chapters(self) -> dict[str, str]:
        return {Path(path).stem: text for path, text in self.composed.chapters.items()}

    def text(self) -> str:
        """Every chapter as plain text, the value marks taken off."""
        return "\n\n".join(plain(t) for t in self.chapters.values())


def compose(package_dir: Path, project: Project = PROJECT, catalogue_dir: Path | None = None) -> Report:
    """The report composed from *package_dir* (loaded and validated as a build would; its
    warnings, such as edition.toml's to-do list, are not logged)."""
    data_log = logging.getLogger("naravard.data")
    level = data_log.level
    data_log.setLevel(logging.ERROR)
    try:
        package = load_package(package_dir, catalogue_dir or project.catalogue_dir)
    finally:
        data_log.setLevel(level)
    with tempfile.TemporaryDirectory(prefix="naravard-compose-") as tmp:
        return Report(compose_report(package, project, Path(tmp)), package, Path(package_dir))


def plain(markdown: str) -> str:
    """Markdown without the value marks (``[8,9 procent]{.nv-value key="…"}`` -> ``8,9 procent``)."""
    return _MARK.sub(lambda m: m.group(1), markdown)


def sentences(markdown: str) -> list[str]:
    """The sentences of the prose, one line each (lists and headings are their own sentences)."""
    out = []
    for para in re.split(r"\n\s*\n", plain(markdown)):
        para = " ".join(line.strip().removeprefix("- ") for line in para.splitlines())
        out += [s for s in _SENTENCE_END.split(para) if s.strip()]
    return out


def leftovers(report: Report, project: Project = PROJECT) -> list:
    """Years of *report* that came from fixed text (:func:`naravard.review.leftovers.fixed_years`),
    composing only the package moved on a year (the report itself is composed already)."""
    from naravard.review.leftovers import fixed_years

    return fixed_years(report.root, project, package=report.package, composed=report.composed)


def findings(report: Report, project: Project = PROJECT) -> list:
    """What ``naravard check`` says about the composed prose of *report*: quantifiers against
    their counts, ties, typed direction words against their numbers (each with template line)."""
    from naravard.review.check import finalize, load_config
    from naravard.review.check_build import prose_findings
    from naravard.review.check_templates import read_templates

    out = prose_findings(report.composed, report.package, read_templates(project))
    return finalize(out, load_config(project.templates_dir / "check.toml"))  # the severities of templates/check.toml
