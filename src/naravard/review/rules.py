"""The rules of ``naravard check``, their configuration (``templates/check.toml``)
and what a rule finds: shared by the template lint, the build check and the
spelling check (``check_templates``, ``check_build``, ``check_spelling``),
which ``naravard.review.check`` runs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

SEVERITIES = ("error", "warn", "off")

# rule -> (default severity, what it finds); templates/check.toml may change the severity.
RULES: dict[str, tuple[str, str]] = {
    "literal-number": ("error", "a number typed into prose instead of printed from data"),
    "literal-year": ("warn", "a year typed into prose (years should come from data: {{ år }}, fakta …)"),
    "literal-ref": ("error", 'a figure or table reference typed by hand ("figur 12"); use {{ f.ref }}'),
    "literal-quantifier": ("warn", 'a quantifier ("de flesta", "hälften") typed outside {% if %}, not chosen by the data'),
    "placeholder": ("error", 'a placeholder left in the text ("TODO", "XX", "(webbenkät x)", "??")'),
    "first-of-tie": ("warn", "lowest[0] / highest[0] names one region although several may tie"),
    "quantifier": ("error", 'a quantifier that contradicts its count ("samtliga" for 20 av 21)'),
    "count-percent": ("error", 'a percentage beside a count that it does not equal ("13 av 21 (48 procent)")'),
    "heading-quantifier": ("error", "a heading quantifier that contradicts the first count of its section"),
    "region-count": ("error", '"samtliga N regioner" where N is not the number of regions'),
    "tie": ("error", '"lägst"/"högst" names one region where several share the value'),
    "source-name": ("error", "a source name spelled differently from the catalogue's"),
    "caption": ("error", "a figure or table without title, source line (Källa:/Källor:) or alt text"),
    "syntax": ("error", "a template that Jinja cannot read (an unclosed {% if %}, a misspelt tag …)"),
    "compose": ("error", "the report does not compose (unknown reference, template error …)"),
    "leftover-year": ("error", "the previous reference year in the report from fixed text (a template, the catalogue, a reference)"),
    "year-bound": ("warn", "the report year or publication year as fixed text: a leftover next year"),
    "typed-fact": ("error", "a fact the data hold typed into prose (when the work began, the deepening study's län, how many …)"),
    "direction": ("error", 'a typed direction word that contradicts the numbers beside it ("ökade från 12 till 9")'),
    "quantifier-context": ("warn", 'a typed "flera regioner" right after a count of none or one'),
    "spelling": ("warn", "a word not in the Swedish dictionary nor in templates/ordlista.txt"),
    "sources": ("warn", "an example no template places, or a cited reference marked unidentified or reconstructed"),
}

# Aliases usable in {# check: … #} comments.
ALIASES = {"literal": ("literal-number", "literal-year")}


@dataclass(frozen=True, order=True)
class Finding:
    file: str  # relative to the project: "templates/chapters/04-samverkan.qmd.j2"
    line: int  # 0 when unknown
    rule: str
    message: str
    severity: str = "error"

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        return f"{where}: {self.severity} [{self.rule}] {self.message}"


@dataclass
class CheckConfig:
    severity: dict[str, str] = field(default_factory=lambda: {k: v[0] for k, v in RULES.items()})
    allowed: list[re.Pattern] = field(default_factory=list)  # numbers that may be typed
    source_names: list[str] = field(default_factory=list)  # canonical names besides the catalogue's
    not_sources: list[str] = field(default_factory=list)  # phrases that look like a source but are not

    def level(self, rule: str) -> str:
        return self.severity.get(rule, "error")


def load_config(path: Path) -> CheckConfig:
    """``templates/check.toml`` (all defaults when the file is missing)."""
    config = CheckConfig()
    if not path.is_file():
        return config
    with path.open("rb") as fh:
        doc = tomllib.load(fh)
    for rule, level in doc.get("severity", {}).items():
        if rule not in RULES:
            raise ValueError(f"{path}: unknown rule {rule!r} in [severity]; rules: {', '.join(RULES)}")
        if level not in SEVERITIES:
            raise ValueError(f"{path}: severity of {rule} must be one of {', '.join(SEVERITIES)}, not {level!r}")
        config.severity[rule] = level
    literal = doc.get("literal", {})
    for pattern in literal.get("allowed", []):
        try:
            config.allowed.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise ValueError(f"{path}: [literal] allowed pattern {pattern!r} is not a regular expression: {exc}") from exc
    sources = doc.get("sources", {})
    config.source_names = list(sources.get("names", []))
    config.not_sources = [s.lower() for s in sources.get("not_sources", [])]
    return config


def suppressed(rule: str, exempt: Iterable[str]) -> bool:
    exempt = set(exempt)
    if "all" in exempt or rule in exempt:
        return True
    return any(rule in ALIASES.get(e, ()) for e in exempt)
