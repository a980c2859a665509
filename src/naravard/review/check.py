"""``naravard check``: lint the chapter templates and the composed report.

Two layers, both reporting ``file:line: severity [rule] message``:

* the template lint (:mod:`naravard.review.check_templates`) reads each
  template's literal text – what is outside ``{{ }}``, ``{% %}`` and ``{# #}`` –
  and finds numbers, years and figure references typed by hand, quantifiers
  next to typed counts, and source names spelled differently from the
  catalogue's;
* the build check (:mod:`naravard.review.check_build`) composes the report
  with the data (no rendering) and checks what came out: captions, source
  lines and alt texts of figures and tables, quantifiers against their counts,
  and "lägst"/"högst" sentences that name one region where several tie.

Rules and their severity (``error``, ``warn``, ``off``), the numbers that may
be typed (``65 år och äldre``, law references …) and extra source names are
configured in ``templates/check.toml``. A line can be exempted from a rule with
an inline comment: ``{# check: literal #}`` (typed numbers and years) or
``{# check: <rule> [<rule> …] #}``; ``{# check: all #}`` exempts the line from
every rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from naravard.project import Project
from naravard.review import check_build, check_spelling, check_templates
from naravard.review.rules import CheckConfig, Finding, load_config


@dataclass
class CheckResult:
    findings: list[Finding]
    notices: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warn"]

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return f"naravard check: {e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}."


def finalize(findings: Iterable[Finding], config: CheckConfig) -> list[Finding]:
    """Apply the configured severities, drop 'off' rules and duplicates, sort by place.

    The template lint and the build check can find the same thing on the same
    line (a quantifier that contradicts a typed count); the build check's
    message then adds the sentence. One finding is reported, the fuller one."""
    out: dict[tuple, Finding] = {}
    for f in findings:
        level = config.level(f.rule)
        if level == "off":
            continue
        key = (f.file, f.line, f.rule, f.message)
        out.setdefault(key, Finding(f.file, f.line, f.rule, f.message, level))
    kept = [
        f for f in out.values()
        if not any(g is not f and (g.file, g.line, g.rule) == (f.file, f.line, f.rule) and g.message.startswith(f.message) for g in out.values())
    ]
    return sorted(kept, key=lambda f: (f.file, f.line, f.rule, f.message))


def run_check(
    project: Project,
    data_dir: Path | None = None,
    *,
    build: bool = True,
    spelling: bool = True,
) -> CheckResult:
    """Lint every chapter template, then (with *build*) compose the report and check it."""
    config = load_config(project.templates_dir / "check.toml")
    notices: list[str] = []
    sources = check_templates.canonical_sources(project, config)
    templates = check_templates.read_templates(project)  # read and split once for every rule
    findings = check_templates.syntax_findings(project)
    findings += check_templates.lint_project(project, config, sources, templates)
    if build:
        findings += check_build.check_build(project, data_dir or project.default_data_dir(), config, templates)
    if spelling and config.level("spelling") != "off":
        found, notice = check_spelling.check_spelling(project, templates)
        findings += found
        if notice:
            notices.append(notice)
    return CheckResult(finalize(findings, config), notices)


def run_check_command(
    project_dir: Path | None, data_dir: Path | None, *, build: bool, spelling: bool, strict: bool, quiet: bool = False
) -> int:
    """The CLI: the findings and a summary on stdout, notes on stderr; the exit status."""
    import click

    from naravard.errors import FINDINGS, INPUT, OK, NaravardError
    from naravard.project import find_project

    try:
        project = find_project(project_dir)
        if data_dir is not None and not data_dir.is_dir():
            raise NaravardError(f"{data_dir} does not exist or is not a folder (expected a data package folder)")
        result = run_check(project, data_dir, build=build, spelling=spelling)
    except (NaravardError, ValueError) as exc:
        click.echo(f"Error: {exc}", err=True)
        return INPUT
    if not quiet:
        for notice in result.notices:
            click.echo(f"note: {notice}", err=True)
    for f in result.findings:
        click.echo(f.format())
    if not quiet:
        click.echo(result.summary())
    if result.errors or (strict and result.warnings):
        return FINDINGS
    return OK
