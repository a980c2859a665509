"""``naravard validate DATA_DIR``: a short summary, or every problem and exit status 1.

The problems are diagnostics and go to stderr, in the words ``build`` uses
when it refuses the package; the summary of a valid package is the result and
goes to stdout.
"""

from __future__ import annotations

from pathlib import Path

import click

from naravard.data.package import CheckResult, check_package
from naravard.data.problems import Problem
from naravard.errors import FINDINGS, OK


def run_validate(data_dir: Path, catalogue_dir: Path | None = None, *, strict: bool = False, quiet: bool = False) -> int:
    """Check the package, print the outcome, return the exit status (0 valid, 1 errors)."""
    result = check_package(Path(data_dir), catalogue_dir)
    errors, warnings = result.errors, result.warnings
    failed = bool(errors) or (strict and bool(warnings))
    if failed:
        click.echo(
            f"{data_dir}: {_count(len(errors), 'error')}, {_count(len(warnings), 'warning')}"
            + (" (--strict: warnings count as errors)" if strict and warnings else ""),
            err=True,
        )
        for p in errors + warnings:
            click.echo(_line(p), err=True)
        return FINDINGS
    if not quiet:
        click.echo(summary(result))
        for p in warnings:
            click.echo(_line(p), err=True)
    return OK


def summary(result: CheckResult) -> str:
    s, cat = result.settings, result.catalogue
    lines = [f"{result.data_dir}: valid data package for reference year {s.year}" if s else f"{result.data_dir}: valid"]
    ind = result.indicators
    if ind is not None and len(ind) and cat is not None:
        years = ind["year"]
        regions = ind.loc[ind["level"].eq("region"), "area"].nunique()
        kommuner = ind.loc[ind["level"].eq("kommun"), "area"].nunique()
        lines.append(
            f"  indicators: {ind['indicator'].nunique()} of {len(cat.indicators)} in the catalogue, "
            f"{len(ind)} rows, years {int(years.min())}–{int(years.max())}, "
            f"{regions} regions, {kommuner} kommuner"
        )
    sr = result.survey_regions
    if sr is not None and len(sr):
        years = ", ".join(str(y) for y in sorted(sr["year"].unique()))
        lines.append(
            f"  region survey: {len(sr)} answers to {sr['question'].nunique()} questions from {sr['area'].nunique()} regions ({years})"
        )
    sm = result.survey_municipalities
    if sm is not None and len(sm):
        lines.append(f"  municipality survey: {len(sm)} shares for {sm['question'].nunique()} questions")
    lines += _sources_summary(result)
    synthetic = sum(int(t["synthetic"].sum()) for t in (ind, sr, sm) if t is not None and len(t))
    if synthetic:
        lines.append(f"  synthetic (illustrative) rows: {synthetic}")
    lines.append(f"  warnings: {len(result.warnings)}")
    return "\n".join(lines)


def _sources_summary(result: CheckResult) -> list[str]:
    """References, roles, examples, facts and exclusions (data/sources.py), when the package has them."""
    src = result.sources
    lines = []
    refs = src.references
    if refs is not None and refs.items:
        own = sum(1 for o in refs.origin.values() if o == "references.json")
        roles = ", ".join(f"{r} = {i}" for r, i in sorted(refs.roles.items())) or "none"
        lines.append(f"  references: {own} of the year, {len(refs.items) - own} stable; roles: {roles}")
    if src.examples:
        topics = len({e.topic for e in src.examples})
        lines.append(f"  examples: {len(src.examples)} in {topics} topics, {sum(len(e.numbers) for e in src.examples)} numbers; free-text answers: {len(src.free_text)}")
    if src.facts:
        lines.append(f"  facts from other sources: {len(src.facts)}")
    if src.exclusions:
        lines.append(f"  answers left out of comparisons: {len(src.exclusions)}")
    return lines


def _line(p: Problem) -> str:
    return f"{p.severity}: {p}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
