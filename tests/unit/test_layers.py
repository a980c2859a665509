"""The stages import one way: data → analysis → text → figures/tables → compose → render → review,
with cli and pipeline on top. registers/ (register extracts -> a package's indicators.csv) sits
beside analysis: it uses data's catalogue, problem reports, readers and confidence intervals, and
only cli imports it.

Every import counts, also one inside a function: a lazy import still ties the
stages together. A stage may import its own modules and those of the stages
below it; stages on one row (figures, tables) do not import each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "naravard"

# Lowest first. "base" holds the small modules every stage may use (errors, the project's paths, progress).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("base",),
    ("data",),
    ("analysis", "registers"),
    ("text",),
    ("figures", "tables"),
    ("compose",),
    ("render",),
    ("review",),
    # new_edition: next year's package from this year's; clean: a command beside the build
    ("pipeline", "new_edition", "clean"),
    ("preview", "profiles"),  # preview: the build served and rebuilt on a change; profiles: the per-area builds
    ("cli",),
    ("__main__",),  # python -m naravard: the cli
)
# fonts: which characters the report can print (data checks it, render uses it); cache: the build cache (figures, render, pipeline)
BASE_MODULES = {"__init__", "errors", "fonts", "project", "progress", "cache"}
RANK = {stage: i for i, row in enumerate(LAYERS) for stage in row}


def stage_of(module: str) -> str:
    """``naravard.text.phrases`` -> ``text``; ``naravard.errors`` -> ``base``."""
    parts = module.split(".")
    head = parts[1] if len(parts) > 1 else "__init__"
    return "base" if head in BASE_MODULES else head


def module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1] if len(parts) > 1 else parts
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported naravard module) for every import in the file, nested ones too."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # "from naravard.review import check_build" imports the module check_build
            found += [(node.lineno, f"{target}.{a.name}") for a in node.names if is_module(f"{target}.{a.name}")]
    return [(line, t) for line, t in found if t == "naravard" or t.startswith("naravard.")]


def is_module(name: str) -> bool:
    return SRC.parent.joinpath(*name.split(".")).with_suffix(".py").exists()


def allowed(here: str, there: str) -> bool:
    """May a module of stage *here* import one of stage *there*?"""
    return there == here or there == "base" or RANK[there] < RANK[here]


def modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_stage_has_a_place_in_the_layers():
    stages = {stage_of(module_name(p)) for p in modules()}
    assert stages <= set(RANK), f"stages without a layer: {sorted(stages - set(RANK))}; add them to LAYERS"


def violations() -> list[str]:
    out = []
    for path in modules():
        source = module_name(path)
        here = stage_of(source)
        for line, target in imports(path):
            there = stage_of(target)
            if not allowed(here, there):
                out.append(f"{path.relative_to(SRC.parent)}:{line}: {here} imports {target} ({there})")
    return out


def test_stages_import_only_the_stages_below_them():
    assert violations() == []


def test_no_module_cycles():
    graph: dict[str, set[str]] = {}
    for path in modules():
        graph[module_name(path)] = {t for _, t in imports(path) if t != module_name(path)}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        if node in trail:
            cycle = trail[trail.index(node):] + [node]
            if min(cycle[:-1]) == cycle[0]:  # report each cycle once
                cycles.append(" -> ".join(cycle))
            return
        for nxt in sorted(graph.get(node, ())):
            if nxt in graph:
                visit(nxt, trail + [node])

    for start in sorted(graph):
        visit(start, [])
    assert cycles == []


@pytest.mark.parametrize(
    "source,target,ok",
    [
        ("naravard.text.phrases", "naravard.analysis.indicators", True),
        ("naravard.analysis.indicators", "naravard.text.numbers", False),
        ("naravard.figures.draw", "naravard.tables.spec", False),
        ("naravard.registers.statistics", "naravard.data.confidence", True),
        ("naravard.data.package", "naravard.registers.run", False),
        ("naravard.analysis.indicators", "naravard.registers.run", False),
        ("naravard.review.diff", "naravard.pipeline", False),
        ("naravard.cli", "naravard.review.check", True),
    ],
)
def test_the_rule_itself(source, target, ok):
    assert allowed(stage_of(source), stage_of(target)) == ok
