"""Compose: the chapter templates rendered with the results into report/*.qmd."""

from __future__ import annotations

import functools
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pypandoc
import yaml

from naravard.tables.spec import TableSpec
from naravard.compose.context import ReportContext
from naravard.compose.environment import make_environment
from naravard.compose.registry import ComposeError, Registry
from naravard.compose.synthetic import NOTICE, PLACES, SyntheticSummary, notice, summarise
from naravard.data.models import DataPackage, Example
from naravard.figures.spec import FigureSpec
from naravard.project import Project
from naravard.render.book import read_book
from naravard.render.metadata import metadata
from naravard.text.trace import collect


@dataclass
class Composed:
    chapters: dict[str, str]  # chapter path ("report/04-samverkan.qmd") -> markdown
    figures: list[FigureSpec]
    tables: list[TableSpec]
    printed: dict[str, list] = field(default_factory=dict)  # chapter -> [Printed] (values manifest)
    where: dict[str, str] = field(default_factory=dict)  # "figur:key" -> "template:line" that placed it
    cited: list[str] = field(default_factory=list)  # reference ids, in the order of the reference list
    synthetic: SyntheticSummary = field(default_factory=lambda: SyntheticSummary(0, 0))
    unplaced_examples: list[Example] = field(default_factory=list)  # examples no template placed


def template_for(chapter: str) -> str:
    """``report/04-samverkan.qmd`` is made from ``chapters/04-samverkan.qmd.j2``."""
    return f"chapters/{Path(chapter).name}.j2"


def _template_error(exc: Exception, name: str) -> ComposeError:
    """Name the template file and line of a Jinja error."""
    line = getattr(exc, "lineno", None)
    if line is None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".j2"):
                name, line = frame.filename, frame.lineno
                break
    where = f"templates/{name}" if not name.startswith("/") else name
    return ComposeError(f"{where}:{line or '?'}: {type(exc).__name__}: {exc}")


@functools.lru_cache(maxsize=8)
def _environment(templates_dir: Path) -> jinja2.Environment:
    """One environment per templates folder and process, so each template is compiled once
    (Jinja recompiles a template whose file has changed)."""
    return make_environment(templates_dir)


def compose_report(package: DataPackage, project: Project, stage: Path) -> Composed:
    book = read_book(project.quarto_config)
    env = _environment(project.templates_dir.resolve())
    registry = Registry()
    context = ReportContext(package, registry, project.templates_dir)
    variables = context.variables
    report_dir = stage / "report"
    report_dir.mkdir(parents=True, exist_ok=True)

    rendered: dict[str, str] = {}
    printed: dict[str, list] = {}
    for chapter in book.chapters:
        name = template_for(chapter)
        try:
            template = env.get_template(name)
            with collect() as sink:
                rendered[chapter] = template.render(**variables, chapter=Path(chapter).stem)
            printed[chapter] = list(sink)
        except jinja2.TemplateNotFound as exc:
            raise ComposeError(f"_quarto.yml lists {chapter}, but there is no template templates/{exc.name}") from exc
        except ComposeError:
            raise
        except (jinja2.TemplateError, LookupError, ValueError, TypeError, AttributeError) as exc:
            raise _template_error(exc, name) from exc

    cited = cited_in_order(rendered)
    rendered = context.citations.resolve(rendered, pypandoc.get_pandoc_path(), stage)
    synthetic = synthetic_summary(package, printed, registry)
    for where in PLACES:
        rendered = {ch: text.replace(NOTICE.format(where=where), notice(synthetic, where)) for ch, text in rendered.items()}
    out: dict[str, str] = {}
    for chapter, text in rendered.items():
        text = registry.resolve(text, f"templates/{template_for(chapter)}")
        (stage / chapter).parent.mkdir(parents=True, exist_ok=True)
        (stage / chapter).write_text(text, encoding="utf-8")
        out[chapter] = text
    meta = yaml.safe_dump(metadata(package.settings), allow_unicode=True, sort_keys=True)
    (report_dir / "_metadata.yml").write_text(meta, encoding="utf-8")
    return Composed(
        out,
        registry.figures,
        registry.tables,
        printed,
        registry.where,
        cited=cited,
        synthetic=synthetic,
        unplaced_examples=context.examples.unplaced(),
    )


def cited_in_order(chapters: dict[str, str]) -> list[str]:
    from naravard.compose.citations import cited_ids

    return cited_ids(chapters.values())


def synthetic_summary(package: DataPackage, printed: dict[str, list], registry: Registry) -> SyntheticSummary:
    """How many printed values (text, figures, tables) rest on synthetic rows, and which rows."""
    quantities = [p.quantity for ps in printed.values() for p in ps]
    for spec in registry.figures:
        quantities += [*spec.quantities, *spec.printed_quantities]
    for spec in registry.tables:
        quantities += list(spec.quantities)
    rows: set[tuple[str, int]] = set()
    about: dict[tuple[str, int], str] = {}
    for frame, what in ((package.indicators, "indicator"), (package.survey_regions, "question"), (package.survey_municipalities, "question")):
        syn = frame.loc[frame["synthetic"], ["source_file", "source_row", what]]
        for file, row, ident in syn.itertuples(index=False):
            rows.add((file, int(row)))
            about[(file, int(row))] = str(ident)
    for e in package.examples:
        for n in e.numbers:
            if n.synthetic or e.synthetic:
                rows.add((n.source_file, n.source_row))
                about[(n.source_file, n.source_row)] = e.id
    for f in package.facts.values():
        if f.synthetic:
            rows.add((f.source_file, f.source_row))
            about[(f.source_file, f.source_row)] = f.id
    return summarise(quantities, rows, about)
